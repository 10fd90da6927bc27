import { fichiers, promeneurs } from "@db/schema";
import { eq } from "drizzle-orm";
import { diffFields } from "~/domain/audit/audit.changes";
import type { Actor } from "~/domain/comptes/actor";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import { type FichierVerifie, storeFichier } from "~/server/fichiers.server";
import type { FicheInput } from "./fiche.schema";
import { publicAccess } from "./promeneur.policy";

type Ctx = { db: Database; now: Date; requestId?: string };

export type FicheUpdate = FicheInput & {
  /** A photo already checked and re-encoded by `checkUpload` (outside the transaction: it is slow). */
  photo?: FichierVerifie | null;
};

/**
 * Updates a promeneur's public record (name shown, bio, themes, age range, photo). The promeneur
 * themselves or the coordinator of the département; 404 out of scope, 403 for a reader who may not
 * edit. A new photo is stored in the same transaction; the replaced or removed one is deleted (a
 * photo of a person is not kept once it is no longer shown). Audited without the photo's bytes.
 */
export async function modifierFiche(ctx: Ctx, actor: Actor, promeneurId: string, input: FicheUpdate): Promise<void> {
  if (!isUuid(promeneurId)) notFound();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(promeneurs).where(eq(promeneurs.id, promeneurId)).for("update");
    if (!row) notFound();
    const access = publicAccess(actor, row);
    if (access === "none") notFound();
    if (access === "read") forbidden("Seuls le promeneur et la coordination de son département modifient sa fiche.");

    let photoId = row.photoId;
    if (input.photo) {
      photoId = await storeFichier(tx, input.photo, { departement: row.departement, creePar: actor.userId });
    } else if (input.supprimerPhoto) {
      photoId = null;
    }
    const apres = {
      nomPublic: input.nomPublic,
      bio: input.bio ? input.bio : null,
      themes: [...input.themes],
      ageMin: input.ageMin,
      ageMax: input.ageMax,
      photoId,
    };
    const avant = {
      nomPublic: row.nomPublic,
      bio: row.bio,
      themes: row.themes,
      ageMin: row.ageMin,
      ageMax: row.ageMax,
      photoId: row.photoId,
    };
    const changes = diffFields(avant, apres);
    if (Object.keys(changes).length === 0) return;

    await tx
      .update(promeneurs)
      .set({ ...apres, updatedAt: ctx.now })
      .where(eq(promeneurs.id, promeneurId));
    if (row.photoId && row.photoId !== photoId) await tx.delete(fichiers).where(eq(fichiers.id, row.photoId));
    await recordAudit(
      tx,
      actor,
      {
        action: "promeneur.fiche.modifier",
        entityType: "promeneur",
        entityId: promeneurId,
        departement: row.departement,
        changes,
      },
      ctx.requestId,
    );
  });
}
