/** Audit labels of the applicants' writes of their applications (calls for applications). */
export const candidatureAuditLabels: Record<string, string> = {
  "candidature.creer": "Candidature ouverte en brouillon par un candidat",
  "candidature.enregistrer": "Brouillon de candidature enregistré par le candidat",
  "candidature.deposer": "Candidature déposée par le candidat",
  "candidature.piece.ajouter": "Document joint à une candidature",
  "candidature.piece.remplacer": "Document d'une candidature remplacé",
  "candidature.piece.retirer": "Document retiré d'une candidature",
};
