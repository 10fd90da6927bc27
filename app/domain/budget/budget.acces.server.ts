import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { pickDepartement } from "~/server/request.server";
import { ANNEE_MAX, ANNEE_MIN } from "./budget.commands.server";
import type { BudgetComplet } from "./budget.etat";
import { getBudgetComplet } from "./budget.queries.server";

/** The year of a budget's address (« 2025 »); anything else is a page that does not exist. */
export function anneeDeLAdresse(valeur: string | undefined): number {
  if (!valeur || !/^\d{4}$/.test(valeur)) notFound();
  const annee = Number(valeur);
  if (annee < ANNEE_MIN || annee > ANNEE_MAX) notFound();
  return annee;
}

/**
 * The budget a page shows: the département asked for (`?departement=`, 404 outside the actor's
 * scope), the year of the address, the budget (404 when that year has none), and whether the
 * actor manages it.
 */
export async function budgetLisible(
  db: Executor,
  actor: Actor,
  request: Request,
  anneeParam: string | undefined,
): Promise<{ departement: string; annee: number; budget: BudgetComplet; gere: boolean }> {
  const departement = pickDepartement(actor, "budget.lire", request);
  const annee = anneeDeLAdresse(anneeParam);
  const budget = await getBudgetComplet(db, departement, annee);
  if (!budget) notFound(`Le département ${departement} n'a pas de budget ${annee}.`);
  return { departement, annee, budget, gere: can(actor, "budget.gerer", { departement }) };
}
