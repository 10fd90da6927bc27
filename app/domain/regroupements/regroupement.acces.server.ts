import { comiteMembres, regroupementInvitations, regroupements } from "@db/schema";
import { and, eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";

export type RegroupementRow = typeof regroupements.$inferSelect;

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
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const [regroupement] = await db.select().from(regroupements).where(eq(regroupements.id, id)).limit(1);
  if (!regroupement) notFound();
  requireScoped(actor, "regroupement.lire", { departement: regroupement.departement });
  const gere = can(actor, "regroupement.gerer", { departement: regroupement.departement });
  const [invitation] = await db
    .select({ id: regroupementInvitations.id })
    .from(regroupementInvitations)
    .where(and(eq(regroupementInvitations.regroupementId, id), eq(regroupementInvitations.userId, actor.userId)))
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
