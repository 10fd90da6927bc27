import { auditLog, promeneurs, userRoles, users } from "@db/schema";
import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { getLogger } from "~/server/logger.server";
import {
  CONSERVATION_COMPTES_INACTIFS_ANS,
  CONSERVATION_JOURNAL_ANS,
  limiteInactivite,
  limiteJournal,
} from "./conservation.rules";
import { effacerPersonne } from "./effacement.server";

/** The scheduler's name of the daily retention job. */
export const CONSERVATION_DONNEES = "donnees.conservation";

const SYSTEME = { system: "Conservation des données" } as const;

export type BilanConservation = { comptesEffaces: number; journalSupprime: number };

/**
 * Applies the retention rules at `now`: every account with no sign-in for two years (never signed
 * in: created two years ago) is erased as a coordinator would erase it, its promeneur record closed
 * if still open, one transaction per account; then the audit entries older than five years are
 * deleted, with one audit row per département saying how many. (Contact messages have their own
 * daily job, `contact.suppression-messages-anciens`.)
 */
export async function appliquerConservation(db: Database, now: Date): Promise<BilanConservation> {
  const limite = limiteInactivite(now);
  const inactifs = await db
    .select({ id: users.id })
    .from(users)
    .where(and(isNull(users.effaceLe), lt(sql`coalesce(${users.lastSignInAt}, ${users.createdAt})`, limite)))
    .orderBy(asc(users.createdAt));
  let comptesEffaces = 0;
  for (const { id } of inactifs) {
    try {
      await db.transaction(async (tx) => {
        const [role] = await tx
          .select({ departement: userRoles.departement })
          .from(userRoles)
          .where(eq(userRoles.userId, id))
          .limit(1);
        const [fiche] = await tx
          .select({ departement: promeneurs.departement })
          .from(promeneurs)
          .where(eq(promeneurs.userId, id))
          .limit(1);
        await effacerPersonne(tx, SYSTEME, id, now, {
          fermerFiche: true,
          departement: fiche?.departement ?? role?.departement ?? null,
        });
      });
      comptesEffaces += 1;
    } catch (error) {
      // One account that cannot be erased must not keep the others (nor the audit clean-up) waiting.
      getLogger().error({ err: error, userId: id }, "retention: account erasure failed");
    }
  }

  const journalSupprime = await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(auditLog)
      .where(lt(auditLog.at, limiteJournal(now)))
      .returning({ departement: auditLog.departement });
    const parDepartement = new Map<string | null, number>();
    for (const row of deleted) parDepartement.set(row.departement, (parDepartement.get(row.departement) ?? 0) + 1);
    for (const [departement, nombre] of parDepartement) {
      await recordAudit(tx, SYSTEME, {
        action: "journal.supprimer-anciens",
        entityType: "audit_log",
        departement,
        changes: { nombre, conservationAns: CONSERVATION_JOURNAL_ANS },
      });
    }
    return deleted.length;
  });
  if (comptesEffaces > 0 || journalSupprime > 0) {
    getLogger().info(
      { comptesEffaces, journalSupprime, inactiviteAns: CONSERVATION_COMPTES_INACTIFS_ANS },
      "retention applied",
    );
  }
  return { comptesEffaces, journalSupprime };
}
