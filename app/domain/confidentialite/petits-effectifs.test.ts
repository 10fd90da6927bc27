import { describe, expect, it } from "vitest";
import { isPetitEffectif, masquerPetitsEffectifs } from "./petits-effectifs";

describe("petits effectifs", () => {
  it("masque 1 et 2, laisse 0 et 3", () => {
    expect([0, 1, 2, 3].map(isPetitEffectif)).toEqual([false, true, true, false]);
  });

  it("retire les petits nombres et garde le vrai total", () => {
    expect(masquerPetitsEffectifs({ sante: 1, scolarite: 5, logement: 2, famille: 0 })).toEqual({
      visibles: { scolarite: 5, famille: 0 },
      masques: ["sante", "logement"],
      total: 8,
    });
  });
});
