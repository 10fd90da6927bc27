/** Audit labels of the governance: committees, members, decisions, and gatherings' documents and minutes. */
export const comiteAuditLabels: Record<string, string> = {
  "comite.creer": "Création d'un comité",
  "comite.membre.ajouter": "Ajout d'un membre à un comité",
  "comite.membre.modifier": "Modification d'un membre d'un comité",
  "comite.membre.desactiver": "Retrait d'un membre d'un comité",
  "comite.membre.reactiver": "Retour d'un membre dans un comité",
  "decision.creer": "Décision d'un comité enregistrée",
  "decision.suivre": "Suivi d'une décision d'un comité",
  "regroupement.document.ajouter": "Document ajouté à un regroupement",
  "regroupement.document.supprimer": "Document d'un regroupement supprimé",
  "regroupement.compte_rendu.modifier": "Compte rendu d'un regroupement modifié",
};
