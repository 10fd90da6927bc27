/** How the journal names each audited action on gatherings, invitations and answers. */
export const regroupementAuditLabels: Record<string, string> = {
  "regroupement.creer": "Création d'un regroupement",
  "regroupement.modifier": "Modification d'un regroupement",
  "regroupement.annuler": "Annulation d'un regroupement",
  "regroupement.inviter": "Invitations à un regroupement",
  "regroupement.repondre": "Réponse à une invitation à un regroupement",
};
