import crypto from "node:crypto";
import { appMeta, limitesDebit, messagesContact } from "@db/schema";
import { and, count, eq, gt, isNotNull, isNull, like, lt, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { findActiveUsersWithRoles } from "~/domain/comptes/user.queries.server";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import type { Mail } from "~/server/mail.server";
import { qualiteLabel } from "./contact.labels";
import type { ContactInput } from "./contact.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/** Limits per connection: a short burst, then a ceiling per hour. */
export const CONTACT_LIMITS = [
  { max: 5, minutes: 10 },
  { max: 20, minutes: 60 },
] as const;
const KEY_PREFIX = "contact:";
const SECRET_KEY = "secret.limites_debit";
const PRUNE_AFTER_MS = 24 * 3_600_000;

/** The random secret keying the rate-limit hashes, created once per database. */
export async function getRateLimitSecret(db: Executor): Promise<string> {
  await db
    .insert(appMeta)
    .values({ key: SECRET_KEY, value: crypto.randomBytes(32).toString("base64url") })
    .onConflictDoNothing({ target: appMeta.key });
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, SECRET_KEY));
  if (!row) throw new Error("rate limit secret missing");
  return row.value;
}

/** The key a client's hits are counted under: a keyed hash, never the IP address itself. */
export function contactRateKey(secret: string, clientKey: string): string {
  return KEY_PREFIX + crypto.createHmac("sha256", secret).update(clientKey).digest("hex");
}

export type EnvoiResult = { ok: true; id: string; mails: Mail[] } | { ok: false; reason: "limite" };

/**
 * Stores a message of the public contact form for the coordination of `departement`, unless this
 * connection (`clientKey`, its IP address) sent too many lately. Returns the mails to send to the
 * département's coordinators once the transaction has committed.
 */
export async function envoyerMessage(
  { db, now, requestId }: Ctx,
  input: ContactInput & { departement: string },
  clientKey: string,
  publicUrl: string,
): Promise<EnvoiResult> {
  const secret = await getRateLimitSecret(db);
  const cle = contactRateKey(secret, clientKey);
  return db.transaction(async (tx) => {
    // One sender at a time per key, so that concurrent posts cannot all pass the count.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${cle}::text, 0))`);
    await tx
      .delete(limitesDebit)
      .where(
        and(like(limitesDebit.cle, `${KEY_PREFIX}%`), lt(limitesDebit.at, new Date(now.getTime() - PRUNE_AFTER_MS))),
      );
    for (const limit of CONTACT_LIMITS) {
      const since = new Date(now.getTime() - limit.minutes * 60_000);
      const [hits] = await tx
        .select({ n: count() })
        .from(limitesDebit)
        .where(and(eq(limitesDebit.cle, cle), gt(limitesDebit.at, since)));
      if ((hits?.n ?? 0) >= limit.max) return { ok: false, reason: "limite" } as const;
    }
    await tx.insert(limitesDebit).values({ cle, at: now });
    const [message] = await tx
      .insert(messagesContact)
      .values({
        departement: input.departement,
        nom: input.nom,
        email: input.email,
        qualite: input.qualite,
        objet: input.objet,
        message: input.message,
        recuLe: now,
      })
      .returning({ id: messagesContact.id });
    if (!message) throw new Error("message not stored");
    await recordAudit(
      tx,
      { system: "Formulaire de contact public" },
      {
        action: "contact.recevoir",
        entityType: "message_contact",
        entityId: message.id,
        departement: input.departement,
        changes: { qualite: input.qualite },
      },
      requestId,
    );
    const coordinateurs = await findActiveUsersWithRoles(tx, {
      roles: ["coordinateur"],
      departement: input.departement,
    });
    const mails = coordinateurs.map((c) => mailNouveauMessage(c.email, { ...input, id: message.id }, publicUrl));
    return { ok: true, id: message.id, mails } as const;
  });
}

function mailNouveauMessage(to: string, m: ContactInput & { id: string }, publicUrl: string): Mail {
  return {
    to,
    subject: `Formulaire de contact : ${m.objet}`,
    text: [
      "Un message est arrivé par le formulaire de contact du site public.",
      "",
      `De : ${m.nom} <${m.email}>`,
      `Qualité : ${qualiteLabel(m.qualite)}`,
      `Objet : ${m.objet}`,
      "",
      m.message,
      "",
      "—",
      `Pour répondre, écrivez à ${m.email} (ne répondez pas à cet e-mail).`,
      `Le message dans l'espace professionnel : ${publicUrl}/espace/messages/${m.id}`,
    ].join("\n"),
  };
}

type Target = { id: string; departement: string };

/** Records the first opening by a coordinator; later openings change nothing. */
export async function marquerMessageLu(db: Executor, id: string, actor: Actor, now: Date): Promise<boolean> {
  const updated = await db
    .update(messagesContact)
    .set({ luLe: now, luPar: actor.userId })
    .where(and(eq(messagesContact.id, id), isNull(messagesContact.luLe)))
    .returning({ id: messagesContact.id });
  return updated.length > 0;
}

/** Moves a message out of the inbox (`archiver: true`) or back into it. */
export async function archiverMessage(
  { db, now, requestId }: Ctx,
  actor: Actor,
  message: Target,
  archiver: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(messagesContact)
      .set({ archiveLe: archiver ? now : null })
      .where(
        and(
          eq(messagesContact.id, message.id),
          archiver ? isNull(messagesContact.archiveLe) : isNotNull(messagesContact.archiveLe),
        ),
      )
      .returning({ id: messagesContact.id });
    if (updated.length === 0) return;
    await recordAudit(
      tx,
      actor,
      {
        action: archiver ? "contact.archiver" : "contact.desarchiver",
        entityType: "message_contact",
        entityId: message.id,
        departement: message.departement,
      },
      requestId,
    );
  });
}
