/** Audit labels of the budget: its lines, its submission, the subsidy's payments and prorating. */
export const budgetAuditLabels: Record<string, string> = {
  "budget.ouvrir": "Ouverture d'un budget annuel",
  "budget.modifier": "Modification d'un budget (montants, commentaires, temps de coordination)",
  "budget.ligne.ajouter": "Ligne ajoutée à un budget",
  "budget.ligne.supprimer": "Ligne retirée d'un budget",
  "budget.soumettre": "Budget soumis",
  "budget.rouvrir": "Budget remis en brouillon",
  "budget.versement.ajouter": "Versement de la subvention enregistré",
  "budget.versement.supprimer": "Versement de la subvention supprimé",
  "budget.rapports_recus": "Réception des rapports d'activité et financier",
  "budget.proratisation.confirmer": "Proratisation de la subvention confirmée",
  "budget.proratisation.annuler": "Proratisation de la subvention annulée",
  "budget.justificatif.ajouter": "Justificatif ajouté à une ligne de budget",
  "budget.justificatif.supprimer": "Justificatif retiré d'une ligne de budget",
};
