import { comiteMembres, promeneurs, regroupementInvitations, regroupements } from "@db/schema";
import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";

export type RegroupementRow = typeof regroupements.$inferSelect;

/**
 * The one definition of "invited": an invitation row is the user's when it names their account, or
 * their promeneur record, or their committee membership, as these are linked now (an account
 * linked after the invitation counts: the row's own `user_id` was copied at invitation time).
 */
export function invitationDuCompte(db: Executor, userId: string): SQL {
  return or(
    eq(regroupementInvitations.userId, userId),
    inArray(
      regroupementInvitations.promeneurId,
      db.select({ id: promeneurs.id }).from(promeneurs).where(eq(promeneurs.userId, userId)),
    ),
    inArray(
      regroupementInvitations.membreId,
      db.select({ id: comiteMembres.id }).from(comiteMembres).where(eq(comiteMembres.userId, userId)),
    ),
  ) as SQL;
}

/** How an actor is related to a gathering: what they may then read and do on it. */
export type Acces = {
  regroupement: RegroupementRow;
  /** The coordination of its département: everything. */
  gere: boolean;
  /** The actor's own invitation, when they are invited. */
  invitationId: string | null;
  /** A steering member of the committee the gathering is a meeting of. */
  membreComite: boolean;
};

/**
 * The gathering `id` as `actor` may read it, or a 404. The coordination of its département reads
 * every gathering; anyone else holding `regroupement.lire` there reads it when invited, when they
 * sit on its committee (linked member), or when it is public. Another département: 404; a role
 * that never reads gatherings: 403.
 */
export async function findRegroupementLisible(db: Executor, actor: Actor, id: string): Promise<Acces> {
  if (!isUuid(id)) notFound();
  const [regroupement] = await db.select().from(regroupements).where(eq(regroupements.id, id)).limit(1);
  if (!regroupement) notFound();
  requireScoped(actor, "regroupement.lire", { departement: regroupement.departement });
  const gere = can(actor, "regroupement.gerer", { departement: regroupement.departement });
  const [invitation] = await db
    .select({ id: regroupementInvitations.id })
    .from(regroupementInvitations)
    .where(and(eq(regroupementInvitations.regroupementId, id), invitationDuCompte(db, actor.userId)))
    .limit(1);
  let membreComite = false;
  if (regroupement.comiteId && can(actor, "comite.lire", { departement: regroupement.departement })) {
    const [membre] = await db
      .select({ id: comiteMembres.id })
      .from(comiteMembres)
      .where(
        and(
          eq(comiteMembres.comiteId, regroupement.comiteId),
          eq(comiteMembres.userId, actor.userId),
          eq(comiteMembres.actif, true),
        ),
      )
      .limit(1);
    membreComite = Boolean(membre);
  }
  if (!gere && !invitation && !membreComite && regroupement.audience !== "public") notFound();
  return { regroupement, gere, invitationId: invitation?.id ?? null, membreComite };
}
