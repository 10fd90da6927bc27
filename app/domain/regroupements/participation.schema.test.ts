import { describe, expect, it } from "vitest";
import { seuilSchema } from "./participation.schema";

describe("seuil de participation saisi", () => {
  it("lit un pourcentage entier de 0 à 100, avec ou sans « % »", () => {
    expect(seuilSchema.parse("0")).toBe(0);
    expect(seuilSchema.parse(" 100 ")).toBe(100);
    expect(seuilSchema.parse("50 %")).toBe(50);
  });

  it("refuse le reste avec un message en français", () => {
    for (const saisie of ["101", "-5", "12,5", "cinquante", "", "1000", null]) {
      const lu = seuilSchema.safeParse(saisie);
      expect(lu.success, String(saisie)).toBe(false);
      expect(lu.error?.issues[0]?.message).toBe("Le seuil est un pourcentage entier entre 0 et 100.");
    }
  });
});
