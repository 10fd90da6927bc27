import { describe, expect, it } from "vitest";
import { enRetard, estCloture } from "./decision.rules";

describe("décisions : règles", () => {
  it("une décision ouverte dont l'échéance est passée est en retard, pas une close ni une sans échéance", () => {
    expect(enRetard({ etat: "ouverte", echeance: "2026-03-01" }, "2026-03-02")).toBe(true);
    expect(enRetard({ etat: "ouverte", echeance: "2026-03-02" }, "2026-03-02")).toBe(false);
    expect(enRetard({ etat: "realisee", echeance: "2026-03-01" }, "2026-03-02")).toBe(false);
    expect(enRetard({ etat: "ouverte", echeance: null }, "2026-03-02")).toBe(false);
  });
  it("réalisée et abandonnée clôturent, ouverte non", () => {
    expect(estCloture("realisee")).toBe(true);
    expect(estCloture("abandonnee")).toBe(true);
    expect(estCloture("ouverte")).toBe(false);
  });
});
