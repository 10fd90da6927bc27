/** Codes and labels of a situation of concern (DESIGN §3, lists G and H). */

/** List G: situation categories. */
export const SITUATION_CATEGORIES = [
  "detresse_psychologique",
  "harcelement",
  "violences",
  "emprise",
  "addiction",
  "conduites_a_risque_en_ligne",
  "rupture",
  "precarite",
  "autre",
] as const;
export type SituationCategorie = (typeof SITUATION_CATEGORIES)[number];

export const situationCategorieLabels = {
  detresse_psychologique: "Détresse psychologique ou idées suicidaires",
  harcelement: "Harcèlement, cyberharcèlement",
  violences: "Violences (familiales, sexuelles…)",
  emprise: "Emprise, influence sectaire ou radicale",
  addiction: "Addiction",
  conduites_a_risque_en_ligne: "Conduites à risque en ligne",
  rupture: "Rupture familiale ou scolaire",
  precarite: "Précarité, logement",
  autre: "Autre situation",
} satisfies Record<SituationCategorie, string>;

/** List H: actions taken. */
export const SITUATION_ACTIONS = [
  "ecoute_conseil",
  "orientation",
  "information_coordination",
  "information_preoccupante",
  "signalement_pharos",
  "appel_urgences",
  "autre",
] as const;
export type SituationAction = (typeof SITUATION_ACTIONS)[number];

export const situationActionLabels = {
  ecoute_conseil: "Écoute et conseil",
  orientation: "Orientation vers un professionnel ou un service",
  information_coordination: "Information à la coordination",
  information_preoccupante: "Information préoccupante à la CRIP du Département",
  signalement_pharos: "Signalement sur Pharos",
  appel_urgences: "Appel aux services d'urgence",
  autre: "Autre action",
} satisfies Record<SituationAction, string>;

/** Follow-up of a situation. */
export const SITUATION_SUIVIS = ["a_suivre", "en_cours", "close"] as const;
export type SituationSuivi = (typeof SITUATION_SUIVIS)[number];

export const situationSuiviLabels = {
  a_suivre: "À suivre",
  en_cours: "Suivi en cours",
  close: "Close",
} satisfies Record<SituationSuivi, string>;
