/** How the journal names each audited change to the resources. */
export const ressourceAuditLabels: Record<string, string> = {
  "ressource.creer": "Ajout d'une ressource",
  "ressource.modifier": "Modification d'une ressource",
  "ressource.masquer": "Ressource masquée",
  "ressource.afficher": "Ressource remise en ligne",
  "ressource.supprimer": "Suppression d'une ressource",
};
