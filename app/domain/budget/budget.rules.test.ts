import { describe, expect, it } from "vitest";
import {
  type BudgetAVerifier,
  coutCoordination,
  peutEtreSoumis,
  type Regle,
  textePourcentage,
  verifierBudget,
} from "./budget.rules";

/** A balanced budget of 100,000.00 € that keeps every rule; each test changes what it checks. */
const base: BudgetAVerifier = {
  totalCharges: 10_000_000,
  totalProduits: 10_000_000,
  caf: 4_000_000,
  msa: 250_000,
  etpCentiemes: 50,
  cafAutreAnnee: { annee: 2025, centimes: 4_000_000 },
};
const statut = (b: Partial<BudgetAVerifier>, regle: Regle) =>
  verifierBudget({ ...base, ...b }).find((v) => v.regle === regle);

describe("règles de financement de l'appel", () => {
  it("CAF : 80 % exactement passe, 80,01 % (et même 80,00001 %) ne passe pas", () => {
    expect(statut({ caf: 8_000_000 }, "part_caf")).toMatchObject({ statut: "respectee" });
    expect(statut({ caf: 8_000_000 }, "part_caf")?.message).toContain("80,00\u00a0% du budget");
    const auDessus = statut({ caf: 8_001_000 }, "part_caf");
    expect(auDessus?.statut).toBe("non_respectee");
    expect(auDessus?.message).toContain("80,01\u00a0%");
    expect(auDessus?.message).toContain("80\u202f000,00\u00a0€ au plus");
    expect(statut({ caf: 8_000_001 }, "part_caf")?.statut).toBe("non_respectee");
    expect(statut({ totalCharges: 0, totalProduits: 0 }, "part_caf")?.statut).toBe("sans_objet");
  });

  it("MSA : 2 500,00 € passe, 2 500,01 € ne passe pas (avec l'excédent)", () => {
    expect(statut({ msa: 250_000 }, "plafond_msa")?.statut).toBe("respectee");
    const trop = statut({ msa: 250_001 }, "plafond_msa");
    expect(trop?.statut).toBe("non_respectee");
    expect(trop?.message).toContain("0,01\u00a0€ de trop");
  });

  it("équilibre : produits = charges, sinon l'écart est montré", () => {
    expect(statut({}, "equilibre")?.statut).toBe("respectee");
    const deficit = statut({ totalProduits: 9_850_000 }, "equilibre");
    expect(deficit?.statut).toBe("non_respectee");
    expect(deficit?.message).toContain("déficit de 1\u202f500,00\u00a0€");
    expect(statut({ totalProduits: 10_000_001 }, "equilibre")?.message).toContain("excédent de 0,01\u00a0€");
  });

  it("temps de coordination : 0,5 ETP exactement", () => {
    expect(statut({ etpCentiemes: 50 }, "temps_coordination")?.statut).toBe("respectee");
    expect(statut({ etpCentiemes: 45 }, "temps_coordination")).toMatchObject({
      statut: "non_respectee",
      message: expect.stringContaining("0,45\u00a0ETP"),
    });
    expect(statut({ etpCentiemes: null }, "temps_coordination")?.statut).toBe("non_respectee");
  });

  it("subvention identique en 2025 et 2026, au centime près", () => {
    expect(statut({}, "subvention_constante")?.statut).toBe("respectee");
    expect(statut({ caf: 4_000_001 }, "subvention_constante")?.statut).toBe("non_respectee");
    expect(statut({ cafAutreAnnee: null }, "subvention_constante")?.statut).toBe("sans_objet");
  });

  it("un budget qui enfreint une règle reste un brouillon ; un budget vide ne se soumet pas", () => {
    expect(peutEtreSoumis(verifierBudget(base))).toBe(true);
    expect(peutEtreSoumis(verifierBudget({ ...base, cafAutreAnnee: null }))).toBe(true);
    expect(peutEtreSoumis(verifierBudget({ ...base, msa: 250_001 }))).toBe(false);
    expect(
      peutEtreSoumis(
        verifierBudget({ ...base, totalCharges: 0, totalProduits: 0, caf: 0, msa: 0, cafAutreAnnee: null }),
      ),
    ).toBe(false);
  });
});

describe("calculs", () => {
  it("le coût du coordinateur : ETP × coût annuel à temps plein, arrondi au centime le plus proche", () => {
    expect(coutCoordination(50, 4_500_000)).toBe(2_250_000);
    expect(coutCoordination(33, 1_000_001)).toBe(330_000); // 330 000,33 → 330 000
    expect(coutCoordination(50, 1)).toBe(1); // 0,5 centime → 1
    expect(coutCoordination(50, 3)).toBe(2); // 1,5 → 2
  });

  it("une part en pourcentage, arrondie vers le bas au centième", () => {
    expect(textePourcentage(2, 3)).toBe("66,66\u00a0%");
    expect(textePourcentage(8_000_001, 10_000_000)).toBe("80,00\u00a0%");
    expect(textePourcentage(1, 0)).toBe("–");
  });
});
