/** Who may be invited to a gathering, as the invitation form groups them. */
export const CANDIDAT_KINDS = ["promeneur", "referent", "copil", "membre"] as const;
export type CandidatKind = (typeof CANDIDAT_KINDS)[number];

export const candidatKindLabels = {
  promeneur: "Promeneurs",
  referent: "Référents des structures",
  copil: "Comité de pilotage (comptes)",
  membre: "Membres du comité",
} satisfies Record<CandidatKind, string>;
