/** How the journal names each audited change to the coordination's communication actions. */
export const communicationAuditLabels: Record<string, string> = {
  "communication.creer": "Ajout d'une action de communication",
  "communication.modifier": "Modification d'une action de communication",
  "communication.supprimer": "Suppression d'une action de communication",
};
