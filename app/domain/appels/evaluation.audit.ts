/** Audit labels of the reviewers' scores of applications (calls for applications). */
export const evaluationAuditLabels: Record<string, string> = {
  "evaluation.enregistrer": "Brouillon d'évaluation d'une candidature enregistré",
  "evaluation.soumettre": "Évaluation d'une candidature soumise",
};
