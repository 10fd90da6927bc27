import { fichiers, regroupementDocuments, regroupements } from "@db/schema";
import { and, eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { CHAMP_VERSION } from "~/domain/rapports/rapport.commands.server";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { type FichierVerifie, storeFichier } from "~/server/fichiers.server";
import { requireScoped } from "~/server/request.server";
import { documentDe } from "./document.queries.server";
import type { DocumentInput } from "./document.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/** A gathering the actor manages: 403 for a role that never manages gatherings, 404 elsewhere. */
export async function regroupementGere(db: Database, actor: Actor, id: string | undefined) {
  if (!can(actor, "regroupement.gerer")) forbidden();
  if (!isUuid(id)) notFound();
  const [regroupement] = await db.select().from(regroupements).where(eq(regroupements.id, id)).limit(1);
  if (!regroupement) notFound();
  requireScoped(actor, "regroupement.gerer", { departement: regroupement.departement });
  return regroupement;
}

/** Adds a document (already checked by `checkUpload`) to a gathering. */
export async function addDocument(
  { db, now, requestId }: Ctx,
  actor: Actor,
  regroupementId: string | undefined,
  input: DocumentInput,
  fichier: FichierVerifie,
): Promise<{ id: string }> {
  const regroupement = await regroupementGere(db, actor, regroupementId);
  return db.transaction(async (tx) => {
    const fichierId = await storeFichier(tx, fichier, {
      departement: regroupement.departement,
      creePar: actor.userId,
    });
    const [row] = await tx
      .insert(regroupementDocuments)
      .values({
        regroupementId: regroupement.id,
        fichierId,
        nature: input.nature,
        titre: input.titre,
        ajoutePar: actor.userId,
        createdAt: now,
      })
      .returning({ id: regroupementDocuments.id });
    if (!row) throw new Error("document not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "regroupement.document.ajouter",
        entityType: "regroupement",
        entityId: regroupement.id,
        departement: regroupement.departement,
        changes: { document: row.id, nature: input.nature, titre: input.titre, fichier: fichier.nom },
      },
      requestId,
    );
    return row;
  });
}

/** Deletes a document of a gathering and its stored file. */
export async function deleteDocument(
  { db, requestId }: Ctx,
  actor: Actor,
  regroupementId: string | undefined,
  documentId: string | undefined,
): Promise<{ titre: string }> {
  const regroupement = await regroupementGere(db, actor, regroupementId);
  const document = await documentDe(db, regroupement.id, documentId);
  if (!document) notFound();
  await db.transaction(async (tx) => {
    await tx.delete(regroupementDocuments).where(eq(regroupementDocuments.id, document.id));
    await tx.delete(fichiers).where(eq(fichiers.id, document.fichierId));
    await recordAudit(
      tx,
      actor,
      {
        action: "regroupement.document.supprimer",
        entityType: "regroupement",
        entityId: regroupement.id,
        departement: regroupement.departement,
        changes: { document: document.id, nature: document.nature, titre: document.titre },
      },
      requestId,
    );
  });
  return { titre: document.titre };
}

/** Saves the minutes (Markdown) of a gathering; a form read at an older version is refused (409). */
export async function saveCompteRendu(
  { db, now, requestId }: Ctx,
  actor: Actor,
  regroupementId: string | undefined,
  input: { compteRendu: string; version: number },
): Promise<void> {
  const regroupement = await regroupementGere(db, actor, regroupementId);
  if (regroupement.compteRendu === input.compteRendu) return;
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(regroupements)
      .set({ compteRendu: input.compteRendu, version: regroupement.version + 1, updatedAt: now })
      .where(and(eq(regroupements.id, regroupement.id), eq(regroupements.version, input.version)))
      .returning({ id: regroupements.id });
    if (!updated) {
      throw new Invalid(
        CHAMP_VERSION,
        "Ce regroupement a été modifié entre-temps : rechargez la page pour repartir de sa dernière version (votre texte n'est pas enregistré, copiez-le d'abord).",
      );
    }
    await recordAudit(
      tx,
      actor,
      {
        action: "regroupement.compte_rendu.modifier",
        entityType: "regroupement",
        entityId: regroupement.id,
        departement: regroupement.departement,
        changes: { longueur: { avant: regroupement.compteRendu.length, apres: input.compteRendu.length } },
      },
      requestId,
    );
  });
}
