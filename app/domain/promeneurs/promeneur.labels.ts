/**
 * Lifecycle of a promeneur (DESIGN §3): proposé → accepté → formé → actif ⇄ suspendu → sorti,
 * and refusé when the coordination declines a proposal. `sorti` and `refuse` are final.
 */
export const PROMENEUR_STATUTS = ["propose", "accepte", "forme", "actif", "suspendu", "sorti", "refuse"] as const;
export type PromeneurStatut = (typeof PROMENEUR_STATUTS)[number];

export const promeneurStatutLabels = {
  propose: "proposé",
  accepte: "accepté",
  forme: "formé",
  actif: "actif",
  suspendu: "suspendu",
  sorti: "sorti",
  refuse: "refusé",
} satisfies Record<PromeneurStatut, string>;

/** A promeneur who has left or was refused: nothing of theirs changes any more. */
export const STATUTS_FINAUX: readonly PromeneurStatut[] = ["sorti", "refuse"];

export function isStatutFinal(statut: string): boolean {
  return (STATUTS_FINAUX as readonly string[]).includes(statut);
}

/** Every change of the lifecycle; each one is checked by promeneur.rules.ts and promeneur.policy.ts. */
export const PROMENEUR_TRANSITIONS = [
  "proposer",
  "accepter",
  "refuser",
  "enregistrer_charte",
  "enregistrer_formation",
  "activer",
  "suspendre",
  "reactiver",
  "enregistrer_sortie",
] as const;
export type PromeneurTransition = (typeof PROMENEUR_TRANSITIONS)[number];

/** Button labels. */
export const promeneurTransitionLabels = {
  proposer: "Proposer",
  accepter: "Accepter",
  refuser: "Refuser",
  enregistrer_charte: "Enregistrer la signature de la charte",
  enregistrer_formation: "Enregistrer la formation initiale",
  activer: "Activer",
  suspendre: "Suspendre",
  reactiver: "Réactiver",
  enregistrer_sortie: "Enregistrer la sortie",
} satisfies Record<PromeneurTransition, string>;

/** Audit action of each transition (`promeneur.<transition>`). */
export type PromeneurAuditAction = `promeneur.${PromeneurTransition}`;

export function promeneurAuditAction(transition: PromeneurTransition): PromeneurAuditAction {
  return `promeneur.${transition}`;
}
