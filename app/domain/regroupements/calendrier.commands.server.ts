import { jetonsCalendrier, users } from "@db/schema";
import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { createToken } from "~/domain/comptes/tokens.server";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";

type Ctx = { db: Database; now: Date; requestId?: string };

/**
 * Creates the actor's private calendar feed address: a new token, kept only as its SHA-256, that
 * replaces (revokes) the live one. Answers the token, to show once. One transaction with its audit
 * row; the user's row is locked so two concurrent creations leave one live address.
 */
export async function creerJetonCalendrier({ db, now, requestId }: Ctx, actor: Actor): Promise<{ jeton: string }> {
  if (!can(actor, "calendrier.gerer")) forbidden();
  const { token, hash } = createToken();
  await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for("update");
    const revoques = await tx
      .update(jetonsCalendrier)
      .set({ revoqueLe: now })
      .where(and(eq(jetonsCalendrier.userId, actor.userId), isNull(jetonsCalendrier.revoqueLe)))
      .returning({ id: jetonsCalendrier.id });
    const [jeton] = await tx
      .insert(jetonsCalendrier)
      .values({ userId: actor.userId, jetonHash: hash, createdAt: now })
      .returning({ id: jetonsCalendrier.id });
    if (!jeton) throw new Error("jeton_calendrier not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "calendrier.creer",
        entityType: "jeton_calendrier",
        entityId: jeton.id,
        changes: { remplace: revoques.map((r) => r.id) },
      },
      requestId,
    );
  });
  return { jeton: token };
}

/**
 * Revokes one of the actor's own feed addresses: it answers 404 from then on. Someone else's
 * address (or an unknown one) is a 404, and an address already revoked stays as it is.
 */
export async function revoquerJetonCalendrier({ db, now, requestId }: Ctx, actor: Actor, id: string): Promise<void> {
  if (!can(actor, "calendrier.gerer")) forbidden();
  if (!isUuid(id)) notFound();
  await db.transaction(async (tx) => {
    const [jeton] = await tx
      .update(jetonsCalendrier)
      .set({ revoqueLe: now })
      .where(
        and(eq(jetonsCalendrier.id, id), eq(jetonsCalendrier.userId, actor.userId), isNull(jetonsCalendrier.revoqueLe)),
      )
      .returning({ id: jetonsCalendrier.id });
    if (!jeton) notFound();
    await recordAudit(
      tx,
      actor,
      { action: "calendrier.revoquer", entityType: "jeton_calendrier", entityId: jeton.id },
      requestId,
    );
  });
}
