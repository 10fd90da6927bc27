/** Audit labels of the coordination's writes on calls for applications and on their applications. */
export const appelAuditLabels: Record<string, string> = {
  "appel.creer": "Appel à candidatures créé",
  "appel.modifier": "Appel à candidatures modifié",
  "appel.publier": "Appel à candidatures publié",
  "appel.depublier": "Appel à candidatures retiré du site public",
  "candidature.instruire": "Recevabilité d'une candidature vérifiée",
  "candidature.evaluateur.attribuer": "Évaluateur attribué à une candidature",
  "candidature.evaluateur.retirer": "Évaluateur retiré d'une candidature",
  "candidature.decider": "Décision prise sur une candidature et envoyée au candidat",
  "demo.appels": "Chargement des appels à candidatures de la démonstration",
};
