/**
 * The coordination's reads of calls for applications (issue 9): its département's calls with
 * their applications counted by status, the reviewers it may put on a commission, one call or
 * submitted application it manages (404 out of its département, 403 for a role that never manages calls),
 * and one uploaded document for whoever may read it.
 */
import { appels, candidats, candidaturePieces, candidatures, evaluations, userRoles, users } from "@db/schema";
import { and, asc, count, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { STATUTS_CANDIDATURE, type StatutCandidature } from "./appel.labels";
import { type Appel, candidaturesDeLAppel, evaluateursDeLAppel, getAppel, type Piece } from "./appel.queries.server";
import { type LigneInstruction, syntheseAppel } from "./instruction.rules";

/** Out of scope: 404 for a role that manages calls elsewhere, 403 for one that never does. */
function introuvable(actor: Actor): never {
  if (!can(actor, "appels.gerer")) forbidden();
  notFound("Cet appel n'existe pas ou n'est pas accessible.");
}

export type AppelListe = {
  id: string;
  titre: string;
  slug: string;
  type: string;
  ouvertureLe: Date;
  clotureLe: Date;
  decisionLe: Date | null;
  publieLe: Date | null;
  parStatut: Record<StatutCandidature, number>;
};

/** A département's calls, latest deadline first, with their applications counted by status. */
export async function findAppelsDuDepartement(db: Executor, departement: string): Promise<AppelListe[]> {
  const rows = await db
    .select({
      id: appels.id,
      titre: appels.titre,
      slug: appels.slug,
      type: appels.type,
      ouvertureLe: appels.ouvertureLe,
      clotureLe: appels.clotureLe,
      decisionLe: appels.decisionLe,
      publieLe: appels.publieLe,
    })
    .from(appels)
    .where(eq(appels.departement, departement))
    .orderBy(desc(appels.clotureLe), asc(appels.titre));
  const ids = rows.map((r) => r.id);
  const comptes =
    ids.length === 0
      ? []
      : await db
          .select({ appelId: candidatures.appelId, statut: candidatures.statut, n: count() })
          .from(candidatures)
          .where(inArray(candidatures.appelId, ids))
          .groupBy(candidatures.appelId, candidatures.statut);
  return rows.map((r) => {
    const parStatut = Object.fromEntries(STATUTS_CANDIDATURE.map((s) => [s, 0])) as Record<StatutCandidature, number>;
    for (const c of comptes) {
      if (c.appelId === r.id && c.statut in parStatut) parStatut[c.statut as StatutCandidature] = c.n;
    }
    return { ...r, parStatut };
  });
}

export type EvaluateurDisponible = { userId: string; nom: string; email: string };

/** The active users holding the reviewer's role in the département: who may sit on a commission. */
export async function evaluateursDuDepartement(db: Executor, departement: string): Promise<EvaluateurDisponible[]> {
  const rows = await db
    .selectDistinct({ userId: users.id, nom: users.nom, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "evaluateur"), eq(userRoles.departement, departement), isNull(users.disabledAt)))
    .orderBy(asc(users.nom), asc(users.email));
  return rows;
}

/** A call the actor manages (its département's coordination or steering committee). */
export async function getAppelGere(db: Executor, actor: Actor, id: string | undefined): Promise<Appel> {
  if (!isUuid(id)) introuvable(actor);
  const appel = await getAppel(db, id);
  if (!appel) introuvable(actor);
  requireScoped(actor, "appels.gerer", { departement: appel.departement });
  return appel;
}

export type CandidatureGeree = LigneInstruction & {
  email: string;
  commission: Awaited<ReturnType<typeof evaluateursDeLAppel>>;
};

/**
 * A submitted application of a call the actor manages, as the call's review sees it (completeness,
 * eligibility, reviewers, score and rank among the call's applications), with its applicant's
 * e-mail and the call's commission. A draft is not opened (404).
 */
export async function getCandidatureGeree(
  db: Executor,
  actor: Actor,
  appelId: string | undefined,
  candidatureId: string | undefined,
): Promise<CandidatureGeree> {
  const appel = await getAppelGere(db, actor, appelId);
  if (!isUuid(candidatureId)) notFound("Cette candidature n'existe pas.");
  const completes = await candidaturesDeLAppel(db, appel);
  const complete = completes.find((c) => c.candidature.id === candidatureId);
  if (!complete) notFound("Cette candidature n'existe pas.");
  if (complete.candidature.statut === "brouillon") {
    notFound("Cette candidature est un brouillon\u00a0: elle se consulte une fois déposée.");
  }
  const ligne = syntheseAppel(completes).lignes.find((l) => l.candidature.id === candidatureId);
  if (!ligne) throw new Error("submitted application missing from the call's review");
  const [emails, commission] = await Promise.all([
    emailsDesCandidats(db, [complete.candidature.candidatId]),
    evaluateursDeLAppel(db, appel.id),
  ]);
  return { ...ligne, email: emails.get(complete.candidature.candidatId) ?? "", commission };
}

/** The applicants' e-mail addresses by applicant id. */
export async function emailsDesCandidats(db: Executor, candidatIds: readonly string[]): Promise<Map<string, string>> {
  if (candidatIds.length === 0) return new Map();
  const rows = await db
    .select({ id: candidats.id, email: candidats.email })
    .from(candidats)
    .where(inArray(candidats.id, [...candidatIds]));
  return new Map(rows.map((r) => [r.id, r.email]));
}

/**
 * A submitted application's uploaded document, for (a) the coordination or steering committee of
 * its call's département, or (b) a reviewer of that département assigned to its application. A
 * draft's documents are the applicant's alone (its page is a 404 too); anyone else gets null (a 404
 * for the route: a document's existence is not revealed).
 */
export async function getPieceLisible(db: Executor, actor: Actor, pieceId: string | undefined): Promise<Piece | null> {
  if (!isUuid(pieceId)) return null;
  const [row] = await db
    .select({ piece: candidaturePieces, departement: candidatures.departement, statut: candidatures.statut })
    .from(candidaturePieces)
    .innerJoin(candidatures, eq(candidatures.id, candidaturePieces.candidatureId))
    .where(eq(candidaturePieces.id, pieceId));
  if (!row || row.statut === "brouillon") return null;
  if (can(actor, "appels.gerer", { departement: row.departement })) return row.piece;
  if (!can(actor, "evaluations.acceder", { departement: row.departement })) return null;
  const [attribuee] = await db
    .select({ candidatureId: evaluations.candidatureId })
    .from(evaluations)
    .where(and(eq(evaluations.candidatureId, row.piece.candidatureId), eq(evaluations.evaluateurId, actor.userId)));
  return attribuee ? row.piece : null;
}

/** How many applications of a call were submitted (drafts left out). */
export async function nombreDeposees(db: Executor, appelId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(candidatures)
    .where(and(eq(candidatures.appelId, appelId), ne(candidatures.statut, "brouillon")));
  return row?.n ?? 0;
}
