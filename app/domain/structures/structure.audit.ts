/** How the journal names each audited change of a structure. */
export const structureAuditLabels: Record<string, string> = {
  "structure.creer": "Création d'une structure",
  "structure.modifier": "Modification d'une structure",
  "structure.charte": "Signature de la charte employeur",
};
