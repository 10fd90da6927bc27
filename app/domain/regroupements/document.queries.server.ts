import { comites, fichiers, regroupementDocuments, regroupements } from "@db/schema";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { idsComitesLisibles } from "./comite.queries.server";

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

/**
 * The latest documents of the meetings of the committees `actor` may read in `departement` (the
 * coordination: every committee; a steering member: the committees they sit on), newest meeting
 * first: the steering home's « Documents des comités ».
 */
export async function documentsDesComites(db: Executor, actor: Actor, departement: string, limite = 10) {
  return db
    .select({
      id: regroupementDocuments.id,
      regroupementId: regroupements.id,
      reunion: regroupements.titre,
      debut: regroupements.debut,
      comite: comites.nom,
      nature: regroupementDocuments.nature,
      titre: regroupementDocuments.titre,
    })
    .from(regroupementDocuments)
    .innerJoin(regroupements, eq(regroupements.id, regroupementDocuments.regroupementId))
    .innerJoin(comites, eq(comites.id, regroupements.comiteId))
    .where(inArray(regroupements.comiteId, idsComitesLisibles(db, actor, departement)))
    .orderBy(desc(regroupements.debut), asc(regroupementDocuments.createdAt))
    .limit(limite);
}
