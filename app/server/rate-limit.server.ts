import crypto from "node:crypto";
import { appMeta, limitesDebit } from "@db/schema";
import { and, count, eq, gt, like, lt, sql } from "drizzle-orm";
import type { Executor } from "./db.server";

/**
 * Rate limits shared by every app instance: each accepted hit is a row of `limites_debit` under a
 * keyed hash of the client (never its IP address), counted over sliding windows, pruned after a day.
 */

/** At most `max` hits within the last `minutes`. */
export type Limite = { max: number; minutes: number };

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

/**
 * The key a client's hits are counted under in a scope: `scope:` and a keyed hash of the scope and
 * the client (one client's keys in two scopes cannot be linked).
 */
export function rateKey(secret: string, scope: string, clientKey: string): string {
  return `${scope}:${crypto.createHmac("sha256", secret).update(`${scope}\n${clientKey}`).digest("hex")}`;
}

/**
 * Records one hit of `clientKey` in `scope` at `now` unless one of the `limits` is reached; returns
 * whether the hit was accepted. Call it inside the transaction of the limited write: an advisory
 * lock per key serialises concurrent hits, so that they cannot all pass the count. Hits of the scope
 * older than a day are deleted on the way.
 */
export async function hit(
  tx: Executor,
  { scope, clientKey, limits, now }: { scope: string; clientKey: string; limits: readonly Limite[]; now: Date },
): Promise<boolean> {
  const cle = rateKey(await getRateLimitSecret(tx), scope, clientKey);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${cle}::text, 0))`);
  const longest = Math.max(PRUNE_AFTER_MS, ...limits.map((l) => l.minutes * 60_000));
  await tx
    .delete(limitesDebit)
    .where(and(like(limitesDebit.cle, `${scope}:%`), lt(limitesDebit.at, new Date(now.getTime() - longest))));
  for (const limit of limits) {
    const since = new Date(now.getTime() - limit.minutes * 60_000);
    const [hits] = await tx
      .select({ n: count() })
      .from(limitesDebit)
      .where(and(eq(limitesDebit.cle, cle), gt(limitesDebit.at, since)));
    if ((hits?.n ?? 0) >= limit.max) return false;
  }
  await tx.insert(limitesDebit).values({ cle, at: now });
  return true;
}
