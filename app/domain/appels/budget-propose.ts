/**
 * The annual budget an applicant proposes with the coordination call, checked against the same
 * funding rules as the convention's budget (issue 8): CAF ≤ 80 %, MSA ≤ 2 500 €, balanced,
 * coordinator at 0.5 FTE. The « same subsidy both years » rule does not apply to a single proposal.
 */
import { LIGNES_CHARGES, LIGNES_PRODUITS } from "~/domain/budget/budget.labels";
import { peutEtreSoumis, type Verification, verifierBudget } from "~/domain/budget/budget.rules";

/** The proposed annual budget of an application (coordination call), in cents; lines of list K. */
export type BudgetPropose = {
  charges: Record<string, number>;
  produits: Record<string, number>;
  /** The coordinator's time, in hundredths of an FTE. */
  etpCentiemes: number | null;
};

export const CODES_CHARGES = Object.keys(LIGNES_CHARGES) as (keyof typeof LIGNES_CHARGES)[];
export const CODES_PRODUITS = Object.keys(LIGNES_PRODUITS) as (keyof typeof LIGNES_PRODUITS)[];

function somme(lignes: Record<string, number>): number {
  return Object.values(lignes).reduce((total, montant) => total + montant, 0);
}

export function totauxBudgetPropose(budget: BudgetPropose): { charges: number; produits: number } {
  return { charges: somme(budget.charges), produits: somme(budget.produits) };
}

/** The funding rules on a proposed budget, each with its status and figures (French). */
export function verifierBudgetPropose(budget: BudgetPropose): Verification[] {
  const { charges, produits } = totauxBudgetPropose(budget);
  return verifierBudget({
    totalCharges: charges,
    totalProduits: produits,
    caf: budget.produits.caf ?? 0,
    msa: budget.produits.msa ?? 0,
    etpCentiemes: budget.etpCentiemes,
    cafAutreAnnee: null,
  }).filter((v) => v.regle !== "subvention_constante");
}

/** Whether the proposed budget keeps every rule (an application may only be submitted then). */
export function budgetProposeConforme(budget: BudgetPropose): boolean {
  return peutEtreSoumis(verifierBudgetPropose(budget));
}

/** A proposed budget as the pages read it: every line of the form in its order, totals, rules. */
export type BudgetProposeLu = {
  charges: { code: string; libelle: string; montant: number }[];
  produits: { code: string; libelle: string; montant: number }[];
  totaux: { charges: number; produits: number };
  etpCentiemes: number | null;
  verifications: Verification[];
};

export function lireBudgetPropose(budget: BudgetPropose): BudgetProposeLu {
  return {
    charges: CODES_CHARGES.map((code) => ({ code, libelle: LIGNES_CHARGES[code], montant: budget.charges[code] ?? 0 })),
    produits: CODES_PRODUITS.map((code) => ({
      code,
      libelle: LIGNES_PRODUITS[code],
      montant: budget.produits[code] ?? 0,
    })),
    totaux: totauxBudgetPropose(budget),
    etpCentiemes: budget.etpCentiemes,
    verifications: verifierBudgetPropose(budget),
  };
}
