import { describe, expect, it } from "vitest";
import {
  emailPersonneEffacee,
  libellePersonneEffacee,
  limiteInactivite,
  limiteJournal,
  prochaineConservation,
} from "./conservation.rules";

describe("règles de conservation", () => {
  it("compte deux ans d'inactivité et cinq ans de journal à partir de l'instant donné", () => {
    const now = new Date("2026-06-15T10:00:00Z");
    expect(limiteInactivite(now)).toEqual(new Date("2024-06-15T10:00:00Z"));
    expect(limiteJournal(now)).toEqual(new Date("2021-06-15T10:00:00Z"));
  });

  it("passe chaque jour à 4 h 30, heure de Paris, été comme hiver", () => {
    expect(prochaineConservation(new Date("2026-01-10T02:00:00Z"))).toEqual(new Date("2026-01-10T03:30:00Z"));
    expect(prochaineConservation(new Date("2026-01-10T03:30:00Z"))).toEqual(new Date("2026-01-11T03:30:00Z"));
    expect(prochaineConservation(new Date("2026-07-10T12:00:00Z"))).toEqual(new Date("2026-07-11T02:30:00Z"));
  });

  it("nomme une personne effacée sans rien d'elle", () => {
    expect(libellePersonneEffacee(7)).toBe("Personne effacée n°\u00a07");
    expect(emailPersonneEffacee(7)).toBe("personne-effacee-7@efface.invalid");
  });
});
