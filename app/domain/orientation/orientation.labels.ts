import type { NumeroKind } from "./numeros-nationaux";

/** Heading of each group of national numbers on the public "besoin d'aide" page. */
export const numeroKindLabels = {
  urgence: "En cas d'urgence",
  ecoute: "Pour parler à quelqu'un\u00a0: lignes d'écoute nationales",
  signalement: "Pour signaler un contenu ou une situation",
} satisfies Record<NumeroKind, string>;
