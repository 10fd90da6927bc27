import { regroupementInvitations } from "@db/schema";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "~/server/db.server";

/** The invitees of a gathering as the attendance page lists them: by name, with their attendance. */
export async function findInvitesPresence(db: Executor, regroupementId: string) {
  return db
    .select({
      id: regroupementInvitations.id,
      nom: regroupementInvitations.nom,
      organisation: regroupementInvitations.organisation,
      presence: regroupementInvitations.presence,
    })
    .from(regroupementInvitations)
    .where(eq(regroupementInvitations.regroupementId, regroupementId))
    .orderBy(asc(regroupementInvitations.nom), asc(regroupementInvitations.id));
}
