/**
 * List E (DESIGN §4): the themes of young people's requests. A promeneur shows on the public site the
 * themes they work on; monthly reports count requests by the same codes. Ordered as in DESIGN.
 */
export const THEMES = [
  "bien_etre",
  "sante",
  "vie_affective",
  "addictions",
  "logement",
  "scolarite",
  "formation_emploi",
  "projets",
  "loisirs",
  "famille",
  "droits",
  "risques_numeriques",
  "mobilite",
  "autre",
] as const;
export type Theme = (typeof THEMES)[number];

export const themeLabels = {
  bien_etre: "Bien-être, santé psychique",
  sante: "Santé",
  vie_affective: "Vie affective et sexualité",
  addictions: "Addictions",
  logement: "Logement",
  scolarite: "Scolarité et études",
  formation_emploi: "Formation et emploi",
  projets: "Projets individuels ou collectifs",
  loisirs: "Loisirs, culture, sport",
  famille: "Famille et relations",
  droits: "Droits et accès aux services",
  risques_numeriques: "Risques numériques et cyberharcèlement",
  mobilite: "Mobilité",
  autre: "Autre",
} satisfies Record<Theme, string>;

export function isTheme(value: string): value is Theme {
  return (THEMES as readonly string[]).includes(value);
}
