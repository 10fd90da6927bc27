import { auditLog } from "@db/schema";
import type { Actor } from "~/domain/comptes/actor";
import type { Executor } from "./db.server";
import { signalerChangement } from "./memo.server";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  departement?: string | null;
  changes?: Record<string, unknown> | null;
};

/** Who acts: a signed-in actor, or the system (seed, scheduled job, command), or an anonymous visitor. */
export type AuditActor = Pick<Actor, "userId" | "email" | "nom"> | { system: string };

/** Writes one audit row with the executor of the change, so that both share one transaction. */
export async function recordAudit(
  tx: Executor,
  actor: AuditActor,
  entry: AuditEntry,
  requestId?: string,
): Promise<void> {
  const isSystem = "system" in actor;
  await tx.insert(auditLog).values({
    actorUserId: isSystem ? null : actor.userId,
    actorLabel: isSystem ? actor.system : `${actor.nom} <${actor.email}>`,
    departement: entry.departement ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    changes: entry.changes ?? null,
    requestId: requestId ?? null,
  });
  // The memoised reads of the département (indicators, public directory) are forgotten.
  signalerChangement(entry.departement);
}
