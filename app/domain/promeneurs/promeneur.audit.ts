import type { PromeneurAuditAction } from "./promeneur.labels";

/** How the journal names each audited transition of a promeneur's lifecycle. */
const transitionAuditLabels = {
  "promeneur.proposer": "Proposition d'un promeneur",
  "promeneur.accepter": "Acceptation d'une proposition de promeneur",
  "promeneur.refuser": "Refus d'une proposition de promeneur",
  "promeneur.enregistrer_charte": "Signature de la charte par un promeneur",
  "promeneur.enregistrer_formation": "Formation initiale d'un promeneur",
  "promeneur.activer": "Activation d'un promeneur",
  "promeneur.suspendre": "Suspension d'un promeneur",
  "promeneur.reactiver": "Réactivation d'un promeneur",
  "promeneur.enregistrer_sortie": "Sortie d'un promeneur",
} satisfies Record<PromeneurAuditAction, string>;

/** How the journal names each audited change of a promeneur: lifecycle, internal data, territory, public record. */
export const promeneurAuditLabels: Record<string, string> = {
  ...transitionAuditLabels,
  "promeneur.modifier": "Modification des informations d'un promeneur",
  "promeneur.territoire": "Modification du territoire d'intervention d'un promeneur",
  "promeneur.fiche.modifier": "Modification de la fiche publique d'un promeneur",
};
