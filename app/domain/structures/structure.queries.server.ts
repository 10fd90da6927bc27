import { communes, structures } from "@db/schema";
import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { scopeFor } from "~/domain/comptes/policy";
import type { Executor } from "~/server/db.server";

/** The WHERE clause of what an actor may read: their départements, or their own structures. */
export function structureScope(actor: Actor): SQL | undefined {
  const scope = scopeFor(actor, "structure.lire");
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.departements.length) parts.push(inArray(structures.departement, scope.departements));
  if (scope.structureIds.length) parts.push(inArray(structures.id, scope.structureIds));
  return parts.length ? or(...parts) : sql`false`;
}

export async function findStructuresForActor(
  db: Executor,
  actor: Actor,
  filters: { departement?: string; q?: string } = {},
) {
  return db
    .select({
      id: structures.id,
      nom: structures.nom,
      type: structures.type,
      departement: structures.departement,
      statut: structures.statut,
      commune: communes.nom,
    })
    .from(structures)
    .leftJoin(communes, eq(communes.code, structures.communeCode))
    .where(
      and(
        structureScope(actor),
        filters.departement ? eq(structures.departement, filters.departement) : undefined,
        filters.q ? ilike(structures.nom, `%${filters.q.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
      ),
    )
    .orderBy(asc(structures.nom));
}

export async function countStructures(db: Executor, departement: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(structures).where(eq(structures.departement, departement));
  return row?.n ?? 0;
}

/** Structures of a département for a select list (invitation of a referent). */
export async function findStructureOptions(db: Executor, departement: string) {
  return db
    .select({ id: structures.id, nom: structures.nom })
    .from(structures)
    .where(eq(structures.departement, departement))
    .orderBy(asc(structures.nom));
}
