/** How the journal names each audited change to the referral directory. */
export const numeroAuditLabels: Record<string, string> = {
  "numero.creer": "Ajout d'un numéro d'aide",
  "numero.modifier": "Modification d'un numéro d'aide",
  "numero.verifier": "Vérification d'un numéro d'aide",
  "numero.desactiver": "Désactivation d'un numéro d'aide",
  "numero.reactiver": "Réactivation d'un numéro d'aide",
};
