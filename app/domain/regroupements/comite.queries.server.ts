import { comiteMembres, comites, decisions, regroupements, userRoles, users } from "@db/schema";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import type { DecisionEtat } from "~/domain/regroupements/regroupement.labels";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";

export type ComiteRow = typeof comites.$inferSelect;
export type MembreRow = typeof comiteMembres.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `actor` sits on the committee as a linked, active member. */
export async function estMembreLie(db: Executor, actor: Actor, comiteId: string): Promise<boolean> {
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
  if (!id || !UUID.test(id)) notFound();
  const [comite] = await db.select().from(comites).where(eq(comites.id, id)).limit(1);
  if (!comite) notFound();
  requireScoped(actor, "comite.lire", { departement: comite.departement });
  const gere = can(actor, "comite.gerer", { departement: comite.departement });
  if (!gere && !(await estMembreLie(db, actor, comite.id))) notFound();
  return { comite, gere };
}

/** The committees of a département the actor may read, the steering committee first. */
export async function comitesLisibles(db: Executor, actor: Actor, departement: string) {
  const gere = can(actor, "comite.gerer", { departement });
  const ouverts = sql<number>`(select count(*)::int from ${decisions} where ${decisions.comiteId} = ${comites.id} and ${decisions.etat} = 'ouverte')`;
  const prochaine = sql<Date | null>`(select min(${regroupements.debut}) from ${regroupements} where ${regroupements.comiteId} = ${comites.id} and ${regroupements.statut} = 'prevu' and ${regroupements.debut} > now())`;
  const rows = await db
    .select({
      id: comites.id,
      type: comites.type,
      nom: comites.nom,
      actif: comites.actif,
      decisionsOuvertes: ouverts,
      prochaineReunion: prochaine,
    })
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
    )
    .orderBy(asc(comites.type), asc(comites.nom));
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

export type DecisionListe = Awaited<ReturnType<typeof decisionsDe>>[number];

/** The decisions of a committee (optionally in one state), with the meeting where each was taken. */
export async function decisionsDe(db: Executor, comiteId: string, etat?: DecisionEtat | null) {
  return db
    .select({
      id: decisions.id,
      texte: decisions.texte,
      responsable: decisions.responsable,
      echeance: decisions.echeance,
      etat: decisions.etat,
      clotureeLe: decisions.clotureeLe,
      version: decisions.version,
      regroupementId: decisions.regroupementId,
      reunionTitre: regroupements.titre,
      reunionDebut: regroupements.debut,
      createdAt: decisions.createdAt,
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
  return row ?? { id, nom: "Comité" };
}
