import { describe, expect, it } from "vitest";
import { creneauEnLettres, heureEnLettres, jourEnLettres, moisEnLettres, parMois } from "./agenda.format";

const espaces = (texte: string) => texte.replace(/\u00a0/g, " ");

describe("dates de l'agenda en français", () => {
  it("écrit un créneau d'un jour comme « mardi 12 mai 2026, de 14 h à 16 h 30 »", () => {
    const c = creneauEnLettres(new Date("2026-05-12T12:00:00Z"), new Date("2026-05-12T14:30:00Z"));
    expect(espaces(`${c.debut} ${c.liaison} ${c.fin}`)).toBe("mardi 12 mai 2026, de 14 h à 16 h 30");
    // French typography: no break between the number and « h ».
    expect(c.fin).toBe("16\u00a0h\u00a030");
  });

  it("prend l'heure de Paris des deux côtés du changement d'heure", () => {
    expect(espaces(heureEnLettres(new Date("2026-03-28T09:00:00Z")))).toBe("10 h");
    expect(espaces(heureEnLettres(new Date("2026-03-30T08:00:00Z")))).toBe("10 h");
    expect(espaces(heureEnLettres(new Date("2026-10-26T08:05:00Z")))).toBe("9 h 05");
  });

  it("écrit « 1er » et un créneau sur plusieurs jours", () => {
    expect(jourEnLettres(new Date("2026-05-01T10:00:00Z"))).toBe("vendredi 1er mai 2026");
    const c = creneauEnLettres(new Date("2026-05-12T07:00:00Z"), new Date("2026-05-13T10:00:00Z"));
    expect(espaces(`${c.debut} ${c.liaison} ${c.fin}`)).toBe(
      "du mardi 12 mai 2026 à 9 h au mercredi 13 mai 2026 à 12 h",
    );
  });

  it("regroupe par mois de Paris (le 31 à 23 h 30 UTC est déjà le mois suivant)", () => {
    const groupes = parMois([
      { debut: new Date("2026-05-12T12:00:00Z") },
      { debut: new Date("2026-05-31T22:30:00Z") },
      { debut: new Date("2026-06-03T12:00:00Z") },
    ]);
    expect(groupes.map((g) => [g.mois, g.evenements.length])).toEqual([
      ["Mai 2026", 1],
      ["Juin 2026", 2],
    ]);
    expect(moisEnLettres(new Date("2026-12-01T10:00:00Z"))).toBe("Décembre 2026");
  });
});
