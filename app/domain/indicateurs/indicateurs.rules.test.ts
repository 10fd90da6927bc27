import { describe, expect, it } from "vitest";
import { THEMES } from "~/domain/promeneurs/theme.labels";
import {
  assemblerIndicateurs,
  bornesMois,
  indiceShannon,
  type LigneMensuelle,
  moisDeLaPeriodeRapports,
  moyenne,
} from "./indicateurs.rules";

const j = (annee: number, mois: number, jour: number) => ({ annee, mois, jour });

describe("mois de la période", () => {
  it("une année : ses douze mois ; un trimestre : ses trois mois", () => {
    expect(moisDeLaPeriodeRapports(j(2025, 1, 1), j(2025, 12, 31))).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
    ]);
    expect(moisDeLaPeriodeRapports(j(2026, 4, 1), j(2026, 6, 30))).toEqual(["2026-04", "2026-05", "2026-06"]);
  });

  it("un mois entamé à l'un ou l'autre bout compte entier, à cheval sur deux années", () => {
    expect(moisDeLaPeriodeRapports(j(2025, 11, 3), j(2026, 1, 12))).toEqual(["2025-11", "2025-12", "2026-01"]);
    expect(bornesMois({ du: j(2025, 11, 3), au: j(2026, 1, 12) })).toEqual({
      premier: "2025-11-01",
      dernier: "2026-01-01",
    });
  });

  it("une période à l'envers ne compte aucun mois", () => {
    expect(moisDeLaPeriodeRapports(j(2026, 3, 1), j(2026, 2, 28))).toEqual([]);
    expect(bornesMois({ du: j(2026, 3, 1), au: j(2026, 2, 28) })).toBeNull();
  });
});

describe("indice de Shannon normalisé", () => {
  it("vaut H / ln(K), calculé à la main", () => {
    // 6, 3 and 1 requests over 14 themes: p = 0.6, 0.3, 0.1.
    const h = -(0.6 * Math.log(0.6) + 0.3 * Math.log(0.3) + 0.1 * Math.log(0.1));
    expect(indiceShannon([6, 0, 3, 1], 14)).toBeCloseTo(h / Math.log(14), 12);
  });

  it("0 pour un seul thème, 1 pour tous les thèmes à égalité, null sans demande", () => {
    expect(indiceShannon([0, 7, 0], 14)).toBe(0);
    expect(indiceShannon(Array(14).fill(5), 14)).toBeCloseTo(1, 12);
    expect(indiceShannon([0, 0], 14)).toBeNull();
  });
});

describe("moyenne", () => {
  it("moyenne arithmétique, null sans valeur", () => {
    expect(moyenne([10, 20, 36])).toBe(22);
    expect(moyenne([])).toBeNull();
  });
});

describe("assemblage des indicateurs", () => {
  const l = (mois: string, rubrique: string, code: string, nombre: number): LigneMensuelle => ({
    mois,
    rubrique,
    code,
    nombre,
  });
  const lignes = [
    l("2026-01", "total", "rapports", 2),
    l("2026-01", "total", "nouveaux_jeunes", 5),
    l("2026-01", "total", "file_active", 20),
    l("2026-01", "total", "echanges", 30),
    l("2026-01", "theme", "sante", 4),
    l("2026-01", "theme", "logement", 1),
    l("2026-01", "publication", "live", 2),
    l("2026-01", "reseau", "instagram", 25),
    l("2026-01", "reseau", "snapchat", 5),
    l("2026-03", "total", "rapports", 1),
    l("2026-03", "total", "file_active", 11),
    l("2026-03", "total", "echanges", 7),
    l("2026-03", "theme", "sante", 6),
    l("2026-03", "publication", "autre", 3),
  ];
  const entree = {
    periode: { du: j(2026, 1, 1), au: j(2026, 3, 31) },
    lignes,
    lignesPrecedentes: [l("2025-12", "total", "rapports", 1), l("2025-12", "theme", "sante", 8)],
    situations: new Map([
      ["harcelement", 4],
      ["violences", 1],
    ]),
  };

  it("vue coordination : valeurs exactes, mois à zéro compris, moyenne sur les mois ayant un bilan", () => {
    const r = assemblerIndicateurs({ ...entree, vue: "coordination" });
    expect(r.rapports).toBe(3);
    expect(r.jeunes.parMois).toEqual([
      { mois: "2026-01", nouveaux: 5, fileActive: 20 },
      { mois: "2026-02", nouveaux: 0, fileActive: 0 },
      { mois: "2026-03", nouveaux: 0, fileActive: 11 },
    ]);
    // February has no report: the mean is over January and March.
    expect(r.jeunes.fileActiveMoyenne).toEqual({ valeur: (20 + 11) / 2, precedente: 0 });
    expect(r.demandes.total).toEqual({ valeur: 11, precedente: 8 });
    expect(r.demandes.parTheme).toHaveLength(THEMES.length);
    expect(r.demandes.parTheme.find((p) => p.code === "logement")?.nombre).toBe(1);
    expect(r.demandes.themesPresents).toBe(2);
    const h = -((10 / 11) * Math.log(10 / 11) + (1 / 11) * Math.log(1 / 11));
    expect(r.demandes.shannon.valeur).toBeCloseTo(h / Math.log(14), 12);
    // One theme only the period before.
    expect(r.demandes.shannon.precedente).toBe(0);
    expect(r.demandes.situations).toBe(5);
    expect(r.demandes.situationsParCategorie.find((p) => p.code === "violences")?.nombre).toBe(1);
    expect(r.echanges.parMois.map((p) => p.valeur)).toEqual([30, 0, 7]);
    expect(r.publications.total).toEqual({ valeur: 5, precedente: 0 });
    expect(r.publications.parMois.map((p) => p.valeur)).toEqual([2, 0, 3]);
    expect(r.echangesParReseau).toEqual({ instagram: 25, snapchat: 5 });
  });

  it("vue agrégée : thèmes et catégories de situations retenus (avec le secret secondaire), le reste exact", () => {
    const r = assemblerIndicateurs({ ...entree, vue: "agregee" });
    const themes = Object.fromEntries(r.demandes.parTheme.map((p) => [p.code, p.nombre]));
    // logement 1 withheld alone: sante (10) goes too; the zeros stay.
    expect(themes.logement).toBeNull();
    expect(themes.sante).toBeNull();
    expect(themes.famille).toBe(0);
    const situations = Object.fromEntries(r.demandes.situationsParCategorie.map((p) => [p.code, p.nombre]));
    expect(situations.violences).toBeNull();
    expect(situations.harcelement).toBeNull();
    expect(r.demandes.total.valeur).toBe(11);
    expect(r.publications.parType.find((p) => p.code === "live")?.nombre).toBe(2);
  });

  it("un filtre réseau ne garde que les échanges de ce réseau", () => {
    const r = assemblerIndicateurs({ ...entree, vue: "coordination", reseau: "snapchat" });
    expect(r.echangesParReseau).toEqual({ snapchat: 5 });
  });
});
