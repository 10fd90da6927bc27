/** How the journal names each audited change to a monthly report (its promeneur's and the coordination's). */
export const rapportAuditLabels: Record<string, string> = {
  "rapport.enregistrer": "Enregistrement d'un bilan mensuel en brouillon",
  "rapport.soumettre": "Soumission d'un bilan mensuel à la coordination",
  "rapport.renvoyer": "Renvoi d'un bilan mensuel pour correction",
  "rapport.valider": "Validation d'un bilan mensuel",
  "rapport.rouvrir": "Réouverture d'un bilan mensuel validé",
  "rapport.exporter": "Export des bilans mensuels",
};
