import { describe, expect, it } from "vitest";
import { echeancier, montantAvance, proratiser } from "./subvention.rules";

const SUBVENTION = 4_000_000; // 40 000,00 €

describe("échéancier de la subvention", () => {
  it("avance de 50 % dans l'année, solde attendu après les rapports, au plus tard le 30 juin suivant", () => {
    const e = echeancier({
      annee: 2025,
      subvention: SUBVENTION,
      versements: [],
      rapportsRecusLe: null,
      aujourdhui: "2025-06-01",
    });
    expect(e.echeances).toEqual([
      { type: "avance", du: 2_000_000, verse: 0, reste: 2_000_000, echeance: "2025-12-31", statut: "a_venir" },
      {
        type: "solde",
        du: 2_000_000,
        verse: 0,
        reste: 2_000_000,
        echeance: "2026-06-30",
        statut: "en_attente_des_rapports",
      },
    ]);
    expect(e.resteDu).toBe(SUBVENTION);
  });

  it("ce qui est versé, ce qui est dû, ce qui est en retard", () => {
    const avance = { type: "avance" as const, centimes: 2_000_000, verseLe: "2025-03-15" };
    const sansRapports = echeancier({
      annee: 2025,
      subvention: SUBVENTION,
      versements: [avance],
      rapportsRecusLe: null,
      aujourdhui: "2026-09-01",
    });
    expect(sansRapports.echeances.map((x) => x.statut)).toEqual(["versee", "en_attente_des_rapports"]);
    const enRetard = echeancier({
      annee: 2025,
      subvention: SUBVENTION,
      versements: [avance],
      rapportsRecusLe: "2026-04-02",
      aujourdhui: "2026-07-01",
    });
    expect(enRetard.echeances[1]).toMatchObject({ statut: "en_retard", reste: 2_000_000 });
    expect(enRetard.totalVerse).toBe(2_000_000);
    const avantEcheance = echeancier({
      annee: 2025,
      subvention: SUBVENTION,
      versements: [avance],
      rapportsRecusLe: "2026-04-02",
      aujourdhui: "2026-06-30",
    });
    expect(avantEcheance.echeances[1]?.statut).toBe("a_venir");
    const avanceEnRetard = echeancier({
      annee: 2025,
      subvention: SUBVENTION,
      versements: [],
      rapportsRecusLe: null,
      aujourdhui: "2026-01-01",
    });
    expect(avanceEnRetard.echeances[0]?.statut).toBe("en_retard");
  });

  it("le centime impair va au solde", () => {
    expect(montantAvance(4_000_001)).toBe(2_000_000);
    const e = echeancier({
      annee: 2026,
      subvention: 4_000_001,
      versements: [],
      rapportsRecusLe: null,
      aujourdhui: "2026-01-01",
    });
    expect(e.echeances.map((x) => x.du)).toEqual([2_000_000, 2_000_001]);
  });

  it("après proratisation : la subvention retenue, et le trop-versé à rembourser", () => {
    const e = echeancier({
      annee: 2025,
      subvention: SUBVENTION,
      subventionProratisee: 800_000,
      versements: [{ type: "avance", centimes: 2_000_000, verseLe: "2025-03-15" }],
      rapportsRecusLe: "2026-03-01",
      aujourdhui: "2026-04-01",
    });
    expect(e.subventionRetenue).toBe(800_000);
    expect(e.echeances.map((x) => [x.du, x.statut])).toEqual([
      [800_000, "versee"],
      [0, "versee"],
    ]);
    expect(e.aRembourser).toBe(1_200_000);
    expect(e.resteDu).toBe(0);
    const apresRemboursement = echeancier({
      annee: 2025,
      subvention: SUBVENTION,
      subventionProratisee: 800_000,
      versements: [
        { type: "avance", centimes: 2_000_000, verseLe: "2025-03-15" },
        { type: "remboursement", centimes: 1_000_000, verseLe: "2026-05-01" },
      ],
      rapportsRecusLe: "2026-03-01",
      aujourdhui: "2026-06-01",
    });
    expect(apresRemboursement).toMatchObject({ totalVerse: 1_000_000, rembourse: 1_000_000, aRembourser: 200_000 });
  });
});

describe("proratisation (exemples calculés à la main)", () => {
  it("45 000 € réalisés pour 50 000 € prévus : 40 000 € × 0,9 = 36 000 € ; 16 000 € de solde après 20 000 € d'avance", () => {
    const p = proratiser({
      subvention: SUBVENTION,
      chargesPrevues: 5_000_000,
      chargesRealisees: 4_500_000,
      dejaVerse: 2_000_000,
    });
    expect(p).toMatchObject({
      proratisee: true,
      subventionRetenue: 3_600_000,
      reduction: 400_000,
      soldeAVerser: 1_600_000,
      aRembourser: 0,
    });
    expect(p.explication).toContain("90,00\u00a0%");
    expect(p.explication).toContain("= 36\u202f000,00\u00a0€");
  });

  it("10 000 € réalisés pour 50 000 € : 8 000 € retenus, 12 000 € d'avance à rembourser", () => {
    expect(
      proratiser({
        subvention: SUBVENTION,
        chargesPrevues: 5_000_000,
        chargesRealisees: 1_000_000,
        dejaVerse: 2_000_000,
      }),
    ).toMatchObject({ subventionRetenue: 800_000, reduction: 3_200_000, aRembourser: 1_200_000, soldeAVerser: 0 });
  });

  it("arrondi au centime inférieur : 40 000 € × 10 000 ÷ 30 000 = 13 333,33 €", () => {
    expect(
      proratiser({ subvention: SUBVENTION, chargesPrevues: 3_000_000, chargesRealisees: 1_000_000, dejaVerse: 0 })
        .subventionRetenue,
    ).toBe(1_333_333);
  });

  it("pas de proratisation quand les charges réalisées atteignent ou dépassent le prévu", () => {
    for (const chargesRealisees of [5_000_000, 5_500_000]) {
      expect(
        proratiser({ subvention: SUBVENTION, chargesPrevues: 5_000_000, chargesRealisees, dejaVerse: 2_000_000 }),
      ).toMatchObject({ proratisee: false, subventionRetenue: SUBVENTION, reduction: 0, soldeAVerser: 2_000_000 });
    }
  });
});
