/** How the journal names each audited change of a private calendar feed address. */
export const calendrierAuditLabels: Record<string, string> = {
  "calendrier.creer": "Création d'une adresse d'agenda personnel",
  "calendrier.revoquer": "Révocation d'une adresse d'agenda personnel",
};
