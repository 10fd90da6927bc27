import { fichiers, regroupementDocuments } from "@db/schema";
import { and, asc, eq } from "drizzle-orm";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";

/** The documents of a gathering (the caller has checked who may read it), agenda first. */
export async function documentsDe(db: Executor, regroupementId: string) {
  return db
    .select({
      id: regroupementDocuments.id,
      nature: regroupementDocuments.nature,
      titre: regroupementDocuments.titre,
      createdAt: regroupementDocuments.createdAt,
      nom: fichiers.nom,
      typeMime: fichiers.typeMime,
      taille: fichiers.taille,
    })
    .from(regroupementDocuments)
    .innerJoin(fichiers, eq(fichiers.id, regroupementDocuments.fichierId))
    .where(eq(regroupementDocuments.regroupementId, regroupementId))
    .orderBy(asc(regroupementDocuments.createdAt));
}

export async function documentDe(db: Executor, regroupementId: string, documentId: string | undefined) {
  if (!isUuid(documentId)) return null;
  const [row] = await db
    .select()
    .from(regroupementDocuments)
    .where(and(eq(regroupementDocuments.id, documentId), eq(regroupementDocuments.regroupementId, regroupementId)))
    .limit(1);
  return row ?? null;
}
