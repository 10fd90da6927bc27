/** How the journal names an import or export of the network, and each record an import creates. */
export const importAuditLabels: Record<string, string> = {
  "reseau.importer": "Import du réseau (structures et promeneurs) depuis un fichier CSV",
  "reseau.exporter": "Export du réseau (structures ou promeneurs) en CSV ou XLSX",
  "structure.importer": "Création d'une structure par import d'un fichier CSV",
  "promeneur.importer": "Création d'un promeneur par import d'un fichier CSV",
};
