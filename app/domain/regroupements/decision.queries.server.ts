import { comites, decisionSuivis, decisions, regroupements, users } from "@db/schema";
import { and, asc, desc, eq, exists, gt, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import type { Executor } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import { type ComiteRow, comitesLisibles, findComiteLisible } from "./comite.queries.server";

export type DecisionRow = typeof decisions.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  if (!id || !UUID.test(id)) notFound();
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
  const suiviIci = and(eq(decisionSuivis.decisionId, decisions.id), eq(decisionSuivis.regroupementId, reunion.id));
  const rows = await db
    .select({
      ...colonnes,
      reunionTitre: prise.titre,
      reunionDebut: prise.debut,
      suiviIci: sql<
        string | null
      >`(select ${decisionSuivis.note} from ${decisionSuivis} where ${suiviIci} order by ${decisionSuivis.createdAt} desc limit 1)`,
      suiviIciEtat: sql<
        string | null
      >`(select ${decisionSuivis.etat} from ${decisionSuivis} where ${suiviIci} order by ${decisionSuivis.createdAt} desc limit 1)`,
    })
    .from(decisions)
    .leftJoin(prise, eq(prise.id, decisions.regroupementId))
    .where(
      and(
        eq(decisions.comiteId, reunion.comiteId),
        or(isNull(decisions.regroupementId), ne(decisions.regroupementId, reunion.id)),
        or(isNull(prise.debut), lt(prise.debut, reunion.debut)),
        or(eq(decisions.etat, "ouverte"), exists(db.select({ x: sql`1` }).from(decisionSuivis).where(suiviIci))),
      ),
    )
    .orderBy(sql`${decisions.echeance} asc nulls last`, asc(decisions.createdAt));
  return rows;
}

/**
 * For a steering member's home: the next meetings of the committees they sit on, and those
 * committees' open decisions (the coordination: every committee of the département).
 */
export async function agendaDesComites(db: Executor, actor: Actor, departement: string, now: Date) {
  const lisibles = await comitesLisibles(db, actor, departement);
  const ids = lisibles.map((c) => c.id);
  if (ids.length === 0) return { reunions: [], decisions: [] };
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
      .where(and(inArray(regroupements.comiteId, ids), eq(regroupements.statut, "prevu"), gt(regroupements.fin, now)))
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
