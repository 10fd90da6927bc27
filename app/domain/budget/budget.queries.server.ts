import { auditLog, budgetJustificatifs, budgetLignes, budgets, budgetVersements, fichiers } from "@db/schema";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { BudgetComplet, JustificatifBudget, LigneBudget, StatutBudget, VersementBudget } from "./budget.etat";
import { estAnneeConvention } from "./budget.etat";
import type { SensLigne } from "./budget.labels";
import { ANNEES_CONVENTION } from "./budget.rules";
import type { Versement } from "./subvention.rules";

/** The years a département has a budget for, newest first. */
export async function findBudgets(db: Executor, departement: string) {
  return db
    .select({ id: budgets.id, annee: budgets.annee, statut: budgets.statut, soumisLe: budgets.soumisLe })
    .from(budgets)
    .where(eq(budgets.departement, departement))
    .orderBy(desc(budgets.annee));
}

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
  const [budget] = await db
    .select()
    .from(budgets)
    .where(and(eq(budgets.departement, departement), eq(budgets.annee, annee)))
    .limit(1);
  if (!budget) return null;
  const [lignes, justificatifs, versements, autre] = await Promise.all([
    db
      .select()
      .from(budgetLignes)
      .where(eq(budgetLignes.budgetId, budget.id))
      .orderBy(asc(budgetLignes.sens), asc(budgetLignes.ordre), asc(budgetLignes.libelle)),
    db
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
      .where(eq(budgetLignes.budgetId, budget.id))
      .orderBy(asc(budgetJustificatifs.createdAt)),
    db
      .select()
      .from(budgetVersements)
      .where(eq(budgetVersements.budgetId, budget.id))
      .orderBy(asc(budgetVersements.verseLe), asc(budgetVersements.createdAt)),
    cafAutreAnnee(db, departement, annee),
  ]);
  const parLigne = new Map<string, JustificatifBudget[]>();
  for (const j of justificatifs) {
    parLigne.set(j.ligneId, [
      ...(parLigne.get(j.ligneId) ?? []),
      { id: j.id, nom: j.nom, typeMime: j.typeMime, taille: j.taille },
    ]);
  }
  return {
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
    lignes: lignes.map(
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
    versements: versements.map(
      (v): VersementBudget => ({
        id: v.id,
        type: v.type as Versement["type"],
        centimes: v.centimes,
        verseLe: v.verseLe,
        commentaire: v.commentaire,
      }),
    ),
    cafAutreAnnee: autre,
  };
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
