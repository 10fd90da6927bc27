import { describe, expect, it } from "vitest";
import { buildActor } from "../../../tests/factories/actor";
import { choisirDepartement, departementsDuReseau, parseAnnuaireFiltres, sansAccents } from "./annuaire.rules";

describe("département d'une page du réseau", () => {
  it("retient les départements où l'on est coordinateur, référent ou promeneur", () => {
    const actor = buildActor(
      { role: "referent", departement: "05", structureId: "s" },
      { role: "promeneur", departement: "04" },
      { role: "copil", departement: "13" },
    );
    expect(departementsDuReseau(actor)).toEqual(["04", "05"]);
  });

  it("prend le premier département sans demande, le département demandé s'il en fait partie", () => {
    const actor = buildActor({ role: "promeneur", departement: "04" }, { role: "coordinateur", departement: "05" });
    expect(choisirDepartement(actor, null)).toEqual({ ok: true, departement: "04" });
    expect(choisirDepartement(actor, "05")).toEqual({ ok: true, departement: "05" });
  });

  it("répond 404 pour un autre département et 403 sans rôle dans le réseau", () => {
    expect(choisirDepartement(buildActor({ role: "promeneur", departement: "05" }), "04")).toEqual({
      ok: false,
      status: 404,
    });
    expect(choisirDepartement(buildActor({ role: "copil", departement: "04" }), null)).toEqual({
      ok: false,
      status: 403,
    });
    expect(choisirDepartement(buildActor({ role: "national" }), null)).toEqual({ ok: false, status: 403 });
  });
});

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

  it("compare sans accents ni majuscules", () => {
    expect(sansAccents("Éloïse Çà")).toBe("eloise ca");
  });
});
