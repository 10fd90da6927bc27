import type { NumeroKind } from "./numeros-nationaux";

/** Heading of each group of national numbers on the public "besoin d'aide" page. */
export const numeroKindLabels = {
  urgence: "En cas d'urgence",
  ecoute: "Pour parler à quelqu'un\u00a0: lignes d'écoute nationales",
  signalement: "Pour signaler un contenu ou une situation",
} satisfies Record<NumeroKind, string>;

/** The kind of an entry of the referral directory, as a form and the back-office list name it. */
export const numeroGenreLabels = {
  urgence: "Urgence",
  ecoute: "Écoute et conseil",
  signalement: "Signalement",
} satisfies Record<NumeroKind, string>;

/** Who may call a line or a service. */
export const NUMERO_PUBLICS = ["tous", "jeunes", "parents", "professionnels"] as const;
export type NumeroPublic = (typeof NUMERO_PUBLICS)[number];

export const numeroPublicLabels = {
  tous: "Tout le monde",
  jeunes: "Les jeunes",
  parents: "Les parents et les proches",
  professionnels: "Les professionnels",
} satisfies Record<NumeroPublic, string>;

/** « Pour qui » on the public page (null: everyone, nothing to say). */
export const numeroPublicPhrase = {
  tous: null,
  jeunes: "pour les jeunes",
  parents: "pour les parents et les proches",
  professionnels: "pour les professionnels",
} satisfies Record<NumeroPublic, string | null>;

/** Whether the service is free, in the form (`""`: not stated). */
export const GRATUITES = ["oui", "non", ""] as const;
export type Gratuite = (typeof GRATUITES)[number];

export const gratuiteLabels = {
  oui: "Gratuit",
  non: "Payant (prix d'un appel ou plus)",
  "": "Non précisé",
} satisfies Record<Gratuite, string>;
