import { parametresDepartement } from "@db/schema";
import { sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { getSeuilParticipation } from "./participation.queries.server";
import { CHAMP_SEUIL } from "./participation.rules";

type Ctx = { db: Database; now: Date; requestId?: string };

/** A threshold typed in the form: a whole percentage from 0 to 100. */
export function lireSeuil(saisie: unknown): number {
  const texte = typeof saisie === "string" ? saisie.trim().replace(/\s*%$/, "") : "";
  if (!/^\d{1,3}$/.test(texte) || Number(texte) > 100) {
    throw new Invalid(CHAMP_SEUIL, "Le seuil est un pourcentage entier entre 0 et 100.");
  }
  return Number(texte);
}

/**
 * Sets the attendance rate (percent) under which a promeneur of the département is flagged
 * (the coordination only), with its journal row in the same transaction.
 */
export async function changerSeuilParticipation(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  saisie: unknown,
): Promise<void> {
  requireScoped(actor, "participation.lire.detail", { departement });
  const seuil = lireSeuil(saisie);
  const avant = await getSeuilParticipation(db, departement);
  if (avant === seuil) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(parametresDepartement)
      .values({ departement, seuilParticipation: seuil, updatedAt: now })
      .onConflictDoUpdate({
        target: parametresDepartement.departement,
        set: { seuilParticipation: sql`excluded.seuil_participation`, updatedAt: now },
      });
    await recordAudit(
      tx,
      actor,
      {
        action: "participation.seuil.changer",
        entityType: "parametres_departement",
        entityId: departement,
        departement,
        changes: { seuil: [avant, seuil] },
      },
      requestId,
    );
  });
}
