/**
 * Who writes through the public contact form. Never a young person: nothing on the platform may
 * identify one (DESIGN), so the form sends them to the directory and to the help page instead.
 */
export const QUALITES = ["parent", "professionnel", "partenaire", "autre"] as const;
export type Qualite = (typeof QUALITES)[number];

export const qualiteLabels = {
  parent: "Parent ou proche d'un jeune",
  professionnel: "Professionnel (jeunesse, social, éducation, santé…)",
  partenaire: "Partenaire, institution ou collectivité",
  autre: "Autre",
} satisfies Record<Qualite, string>;

/** Messages received before « Jeune » left the form keep a readable label until they are deleted. */
const anciennesQualites: Record<string, string> = { jeune: "Jeune" };

export function qualiteLabel(code: string): string {
  return (qualiteLabels as Record<string, string>)[code] ?? anciennesQualites[code] ?? code;
}

/** Shown after a message is sent (and to robots caught by the hidden field). */
export const CONFIRMATION_ENVOI = "Votre message a bien été envoyé à la coordination.";
/** Answered (429) when one connection sent too many messages lately. */
export const MESSAGE_LIMITE =
  "Trop de messages envoyés depuis cette connexion. Votre message n'a pas été envoyé\u00a0: réessayez dans quelques minutes.";
