/** How the journal names each audited change of a social profile or of the conformity settings. */
export const profilAuditLabels: Record<string, string> = {
  "profil.ajouter": "Ajout d'un profil sur un réseau social",
  "profil.modifier": "Modification d'un profil sur un réseau social",
  "profil.supprimer": "Suppression d'un profil sur un réseau social",
  "profil.verifier": "Vérification de conformité d'un profil",
  "conformite.reglages": "Modification de la liste de contrôle ou du délai de vérification",
};
