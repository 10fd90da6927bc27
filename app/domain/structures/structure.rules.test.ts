import { describe, expect, it } from "vitest";
import {
  checkDateCharte,
  foldNom,
  luhnValid,
  normalizeSiret,
  normalizeSiteWeb,
  normalizeTelephone,
} from "./structure.rules";

describe("SIRET", () => {
  it("accepte un SIRET dont la clé de Luhn est juste, espaces ôtés", () => {
    // 732 829 320 00074: a real, published SIRET (valid Luhn key).
    expect(normalizeSiret("732 829 320 00074")).toEqual({ ok: true, value: "73282932000074" });
    expect(normalizeSiret("73282932000074")).toEqual({ ok: true, value: "73282932000074" });
  });

  it("refuse un SIRET dont un chiffre est faux, avec un message clair", () => {
    const result = normalizeSiret("73282932000075");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/clé de contrôle/);
  });

  it("refuse un SIRET qui n'a pas 14 chiffres et dit combien il en a", () => {
    expect(normalizeSiret("7328293200007")).toEqual({
      ok: false,
      message: "Le SIRET comporte 14 chiffres ; celui-ci en compte 13.",
    });
  });

  it("refuse les lettres", () => {
    expect(normalizeSiret("7328293200007A").ok).toBe(false);
  });

  it("calcule la clé de Luhn en doublant un chiffre sur deux depuis la droite", () => {
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
    expect(luhnValid("")).toBe(false);
  });
});

describe("téléphone", () => {
  it.each([
    ["04 92 31 00 00", "04 92 31 00 00"],
    ["0492310000", "04 92 31 00 00"],
    ["04.92.31.00.00", "04 92 31 00 00"],
    ["04-92-31-00-00", "04 92 31 00 00"],
    ["+33 4 92 31 00 00", "04 92 31 00 00"],
    ["+33 (0)4 92 31 00 00", "04 92 31 00 00"],
    ["0033492310000", "04 92 31 00 00"],
    ["06 12 34 56 78", "06 12 34 56 78"],
    ["+262 262 12 34 56", "02 62 12 34 56"],
  ])("écrit %s sous la forme %s", (raw, expected) => {
    expect(normalizeTelephone(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["04 92 31 00", "4 92 31 00 00", "00 92 31 00 00", "+44 20 7946 0000", "04 92 31 00 00 1", "téléphone"])(
    "refuse %s",
    (raw) => {
      const result = normalizeTelephone(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/10 chiffres/);
    },
  );
});

describe("site web", () => {
  it("ajoute https:// à une adresse qui n'en a pas", () => {
    expect(normalizeSiteWeb("www.exemple.fr")).toEqual({ ok: true, value: "https://www.exemple.fr/" });
  });

  it("garde une adresse https complète", () => {
    expect(normalizeSiteWeb("https://mjc-digne.fr/jeunes?x=1")).toEqual({
      ok: true,
      value: "https://mjc-digne.fr/jeunes?x=1",
    });
  });

  it("refuse une adresse en http ou d'un autre protocole", () => {
    expect(normalizeSiteWeb("http://www.exemple.fr")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/https/),
    });
    expect(normalizeSiteWeb("javascript://alert(1)").ok).toBe(false);
    expect(normalizeSiteWeb("ftp://exemple.fr").ok).toBe(false);
  });

  it("refuse ce qui n'est pas une adresse de site", () => {
    expect(normalizeSiteWeb("exemple").ok).toBe(false);
    expect(normalizeSiteWeb("https://user:pass@exemple.fr").ok).toBe(false);
  });
});

describe("date de signature de la charte", () => {
  const now = new Date("2025-03-20T22:30:00Z"); // 20 mars, 23 h 30 à Paris

  it("lit une date de formulaire ou saisie à la française, et refuse un jour qui n'existe pas", () => {
    const message = "Saisissez la date de signature au format jj/mm/aaaa.";
    expect(checkDateCharte("2024-02-29", now)).toEqual({ ok: true, value: { annee: 2024, mois: 2, jour: 29 } });
    expect(checkDateCharte("29/02/2024", now)).toEqual({ ok: true, value: { annee: 2024, mois: 2, jour: 29 } });
    expect(checkDateCharte("2025-02-29", now)).toEqual({ ok: false, message });
    expect(checkDateCharte("1899-12-31", now)).toEqual({ ok: false, message });
  });

  it("accepte aujourd'hui à Paris, refuse demain", () => {
    expect(checkDateCharte("2025-03-20", now)).toEqual({ ok: true, value: { annee: 2025, mois: 3, jour: 20 } });
    expect(checkDateCharte("2025-03-21", now)).toEqual({
      ok: false,
      message: "La date de signature ne peut pas être dans le futur.",
    });
  });

  it("compte le jour à Paris, pas en UTC", () => {
    // 21 mars, 0 h 30 à Paris, encore le 20 en UTC.
    expect(checkDateCharte("2025-03-21", new Date("2025-03-20T23:30:00Z")).ok).toBe(true);
  });
});

describe("noms comparés sans accents", () => {
  it("rapproche les noms qui ne diffèrent que par la casse, les accents ou les espaces", () => {
    expect(foldNom("  Éspace   Jeunes ")).toBe(foldNom("espace jeunes"));
    expect(foldNom("Cœur de Ville")).toBe("coeur de ville");
  });
});
