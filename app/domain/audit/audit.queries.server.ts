import { auditLog } from "@db/schema";
import { and, desc, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { scopeFor } from "~/domain/comptes/policy";
import type { Executor } from "~/server/db.server";

/** The audit log an actor may read, newest first, by pages of `limit` (keyset on id). */
export async function findAuditForActor(
  db: Executor,
  actor: Actor,
  options: { departement?: string; before?: number; limit?: number } = {},
) {
  const scope = scopeFor(actor, "journal.lire");
  let where: SQL | undefined;
  if (!scope.all) where = scope.departements.length ? inArray(auditLog.departement, scope.departements) : sql`false`;
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        where,
        options.departement ? sql`${auditLog.departement} = ${options.departement}` : undefined,
        options.before ? lt(auditLog.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 50);
}

/**
 * The history of one record (a structure, a promeneur…), newest first. The caller has checked that
 * the actor may read the record itself.
 */
export async function findEntityHistory(db: Executor, entityType: string, entityId: string, limit = 100) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorLabel: auditLog.actorLabel,
      action: auditLog.action,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
