/** How the journal names each audited change to the attendance of a gathering and to indicator 6. */
export const presenceRegroupementAuditLabels: Record<string, string> = {
  "regroupement.presence.noter": "Présences notées à un regroupement",
  "participation.seuil.changer": "Changement du seuil de participation aux regroupements",
};
