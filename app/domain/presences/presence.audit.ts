/** How the journal names each audited change of presence hours (a promeneur's own changes: promeneur.audit.ts). */
export const presenceAuditLabels: Record<string, string> = {
  "presence.modifier": "Modification des horaires de présence",
};
