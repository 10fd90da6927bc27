import { sessions, signInAttempts, userRoles, users } from "@db/schema";
import { asc, eq, lt, or } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { Actor, RoleGrant } from "./actor";
import { isRoleCode } from "./roles";
import { createToken, hashToken } from "./tokens.server";

export type SessionPolicy = { idleMinutes: number; maxHours: number };

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix pins the cookie to this origin, over HTTPS only.
  return secure ? "__Host-pdn_session" : "pdn_session";
}

export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds?: number; httpOnly?: boolean },
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (options.httpOnly !== false) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}

export async function createSession(
  db: Executor,
  input: { userId: string; ip: string; userAgent: string | null; secondFactorPending: boolean },
  policy: SessionPolicy,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = createToken();
  const expiresAt = new Date(now.getTime() + policy.maxHours * 3_600_000);
  await db.insert(sessions).values({
    id: hash,
    userId: input.userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    secondFactorPending: input.secondFactorPending,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

export type LoadedSession = {
  id: string;
  userId: string;
  secondFactorPending: boolean;
  expiresAt: Date;
};

/** The session of a cookie token, if it is neither idle too long nor past its absolute expiry. */
export async function findLiveSession(
  db: Executor,
  token: string,
  policy: SessionPolicy,
  now: Date,
): Promise<LoadedSession | null> {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .select()
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return row ? keepAlive(db, row, policy, now) : null;
}

/** A session row still live (its last sight refreshed at most once a minute), or null once deleted. */
async function keepAlive(
  db: Executor,
  row: Pick<typeof sessions.$inferSelect, "id" | "userId" | "lastSeenAt" | "expiresAt" | "secondFactorPending">,
  policy: SessionPolicy,
  now: Date,
): Promise<LoadedSession | null> {
  const idleLimit = new Date(row.lastSeenAt.getTime() + policy.idleMinutes * 60_000);
  if (row.expiresAt <= now || idleLimit <= now) {
    await db.delete(sessions).where(eq(sessions.id, row.id));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  }
  return { id: row.id, userId: row.userId, secondFactorPending: row.secondFactorPending, expiresAt: row.expiresAt };
}

/** What an actor is made of: the person's columns and, a row each, their roles. */
const colonnesActeur = {
  id: users.id,
  email: users.email,
  nom: users.nom,
  disabledAt: users.disabledAt,
  totpEnabledAt: users.totpEnabledAt,
  role: userRoles.role,
  departement: userRoles.departement,
  structureId: userRoles.structureId,
};

type LigneActeur = {
  id: string | null;
  email: string | null;
  nom: string | null;
  disabledAt: Date | null;
  totpEnabledAt: Date | null;
  role: string | null;
  departement: string | null;
  structureId: string | null;
};

function acteurDesLignes(rows: readonly LigneActeur[], sessionId: string): Actor | null {
  const user = rows[0];
  if (!user?.id || user.email === null || user.nom === null || user.disabledAt) return null;
  const roles: RoleGrant[] = rows.flatMap((g) =>
    g.role !== null && isRoleCode(g.role)
      ? [{ role: g.role as RoleGrant["role"], departement: g.departement, structureId: g.structureId }]
      : [],
  );
  return {
    userId: user.id,
    email: user.email,
    nom: user.nom,
    roles,
    sessionId,
    totpEnabled: user.totpEnabledAt !== null,
  };
}

export async function loadActor(db: Executor, session: LoadedSession): Promise<Actor | null> {
  // The person and their roles in one round trip: a row per role, one row without role.
  const rows = await db
    .select(colonnesActeur)
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.id, session.userId))
    .orderBy(asc(userRoles.createdAt), asc(userRoles.id));
  return acteurDesLignes(rows, session.id);
}

/**
 * `findLiveSession` then `loadActor` in one round trip (the root middleware, on every request): the
 * session, its person and their roles. No actor while the second factor is pending.
 */
export async function findLiveSessionWithActor(
  db: Executor,
  token: string,
  policy: SessionPolicy,
  now: Date,
): Promise<{ session: LoadedSession; actor: Actor | null } | null> {
  if (!token || token.length > 100) return null;
  const rows = await db
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      secondFactorPending: sessions.secondFactorPending,
      ...colonnesActeur,
    })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(sessions.id, hashToken(token)))
    .orderBy(asc(userRoles.createdAt), asc(userRoles.id));
  const first = rows[0];
  if (!first) return null;
  const session = await keepAlive(db, { ...first, id: first.sessionId }, policy, now);
  if (!session) return null;
  return { session, actor: session.secondFactorPending ? null : acteurDesLignes(rows, session.id) };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Housekeeping: drop sessions past their absolute expiry or idle too long. */
export async function deleteExpiredSessions(db: Executor, policy: SessionPolicy, now: Date): Promise<void> {
  await db
    .delete(sessions)
    .where(
      or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - policy.idleMinutes * 60_000))),
    );
}

/** Sign-in attempts are kept 30 days (security review), then deleted. */
export const SIGN_IN_ATTEMPTS_RETENTION_DAYS = 30;

/** Start-up housekeeping: expired sessions and old sign-in attempts. */
export async function pruneAccountData(db: Executor, policy: SessionPolicy, now: Date): Promise<void> {
  await deleteExpiredSessions(db, policy, now);
  await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.at, new Date(now.getTime() - SIGN_IN_ATTEMPTS_RETENTION_DAYS * 86_400_000)));
}
