/** How the journal names each audited change of the public site's content. */
export const contenuAuditLabels: Record<string, string> = {
  "actualite.creer": "Création d'une actualité",
  "actualite.modifier": "Modification d'une actualité",
  "actualite.supprimer": "Suppression d'une actualité",
  "media.ajouter": "Ajout d'une image au site",
  "page.creer": "Création d'une page du site",
  "page.modifier": "Modification d'une page du site",
};
