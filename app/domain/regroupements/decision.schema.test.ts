import { describe, expect, it } from "vitest";
import { decisionSchema, suiviSchema } from "./decision.schema";

describe("decisionSchema", () => {
  it("accepte une échéance saisie à l'ISO ou à la française, ou aucune", () => {
    const r = decisionSchema.safeParse({ texte: "Faire X", responsable: "CAF 04", echeance: "12/03/2026" });
    expect(r.success && r.data.echeance).toBe("2026-03-12");
    const sans = decisionSchema.safeParse({ texte: "Faire X", responsable: "CAF 04", echeance: "" });
    expect(sans.success && sans.data.echeance).toBeNull();
  });

  it("refuse une date impossible, un porteur ou un texte vides", () => {
    const messages = (input: Record<string, string>) => {
      const r = decisionSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    };
    expect(messages({ texte: "Faire X", responsable: "CAF", echeance: "2026-02-30" })[0]).toMatch(/^echeance/);
    expect(messages({ texte: "Faire X", responsable: "   " })).toEqual([
      "responsable: Indiquez qui porte la décision.",
    ]);
    expect(messages({ texte: "", responsable: "CAF" })).toEqual(["texte: Écrivez la décision."]);
  });
});

describe("suiviSchema", () => {
  it("exige un état connu et une version", () => {
    const id = "3f1c2f3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
    expect(suiviSchema.safeParse({ decisionId: id, etat: "realisee", version: "2" }).success).toBe(true);
    expect(suiviSchema.safeParse({ decisionId: id, etat: "finie", version: "2" }).success).toBe(false);
    expect(suiviSchema.safeParse({ decisionId: id, etat: "realisee" }).success).toBe(false);
  });
});
