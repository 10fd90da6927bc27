import { communes, epci, promeneurs, structures, userRoles, users } from "@db/schema";
import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { type Actor, structuresReferred } from "~/domain/comptes/actor";
import { scopeFor } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { sqlContientMots, sqlSansAccents } from "~/server/search.server";

/** The WHERE clause of what an actor may read: their départements, or their own structures. */
export function structureScope(actor: Actor): SQL | undefined {
  const scope = scopeFor(actor, "structure.lire");
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.departements.length) parts.push(inArray(structures.departement, scope.departements));
  if (scope.structureIds.length) parts.push(inArray(structures.id, scope.structureIds));
  return parts.length ? or(...parts) : sql`false`;
}

/** A name in lower case without accents and with single spaces, like `foldNom` on the JavaScript side. */
export function foldSql(column: SQL | typeof structures.nom): SQL<string> {
  return sql<string>`btrim(regexp_replace(${sqlSansAccents(column)}, '[[:space:]]+', ' ', 'g'))`;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/**
 * Sorted as a French reader expects ("Thèze" before "Thoard"): the database's collation may be
 * `C`, which puts accented letters after "z".
 */
function byNom<T extends { nom: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => collator.compare(a.nom, b.nom));
}

export type StructureFilters = {
  departement?: string;
  /** Part of the name, compared without case or accents. */
  q?: string;
  type?: string;
  /** SIREN of the EPCI of the structure's commune. */
  epci?: string;
  statut?: "active" | "inactive";
};

const promeneursActifs = sql<number>`(select count(*) from ${promeneurs} where ${promeneurs.structureId} = ${structures.id} and ${promeneurs.statut} = 'actif')`;

export async function findStructuresForActor(db: Executor, actor: Actor, filters: StructureFilters = {}) {
  const rows = await db
    .select({
      id: structures.id,
      nom: structures.nom,
      type: structures.type,
      departement: structures.departement,
      statut: structures.statut,
      commune: communes.nom,
      epci: epci.nom,
      charteSigneeLe: structures.charteSigneeLe,
      promeneursActifs: promeneursActifs.mapWith(Number),
    })
    .from(structures)
    .leftJoin(communes, eq(communes.code, structures.communeCode))
    .leftJoin(epci, eq(epci.siren, communes.epciSiren))
    .where(
      and(
        structureScope(actor),
        filters.departement ? eq(structures.departement, filters.departement) : undefined,
        filters.q ? sqlContientMots([structures.nom], filters.q) : undefined,
        filters.type ? eq(structures.type, filters.type) : undefined,
        filters.epci ? eq(communes.epciSiren, filters.epci) : undefined,
        filters.statut ? eq(structures.statut, filters.statut) : undefined,
      ),
    )
    .orderBy(asc(structures.nom));
  return byNom(rows);
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

/** The communes of a département, by name, for the structure form. */
export async function findCommuneOptions(db: Executor, departement: string) {
  const rows = await db
    .select({ code: communes.code, nom: communes.nom, codesPostaux: communes.codesPostaux })
    .from(communes)
    .where(eq(communes.departement, departement))
    .orderBy(asc(communes.nom), asc(communes.code));
  return byNom(rows);
}

/** The EPCI that have communes in a département, by name (the list's filter). */
export async function findEpciOptions(db: Executor, departement: string) {
  const rows = await db
    .selectDistinct({ siren: epci.siren, nom: epci.nom })
    .from(epci)
    .innerJoin(communes, eq(communes.epciSiren, epci.siren))
    .where(eq(communes.departement, departement))
    .orderBy(asc(epci.nom), asc(epci.siren));
  return byNom(rows);
}

/** One structure the actor may read, with its commune and EPCI; null when out of scope or unknown. */
export async function getStructureForActor(db: Executor, actor: Actor, id: string | undefined) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      structure: structures,
      commune: communes.nom,
      epci: epci.nom,
    })
    .from(structures)
    .leftJoin(communes, eq(communes.code, structures.communeCode))
    .leftJoin(epci, eq(epci.siren, communes.epciSiren))
    .where(and(eq(structures.id, id), structureScope(actor)));
  return row ? { ...row.structure, commune: row.commune, epci: row.epci } : null;
}

export type StructureDetail = NonNullable<Awaited<ReturnType<typeof getStructureForActor>>>;

/** The promeneurs of a structure, by name (internal records: the caller checks who may see them). */
export async function findPromeneursOfStructure(db: Executor, structureId: string) {
  return db
    .select({
      id: promeneurs.id,
      nomPublic: promeneurs.nomPublic,
      prenom: promeneurs.prenom,
      nom: promeneurs.nom,
      statut: promeneurs.statut,
    })
    .from(promeneurs)
    .where(eq(promeneurs.structureId, structureId))
    .orderBy(asc(promeneurs.nom), asc(promeneurs.prenom));
}

/** Promeneurs of a structure counted by statut (what anyone who reads the structure may see). */
export async function countPromeneursOfStructure(db: Executor, structureId: string) {
  return db
    .select({ statut: promeneurs.statut, n: count() })
    .from(promeneurs)
    .where(eq(promeneurs.structureId, structureId))
    .groupBy(promeneurs.statut);
}

/** The people holding the referent role for a structure (active accounts). */
export async function findReferentsOfStructure(db: Executor, structureId: string) {
  return db
    .selectDistinct({ userId: users.id, nom: users.nom, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "referent"), eq(userRoles.structureId, structureId), isNull(users.disabledAt)))
    .orderBy(asc(users.nom));
}

/**
 * The structures the actor may propose a promeneur for: the active ones they are the referent of
 * (a coordinator who is not a referent does not propose, promeneur.policy.ts). By name.
 */
export async function findStructuresProposables(db: Executor, actor: Actor) {
  const ids = structuresReferred(actor);
  if (ids.length === 0) return [];
  return db
    .select({ id: structures.id, nom: structures.nom })
    .from(structures)
    .where(and(inArray(structures.id, ids), eq(structures.statut, "active")))
    .orderBy(asc(structures.nom));
}
