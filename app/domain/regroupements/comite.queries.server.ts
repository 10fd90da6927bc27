import { comiteMembres, comites, decisions, regroupements, userRoles, users } from "@db/schema";
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import type { DecisionEtat } from "~/domain/regroupements/regroupement.labels";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";

export type ComiteRow = typeof comites.$inferSelect;
export type MembreRow = typeof comiteMembres.$inferSelect;

/** Whether `actor` sits on the committee as a linked, active member. */
async function estMembreLie(db: Executor, actor: Actor, comiteId: string): Promise<boolean> {
  const [membre] = await db
    .select({ id: comiteMembres.id })
    .from(comiteMembres)
    .where(
      and(eq(comiteMembres.comiteId, comiteId), eq(comiteMembres.userId, actor.userId), eq(comiteMembres.actif, true)),
    )
    .limit(1);
  return Boolean(membre);
}

/**
 * The committee `id` as `actor` may read it: the coordination of its département reads every
 * committee, a steering member those they sit on (linked, active member). Another département or
 * a committee one does not sit on: 404; a role that never reads committees: 403.
 */
export async function findComiteLisible(
  db: Executor,
  actor: Actor,
  id: string | undefined,
): Promise<{ comite: ComiteRow; gere: boolean }> {
  if (!isUuid(id)) notFound();
  const [comite] = await db.select().from(comites).where(eq(comites.id, id)).limit(1);
  if (!comite) notFound();
  requireScoped(actor, "comite.lire", { departement: comite.departement });
  const gere = can(actor, "comite.gerer", { departement: comite.departement });
  if (!gere && !(await estMembreLie(db, actor, comite.id))) notFound();
  return { comite, gere };
}

/**
 * The ids of the committees of a département the actor may read (a subquery): every committee for
 * the coordination, those one sits on as a linked, active member otherwise.
 */
export function idsComitesLisibles(db: Executor, actor: Actor, departement: string) {
  const gere = can(actor, "comite.gerer", { departement });
  return db
    .select({ id: comites.id })
    .from(comites)
    .where(
      and(
        eq(comites.departement, departement),
        gere
          ? undefined
          : inArray(
              comites.id,
              db
                .select({ id: comiteMembres.comiteId })
                .from(comiteMembres)
                .where(and(eq(comiteMembres.userId, actor.userId), eq(comiteMembres.actif, true))),
            ),
      ),
    );
}

/** A meeting still to come at `now`: planned (not cancelled) and not over (see `estReunionAVenir`). */
export function reunionAVenir(now: Date) {
  return and(eq(regroupements.statut, "prevu"), gt(regroupements.fin, now));
}

/**
 * The committees of a département the actor may read, the steering committee first, with their
 * open decisions and their next meeting (`reunionAVenir`). Aggregates are joined, not correlated
 * subqueries: drizzle leaves the columns of a one-table select unqualified, which would make a
 * correlated subquery compare its own columns.
 */
export async function comitesLisibles(db: Executor, actor: Actor, departement: string, now: Date) {
  const ouvertes = db
    .select({ comiteId: decisions.comiteId, n: sql<number>`count(*)::int`.as("n") })
    .from(decisions)
    .where(eq(decisions.etat, "ouverte"))
    .groupBy(decisions.comiteId)
    .as("ouvertes");
  const prochaines = db
    .select({ comiteId: regroupements.comiteId, debut: sql<string | Date>`min(${regroupements.debut})`.as("debut") })
    .from(regroupements)
    .where(reunionAVenir(now))
    .groupBy(regroupements.comiteId)
    .as("prochaines");
  const rows = await db
    .select({
      id: comites.id,
      type: comites.type,
      nom: comites.nom,
      actif: comites.actif,
      decisionsOuvertes: sql<number>`coalesce(${ouvertes.n}, 0)`.mapWith(Number),
      prochaineReunion: prochaines.debut,
    })
    .from(comites)
    .leftJoin(ouvertes, eq(ouvertes.comiteId, comites.id))
    .leftJoin(prochaines, eq(prochaines.comiteId, comites.id))
    .where(inArray(comites.id, idsComitesLisibles(db, actor, departement)))
    .orderBy(sql`case when ${comites.type} = 'comite_pilotage' then 0 else 1 end`, asc(comites.nom));
  return rows.map((r) => ({ ...r, prochaineReunion: r.prochaineReunion ? new Date(r.prochaineReunion) : null }));
}

export async function membresDe(db: Executor, comiteId: string) {
  return db
    .select({
      id: comiteMembres.id,
      organisation: comiteMembres.organisation,
      nom: comiteMembres.nom,
      fonction: comiteMembres.fonction,
      email: comiteMembres.email,
      userId: comiteMembres.userId,
      compteNom: users.nom,
      actif: comiteMembres.actif,
    })
    .from(comiteMembres)
    .leftJoin(users, eq(users.id, comiteMembres.userId))
    .where(eq(comiteMembres.comiteId, comiteId))
    .orderBy(desc(comiteMembres.actif), asc(comiteMembres.organisation), asc(comiteMembres.nom));
}

/** The active steering accounts of a département: a member may be linked to one of them. */
export async function comptesCopil(db: Executor, departement: string) {
  return db
    .selectDistinct({ id: users.id, nom: users.nom, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, "copil"), eq(userRoles.departement, departement), isNull(users.disabledAt)))
    .orderBy(asc(users.nom));
}

/** The meetings of a committee (its gatherings), the latest first. */
export async function reunionsDe(db: Executor, comiteId: string) {
  return db
    .select({
      id: regroupements.id,
      titre: regroupements.titre,
      debut: regroupements.debut,
      fin: regroupements.fin,
      statut: regroupements.statut,
      lieu: regroupements.lieu,
    })
    .from(regroupements)
    .where(eq(regroupements.comiteId, comiteId))
    .orderBy(desc(regroupements.debut));
}

/** The decisions of a committee (optionally in one state), with the meeting where each was taken. */
export async function decisionsDe(db: Executor, comiteId: string, etat?: DecisionEtat | null) {
  return db
    .select({
      id: decisions.id,
      texte: decisions.texte,
      responsable: decisions.responsable,
      echeance: decisions.echeance,
      etat: decisions.etat,
      reunionDebut: regroupements.debut,
    })
    .from(decisions)
    .leftJoin(regroupements, eq(regroupements.id, decisions.regroupementId))
    .where(and(eq(decisions.comiteId, comiteId), etat ? eq(decisions.etat, etat) : undefined))
    .orderBy(
      sql`case when ${decisions.etat} = 'ouverte' then 0 else 1 end`,
      sql`${decisions.echeance} asc nulls last`,
      desc(decisions.createdAt),
    );
}

/** The id and name of a committee (the caller has checked who may read it). */
export async function comiteResume(db: Executor, id: string) {
  const [row] = await db.select({ id: comites.id, nom: comites.nom }).from(comites).where(eq(comites.id, id)).limit(1);
  if (!row) notFound();
  return row;
}
