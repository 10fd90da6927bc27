import { signInAttempts, users } from "@db/schema";
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { getDummyHash, verifyPassword } from "./password.server";

/** Ten failures in a row for one account from one address lock it there for fifteen minutes. */
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 10;
/** One address failing on many accounts (credential stuffing) is stopped too. */
export const MAX_FAILURES_PER_IP = 50;
export const LOCK_MINUTES = 15;

export type SignInResult = { ok: true; userId: string; hasTotp: boolean } | { ok: false; reason: "invalid" | "locked" };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Failures since the last success for this pair, within the lock window. */
export async function isLocked(db: Executor, email: string, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - LOCK_MINUTES * 60_000);
  const [lastSuccess] = await db
    .select({ at: sql<Date>`max(${signInAttempts.at})` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.ip, ip), eq(signInAttempts.success, true)));
  const from = lastSuccess?.at && new Date(lastSuccess.at) > since ? new Date(lastSuccess.at) : since;
  const [pair] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.email, email),
        eq(signInAttempts.ip, ip),
        eq(signInAttempts.success, false),
        gt(signInAttempts.at, from),
      ),
    );
  if ((pair?.n ?? 0) >= MAX_FAILURES_PER_ACCOUNT_AND_IP) return true;
  const [byIp] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.success, false), gt(signInAttempts.at, since)));
  return (byIp?.n ?? 0) >= MAX_FAILURES_PER_IP;
}

export async function recordAttempt(db: Executor, email: string, ip: string, success: boolean, now: Date) {
  await db.insert(signInAttempts).values({ email, ip, success, at: now });
}

/**
 * Checks a password with throttling kept in the database, so that it holds across app instances.
 * Unknown e-mails cost the same time as known ones.
 */
export async function checkCredentials(
  db: Executor,
  input: { email: string; password: string; ip: string },
  now: Date,
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  if (await isLocked(db, email, input.ip, now)) return { ok: false, reason: "locked" };
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  const hash = user?.passwordHash ?? (await getDummyHash());
  const valid = (await verifyPassword(input.password, hash)) && !!user?.passwordHash && !user.disabledAt;
  await recordAttempt(db, email, input.ip, valid, now);
  if (!valid || !user) {
    return (await isLocked(db, email, input.ip, now))
      ? { ok: false, reason: "locked" }
      : { ok: false, reason: "invalid" };
  }
  return { ok: true, userId: user.id, hasTotp: user.totpEnabledAt !== null && user.totpSecret !== null };
}
