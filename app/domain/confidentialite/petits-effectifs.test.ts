import { describe, expect, it } from "vitest";
import { isPetitEffectif, masquerPetitsEffectifs, retenirPetitsEffectifs } from "./petits-effectifs";

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

describe("retenirPetitsEffectifs", () => {
  const part = (code: string, nombre: number | null) => ({ code, libelle: code.toUpperCase(), nombre });

  it("retient chaque 1 et 2 quand il y en a au moins deux, garde 0, 3 et plus, l'ordre et les libellés", () => {
    const avant = [part("a", 5), part("b", 1), part("c", 0), part("d", 2), part("e", 3)];
    expect(retenirPetitsEffectifs(avant)).toEqual([
      part("a", 5),
      part("b", null),
      part("c", 0),
      part("d", null),
      part("e", 3),
    ]);
    // The input is not changed.
    expect(avant[1]?.nombre).toBe(1);
  });

  it("un seul petit nombre : retient aussi le plus petit suivant (≥ 3), le premier en cas d'égalité", () => {
    // With the total (9 + 4 + 2 + 4 = 19) shown, 2 would be found by subtraction: the first 4 goes too.
    const parts = [part("a", 9), part("b", 4), part("c", 2), part("d", 4), part("e", 0)];
    expect(retenirPetitsEffectifs(parts).map((p) => p.nombre)).toEqual([9, null, null, 4, 0]);
  });

  it("un seul petit nombre et seulement des zéros à côté : un zéro est retenu (« < 3 » reste vrai)", () => {
    expect(retenirPetitsEffectifs([part("a", 0), part("b", 1), part("c", 0)]).map((p) => p.nombre)).toEqual([
      null,
      null,
      0,
    ]);
  });

  it("rien à retenir : tout reste exact", () => {
    const parts = [part("a", 0), part("b", 3), part("c", 12)];
    expect(retenirPetitsEffectifs(parts)).toEqual(parts);
  });
});
