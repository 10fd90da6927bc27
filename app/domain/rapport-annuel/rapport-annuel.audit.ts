/** How the journal names each audited action on the annual activity report. */
export const rapportAnnuelAuditLabels: Record<string, string> = {
  "rapport-annuel.preparer": "Préparation du rapport d'activité annuel (introduction, faits marquants)",
  "rapport-annuel.generer": "Génération du rapport d'activité annuel",
};
