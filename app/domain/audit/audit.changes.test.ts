import { describe, expect, it } from "vitest";
import { diffFields } from "./audit.changes";

describe("différences enregistrées au journal", () => {
  it("ne garde que les champs qui changent, vide et null étant pareils", () => {
    expect(
      diffFields(
        { nom: "A", siret: null, email: "x@y.fr", adresse: "" },
        { nom: "B", siret: undefined, email: "x@y.fr", adresse: null },
        ["nom", "siret", "email", "adresse"],
      ),
    ).toEqual({ nom: { avant: "A", apres: "B" } });
  });

  it("compare les listes par contenu", () => {
    expect(diffFields({ themes: ["sante", "ecole"] }, { themes: ["sante", "ecole"] })).toEqual({});
    expect(diffFields({ themes: ["sante"] }, { themes: ["sante", "ecole"] })).toEqual({
      themes: { avant: ["sante"], apres: ["sante", "ecole"] },
    });
  });

  it("compare par défaut les champs de la nouvelle valeur", () => {
    expect(diffFields({ nom: "A", ordre: 1 }, { nom: "A", ordre: 2 })).toEqual({ ordre: { avant: 1, apres: 2 } });
  });

  it("compare les dates par instant", () => {
    const d = new Date("2025-01-01T00:00:00Z");
    expect(diffFields({ d }, { d: new Date(d) }, ["d"])).toEqual({});
    expect(diffFields({ d: null }, { d }, ["d"])).toEqual({
      d: { avant: null, apres: d.toISOString() },
    });
  });
});
