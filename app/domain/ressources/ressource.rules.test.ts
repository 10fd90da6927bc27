import { describe, expect, it } from "vitest";
import { fichierLabel, formatTaille, grouperParCategorie } from "./ressource.rules";
import { ressourceSchema } from "./ressource.schema";

describe("taille et type des fichiers", () => {
  it("annonce la taille en octets, Ko ou Mo", () => {
    expect(formatTaille(512)).toBe("512 octets");
    expect(formatTaille(240 * 1024)).toBe("240\u00a0Ko");
    expect(formatTaille(1.4 * 1024 * 1024)).toBe("1,4\u00a0Mo");
  });
  it("nomme le type du fichier", () => {
    expect(fichierLabel("application/pdf", 240 * 1024)).toBe("PDF, 240\u00a0Ko");
    expect(fichierLabel("image/png", 2048)).toBe("image PNG, 2\u00a0Ko");
  });
});

describe("catégories", () => {
  it("groupe dans l'ordre des catégories et omet les catégories vides", () => {
    const groupes = grouperParCategorie([
      { categorie: "communication", id: "a" },
      { categorie: "guides", id: "b" },
      { categorie: "guides", id: "c" },
    ]);
    expect(groupes.map((g) => g.categorie)).toEqual(["guides", "communication"]);
    expect(groupes[0]?.ressources.map((r) => r.id)).toEqual(["b", "c"]);
  });
});

describe("formulaire d'une ressource", () => {
  const valide = { titre: "Guide du promeneur", categorie: "guides", visibilite: "public" };
  it("accepte une ressource sans lien (son fichier est vérifié à part)", () => {
    const r = ressourceSchema.safeParse(valide);
    expect(r.success).toBe(true);
    expect(r.data?.url).toBeNull();
  });
  it("refuse un titre vide, une catégorie inconnue, un lien javascript:", () => {
    const champs = (input: Record<string, unknown>) =>
      ressourceSchema.safeParse({ ...valide, ...input }).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(champs({ titre: "  " })).toContain("titre");
    expect(champs({ categorie: "divers" })).toContain("categorie");
    expect(champs({ url: "javascript:alert(1)" })).toContain("url");
    expect(champs({ ordre: "-3" })).toContain("ordre");
  });
});
