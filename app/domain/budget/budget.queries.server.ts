import { auditLog, budgetJustificatifs, budgetLignes, budgets, budgetVersements, fichiers } from "@db/schema";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { BudgetComplet, JustificatifBudget, LigneBudget, StatutBudget, VersementBudget } from "./budget.etat";
import { estAnneeConvention } from "./budget.etat";
import type { SensLigne } from "./budget.labels";
import { ANNEES_CONVENTION } from "./budget.rules";
import type { Versement } from "./subvention.rules";

/** The CAF income planned for the other year of the convention, when that year has a budget. */
async function cafAutreAnnee(db: Executor, departement: string, annee: number) {
  if (!estAnneeConvention(annee)) return null;
  const autre = ANNEES_CONVENTION.find((a) => a !== annee);
  if (autre === undefined) return null;
  const [row] = await db
    .select({ prevu: budgetLignes.prevu })
    .from(budgetLignes)
    .innerJoin(budgets, eq(budgets.id, budgetLignes.budgetId))
    .where(
      and(
        eq(budgets.departement, departement),
        eq(budgets.annee, autre),
        eq(budgetLignes.sens, "produit"),
        eq(budgetLignes.code, "caf"),
      ),
    )
    .limit(1);
  return row ? { annee: autre, centimes: row.prevu } : null;
}

/** A département's budget of a year, with its lines, their supporting documents and the payments; null if none. */
export async function getBudgetComplet(
  db: Executor,
  departement: string,
  annee: number,
): Promise<BudgetComplet | null> {
  return (await budgetsComplets(db, departement, annee))[0] ?? null;
}

/**
 * A département's budgets, newest first (or only the one of `annee`), each whole: four queries
 * whatever the number of years. The other convention year's CAF subsidy comes from the budgets
 * read, or from one more query when a single year is asked.
 */
export async function budgetsComplets(db: Executor, departement: string, annee?: number): Promise<BudgetComplet[]> {
  const lus = await db
    .select()
    .from(budgets)
    .where(and(eq(budgets.departement, departement), annee === undefined ? undefined : eq(budgets.annee, annee)))
    .orderBy(desc(budgets.annee));
  if (lus.length === 0) return [];
  const ids = lus.map((b) => b.id);
  // One query after the other: `db` may be a transaction, one connection that runs one query at a
  // time (pg 9 will refuse a query sent while another runs).
  const lignes = await db
    .select()
    .from(budgetLignes)
    .where(inArray(budgetLignes.budgetId, ids))
    .orderBy(asc(budgetLignes.sens), asc(budgetLignes.ordre), asc(budgetLignes.libelle));
  const justificatifs = await db
    .select({
      id: budgetJustificatifs.id,
      ligneId: budgetJustificatifs.ligneId,
      nom: fichiers.nom,
      typeMime: fichiers.typeMime,
      taille: fichiers.taille,
    })
    .from(budgetJustificatifs)
    .innerJoin(budgetLignes, eq(budgetLignes.id, budgetJustificatifs.ligneId))
    .innerJoin(fichiers, eq(fichiers.id, budgetJustificatifs.fichierId))
    .where(inArray(budgetLignes.budgetId, ids))
    .orderBy(asc(budgetJustificatifs.createdAt));
  const versements = await db
    .select()
    .from(budgetVersements)
    .where(inArray(budgetVersements.budgetId, ids))
    .orderBy(asc(budgetVersements.verseLe), asc(budgetVersements.createdAt));
  const autre = annee === undefined ? null : await cafAutreAnnee(db, departement, annee);
  const parLigne = new Map<string, JustificatifBudget[]>();
  for (const j of justificatifs) {
    parLigne.set(j.ligneId, [
      ...(parLigne.get(j.ligneId) ?? []),
      { id: j.id, nom: j.nom, typeMime: j.typeMime, taille: j.taille },
    ]);
  }
  const cafPrevue = (budgetId: string) =>
    lignes.find((l) => l.budgetId === budgetId && l.sens === "produit" && l.code === "caf")?.prevu ?? null;
  const autreDe = (b: (typeof lus)[number]) => {
    if (annee !== undefined) return autre;
    if (!estAnneeConvention(b.annee)) return null;
    const autreBudget = lus.find((x) => x.annee !== b.annee && estAnneeConvention(x.annee));
    const centimes = autreBudget ? cafPrevue(autreBudget.id) : null;
    return autreBudget && centimes !== null ? { annee: autreBudget.annee, centimes } : null;
  };
  return lus.map((budget) => ({
    id: budget.id,
    departement: budget.departement,
    annee: budget.annee,
    statut: budget.statut as StatutBudget,
    etpCoordination: budget.etpCoordination,
    coutAnnuelCoordination: budget.coutAnnuelCoordination,
    rapportsRecusLe: budget.rapportsRecusLe,
    subventionProratisee: budget.subventionProratisee,
    proratisationConfirmeeLe: budget.proratisationConfirmeeLe,
    version: budget.version,
    soumisLe: budget.soumisLe,
    updatedAt: budget.updatedAt,
    lignes: lignes
      .filter((l) => l.budgetId === budget.id)
      .map(
        (l): LigneBudget => ({
          id: l.id,
          sens: l.sens as SensLigne,
          code: l.code,
          libelle: l.libelle,
          prevu: l.prevu,
          realise: l.realise,
          commentaire: l.commentaire,
          ordre: l.ordre,
          justificatifs: parLigne.get(l.id) ?? [],
        }),
      ),
    versements: versements
      .filter((v) => v.budgetId === budget.id)
      .map(
        (v): VersementBudget => ({
          id: v.id,
          type: v.type as Versement["type"],
          centimes: v.centimes,
          verseLe: v.verseLe,
          commentaire: v.commentaire,
        }),
      ),
    cafAutreAnnee: autreDe(budget),
  }));
}

/** A supporting document of a département's budget line (its file id), or null. */
export async function findJustificatif(db: Executor, departement: string, annee: number, justificatifId: string) {
  const [row] = await db
    .select({
      id: budgetJustificatifs.id,
      fichierId: budgetJustificatifs.fichierId,
      ligneId: budgetJustificatifs.ligneId,
    })
    .from(budgetJustificatifs)
    .innerJoin(budgetLignes, eq(budgetLignes.id, budgetJustificatifs.ligneId))
    .innerJoin(budgets, eq(budgets.id, budgetLignes.budgetId))
    .where(
      and(eq(budgetJustificatifs.id, justificatifId), eq(budgets.departement, departement), eq(budgets.annee, annee)),
    )
    .limit(1);
  return row ?? null;
}

/** The history of a budget: every change written to the audit log, newest first. */
export async function historiqueBudget(db: Executor, budgetId: string, limite = 200) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorLabel: auditLog.actorLabel,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "budget"), eq(auditLog.entityId, budgetId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limite);
}
