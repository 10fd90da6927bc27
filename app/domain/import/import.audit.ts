/** How the journal names an import or export of the network. */
export const importAuditLabels: Record<string, string> = {
  "reseau.importer": "Import du réseau (structures et promeneurs) depuis un fichier CSV",
  "reseau.exporter": "Export du réseau (structures ou promeneurs) en CSV ou XLSX",
};
