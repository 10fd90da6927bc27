import type { JourSemaine } from "./presence.rules";

/** French day names, lower case as they appear in running text ("le mardi de 18 h 00 à 19 h 00"). */
export const jourLabels = {
  1: "lundi",
  2: "mardi",
  3: "mercredi",
  4: "jeudi",
  5: "vendredi",
  6: "samedi",
  7: "dimanche",
} satisfies Record<JourSemaine, string>;
