import { comites, decisionSuivis, decisions, regroupements, users } from "@db/schema";
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import { type ComiteRow, findComiteLisible, idsComitesLisibles, reunionAVenir } from "./comite.queries.server";

export type DecisionRow = typeof decisions.$inferSelect;

/**
 * A decision as `actor` may read it: through its committee (`findComiteLisible`: the coordination,
 * or a linked member of the committee; 404 otherwise, 403 for a role that never reads committees).
 */
export async function findDecisionLisible(
  db: Executor,
  actor: Actor,
  id: string | undefined,
): Promise<{ decision: DecisionRow; comite: ComiteRow; gere: boolean }> {
  if (!can(actor, "comite.lire")) forbidden();
  if (!isUuid(id)) notFound();
  const [decision] = await db.select().from(decisions).where(eq(decisions.id, id)).limit(1);
  if (!decision) notFound();
  const { comite, gere } = await findComiteLisible(db, actor, decision.comiteId);
  return { decision, comite, gere };
}

/** The follow-up history of a decision, oldest first, with the meeting and the author. */
export async function suivisDe(db: Executor, decisionId: string) {
  return db
    .select({
      id: decisionSuivis.id,
      etat: decisionSuivis.etat,
      note: decisionSuivis.note,
      createdAt: decisionSuivis.createdAt,
      regroupementId: decisionSuivis.regroupementId,
      reunionTitre: regroupements.titre,
      reunionDebut: regroupements.debut,
      auteur: users.nom,
    })
    .from(decisionSuivis)
    .leftJoin(regroupements, eq(regroupements.id, decisionSuivis.regroupementId))
    .leftJoin(users, eq(users.id, decisionSuivis.auteurId))
    .where(eq(decisionSuivis.decisionId, decisionId))
    .orderBy(asc(decisionSuivis.createdAt));
}

const colonnes = {
  id: decisions.id,
  texte: decisions.texte,
  responsable: decisions.responsable,
  echeance: decisions.echeance,
  etat: decisions.etat,
  clotureeLe: decisions.clotureeLe,
  version: decisions.version,
  regroupementId: decisions.regroupementId,
};

/** The decisions taken at one meeting. */
export async function decisionsPrisesA(db: Executor, regroupementId: string) {
  return db
    .select(colonnes)
    .from(decisions)
    .where(eq(decisions.regroupementId, regroupementId))
    .orderBy(asc(decisions.createdAt));
}

/**
 * « Décisions à suivre » at a meeting of a committee: its decisions taken before this meeting (at
 * an earlier meeting, or outside any) that are still open, plus those already followed up at this
 * meeting (so that a state changed here stays in view), each with the note recorded here if any.
 */
export async function decisionsASuivre(db: Executor, reunion: { id: string; comiteId: string; debut: Date }) {
  const prise = alias(regroupements, "prise");
  // The latest follow-up recorded at this meeting, one row per decision.
  const ici = db
    .selectDistinctOn([decisionSuivis.decisionId], {
      decisionId: decisionSuivis.decisionId,
      note: decisionSuivis.note,
      etat: decisionSuivis.etat,
    })
    .from(decisionSuivis)
    .where(eq(decisionSuivis.regroupementId, reunion.id))
    .orderBy(decisionSuivis.decisionId, desc(decisionSuivis.createdAt))
    .as("ici");
  return db
    .select({
      ...colonnes,
      reunionDebut: prise.debut,
      suiviIci: ici.note,
      suiviIciEtat: ici.etat,
    })
    .from(decisions)
    .leftJoin(prise, eq(prise.id, decisions.regroupementId))
    .leftJoin(ici, eq(ici.decisionId, decisions.id))
    .where(
      and(
        eq(decisions.comiteId, reunion.comiteId),
        or(isNull(decisions.regroupementId), ne(decisions.regroupementId, reunion.id)),
        or(isNull(prise.debut), lt(prise.debut, reunion.debut)),
        or(eq(decisions.etat, "ouverte"), isNotNull(ici.decisionId)),
      ),
    )
    .orderBy(sql`${decisions.echeance} asc nulls last`, asc(decisions.createdAt));
}

/**
 * For a steering member's home: the next meetings of the committees they sit on, and those
 * committees' open decisions (the coordination: every committee of the département).
 */
export async function agendaDesComites(db: Executor, actor: Actor, departement: string, now: Date) {
  const ids = idsComitesLisibles(db, actor, departement);
  const [reunions, ouvertes] = await Promise.all([
    db
      .select({
        id: regroupements.id,
        titre: regroupements.titre,
        debut: regroupements.debut,
        comite: comites.nom,
      })
      .from(regroupements)
      .innerJoin(comites, eq(comites.id, regroupements.comiteId))
      .where(and(inArray(regroupements.comiteId, ids), reunionAVenir(now)))
      .orderBy(asc(regroupements.debut))
      .limit(5),
    db
      .select({
        id: decisions.id,
        texte: decisions.texte,
        responsable: decisions.responsable,
        echeance: decisions.echeance,
        etat: decisions.etat,
        comite: comites.nom,
      })
      .from(decisions)
      .innerJoin(comites, eq(comites.id, decisions.comiteId))
      .where(and(inArray(decisions.comiteId, ids), eq(decisions.etat, "ouverte")))
      .orderBy(sql`${decisions.echeance} asc nulls last`, desc(decisions.createdAt))
      .limit(8),
  ]);
  return { reunions, decisions: ouvertes };
}
