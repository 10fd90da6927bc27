import { communes, epci, profilsSociaux, promeneurs, promeneurTerritoires, structures, users } from "@db/schema";
import { and, asc, count, desc, eq, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import { findEntityHistory } from "~/domain/audit/audit.queries.server";
import type { Actor } from "~/domain/comptes/actor";
import { departementsFor, scopeFor } from "~/domain/comptes/policy";
import { getDelaiVerification, profilResumeColumns, statutDuProfil } from "~/domain/profils/profil.queries.server";
import { isUuid, normaliserRecherche } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { sqlContientMots, sqlSansAccents } from "~/server/search.server";
import { promeneurNomsColumns } from "./promeneur.columns.server";
import { PROMENEUR_STATUTS, type PromeneurStatut } from "./promeneur.labels";
import { canReadPromeneur } from "./promeneur.policy";
import { activationManques } from "./promeneur.rules";

export type PromeneurRow = typeof promeneurs.$inferSelect;

/** The WHERE clause of the promeneurs an actor may read: national all, coordinators their départements, referents their structures. */
export function promeneurScope(actor: Actor): SQL | undefined {
  const scope = scopeFor(actor, "promeneur.lire");
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.departements.length) parts.push(inArray(promeneurs.departement, scope.departements));
  if (scope.structureIds.length) parts.push(inArray(promeneurs.structureId, scope.structureIds));
  return parts.length ? or(...parts) : sql`false`;
}

export type PromeneurFiltres = {
  statut?: string | null;
  structureId?: string | null;
  /** A département code ("04"); ignored when it is not one the actor reads (the scope still applies). */
  departement?: string | null;
  q?: string | null;
};

/** The promeneurs an actor may read, filtered, by name. */
export async function findPromeneursForActor(db: Executor, actor: Actor, filtres: PromeneurFiltres = {}) {
  const statut = PROMENEUR_STATUTS.includes(filtres.statut as PromeneurStatut) ? filtres.statut : null;
  const structureId = filtres.structureId && isUuid(filtres.structureId) ? filtres.structureId : null;
  const departement =
    filtres.departement &&
    (scopeFor(actor, "promeneur.lire").all || departementsFor(actor, "promeneur.lire").includes(filtres.departement))
      ? filtres.departement
      : null;
  return db
    .select({
      ...promeneurNomsColumns,
      statut: promeneurs.statut,
      statutDepuis: promeneurs.statutDepuis,
      departement: promeneurs.departement,
      structureId: promeneurs.structureId,
      structure: structures.nom,
    })
    .from(promeneurs)
    .innerJoin(structures, eq(structures.id, promeneurs.structureId))
    .where(
      and(
        promeneurScope(actor),
        statut ? eq(promeneurs.statut, statut) : undefined,
        structureId ? eq(promeneurs.structureId, structureId) : undefined,
        departement ? eq(promeneurs.departement, departement) : undefined,
        sqlContientMots([promeneurs.prenom, promeneurs.nom, promeneurs.nomPublic], (filtres.q ?? "").slice(0, 100)),
      ),
    )
    .orderBy(asc(promeneurs.nom), asc(promeneurs.prenom))
    .limit(500);
}

/** One promeneur with what its permissions need (no scope check: the caller decides). */
export async function findPromeneurRow(db: Executor, id: string): Promise<PromeneurRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(promeneurs).where(eq(promeneurs.id, id));
  return row ?? null;
}

/** The intervention territory: whole EPCI and single communes, by name. */
export async function findTerritoire(db: Executor, promeneurId: string) {
  const [communeRows, epciRows] = await Promise.all([
    db
      .select({ code: communes.code, nom: communes.nom })
      .from(promeneurTerritoires)
      .innerJoin(communes, eq(communes.code, promeneurTerritoires.communeCode))
      .where(eq(promeneurTerritoires.promeneurId, promeneurId))
      .orderBy(asc(communes.nom)),
    db
      .select({ siren: epci.siren, nom: epci.nom })
      .from(promeneurTerritoires)
      .innerJoin(epci, eq(epci.siren, promeneurTerritoires.epciSiren))
      .where(eq(promeneurTerritoires.promeneurId, promeneurId))
      .orderBy(asc(epci.nom)),
  ]);
  return { communes: communeRows, epci: epciRows };
}

/**
 * Communes of a département whose name matches the query, accent- and case-insensitive
 * ("chateau" finds Château-Arnoux-Saint-Auban); names that start with the query come first.
 */
export async function rechercherCommunes(db: Executor, departement: string, q: string, limit = 20) {
  const [premier] = normaliserRecherche(q).split(" ");
  if (!premier) return [];
  const nom = sqlSansAccents(communes.nom);
  return db
    .select({ code: communes.code, nom: communes.nom })
    .from(communes)
    .where(and(eq(communes.departement, departement), sqlContientMots([communes.nom], q)))
    .orderBy(desc(sql`${nom} like ${`${premier}%`}::text`), asc(nom), asc(communes.nom))
    .limit(limit);
}

/** The EPCI with at least one commune in the département, with how many of its communes are there. */
export async function findEpciDuDepartement(db: Executor, departement: string) {
  return db
    .select({ siren: epci.siren, nom: epci.nom, communes: count(communes.code) })
    .from(epci)
    .innerJoin(communes, and(eq(communes.epciSiren, epci.siren), eq(communes.departement, departement)))
    .where(isNotNull(communes.epciSiren))
    .groupBy(epci.siren, epci.nom)
    .orderBy(asc(epci.nom));
}

/**
 * The internal record of a promeneur for the back office: the row, its structure, territory,
 * profiles with their status, what is missing before activation and the history. A 404 when
 * the actor may not read it.
 */
export async function getPromeneurDetail(db: Executor, actor: Actor, id: string, now: Date) {
  const row = await findPromeneurRow(db, id);
  if (!row || !canReadPromeneur(actor, row)) notFound();
  const [structureRows, proposeur, territoire, profilRows, delai, history] = await Promise.all([
    db
      .select({
        id: structures.id,
        nom: structures.nom,
        charteSigneeLe: structures.charteSigneeLe,
        commune: communes.nom,
      })
      .from(structures)
      .leftJoin(communes, eq(communes.code, structures.communeCode))
      .where(eq(structures.id, row.structureId)),
    db.select({ nom: users.nom }).from(users).where(eq(users.id, row.proposePar)),
    findTerritoire(db, row.id),
    db
      .select({
        id: profilsSociaux.id,
        ...profilResumeColumns,
      })
      .from(profilsSociaux)
      .where(eq(profilsSociaux.promeneurId, row.id))
      .orderBy(asc(profilsSociaux.reseau), asc(profilsSociaux.handle)),
    getDelaiVerification(db, row.departement),
    findEntityHistory(db, "promeneur", row.id),
  ]);
  const structure = structureRows[0];
  if (!structure) notFound();
  const profils = profilRows.map((p) => ({ ...p, statut: statutDuProfil(p, now, delai) }));
  const profilsConformes = profils.filter((p) => p.statut === "conforme").length;
  return {
    promeneur: row,
    structure,
    proposePar: proposeur[0]?.nom ?? null,
    territoire,
    profils,
    manques: activationManques({
      charteSigneeLe: row.charteSigneeLe,
      formationInitialeLe: row.formationInitialeLe,
      charteEmployeurSigneeLe: structure.charteSigneeLe,
      profilsConformes,
    }),
    history,
  };
}

/** How many promeneurs of a département are in each status (statuses with none are absent). */
export async function countPromeneursParStatut(db: Executor, departement: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ statut: promeneurs.statut, n: count() })
    .from(promeneurs)
    .where(eq(promeneurs.departement, departement))
    .groupBy(promeneurs.statut);
  return Object.fromEntries(rows.map((r) => [r.statut, r.n]));
}
