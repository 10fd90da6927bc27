/**
 * The call's funding rules (DESIGN §7), on amounts in cents (integers: no rounding error can make
 * 80 % read as 80.0000001 %). Each rule gives a status and the figures it was decided on; a budget
 * that breaks one may be kept as a draft, never submitted. Pure functions: the commands and pages
 * call them on every save.
 */
import { formatMontant } from "./montant";

/** The CAF's share of the total budget may not exceed 80 %. */
export const PART_CAF_MAX_POURCENT = 80;
/** The MSA's share may not exceed 2,500 € a year. */
export const MSA_MAX_CENTIMES = 250_000;
/** The coordinator's time: 0.5 FTE, in hundredths of a full-time equivalent. */
export const ETP_COORDINATION_CENTIEMES = 50;
/** The convention's years: the subsidy is the same for both. */
export const ANNEES_CONVENTION = [2025, 2026] as const;

export type Regle = "part_caf" | "plafond_msa" | "equilibre" | "temps_coordination" | "subvention_constante";

export type Verification = {
  regle: Regle;
  /** `sans_objet`: nothing to check yet (an empty budget, the other year not entered). */
  statut: "respectee" | "non_respectee" | "sans_objet";
  /** The rule and its figures, in French, as the pages and the financial report print them. */
  message: string;
};

/** What the rules read of one year's budget (planned or actual column). */
export type BudgetAVerifier = {
  totalCharges: number;
  totalProduits: number;
  caf: number;
  msa: number;
  /** The coordinator's time on the staff line, in hundredths of an FTE (50 = 0.5 FTE); null if not entered. */
  etpCentiemes: number | null;
  /** The CAF subsidy planned for the other year of the convention, when it has a budget. */
  cafAutreAnnee: { annee: number; centimes: number } | null;
};

/** « 80,00 % »: a share in hundredths of a percent, rounded down (never shown below a limit it exceeds). */
export function textePourcentage(part: number, total: number): string {
  if (total <= 0) return "–";
  const centiemes = (BigInt(part) * 10_000n) / BigInt(total);
  const entier = centiemes / 100n;
  const reste = String(centiemes % 100n).padStart(2, "0");
  return `${entier},${reste}\u00a0%`;
}

export function verifierBudget(b: BudgetAVerifier): Verification[] {
  return [partCaf(b), plafondMsa(b), equilibre(b), tempsCoordination(b), subventionConstante(b)];
}

/** CAF ≤ 80 % of the total budget (its charges): caf × 100 ≤ total × 80, in integers. */
function partCaf({ caf, totalCharges }: BudgetAVerifier): Verification {
  if (totalCharges <= 0) {
    return { regle: "part_caf", statut: "sans_objet", message: "Part de la CAF : aucune charge saisie." };
  }
  const respectee = BigInt(caf) * 100n <= BigInt(totalCharges) * BigInt(PART_CAF_MAX_POURCENT);
  return {
    regle: "part_caf",
    statut: respectee ? "respectee" : "non_respectee",
    message: `Part de la CAF : ${formatMontant(caf)}, soit ${textePourcentage(caf, totalCharges)} du budget de ${formatMontant(totalCharges)} (${PART_CAF_MAX_POURCENT}\u00a0% au plus${respectee ? "" : `, soit ${formatMontant(Math.floor((totalCharges * PART_CAF_MAX_POURCENT) / 100))} au plus`}).`,
  };
}

function plafondMsa({ msa }: BudgetAVerifier): Verification {
  const respectee = msa <= MSA_MAX_CENTIMES;
  return {
    regle: "plafond_msa",
    statut: respectee ? "respectee" : "non_respectee",
    message: `Part de la MSA : ${formatMontant(msa)} (${formatMontant(MSA_MAX_CENTIMES)} par an au plus${respectee ? "" : `, ${formatMontant(msa - MSA_MAX_CENTIMES)} de trop`}).`,
  };
}

function equilibre({ totalCharges, totalProduits }: BudgetAVerifier): Verification {
  const ecart = totalProduits - totalCharges;
  if (totalCharges === 0 && totalProduits === 0) {
    return { regle: "equilibre", statut: "sans_objet", message: "Équilibre : aucune ligne saisie." };
  }
  return {
    regle: "equilibre",
    statut: ecart === 0 ? "respectee" : "non_respectee",
    message:
      ecart === 0
        ? `Budget équilibré : ${formatMontant(totalCharges)} de charges et de produits.`
        : `Budget déséquilibré : ${formatMontant(totalProduits)} de produits pour ${formatMontant(totalCharges)} de charges, ${ecart > 0 ? "excédent" : "déficit"} de ${formatMontant(Math.abs(ecart))}.`,
  };
}

function tempsCoordination({ etpCentiemes }: BudgetAVerifier): Verification {
  if (etpCentiemes === null) {
    return {
      regle: "temps_coordination",
      statut: "non_respectee",
      message: "Temps de coordination : le temps du coordinateur (0,5\u00a0ETP) n'est pas saisi.",
    };
  }
  const respectee = etpCentiemes === ETP_COORDINATION_CENTIEMES;
  return {
    regle: "temps_coordination",
    statut: respectee ? "respectee" : "non_respectee",
    message: `Temps de coordination : ${texteEtp(etpCentiemes)} (0,5\u00a0ETP demandé par l'appel).`,
  };
}

function subventionConstante({ caf, cafAutreAnnee }: BudgetAVerifier): Verification {
  if (!cafAutreAnnee) {
    return {
      regle: "subvention_constante",
      statut: "sans_objet",
      message: "Subvention identique sur les deux années : l'autre année de la convention n'a pas encore de budget.",
    };
  }
  const respectee = caf === cafAutreAnnee.centimes;
  return {
    regle: "subvention_constante",
    statut: respectee ? "respectee" : "non_respectee",
    message: respectee
      ? `Subvention identique sur les deux années : ${formatMontant(caf)}, comme en ${cafAutreAnnee.annee}.`
      : `Subvention différente de celle de ${cafAutreAnnee.annee} (${formatMontant(cafAutreAnnee.centimes)}) : ${formatMontant(caf)}. Elle doit être la même sur les deux années de la convention.`,
  };
}

/** « 0,5 ETP », « 0,45 ETP ». */
export function texteEtp(centiemes: number): string {
  return `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(centiemes / 100)}\u00a0ETP`;
}

/** Whether a budget may be submitted: no rule broken (« sans objet » blocks nothing but an empty budget). */
export function peutEtreSoumis(verifications: readonly Verification[]): boolean {
  return (
    verifications.every((v) => v.statut !== "non_respectee") &&
    verifications.some((v) => v.regle === "equilibre" && v.statut === "respectee")
  );
}

/** The staff line from FTE × full-time annual cost, rounded to the nearest cent (half up). */
export function coutCoordination(etpCentiemes: number, coutAnnuelTempsPleinCentimes: number): number {
  return Number((BigInt(etpCentiemes) * BigInt(coutAnnuelTempsPleinCentimes) + 50n) / 100n);
}
