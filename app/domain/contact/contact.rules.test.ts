import { describe, expect, it } from "vitest";
import { limiteConservationMessages, prochaineSuppressionMessages } from "./contact.rules";

describe("conservation des messages de contact", () => {
  it("garde un message douze mois, jour pour jour", () => {
    expect(limiteConservationMessages(new Date("2026-03-02T09:00:00Z"))).toEqual(new Date("2025-03-02T09:00:00Z"));
    expect(limiteConservationMessages(new Date("2024-02-29T12:00:00Z"))).toEqual(new Date("2023-03-01T12:00:00Z"));
  });

  it("supprime chaque nuit à 4 h, heure de Paris, changement d'heure compris", () => {
    // Winter (UTC+1): 4 h Paris = 3 h UTC.
    expect(prochaineSuppressionMessages(new Date("2026-01-10T02:59:00Z"))).toEqual(new Date("2026-01-10T03:00:00Z"));
    expect(prochaineSuppressionMessages(new Date("2026-01-10T03:00:00Z"))).toEqual(new Date("2026-01-11T03:00:00Z"));
    // Saturday 28 March 2026 noon: the next run is on Sunday 29, after the clocks went forward (UTC+2).
    expect(prochaineSuppressionMessages(new Date("2026-03-28T11:00:00Z"))).toEqual(new Date("2026-03-29T02:00:00Z"));
  });
});
