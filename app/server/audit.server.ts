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

/**
 * What the public site never shows: a write of these forgets the back office's memoised reads
 * (indicators, dashboards) but leaves the public pages and directory in their caches. A promeneur
 * saving a draft report must not make fifty visitors of the directory wait for its rebuild.
 * Anything not listed here is taken as shown in public.
 */
export const ENTITES_PRIVEES: ReadonlySet<string> = new Set([
  "rapport_mensuel",
  "rapport",
  "rapport_annuel",
  "generation_rapport_annuel",
  "regroupement_invitation",
  "situation_preoccupante",
  "projet_jeune",
  "action_communication",
  "comite",
  "decision",
  "budget",
  "candidature",
  "evaluation",
  "message_contact",
  "invitation",
  "jeton_calendrier",
  "audit_log",
]);

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
  // The memoised reads of the département (indicators, and the public directory and pages unless
  // the public site does not show this) are forgotten.
  signalerChangement(entry.departement, { publique: !ENTITES_PRIVEES.has(entry.entityType) });
}
