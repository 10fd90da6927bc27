/**
 * Test helpers for the financial report: a year's budget built by hand (no database), as
 * `getBudgetComplet` returns it, and its report. Used by tests only (the annual report's sample
 * data carries this report too).
 */
import type { BudgetComplet, LigneBudget, VersementBudget } from "./budget.etat";
import { etatBudget } from "./budget.etat";
import type { SensLigne } from "./budget.labels";
import { type ContenuRapportFinancier, contenuRapportFinancier } from "./rapport-financier.contenu";

/** The day the sample report is generated (Europe/Paris), and the instant. */
export const AUJOURDHUI_EXEMPLE = "2026-02-10";
export const GENERE_LE_EXEMPLE = new Date("2026-02-10T10:00:00Z");

/** The label the coordination gave the line it added to the sample budget. */
export const LIGNE_AJOUTEE = "Location de salle pour les regroupements";

let compteur = 0;

/** A budget line: amounts in cents; `realise` null when the actual amount is not entered. */
export function ligneBudget(
  sens: SensLigne,
  code: string,
  prevu: number,
  realise: number | null,
  options: { libelle?: string; commentaire?: string; ordre?: number } = {},
): LigneBudget {
  compteur++;
  return {
    id: `ligne-${compteur}`,
    sens,
    code,
    libelle: options.libelle ?? "",
    prevu,
    realise,
    commentaire: options.commentaire ?? "",
    ordre: options.ordre ?? 0,
    justificatifs: [],
  };
}

export function versementBudget(
  type: VersementBudget["type"],
  centimes: number,
  verseLe: string,
  commentaire = "",
): VersementBudget {
  compteur++;
  return { id: `versement-${compteur}`, type, centimes, verseLe, commentaire };
}

/**
 * The 2025 budget of 04, submitted, keeping every rule: 46 000 € of charges planned (the CAF
 * 36 800 €, exactly 80 %; the MSA 2 500 €; own funds 6 700 €), 45 969,53 € spent — so the subsidy
 * is prorated to 36 775,62 € (not confirmed). The advance is paid; the reports are not received.
 */
export function budgetExemple(surcharges: Partial<BudgetComplet> = {}): BudgetComplet {
  return {
    id: "budget-04-2025",
    departement: "04",
    annee: 2025,
    statut: "soumis",
    etpCoordination: 50,
    coutAnnuelCoordination: 6_040_000,
    rapportsRecusLe: null,
    subventionProratisee: null,
    proratisationConfirmeeLe: null,
    version: 3,
    soumisLe: new Date("2025-01-24T10:00:00Z"),
    updatedAt: new Date("2026-01-30T10:00:00Z"),
    lignes: [
      ligneBudget("charge", "personnel_coordination", 3_020_000, 3_041_218, {
        commentaire: "Ancienneté : +1,2\u00a0% au 1er juillet.",
        ordre: 0,
      }),
      ligneBudget("charge", "deplacements", 480_000, 423_640, {
        commentaire: "Moins de trajets en hiver, davantage de visio.",
        ordre: 1,
      }),
      ligneBudget("charge", "communication", 250_000, 287_195, { ordre: 2 }),
      ligneBudget("charge", "formation_supervision", 300_000, 264_000, { ordre: 3 }),
      ligneBudget("charge", "equipement", 150_000, 168_900, { ordre: 4 }),
      ligneBudget("charge", "frais_structure", 350_000, 370_000, { ordre: 5 }),
      ligneBudget("charge", "autre_charge", 50_000, 42_000, { libelle: LIGNE_AJOUTEE, ordre: 6 }),
      ligneBudget("produit", "caf", 3_680_000, 3_680_000, { ordre: 0 }),
      ligneBudget("produit", "msa", 250_000, 250_000, { ordre: 1 }),
      ligneBudget("produit", "fonds_propres", 670_000, 666_953, {
        commentaire: "Complément du centre social porteur.",
        ordre: 2,
      }),
    ],
    versements: [versementBudget("avance", 1_840_000, "2025-04-14", "Avance de 50\u00a0%.")],
    cafAutreAnnee: { annee: 2026, centimes: 3_680_000 },
    ...surcharges,
  };
}

/** The financial report of a budget (the sample's by default) on `aujourdhui`. */
export function contenuExemple(
  budget: BudgetComplet = budgetExemple(),
  aujourdhui: string = AUJOURDHUI_EXEMPLE,
): ContenuRapportFinancier {
  return contenuRapportFinancier({
    budget,
    etat: etatBudget(budget, aujourdhui),
    departementNom: "Alpes-de-Haute-Provence",
    genereLe: GENERE_LE_EXEMPLE,
  });
}
