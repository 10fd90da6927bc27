/**
 * A year's budget as the pages and the financial report read it (pure): its lines with their
 * labels, the planned and actual totals, the funding rules checked on both columns, the payment
 * schedule and the prorating the actual charges call for. Every amount is in cents.
 */
import { LIGNES_CHARGES, LIGNES_PRODUITS, type SensLigne } from "./budget.labels";
import {
  ANNEES_CONVENTION,
  type BudgetAVerifier,
  peutEtreSoumis,
  type Verification,
  verifierBudget,
} from "./budget.rules";
import { type Echeancier, echeancier, type Proratisation, proratiser, type Versement } from "./subvention.rules";

export type StatutBudget = "brouillon" | "soumis";

export type JustificatifBudget = { id: string; nom: string; typeMime: string; taille: number };

export type LigneBudget = {
  id: string;
  sens: SensLigne;
  code: string;
  /** The label the coordinator gave an added line; list K's lines take theirs from the code. */
  libelle: string;
  prevu: number;
  /** Null until the actual amount is entered. */
  realise: number | null;
  commentaire: string;
  ordre: number;
  justificatifs: JustificatifBudget[];
};

export type VersementBudget = Versement & { id: string; commentaire: string };

/** One budget as read from the database (app/domain/budget/budget.queries.server.ts). */
export type BudgetComplet = {
  id: string;
  departement: string;
  annee: number;
  statut: StatutBudget;
  /** Hundredths of an FTE (50 = 0.5 FTE); null until entered. */
  etpCoordination: number | null;
  /** The coordinator's full-time annual cost, in cents; null until entered. */
  coutAnnuelCoordination: number | null;
  rapportsRecusLe: string | null;
  subventionProratisee: number | null;
  proratisationConfirmeeLe: Date | null;
  version: number;
  soumisLe: Date | null;
  updatedAt: Date;
  lignes: LigneBudget[];
  versements: VersementBudget[];
  /** The CAF subsidy planned for the other year of the convention, when it has a budget. */
  cafAutreAnnee: { annee: number; centimes: number } | null;
};

export type Totaux = { charges: number; produits: number; caf: number; msa: number };

export type EtatBudget = {
  prevu: Totaux;
  /** Lines without an actual amount count as 0. */
  realise: Totaux;
  /** Charge lines whose actual amount is not entered yet. */
  chargesSansRealise: number;
  /** The rules on the planned budget: what decides whether it may be submitted. */
  verificationsPrevu: Verification[];
  /** The share and ceiling rules on the actual amounts (the final accounts). */
  verificationsRealise: Verification[];
  soumettable: boolean;
  /** The CAF subsidy: the planned CAF income line. */
  subvention: number;
  echeancier: Echeancier;
  /**
   * What the actual charges call for (shown before the coordinator confirms it); null while a
   * charge line has no actual amount.
   */
  proratisation: Proratisation | null;
};

/** The label of a line: list K's, or the one the coordinator gave an added line. */
export function libelleLigne(ligne: Pick<LigneBudget, "sens" | "code" | "libelle">): string {
  if (ligne.libelle) return ligne.libelle;
  const liste: Record<string, string> = ligne.sens === "charge" ? LIGNES_CHARGES : LIGNES_PRODUITS;
  return liste[ligne.code] ?? ligne.code;
}

/** Whether a budget year is one of the convention's (the subsidy must then be the same for both). */
export function estAnneeConvention(annee: number): boolean {
  return (ANNEES_CONVENTION as readonly number[]).includes(annee);
}

export function totaux(lignes: readonly LigneBudget[], colonne: "prevu" | "realise"): Totaux {
  const somme = (filtre: (l: LigneBudget) => boolean) =>
    lignes.filter(filtre).reduce((total, l) => total + (l[colonne] ?? 0), 0);
  return {
    charges: somme((l) => l.sens === "charge"),
    produits: somme((l) => l.sens === "produit"),
    caf: somme((l) => l.sens === "produit" && l.code === "caf"),
    msa: somme((l) => l.sens === "produit" && l.code === "msa"),
  };
}

export function etatBudget(budget: BudgetComplet, aujourdhui: string): EtatBudget {
  const prevu = totaux(budget.lignes, "prevu");
  const realise = totaux(budget.lignes, "realise");
  const aVerifier = (t: Totaux, cafAutreAnnee: BudgetAVerifier["cafAutreAnnee"]): BudgetAVerifier => ({
    totalCharges: t.charges,
    totalProduits: t.produits,
    caf: t.caf,
    msa: t.msa,
    etpCentiemes: budget.etpCoordination,
    cafAutreAnnee,
  });
  const verificationsPrevu = verifierBudget(aVerifier(prevu, budget.cafAutreAnnee));
  const verificationsRealise = verifierBudget(aVerifier(realise, null)).filter(
    (v) => v.regle === "part_caf" || v.regle === "plafond_msa" || v.regle === "equilibre",
  );
  const chargesSansRealise = budget.lignes.filter((l) => l.sens === "charge" && l.realise === null).length;
  const subvention = prevu.caf;
  const schedule = echeancier({
    annee: budget.annee,
    subvention,
    subventionProratisee: budget.subventionProratisee,
    versements: budget.versements,
    rapportsRecusLe: budget.rapportsRecusLe,
    aujourdhui,
  });
  // Paid net of repayments: what a prorating compares the subsidy retained with.
  const dejaVerse = schedule.totalVerse;
  return {
    prevu,
    realise,
    chargesSansRealise,
    verificationsPrevu,
    verificationsRealise,
    soumettable: peutEtreSoumis(verificationsPrevu),
    subvention,
    echeancier: schedule,
    proratisation:
      chargesSansRealise > 0 || budget.lignes.every((l) => l.sens !== "charge")
        ? null
        : proratiser({ subvention, chargesPrevues: prevu.charges, chargesRealisees: realise.charges, dejaVerse }),
  };
}
