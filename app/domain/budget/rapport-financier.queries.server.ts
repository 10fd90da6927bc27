import { getNomDepartement } from "~/domain/rapport-annuel/rapport-annuel.queries.server";
import { jourIso } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import { type BudgetComplet, etatBudget } from "./budget.etat";
import { getBudgetComplet } from "./budget.queries.server";
import { type ContenuRapportFinancier, contenuRapportFinancier } from "./rapport-financier.contenu";

/**
 * The financial report of a budget already read (the caller checked the actor may read it), as of
 * `maintenant`: the schedule's statuses are those of that day in Europe/Paris.
 */
export async function rapportFinancierDuBudget(
  db: Executor,
  budget: BudgetComplet,
  maintenant: Date,
  departementNom?: string,
): Promise<ContenuRapportFinancier> {
  return contenuRapportFinancier({
    budget,
    etat: etatBudget(budget, jourIso(maintenant)),
    departementNom: departementNom ?? (await getNomDepartement(db, budget.departement)),
    genereLe: maintenant,
  });
}

/** A département's financial report of a year, or null when it has no budget that year. */
export async function getRapportFinancier(
  db: Executor,
  departement: string,
  annee: number,
  maintenant: Date,
  departementNom?: string,
): Promise<ContenuRapportFinancier | null> {
  const budget = await getBudgetComplet(db, departement, annee);
  return budget ? rapportFinancierDuBudget(db, budget, maintenant, departementNom) : null;
}
