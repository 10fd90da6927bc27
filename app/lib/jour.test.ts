import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ajouterJours,
  ajouterMois,
  comparerJours,
  debutJourParis,
  ecartJours,
  formatJourIso,
  instantParis,
  jourIso,
  jourParis,
  jourSemaine,
  parseJourIso,
} from "./jour";

const j = (annee: number, mois: number, jour: number) => ({ annee, mois, jour });

describe("jourParis et jourIso", () => {
  it("prend le jour de Paris, pas celui d'UTC, en hiver et en été", () => {
    expect(jourParis(new Date("2024-03-14T23:30:00Z"))).toEqual(j(2024, 3, 15));
    expect(jourParis(new Date("2024-07-14T22:30:00Z"))).toEqual(j(2024, 7, 15));
    expect(jourParis(new Date("2024-07-14T21:59:59Z"))).toEqual(j(2024, 7, 14));
    expect(jourIso(new Date("2025-07-14T23:30:00Z"))).toBe("2025-07-15");
    expect(jourIso(new Date("2025-12-31T22:59:00Z"))).toBe("2025-12-31");
    expect(jourIso(new Date("2025-12-31T23:00:00Z"))).toBe("2026-01-01");
  });

  it("change de jour à minuit de Paris les jours de changement d'heure", () => {
    // 30 mars 2025 : 23 heures ; minuit suivant = 22:00 UTC (heure d'été).
    expect(jourIso(new Date("2025-03-29T22:59:59Z"))).toBe("2025-03-29");
    expect(jourIso(new Date("2025-03-29T23:00:00Z"))).toBe("2025-03-30");
    expect(jourIso(new Date("2025-03-30T21:59:59Z"))).toBe("2025-03-30");
    expect(jourIso(new Date("2025-03-30T22:00:00Z"))).toBe("2025-03-31");
    // 26 octobre 2025 : 25 heures ; minuit suivant = 23:00 UTC (heure d'hiver).
    expect(jourIso(new Date("2025-10-25T22:00:00Z"))).toBe("2025-10-26");
    expect(jourIso(new Date("2025-10-26T22:59:59Z"))).toBe("2025-10-26");
    expect(jourIso(new Date("2025-10-26T23:00:00Z"))).toBe("2025-10-27");
  });

  it("refuse une date invalide", () => {
    expect(() => jourParis(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("parseJourIso", () => {
  it("lit un jour au format de l'<input type=date> et à la française", () => {
    expect(parseJourIso("2024-02-29")).toEqual(j(2024, 2, 29));
    expect(parseJourIso(" 2025-03-05 ")).toEqual(j(2025, 3, 5));
    expect(parseJourIso("05/03/2025")).toEqual(j(2025, 3, 5));
    expect(parseJourIso("5/3/2025")).toEqual(j(2025, 3, 5));
    expect(parseJourIso("31/12/2025")).toEqual(j(2025, 12, 31));
  });

  it("refuse un jour qui n'existe pas", () => {
    for (const texte of [
      "2025-02-29",
      "29/02/2025",
      "2025-04-31",
      "31/04/2025",
      "2025-13-01",
      "2025-00-10",
      "00/01/2025",
    ]) {
      expect(parseJourIso(texte), texte).toBeNull();
    }
    expect(parseJourIso("1900-02-29")).toBeNull();
    expect(parseJourIso("2000-02-29")).toEqual(j(2000, 2, 29));
  });

  it("refuse les autres formes et les années avant 1900", () => {
    for (const texte of [
      "",
      "2025-3-5",
      "2025/03/05",
      "05/03/25",
      "05-03-2025",
      "2025-03-05T10:00",
      "hier",
      "1899-12-31",
    ]) {
      expect(parseJourIso(texte), texte).toBeNull();
    }
  });

  it("relit ce que formatJourIso écrit", async () => {
    await fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-02T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true }),
        (d) => {
          const jour = jourParis(d);
          expect(parseJourIso(formatJourIso(jour))).toEqual(jour);
        },
      ),
    );
  });
});

describe("ajouterJours et comparerJours", () => {
  it("passe les fins de mois et d'année, en avant et en arrière", () => {
    expect(ajouterJours(j(2024, 12, 31), 1)).toEqual(j(2025, 1, 1));
    expect(ajouterJours(j(2024, 2, 28), 1)).toEqual(j(2024, 2, 29));
    expect(ajouterJours(j(2025, 2, 28), 1)).toEqual(j(2025, 3, 1));
    expect(ajouterJours(j(2025, 3, 1), -1)).toEqual(j(2025, 2, 28));
    expect(ajouterJours(j(2025, 1, 1), -1)).toEqual(j(2024, 12, 31));
    expect(ajouterJours(j(2025, 6, 2), 30)).toEqual(j(2025, 7, 2));
  });

  it("compte un jour par jour à travers les changements d'heure", () => {
    expect(ajouterJours(j(2025, 3, 29), 1)).toEqual(j(2025, 3, 30));
    expect(ajouterJours(j(2025, 3, 30), 1)).toEqual(j(2025, 3, 31));
    expect(ajouterJours(j(2025, 10, 26), 1)).toEqual(j(2025, 10, 27));
  });

  it("compte les jours entre deux jours, sur le calendrier", () => {
    expect(ecartJours(j(2025, 3, 29), j(2025, 4, 1))).toBe(3);
    expect(ecartJours(j(2024, 1, 1), j(2025, 1, 1))).toBe(366);
    expect(ecartJours(j(2025, 1, 1), j(2024, 12, 31))).toBe(-1);
    expect(ecartJours(j(2025, 1, 1), j(2025, 1, 1))).toBe(0);
  });

  it("ordonne les jours", () => {
    expect(comparerJours(j(2025, 1, 31), j(2025, 2, 1))).toBeLessThan(0);
    expect(comparerJours(j(2025, 2, 1), j(2025, 2, 1))).toBe(0);
    expect(comparerJours(j(2026, 1, 1), j(2025, 12, 31))).toBeGreaterThan(0);
  });
});

describe("ajouterMois", () => {
  it("ajoute des mois de calendrier et ramène au dernier jour du mois", () => {
    expect(ajouterMois(j(2024, 3, 15), 6)).toEqual(j(2024, 9, 15));
    expect(ajouterMois(j(2024, 8, 31), 6)).toEqual(j(2025, 2, 28));
    expect(ajouterMois(j(2023, 8, 31), 6)).toEqual(j(2024, 2, 29));
    expect(ajouterMois(j(2024, 3, 31), 6)).toEqual(j(2024, 9, 30));
    expect(ajouterMois(j(2024, 12, 15), 6)).toEqual(j(2025, 6, 15));
    expect(ajouterMois(j(2024, 7, 1), 18)).toEqual(j(2026, 1, 1));
    expect(ajouterMois(j(2024, 3, 31), -1)).toEqual(j(2024, 2, 29));
  });
});

describe("jourSemaine", () => {
  it("donne le jour ISO de la semaine", () => {
    expect(jourSemaine(j(2026, 3, 29))).toBe(7);
    expect(jourSemaine(j(2026, 3, 30))).toBe(1);
    expect(jourSemaine(j(2028, 2, 29))).toBe(2);
    expect(jourSemaine(j(1970, 1, 1))).toBe(4);
    expect(jourSemaine(j(1969, 12, 28))).toBe(7);
  });
});

describe("debutJourParis", () => {
  it("donne minuit à Paris, y compris les jours de changement d'heure", () => {
    expect(debutJourParis(j(2024, 1, 15)).toISOString()).toBe("2024-01-14T23:00:00.000Z");
    expect(debutJourParis(j(2024, 7, 15)).toISOString()).toBe("2024-07-14T22:00:00.000Z");
    expect(debutJourParis(j(2024, 3, 31)).toISOString()).toBe("2024-03-30T23:00:00.000Z");
    expect(debutJourParis(j(2024, 10, 27)).toISOString()).toBe("2024-10-26T22:00:00.000Z");
    expect(debutJourParis(j(2024, 4, 1)).toISOString()).toBe("2024-03-31T22:00:00.000Z");
  });

  it("retrouve le jour de départ depuis minuit à Paris, pour tout jour de 2000 à 2100", async () => {
    await fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        (date) => {
          const jour = jourParis(date);
          const minuit = debutJourParis(jour);
          expect(jourParis(minuit)).toEqual(jour);
          expect(jourParis(new Date(minuit.getTime() - 1))).not.toEqual(jour);
          expect(minuit.getTime()).toBeLessThanOrEqual(date.getTime());
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("instantParis", () => {
  it("donne l'heure de Paris, en hiver, en été et les dimanches de changement d'heure", () => {
    expect(instantParis(j(2025, 1, 15), 7).toISOString()).toBe("2025-01-15T06:00:00.000Z");
    expect(instantParis(j(2025, 6, 15), 18, 30).toISOString()).toBe("2025-06-15T16:30:00.000Z");
    expect(instantParis(j(2025, 3, 30), 7).toISOString()).toBe("2025-03-30T05:00:00.000Z");
    expect(instantParis(j(2025, 10, 26), 7).toISOString()).toBe("2025-10-26T06:00:00.000Z");
    expect(instantParis(j(2025, 10, 26), 0).toISOString()).toBe("2025-10-25T22:00:00.000Z");
  });
});
