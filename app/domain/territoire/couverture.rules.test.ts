import { describe, expect, it } from "vitest";
import { classeCouverture, resumeCouverture } from "./couverture.rules";

describe("classes de couverture", () => {
  it("range les communes en 0, 1, 2–3 et 4 promeneurs ou plus", () => {
    expect([0, 1, 2, 3, 4, 5, 12].map(classeCouverture)).toEqual([
      "aucun",
      "un",
      "deux_trois",
      "deux_trois",
      "quatre_plus",
      "quatre_plus",
      "quatre_plus",
    ]);
  });
});

describe("résumé de la couverture", () => {
  it("compte les communes couvertes et la part de la population qui y vit, arrondie à l'entier inférieur", () => {
    const resume = resumeCouverture([
      { population: 1000, promeneurs: 0 },
      { population: 1999, promeneurs: 1 },
      { population: 1, promeneurs: 4 },
    ]);
    expect(resume).toEqual({
      communes: 3,
      couvertes: 2,
      population: 3000,
      populationCouverte: 2000,
      pourcentPopulation: 66,
      parClasse: { aucun: 1, un: 1, deux_trois: 0, quatre_plus: 1 },
    });
  });

  it("ne dit jamais 100 % tant qu'un habitant vit dans une commune non couverte", () => {
    expect(
      resumeCouverture([
        { population: 9999, promeneurs: 2 },
        { population: 1, promeneurs: 0 },
      ]).pourcentPopulation,
    ).toBe(99);
  });

  it("donne 0 % pour un territoire sans habitant connu", () => {
    expect(resumeCouverture([]).pourcentPopulation).toBe(0);
  });
});
