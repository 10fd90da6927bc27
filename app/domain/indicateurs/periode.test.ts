import { describe, expect, it } from "vitest";
import {
  champsPeriode,
  lirePeriode,
  lirePeriodeEtErreurs,
  moisDeLaPeriode,
  periodeAnnee,
  periodePrecedente,
} from "./periode";

const j = (annee: number, mois: number, jour: number) => ({ annee, mois, jour });
// 30 November 2026, 11:00 Paris.
const MAINTENANT = new Date("2026-11-30T10:00:00Z");
const lire = (query: string) => lirePeriode(new URLSearchParams(query), MAINTENANT);
const lireAvecErreurs = (query: string) => lirePeriodeEtErreurs(new URLSearchParams(query), MAINTENANT);

describe("lirePeriode", () => {
  it("defaults to the current calendar year (Paris), without error", () => {
    expect(lireAvecErreurs("")).toEqual({
      periode: { nature: "annee", du: j(2026, 1, 1), au: j(2026, 12, 31), libelle: "Année 2026" },
      erreurs: {},
    });
    // 31 December 23:30 UTC is already 1 January in Paris.
    expect(lirePeriode(new URLSearchParams(), new Date("2025-12-31T23:30:00Z")).libelle).toBe("Année 2026");
  });

  it("reads a month, a quarter, a year, the convention and custom days, with French labels", () => {
    expect(lire("periode=mois&annee=2026&mois=3")).toEqual({
      nature: "mois",
      du: j(2026, 3, 1),
      au: j(2026, 3, 31),
      libelle: "Mars 2026",
    });
    expect(lire("periode=mois&annee=2024&mois=2").au).toEqual(j(2024, 2, 29));
    expect(lire("periode=trimestre&annee=2026&trimestre=2")).toEqual({
      nature: "trimestre",
      du: j(2026, 4, 1),
      au: j(2026, 6, 30),
      libelle: "2e trimestre 2026",
    });
    expect(lire("periode=trimestre&annee=2026&trimestre=1").libelle).toBe("1er trimestre 2026");
    expect(lire("periode=annee&annee=2025")).toEqual(periodeAnnee(2025));
    expect(lire("periode=convention")).toEqual({
      nature: "convention",
      du: j(2025, 1, 1),
      au: j(2026, 12, 31),
      libelle: "Convention 2025–2026",
    });
    expect(lire("periode=libre&du=2026-03-03&au=2026-04-12")).toEqual({
      nature: "libre",
      du: j(2026, 3, 3),
      au: j(2026, 4, 12),
      libelle: "Du 3 mars au 12 avril 2026",
    });
    expect(lire("periode=libre&du=01/03/2026&au=12/03/2026").libelle).toBe("Du 1er au 12 mars 2026");
    expect(lire("periode=libre&du=2025-12-20&au=2026-01-05").libelle).toBe("Du 20 décembre 2025 au 5 janvier 2026");
    expect(lire("periode=libre&du=2026-03-03&au=2026-03-03").libelle).toBe("Le 3 mars 2026");
  });

  it("guesses the kind from the fields when `periode` is absent, and fills a missing month with the current one", () => {
    expect(lire("du=2026-01-10&au=2026-02-10").nature).toBe("libre");
    expect(lire("annee=2025&mois=7").libelle).toBe("Juillet 2025");
    expect(lire("annee=2025&trimestre=4").libelle).toBe("4e trimestre 2025");
    expect(lire("periode=mois").libelle).toBe("Novembre 2026");
    expect(lire("periode=trimestre&annee=2025").libelle).toBe("4e trimestre 2025");
  });

  it("falls back to the current year on bad input, naming the invalid field, never throwing", () => {
    const defaut = periodeAnnee(2026);
    const cas: Array<[string, string]> = [
      ["periode=semaine", "periode"],
      ["periode=mois&annee=2026&mois=13", "mois"],
      ["periode=mois&annee=abc&mois=3", "annee"],
      ["periode=annee&annee=1850", "annee"],
      ["periode=trimestre&annee=2026&trimestre=5", "trimestre"],
      ["periode=libre&du=2026-02-30&au=2026-03-10", "du"],
      ["periode=libre&du=2026-03-01", "au"],
      ["periode=libre&du=2026-03-10&au=2026-03-01", "au"],
      ["periode=libre&du=2020-01-01&au=2025-01-01", "au"],
    ];
    for (const [query, champ] of cas) {
      const lu = lireAvecErreurs(query);
      expect(lu.periode, query).toEqual(defaut);
      expect(Object.keys(lu.erreurs), query).toEqual([champ]);
    }
    expect(lireAvecErreurs("periode=libre&du=2026-03-10&au=2026-03-01").erreurs.au).toBe(
      "La date de fin doit être postérieure ou égale à la date de début.",
    );
    // Exactly five years is accepted.
    expect(lireAvecErreurs("periode=libre&du=2020-01-01&au=2024-12-31").erreurs).toEqual({});
  });
});

describe("periodePrecedente", () => {
  it("is the previous month, quarter, year, convention, or as many days just before", () => {
    expect(periodePrecedente(lire("periode=mois&annee=2026&mois=1")).libelle).toBe("Décembre 2025");
    expect(periodePrecedente(lire("periode=mois&annee=2026&mois=3"))).toMatchObject({
      du: j(2026, 2, 1),
      au: j(2026, 2, 28),
      libelle: "Février 2026",
    });
    expect(periodePrecedente(lire("periode=trimestre&annee=2026&trimestre=1"))).toMatchObject({
      nature: "trimestre",
      du: j(2025, 10, 1),
      au: j(2025, 12, 31),
      libelle: "4e trimestre 2025",
    });
    expect(periodePrecedente(periodeAnnee(2025))).toEqual(periodeAnnee(2024));
    expect(periodePrecedente(lire("periode=convention"))).toEqual({
      nature: "convention",
      du: j(2023, 1, 1),
      au: j(2024, 12, 31),
      libelle: "Convention 2023–2024",
    });
    // 3 March – 12 April 2026: 41 days; the 41 days before end on 2 March.
    expect(periodePrecedente(lire("periode=libre&du=2026-03-03&au=2026-04-12"))).toEqual({
      nature: "libre",
      du: j(2026, 1, 21),
      au: j(2026, 3, 2),
      libelle: "Du 21 janvier au 2 mars 2026",
    });
  });
});

describe("moisDeLaPeriode and champsPeriode", () => {
  it("lists every month the period touches", () => {
    expect(moisDeLaPeriode(lire("periode=libre&du=2025-11-20&au=2026-02-03"))).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(moisDeLaPeriode(periodeAnnee(2025))).toHaveLength(12);
    expect(moisDeLaPeriode(lire("periode=convention"))).toHaveLength(24);
  });

  it("gives back the form's values, which read as the same period", () => {
    for (const query of [
      "periode=mois&annee=2026&mois=3",
      "periode=trimestre&annee=2025&trimestre=3",
      "periode=annee&annee=2024",
      "periode=convention",
      "periode=libre&du=2026-03-03&au=2026-04-12",
    ]) {
      const p = lire(query);
      expect(lire(new URLSearchParams(champsPeriode(p)).toString()), query).toEqual(p);
    }
    expect(champsPeriode(lire("periode=trimestre&annee=2025&trimestre=3"))).toEqual({
      periode: "trimestre",
      annee: "2025",
      mois: "7",
      trimestre: "3",
      du: "2025-07-01",
      au: "2025-09-30",
    });
  });
});
