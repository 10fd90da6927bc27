import { describe, expect, it } from "vitest";
import { lieuComplet } from "./regroupement.labels";

describe("lieuComplet", () => {
  it("ajoute la commune à l'adresse", () => {
    expect(lieuComplet("Maison des associations", "Digne-les-Bains")).toBe("Maison des associations, Digne-les-Bains");
  });

  it("ne répète pas une commune que l'adresse nomme déjà, quelle que soit la casse", () => {
    expect(lieuComplet("Maison des associations, digne-les-bains", "Digne-les-Bains")).toBe(
      "Maison des associations, digne-les-bains",
    );
  });

  it("donne la commune seule, l'adresse seule, ou rien", () => {
    expect(lieuComplet("  ", "Sisteron")).toBe("Sisteron");
    expect(lieuComplet("Salle du conseil", null)).toBe("Salle du conseil");
    expect(lieuComplet("", undefined)).toBe("");
  });
});
