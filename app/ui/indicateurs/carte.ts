/**
 * The coverage map of indicator 9: a commune's class by the number of active promeneurs covering it.
 * The classes never tell 1 from 2 (« 1 ou 2 » is what the aggregate view shows as « < 3 »), so the
 * map reads the same in both views. Pure (the loader colours, the component draws the legend).
 */
export const CLASSES_CARTE = ["aucun", "moins_de_3", "trois_a_cinq", "six_plus"] as const;
export type ClasseCarte = (typeof CLASSES_CARTE)[number];

export const classeCarteLabels = {
  aucun: "Aucun promeneur actif",
  moins_de_3: "1 ou 2 promeneurs actifs (\u00ab\u00a0<\u00a03\u00a0\u00bb)",
  trois_a_cinq: "3 à 5 promeneurs actifs",
  six_plus: "6 promeneurs actifs ou plus",
} satisfies Record<ClasseCarte, string>;

/** Light to dark, readable in grey too. */
export const classeCarteFills = {
  aucun: "#f1f5f9",
  moins_de_3: "#a9cce3",
  trois_a_cinq: "#3f88b8",
  six_plus: "#0b3b5c",
} satisfies Record<ClasseCarte, string>;

/** `null` is a withheld count (1 or 2). */
export function classeCarte(promeneurs: number | null): ClasseCarte {
  if (promeneurs === null) return "moins_de_3";
  if (promeneurs <= 0) return "aucun";
  if (promeneurs < 3) return "moins_de_3";
  if (promeneurs <= 5) return "trois_a_cinq";
  return "six_plus";
}
