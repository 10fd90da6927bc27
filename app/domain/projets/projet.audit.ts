/** How the journal names each audited change to a young people's project. */
export const projetAuditLabels: Record<string, string> = {
  "projet.creer": "Ajout d'un projet de jeunes",
  "projet.modifier": "Modification d'un projet de jeunes",
};
