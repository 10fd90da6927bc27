import { invitations, structures, userRoles, users } from "@db/schema";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { RoleCode } from "./roles";

export type TeamMember = {
  userId: string;
  nom: string;
  email: string;
  lastSignInAt: Date | null;
  totp: boolean;
  roles: { role: RoleCode; structure: string | null }[];
};

/** People holding a role in one département (the caller has checked the permission for it). */
export async function findTeam(db: Executor, departement: string): Promise<TeamMember[]> {
  const rows = await db
    .select({
      userId: users.id,
      nom: users.nom,
      email: users.email,
      lastSignInAt: users.lastSignInAt,
      totpEnabledAt: users.totpEnabledAt,
      role: userRoles.role,
      structure: structures.nom,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .leftJoin(structures, eq(structures.id, userRoles.structureId))
    .where(and(eq(userRoles.departement, departement), isNull(users.disabledAt)))
    .orderBy(asc(users.nom), asc(userRoles.role));
  const byUser = new Map<string, TeamMember>();
  for (const r of rows) {
    const member = byUser.get(r.userId) ?? {
      userId: r.userId,
      nom: r.nom,
      email: r.email,
      lastSignInAt: r.lastSignInAt,
      totp: r.totpEnabledAt !== null,
      roles: [],
    };
    member.roles.push({ role: r.role as RoleCode, structure: r.structure });
    byUser.set(r.userId, member);
  }
  return [...byUser.values()];
}

export async function findPendingInvitations(db: Executor, departement: string, now: Date) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      nom: invitations.nom,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      structure: structures.nom,
    })
    .from(invitations)
    .leftJoin(structures, eq(structures.id, invitations.structureId))
    .where(
      and(
        eq(invitations.departement, departement),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export type Personne = { userId: string; email: string; nom: string; departement: string; role: RoleCode };

/**
 * Accounts (not disabled) holding one of `roles` in a département (every département when it is
 * omitted), for one structure when given (referents): one row per person, département and role
 * (callers that send one mail per person deduplicate by `userId`). Who gets
 * an e-mail, an announcement or a reminder is always one of these lists.
 */
export async function findActiveUsersWithRoles(
  db: Executor,
  filter: { roles: readonly RoleCode[]; departement?: string; structureId?: string },
): Promise<Personne[]> {
  const rows = await db
    .selectDistinct({
      userId: users.id,
      email: users.email,
      nom: users.nom,
      departement: userRoles.departement,
      role: userRoles.role,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        inArray(userRoles.role, [...filter.roles]),
        isNotNull(userRoles.departement),
        filter.departement ? eq(userRoles.departement, filter.departement) : undefined,
        filter.structureId ? eq(userRoles.structureId, filter.structureId) : undefined,
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(userRoles.departement), asc(users.nom), asc(users.id));
  return rows as Personne[];
}
