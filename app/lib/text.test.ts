import { describe, expect, it } from "vitest";
import { correspond, isUuid, normaliserRecherche, sansAccents, slugBase, slugLibre } from "./text";

describe("recherche sans accents", () => {
  it("ignore accents, casse, tirets et apostrophes", () => {
    expect(normaliserRecherche("Château-Arnoux-Saint-Auban")).toBe("chateau arnoux saint auban");
    expect(normaliserRecherche("L'Escale")).toBe("l escale");
    expect(normaliserRecherche("  ÉCOLE  ")).toBe("ecole");
  });

  it("trouve « Digne » pour « digne » et « Château-Arnoux » pour « chateau »", () => {
    expect(correspond("Digne-les-Bains", "digne")).toBe(true);
    expect(correspond("Château-Arnoux-Saint-Auban", "chateau")).toBe(true);
    expect(correspond("Château-Arnoux-Saint-Auban", "arnoux chât")).toBe(true);
    expect(correspond("Sisteron", "digne")).toBe(false);
    expect(correspond("Sisteron", "  ")).toBe(false);
  });
});

describe("adresse publique (slug)", () => {
  it("assemble le nom public et la commune sans accents ni espaces", () => {
    expect(slugBase("Léa", "Château-Arnoux-Saint-Auban")).toBe("lea-chateau-arnoux-saint-auban");
    expect(slugBase("Zoé Ĺ'Été", null)).toBe("zoe-l-ete");
    expect(slugBase("!!!")).toBe("promeneur");
  });

  it("ne dépasse pas 60 caractères et ne finit pas par un tiret", () => {
    const slug = slugBase("a".repeat(59), "bcd");
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith("-")).toBe(false);
  });

  it("ajoute le premier suffixe libre quand le slug est pris", () => {
    expect(slugLibre("lea-digne", [])).toBe("lea-digne");
    expect(slugLibre("lea-digne", ["lea-digne"])).toBe("lea-digne-2");
    expect(slugLibre("lea-digne", ["lea-digne", "lea-digne-2"])).toBe("lea-digne-3");
  });
});

describe("clés sans accents et identifiants", () => {
  it("compare sans accents, majuscules ni ligatures", () => {
    expect(sansAccents("Éloïse Çà")).toBe("eloise ca");
    expect(sansAccents("CŒUR d'Æsop")).toBe("coeur d'aesop");
  });

  it("ne prend pour identifiant qu'un UUID", () => {
    expect(isUuid("0b6f8d5e-3c1a-4f2b-9a7e-1d2c3b4a5f60")).toBe(true);
    expect(isUuid("1 or 1=1")).toBe(false);
    expect(isUuid(null)).toBe(false);
  });
});
