/** How the journal names each audited change of presence hours or of a promeneur's public record. */
export const presenceAuditLabels: Record<string, string> = {
  "presence.modifier": "Modification des horaires de présence",
  "promeneur.fiche.modifier": "Modification de la fiche publique d'un promeneur",
  "promeneur.modifier": "Modification des informations d'un promeneur",
  "promeneur.territoire": "Modification du territoire d'intervention d'un promeneur",
};
