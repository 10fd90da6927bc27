/** Who an announcement goes to. */
export const AUDIENCES = ["promeneurs", "referents", "tous"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const audienceLabels = {
  promeneurs: "Les promeneurs",
  referents: "Les référents de structure",
  tous: "Les promeneurs et les référents",
} satisfies Record<Audience, string>;

/** Roles an announcement is sent to, for each audience. */
export const audienceRoles = {
  promeneurs: ["promeneur"],
  referents: ["referent"],
  tous: ["promeneur", "referent"],
} as const satisfies Record<Audience, readonly ("promeneur" | "referent")[]>;

/** « lue par 5 sur 12 », « lue par 1 sur 1 », « envoyée à personne ». */
export function lectureLabel(lues: number, destinataires: number): string {
  if (destinataires === 0) return "envoyée à personne";
  return `lue par ${lues} sur ${destinataires}`;
}
