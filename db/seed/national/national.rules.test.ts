import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESEAUX } from "~/domain/profils/profil.labels";
import { THEMES } from "~/domain/promeneurs/theme.labels";
import { CANAUX, TRANCHES_AGE } from "~/domain/rapports/rapport.labels";
import { STRUCTURE_TYPES } from "~/domain/structures/structure.labels";
import {
  communeDeStructure,
  completerRapport,
  dateDeSortie,
  dateDeVerification,
  decouperNom,
  FIN_DES_DONNEES,
  lireLigneCsv,
  nomDeStructureUnique,
  prng,
  RESEAU,
  repartir,
  reseauDe,
  STATUT_PROMENEUR,
  STATUT_RAPPORT,
  slugPromeneur,
  THEME,
  TYPE_STRUCTURE,
  territoireDuPromeneur,
  themesDuRapport,
  uuidDe,
} from "./national.rules";

const somme = (comptes: { rubrique: string; nombre: number }[], rubrique: string) =>
  comptes.filter((c) => c.rubrique === rubrique).reduce((s, c) => s + c.nombre, 0);

describe("uuidDe", () => {
  it("gives the same v4-looking UUID for the same CSV row, another for another row or kind", () => {
    const a = uuidDe("promeneur", 733);
    expect(a).toBe(uuidDe("promeneur", "733"));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidDe("promeneur", 734)).not.toBe(a);
    expect(uuidDe("structure", 733)).not.toBe(a);
  });
});

describe("code mappings", () => {
  it("maps the 16 structure types of the generator onto list A", () => {
    expect(Object.keys(TYPE_STRUCTURE)).toHaveLength(16);
    for (const code of Object.values(TYPE_STRUCTURE)) expect(STRUCTURE_TYPES).toContain(code);
  });

  it("maps the 10 networks onto list B, `other` onto `autre`", () => {
    expect(Object.keys(RESEAU)).toHaveLength(10);
    for (const code of Object.values(RESEAU)) expect(RESEAUX).toContain(code);
    expect(reseauDe("other")).toBe("autre");
  });

  it("maps the 12 themes onto list E as the brief lists them", () => {
    for (const code of Object.values(THEME)) expect(THEMES).toContain(code);
    expect(THEME.psychosocial).toBe("bien_etre");
    expect(THEME.emploi_formation).toBe("formation_emploi");
    expect(THEME.harcelement).toBe("risques_numeriques");
    expect(THEME.numerique_risques).toBe("risques_numeriques");
  });

  it("maps the statuses, and refuses an unknown code with a French message", () => {
    expect(STATUT_PROMENEUR).toEqual({ active: "actif", suspended: "suspendu", left: "sorti" });
    expect(STATUT_RAPPORT).toEqual({ validated: "valide", submitted: "soumis" });
    expect(() => reseauDe("myspace")).toThrow("Code inconnu dans les données de référence (réseau) : « myspace ».");
  });

  it("sums harassment and digital risks into one theme count", () => {
    expect(
      themesDuRapport([
        { theme: "harcelement", count: 2 },
        { theme: "numerique_risques", count: 3 },
        { theme: "sante", count: 1 },
      ]),
    ).toEqual([
      { rubrique: "theme", code: "risques_numeriques", nombre: 5 },
      { rubrique: "theme", code: "sante", nombre: 1 },
    ]);
  });
});

describe("repartir", () => {
  it("preserves the total whatever the weights", async () => {
    await fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.integer(),
        (total, poids, seed) => {
          const parts = repartir(total, poids, prng(seed));
          expect(parts).toHaveLength(poids.length);
          expect(parts.reduce((s, n) => s + n, 0)).toBe(total);
          for (const n of parts) expect(n).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("completerRapport", () => {
  const rapport = { id: 12, youthNew: 7, youthFollowed: 23, exchanges: 61, hoursOnline: 9.5 };

  it("keeps every CSV total in the breakdowns it draws", async () => {
    await fc.assert(
      fc.property(
        fc.record({
          id: fc.integer({ min: 1, max: 200_000 }),
          youthNew: fc.integer({ min: 0, max: 60 }),
          youthFollowed: fc.integer({ min: 0, max: 200 }),
          exchanges: fc.integer({ min: 0, max: 900 }),
          hoursOnline: fc.integer({ min: 0, max: 120 }).map((n) => n / 2),
        }),
        fc.subarray(["instagram", "snapchat", "tiktok", "discord"], { minLength: 1 }),
        (r, reseaux) => {
          const { comptes, individuels, collectifs } = completerRapport(r, reseaux, 42);
          expect(somme(comptes, "age_nouveaux")).toBe(r.youthNew);
          expect(somme(comptes, "age_file")).toBe(r.youthFollowed);
          expect(somme(comptes, "canal")).toBe(r.exchanges);
          expect(individuels + collectifs).toBe(r.exchanges);
          const rencontres = comptes.find((c) => c.rubrique === "canal" && c.code === "rencontres")?.nombre ?? 0;
          expect(somme(comptes, "reseau")).toBe(r.exchanges - rencontres);
          for (const c of comptes) {
            expect(c.nombre).toBeGreaterThan(0);
            if (c.rubrique === "reseau") expect(reseaux).toContain(c.code);
            if (c.rubrique === "canal") expect(CANAUX).toContain(c.code);
            if (c.rubrique.startsWith("age_")) expect(TRANCHES_AGE).toContain(c.code);
          }
        },
      ),
    );
  });

  it("is deterministic for a seed and differs with another", () => {
    const a = completerRapport(rapport, ["instagram", "tiktok"], 42);
    expect(completerRapport(rapport, ["instagram", "tiktok"], 42)).toEqual(a);
    expect(completerRapport(rapport, ["instagram", "tiktok"], 43)).not.toEqual(a);
  });

  it("draws no exchange per network for a promeneur without a profile", () => {
    expect(completerRapport(rapport, [], 42).comptes.filter((c) => c.rubrique === "reseau")).toEqual([]);
  });
});

describe("promeneurs and structures", () => {
  it("splits the display name into first name and the rest", () => {
    expect(decouperNom("Camille Le Gall")).toEqual({ prenom: "Camille", nom: "Le Gall" });
    expect(decouperNom("Amandine N'Diaye")).toEqual({ prenom: "Amandine", nom: "N'Diaye" });
  });

  it("makes a slug unique by the CSV id", () => {
    expect(slugPromeneur("Élodie Noël", 11)).toBe("elodie-noel-11");
    expect(slugPromeneur("Amandine N'Diaye", 7)).toBe("amandine-n-diaye-7");
  });

  it("keeps a real commune code, otherwise picks one of the département's communes by its number", () => {
    const communes = ["14001", "14002", "14003"];
    const existe = (code: string) => communes.includes(code);
    expect(communeDeStructure("14002", communes, existe)).toBe("14002");
    expect(communeDeStructure("14998", communes, existe)).toBe(communes[14998 % 3]);
    expect(communeDeStructure("14998", [], existe)).toBeNull();
  });

  it("suffixes a structure name already taken in the département, whatever its case and accents", () => {
    const pris = new Set<string>();
    expect(nomDeStructureUnique("MJC Montbois", 1, pris)).toBe("MJC Montbois");
    expect(nomDeStructureUnique("mjc  Montbois", 7, pris)).toBe("mjc  Montbois (n° 7)");
    expect(nomDeStructureUnique("Centre social Ré", 8, pris)).toBe("Centre social Ré");
    expect(nomDeStructureUnique("Centre social Re", 9, pris)).toBe("Centre social Re (n° 9)");
  });

  it("dates each verification within the six months before the end of the data, deterministically", () => {
    const fin = Date.parse(`${FIN_DES_DONNEES}T10:00:00Z`);
    for (let id = 1; id < 300; id++) {
      const d = dateDeVerification(id, 42).getTime();
      expect(d).toBeLessThan(fin);
      expect(d).toBeGreaterThanOrEqual(fin - 181 * 86_400_000);
    }
    expect(dateDeVerification(5, 42)).toEqual(dateDeVerification(5, 42));
  });

  it("dates an exit after the entry and before the end of the data", () => {
    const entree = new Date("2025-11-20T00:00:00Z");
    const sortie = dateDeSortie(3, entree, 42);
    expect(sortie.getTime()).toBeGreaterThan(entree.getTime());
    expect(sortie.getTime()).toBeLessThan(Date.parse(`${FIN_DES_DONNEES}T00:00:00Z`));
  });

  it("gives the structure's EPCI as territory, or the commune when it has none or one time in five", () => {
    expect(territoireDuPromeneur(1, { code: "14001", epciSiren: null }, 42)).toEqual({
      communeCode: "14001",
      epciSiren: null,
    });
    expect(territoireDuPromeneur(1, null, 42)).toBeNull();
    const kinds = Array.from({ length: 500 }, (_, i) =>
      territoireDuPromeneur(i, { code: "14001", epciSiren: "200000001" }, 42)?.epciSiren ? "epci" : "commune",
    );
    const communes = kinds.filter((k) => k === "commune").length;
    expect(communes).toBeGreaterThan(50);
    expect(communes).toBeLessThan(150);
  });
});

describe("lireLigneCsv", () => {
  it("reads plain, empty and quoted cells with doubled quotes and commas", () => {
    expect(lireLigneCsv('1,14,"Club ""Le Bois"", Caen",,x')).toEqual(["1", "14", 'Club "Le Bois", Caen', "", "x"]);
    expect(lireLigneCsv("a,b,")).toEqual(["a", "b", ""]);
  });
});
