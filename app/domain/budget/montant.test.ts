import { describe, expect, it } from "vitest";
import { formatMontant, lireMontant, MONTANT_MAX_CENTIMES, montantSchema, saisieMontant } from "./montant";

describe("lireMontant", () => {
  it.each([
    ["2 500,50", 250_050],
    ["2\u00a0500,50", 250_050],
    ["2\u202f500,50 €", 250_050],
    ["2500.5", 250_050],
    ["2500,", 250_000],
    ["2.500,50", 250_050],
    ["12 345 678,09", 1_234_567_809],
    ["0,01", 1],
    ["0", 0],
    ["  40000 euros ", 4_000_000],
    ["2 500 EUR", 250_000],
  ])("lit « %s » comme %i centimes", (texte, centimes) => {
    expect(lireMontant(texte)).toEqual({ ok: true, centimes });
  });

  it("lit un champ vide comme aucun montant", () => {
    expect(lireMontant("")).toEqual({ ok: true, centimes: null });
    expect(lireMontant("   ")).toEqual({ ok: true, centimes: null });
    expect(lireMontant(null)).toEqual({ ok: true, centimes: null });
  });

  it.each([
    ["deux mille", "en chiffres"],
    ["2 500,5O", "en chiffres"],
    ["12e3", "en chiffres"],
    ["2,500,50", "en chiffres"],
    ["2 500,505", "Deux décimales au plus"],
    ["0,001", "Deux décimales au plus"],
    ["-100", "négatif"],
    ["−100,00", "négatif"],
    ["100 000 000,01", "dépasse"],
    ["9999999999999999999", "dépasse"],
  ])("refuse « %s » avec un message clair", (texte, message) => {
    const lu = lireMontant(texte);
    expect(lu.ok).toBe(false);
    expect(lu.ok ? "" : lu.message).toContain(message);
  });

  it("accepte un montant négatif là où il a un sens (un ajustement)", () => {
    expect(lireMontant("-1 200,50", { negatif: true })).toEqual({ ok: true, centimes: -120_050 });
    expect(lireMontant("100 000 000,00")).toEqual({ ok: true, centimes: MONTANT_MAX_CENTIMES });
  });
});

describe("formatMontant et saisieMontant", () => {
  it("écrit les montants à la française et les rend à la saisie sans perte", () => {
    expect(formatMontant(250_050)).toBe("2\u202f500,50\u00a0€");
    expect(formatMontant(0)).toBe("0,00\u00a0€");
    expect(saisieMontant(250_050)).toBe("2500,50");
    expect(saisieMontant(-5)).toBe("-0,05");
    expect(saisieMontant(null)).toBe("");
    for (const centimes of [0, 1, 99, 100, 250_050, 1_234_567_809]) {
      expect(lireMontant(saisieMontant(centimes))).toEqual({ ok: true, centimes });
      expect(lireMontant(formatMontant(centimes))).toEqual({ ok: true, centimes });
    }
  });
});

describe("montantSchema (champ de formulaire)", () => {
  it("donne les centimes, ou le message à côté du champ", () => {
    expect(montantSchema().parse("2 500,50")).toBe(250_050);
    expect(montantSchema().parse("")).toBeNull();
    expect(montantSchema().parse(undefined)).toBeNull();
    const requis = montantSchema({ requis: true }).safeParse("");
    expect(requis.success ? "" : requis.error.issues[0]?.message).toContain("Indiquez un montant");
    const lettres = montantSchema().safeParse("deux mille");
    expect(lettres.success ? "" : lettres.error.issues[0]?.message).toContain("en chiffres");
    const negatif = montantSchema().safeParse("-5");
    expect(negatif.success ? "" : negatif.error.issues[0]?.message).toContain("négatif");
    expect(montantSchema({ negatif: true }).parse("-5")).toBe(-500);
  });
});
