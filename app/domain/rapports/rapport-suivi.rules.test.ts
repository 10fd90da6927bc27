import { describe, expect, it } from "vitest";
import {
  etatRetard,
  isActifPendant,
  joursDeRetard,
  moisEnRetard,
  prochainRappelRapport,
  rappelDu,
} from "./rapport-suivi.rules";

describe("moisEnRetard", () => {
  it("liste les mois dont le 10 du mois suivant est passé, sur douze mois, le plus récent d'abord", () => {
    // 11 March 2026, 10:00 Paris: February's deadline (10 March) has passed.
    const mois = moisEnRetard(new Date("2026-03-11T09:00:00Z"));
    expect(mois[0]).toBe("2026-02-01");
    expect(mois.at(-1)).toBe("2025-03-01");
    expect(mois).toHaveLength(12);
  });

  it("n'y met pas le mois précédent le jour même de l'échéance (le 10 est encore dans les temps)", () => {
    // 10 March 2026, 23:30 Paris (22:30 UTC).
    const mois = moisEnRetard(new Date("2026-03-10T22:30:00Z"));
    expect(mois[0]).toBe("2026-01-01");
    expect(mois).toHaveLength(11);
  });
});

describe("isActifPendant", () => {
  const entree = (iso: string) => new Date(iso);
  it("compte un promeneur entré le dernier jour du mois, pas celui entré le 1er du mois suivant (heure de Paris)", () => {
    // 31 March 23:30 Paris = 21:30 UTC; 1 April 00:30 Paris = 31 March 22:30 UTC.
    expect(isActifPendant({ entreeLe: entree("2026-03-31T21:30:00Z"), sortieLe: null }, "2026-03-01")).toBe(true);
    expect(isActifPendant({ entreeLe: entree("2026-03-31T22:30:00Z"), sortieLe: null }, "2026-03-01")).toBe(false);
  });

  it("compte un promeneur sorti pendant le mois, pas celui sorti avant son début ni celui jamais entré", () => {
    const entreeLe = entree("2025-01-15T10:00:00Z");
    expect(isActifPendant({ entreeLe, sortieLe: entree("2026-03-01T10:00:00Z") }, "2026-03-01")).toBe(true);
    expect(isActifPendant({ entreeLe, sortieLe: entree("2026-02-28T10:00:00Z") }, "2026-03-01")).toBe(false);
    expect(isActifPendant({ entreeLe: null, sortieLe: null }, "2026-03-01")).toBe(false);
  });
});

describe("joursDeRetard et état", () => {
  it("compte les jours depuis le 10 du mois suivant", () => {
    expect(joursDeRetard("2026-02-01", new Date("2026-03-10T12:00:00Z"))).toBe(0);
    expect(joursDeRetard("2026-02-01", new Date("2026-03-11T12:00:00Z"))).toBe(1);
    expect(joursDeRetard("2025-12-01", new Date("2026-03-11T12:00:00Z"))).toBe(21 + 28 + 11);
  });

  it("un bilan soumis ou validé n'est pas en retard ; absent, brouillon ou à corriger l'est", () => {
    expect(etatRetard(null)).toBe("manquant");
    expect(etatRetard("brouillon")).toBe("brouillon");
    expect(etatRetard("a_corriger")).toBe("a_corriger");
    expect(etatRetard("soumis")).toBeNull();
    expect(etatRetard("valide")).toBeNull();
  });
});

describe("prochainRappelRapport", () => {
  it("donne le 1er puis le 8 à 8 h, heure de Paris, été comme hiver", () => {
    // Winter (UTC+1): 8:00 Paris = 07:00 UTC.
    expect(prochainRappelRapport(new Date("2026-01-20T10:00:00Z")).toISOString()).toBe("2026-02-01T07:00:00.000Z");
    expect(prochainRappelRapport(new Date("2026-02-01T07:00:00Z")).toISOString()).toBe("2026-02-08T07:00:00.000Z");
    // Summer (UTC+2): 8:00 Paris = 06:00 UTC.
    expect(prochainRappelRapport(new Date("2026-06-02T00:00:00Z")).toISOString()).toBe("2026-06-08T06:00:00.000Z");
    // Across the year's end.
    expect(prochainRappelRapport(new Date("2026-12-08T07:00:00Z")).toISOString()).toBe("2027-01-01T07:00:00.000Z");
  });

  it("traverse le changement d'heure : le 1er avril après le passage à l'heure d'été (29 mars 2026)", () => {
    expect(prochainRappelRapport(new Date("2026-03-08T07:00:00Z")).toISOString()).toBe("2026-04-01T06:00:00.000Z");
    // Back to winter time on 25 October 2026.
    expect(prochainRappelRapport(new Date("2026-10-08T06:00:00Z")).toISOString()).toBe("2026-11-01T07:00:00.000Z");
  });
});

describe("rappelDu", () => {
  it("dit quel rappel envoyer et pour quel mois", () => {
    expect(rappelDu(new Date("2026-04-01T06:00:00Z"))).toEqual({ rang: 1, mois: "2026-03-01" });
    expect(rappelDu(new Date("2026-04-07T20:00:00Z"))).toEqual({ rang: 1, mois: "2026-03-01" });
    expect(rappelDu(new Date("2026-04-08T06:00:00Z"))).toEqual({ rang: 8, mois: "2026-03-01" });
    expect(rappelDu(new Date("2026-01-01T07:00:00Z"))).toEqual({ rang: 1, mois: "2025-12-01" });
  });

  it("n'envoie rien avant 8 h le 1er, ni après l'échéance", () => {
    expect(rappelDu(new Date("2026-04-01T05:59:00Z"))).toBeNull();
    expect(rappelDu(new Date("2026-04-11T06:00:00Z"))).toBeNull();
  });
});
