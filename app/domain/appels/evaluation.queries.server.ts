/**
 * The reviewers' reads (issue 9): the applications assigned to the signed-in reviewer in their
 * département(s), and one of them with everything needed to score it. Scoped in the query: an
 * application the reviewer is not assigned to, of another département, or not receivable is a 404.
 */
import { appels, candidatures, evaluationNotes, evaluations } from "@db/schema";
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { departementsFor } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import type { StatutCandidature } from "./appel.labels";
import { type CandidatureComplete, type EvaluationLue, getCandidatureComplete } from "./appel.queries.server";
import { type EtatEvaluation, etatEvaluation, isEvaluable } from "./evaluation.rules";

export type EvaluationAttribuee = {
  candidatureId: string;
  structureNom: string;
  structureCommune: string;
  statut: StatutCandidature;
  evaluable: boolean;
  etat: EtatEvaluation;
  soumiseLe: Date | null;
  notees: number;
};

export type AppelAEvaluer = {
  id: string;
  titre: string;
  departement: string;
  clotureLe: Date;
  decisionLe: Date | null;
  criteres: number;
  candidatures: EvaluationAttribuee[];
};

/** Statuses an assigned application is listed with (a draft is never assigned; shown if it were, it would leak nothing). */
const STATUTS_LISTES: StatutCandidature[] = ["deposee", "recevable", "irrecevable", "retenue", "refusee"];

/**
 * The applications assigned to the reviewer in the départements where they hold the reviewer's
 * role, grouped by call (latest deadline first), each by structure name.
 */
export async function findEvaluationsDe(db: Executor, actor: Actor): Promise<AppelAEvaluer[]> {
  const departements = departementsFor(actor, "evaluations.acceder");
  if (departements.length === 0) return [];
  const rows = await db
    .select({
      appelId: appels.id,
      titre: appels.titre,
      departement: appels.departement,
      clotureLe: appels.clotureLe,
      decisionLe: appels.decisionLe,
      criteres: appels.criteres,
      candidatureId: candidatures.id,
      structureNom: candidatures.structureNom,
      structureCommune: candidatures.structureCommune,
      statut: candidatures.statut,
      soumiseLe: evaluations.soumiseLe,
    })
    .from(evaluations)
    .innerJoin(candidatures, eq(candidatures.id, evaluations.candidatureId))
    .innerJoin(appels, eq(appels.id, candidatures.appelId))
    .where(
      and(
        eq(evaluations.evaluateurId, actor.userId),
        inArray(candidatures.departement, departements),
        inArray(candidatures.statut, STATUTS_LISTES),
      ),
    )
    .orderBy(desc(appels.clotureLe), asc(appels.titre), asc(candidatures.structureNom), asc(candidatures.id));
  const ids = rows.map((r) => r.candidatureId);
  const comptes =
    ids.length === 0
      ? []
      : await db
          .select({ candidatureId: evaluationNotes.candidatureId, n: count() })
          .from(evaluationNotes)
          .where(and(eq(evaluationNotes.evaluateurId, actor.userId), inArray(evaluationNotes.candidatureId, ids)))
          .groupBy(evaluationNotes.candidatureId);
  const notees = new Map(comptes.map((c) => [c.candidatureId, Number(c.n)]));

  const parAppel = new Map<string, AppelAEvaluer>();
  for (const r of rows) {
    let appel = parAppel.get(r.appelId);
    if (!appel) {
      appel = {
        id: r.appelId,
        titre: r.titre,
        departement: r.departement,
        clotureLe: r.clotureLe,
        decisionLe: r.decisionLe,
        criteres: Array.isArray(r.criteres) ? r.criteres.length : 0,
        candidatures: [],
      };
      parAppel.set(r.appelId, appel);
    }
    const statut = r.statut as StatutCandidature;
    const n = notees.get(r.candidatureId) ?? 0;
    appel.candidatures.push({
      candidatureId: r.candidatureId,
      structureNom: r.structureNom,
      structureCommune: r.structureCommune,
      statut,
      evaluable: isEvaluable(statut),
      etat: etatEvaluation({ soumiseLe: r.soumiseLe, notees: n }),
      soumiseLe: r.soumiseLe,
      notees: n,
    });
  }
  return [...parAppel.values()];
}

export type CandidatureAEvaluer = CandidatureComplete & { mienne: EvaluationLue };

/**
 * An application the reviewer scores: 404 unless it exists, is of a département where they hold
 * the reviewer's role, is assigned to them, and is receivable (or decided); 403 for a role that
 * never reviews.
 */
export async function getCandidatureAEvaluer(
  db: Executor,
  actor: Actor,
  candidatureId: string | undefined,
): Promise<CandidatureAEvaluer> {
  if (!isUuid(candidatureId)) notFound();
  const complete = await getCandidatureComplete(db, candidatureId);
  if (!complete) notFound();
  requireScoped(actor, "evaluations.acceder", { departement: complete.candidature.departement });
  const mienne = complete.evaluations.find((e) => e.evaluateurId === actor.userId);
  if (!mienne) notFound();
  if (!isEvaluable(complete.candidature.statut)) {
    notFound("Cette candidature n'est pas (ou pas encore) recevable : elle ne s'évalue pas.");
  }
  return { ...complete, mienne };
}
