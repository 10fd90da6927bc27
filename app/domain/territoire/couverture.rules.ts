/**
 * Coverage of a commune by the public promeneurs (the coverage map, issue 4): how many public
 * promeneurs have it in their intervention territory, directly or through its EPCI. Pure.
 */

export const CLASSES_COUVERTURE = ["aucun", "un", "deux_trois", "quatre_plus"] as const;
export type ClasseCouverture = (typeof CLASSES_COUVERTURE)[number];

export const classeCouvertureLabels = {
  aucun: "Aucun promeneur",
  un: "1 promeneur",
  deux_trois: "2 ou 3 promeneurs",
  quatre_plus: "4 promeneurs ou plus",
} satisfies Record<ClasseCouverture, string>;

/** The class of a commune covered by `n` public promeneurs: 0, 1, 2–3, 4 and more. */
export function classeCouverture(n: number): ClasseCouverture {
  if (n <= 0) return "aucun";
  if (n === 1) return "un";
  if (n <= 3) return "deux_trois";
  return "quatre_plus";
}

export type CommuneCouverte = { population: number; promeneurs: number };

export type ResumeCouverture = {
  communes: number;
  couvertes: number;
  population: number;
  populationCouverte: number;
  /** Share of the population living in a covered commune, in whole percent (rounded down). */
  pourcentPopulation: number;
  parClasse: Record<ClasseCouverture, number>;
};

/** « X communes sur Y couvertes, Z % de la population ». */
export function resumeCouverture(communes: readonly CommuneCouverte[]): ResumeCouverture {
  const parClasse = { aucun: 0, un: 0, deux_trois: 0, quatre_plus: 0 } satisfies Record<ClasseCouverture, number>;
  let couvertes = 0;
  let population = 0;
  let populationCouverte = 0;
  for (const c of communes) {
    parClasse[classeCouverture(c.promeneurs)] += 1;
    population += c.population;
    if (c.promeneurs > 0) {
      couvertes += 1;
      populationCouverte += c.population;
    }
  }
  // Rounded down: "100 %" only when every inhabitant lives in a covered commune.
  const pourcentPopulation = population === 0 ? 0 : Math.floor((populationCouverte * 100) / population);
  return { communes: communes.length, couvertes, population, populationCouverte, pourcentPopulation, parClasse };
}
