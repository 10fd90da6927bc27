import { parametresDepartement } from "@db/schema";
import { sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { getSeuilParticipation } from "./participation.queries.server";
import { CHAMP_SEUIL } from "./participation.rules";
import { seuilSchema } from "./participation.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

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
  const lu = seuilSchema.safeParse(saisie);
  if (!lu.success) throw new Invalid(CHAMP_SEUIL, lu.error.issues[0]?.message ?? "Saisie invalide.");
  const seuil = lu.data;
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
