/** A young people's project: carried by one young person or by a group. */
export const PROJET_FORMES = ["individuel", "collectif"] as const;
export type ProjetForme = (typeof PROJET_FORMES)[number];

export const projetFormeLabels = {
  individuel: "Individuel",
  collectif: "Collectif",
} satisfies Record<ProjetForme, string>;

/** Where a project stands, from the first idea to its end. */
export const PROJET_ETATS = ["emergence", "en_cours", "realise", "abandonne"] as const;
export type ProjetEtat = (typeof PROJET_ETATS)[number];

export const projetEtatLabels = {
  emergence: "En émergence",
  en_cours: "En cours",
  realise: "Réalisé",
  abandonne: "Abandonné",
} satisfies Record<ProjetEtat, string>;

export function isProjetEtat(value: string): value is ProjetEtat {
  return (PROJET_ETATS as readonly string[]).includes(value);
}
