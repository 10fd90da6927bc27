/** How the journal names an import of the network. */
export const importAuditLabels: Record<string, string> = {
  "reseau.importer": "Import du réseau (structures et promeneurs) depuis un fichier CSV",
};
