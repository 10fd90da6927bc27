export const ROLES = ["national", "coordinateur", "copil", "referent", "promeneur", "evaluateur"] as const;
export type RoleCode = (typeof ROLES)[number];

export const roleLabels = {
  national: "Pilotage national",
  coordinateur: "Coordination départementale",
  copil: "Comité de pilotage",
  referent: "Référent de structure",
  promeneur: "Promeneur du Net",
  evaluateur: "Membre d'une commission de sélection",
} satisfies Record<RoleCode, string>;

/** Where each role lands after sign-in; the first role in ROLES order wins. */
export const roleHomes = {
  national: "/espace/national",
  coordinateur: "/espace/coordination",
  copil: "/espace/pilotage",
  referent: "/espace/structure",
  promeneur: "/espace/promeneur",
  evaluateur: "/espace/evaluations",
} satisfies Record<RoleCode, string>;

export function isRoleCode(value: unknown): value is RoleCode {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
