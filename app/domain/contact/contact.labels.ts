/** Who writes through the public contact form. */
export const QUALITES = ["parent", "jeune", "professionnel", "partenaire", "autre"] as const;
export type Qualite = (typeof QUALITES)[number];

export const qualiteLabels = {
  parent: "Parent ou proche d'un jeune",
  jeune: "Jeune",
  professionnel: "Professionnel (jeunesse, social, éducation, santé…)",
  partenaire: "Partenaire, institution ou collectivité",
  autre: "Autre",
} satisfies Record<Qualite, string>;

export function qualiteLabel(code: string): string {
  return (qualiteLabels as Record<string, string>)[code] ?? code;
}

/** Shown after a message is sent (and to robots caught by the hidden field). */
export const CONFIRMATION_ENVOI = "Votre message a bien été envoyé à la coordination.";
/** Answered (429) when one connection sent too many messages lately. */
export const MESSAGE_LIMITE =
  "Trop de messages envoyés depuis cette connexion. Votre message n'a pas été envoyé\u00a0: réessayez dans quelques minutes.";
