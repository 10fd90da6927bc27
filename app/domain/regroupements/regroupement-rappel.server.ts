import { regroupementInvitations, regroupements } from "@db/schema";
import { and, eq, gte, inArray, isNull, lt, ne } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { getLogger } from "~/server/logger.server";
import { sendMails } from "~/server/mail.server";
import { findRegroupementsMail, mailRappel } from "./invitation.mails.server";
import { lendemainParis } from "./regroupement.rules";

export const RAPPEL_REGROUPEMENT = "regroupements.rappel-veille";

/**
 * The reminder job (every day at 09:00 Europe/Paris): every invitee who did not decline a gathering
 * (not cancelled) starting the next calendar day in Paris gets one e-mail with the `.ics`. Each
 * reminder is claimed once (`UPDATE … SET rappel_envoye_le … WHERE rappel_envoye_le IS NULL
 * RETURNING`), so two app instances, or a second run, never send it twice. Returns the mails sent.
 */
export async function envoyerRappelsRegroupement(db: Executor, now: Date, publicUrl: string): Promise<number> {
  const { debut, fin } = lendemainParis(now);
  const demain = db
    .select({ id: regroupements.id })
    .from(regroupements)
    .where(and(eq(regroupements.statut, "prevu"), gte(regroupements.debut, debut), lt(regroupements.debut, fin)));
  const reclames = await db
    .update(regroupementInvitations)
    .set({ rappelEnvoyeLe: now })
    .where(
      and(
        isNull(regroupementInvitations.rappelEnvoyeLe),
        ne(regroupementInvitations.reponse, "non"),
        inArray(regroupementInvitations.regroupementId, demain),
      ),
    )
    .returning({
      regroupementId: regroupementInvitations.regroupementId,
      nom: regroupementInvitations.nom,
      email: regroupementInvitations.email,
    });
  if (reclames.length === 0) return 0;
  const ids = [...new Set(reclames.map((r) => r.regroupementId))];
  const parId = await findRegroupementsMail(db, ids);
  const mails = reclames.flatMap((d) => {
    const r = parId.get(d.regroupementId);
    return r ? [mailRappel(r, d, publicUrl, now)] : [];
  });
  // A failed address is logged, not retried: its row says the reminder was handled.
  const envoyes = await sendMails(mails, { job: RAPPEL_REGROUPEMENT });
  getLogger().info({ envoyes, regroupements: ids.length }, "gathering reminders sent");
  return envoyes;
}
