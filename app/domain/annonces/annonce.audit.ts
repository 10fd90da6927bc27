/** How the journal names each audited announcement. */
export const annonceAuditLabels: Record<string, string> = {
  "annonce.publier": "Envoi d'une annonce au réseau",
};
