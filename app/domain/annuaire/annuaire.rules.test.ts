import { describe, expect, it } from "vitest";
import { parseAnnuaireFiltres } from "./annuaire.rules";

describe("filtres de l'annuaire", () => {
  it("garde une recherche nettoyée, une structure et un rôle valides", () => {
    const id = "0b7c1f0e-3d2a-4c1b-9f8e-1a2b3c4d5e6f";
    expect(
      parseAnnuaireFiltres(new URLSearchParams({ q: "  Léa   Martin ", structure: id, role: "referents" })),
    ).toEqual({ q: "Léa Martin", structureId: id, role: "referents" });
  });

  it("ignore une structure qui n'est pas un identifiant et un rôle inconnu", () => {
    expect(parseAnnuaireFiltres(new URLSearchParams({ q: "", structure: "1 or 1=1", role: "copil" }))).toEqual({});
  });
});
