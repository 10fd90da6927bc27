import { communes, epci, promeneurs, rapportsMensuels, structures } from "@db/schema";
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { scopeFor } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { RAPPORT_STATUTS, type RapportStatut } from "./rapport.labels";
import { type MoisIso, parseMois } from "./rapport.workflow";
import { type EtatRetard, etatRetard, isActifPendant, joursDeRetard, moisEnRetard } from "./rapport-suivi.rules";

/** Reports per page of the coordination's list. */
export const RAPPORTS_PAR_PAGE = 50;

/** The WHERE clause of the reports an actor may read: coordinators their départements, referents their structures' promeneurs. */
export function rapportScope(actor: Actor): SQL | undefined {
  const scope = scopeFor(actor, "rapport.lire");
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.departements.length) parts.push(inArray(rapportsMensuels.departement, scope.departements));
  if (scope.structureIds.length) parts.push(inArray(rapportsMensuels.structureId, scope.structureIds));
  return parts.length ? or(...parts) : sql`false`;
}

export type RapportFiltres = {
  /** The département the page works on (already checked by the route; the scope applies anyway). */
  departement: string;
  /** One month (`2026-03`); or a range with `du` / `au`. */
  mois?: string | null;
  du?: string | null;
  au?: string | null;
  structureId?: string | null;
  /** SIREN of the EPCI of the structure's commune. */
  epci?: string | null;
  statut?: string | null;
  /** From 1. */
  page?: number;
};

export type FiltresNormalises = ReturnType<typeof normaliserFiltres>;

/** The filters as the query uses them: anything malformed is dropped (a filter never errors). */
export function normaliserFiltres(filtres: RapportFiltres) {
  const mois = parseMois(filtres.mois);
  const du = mois ?? parseMois(filtres.du);
  const au = mois ?? parseMois(filtres.au);
  return {
    departement: filtres.departement,
    du,
    au,
    structureId: filtres.structureId && isUuid(filtres.structureId) ? filtres.structureId : null,
    epci: filtres.epci && /^\d{9}$/.test(filtres.epci) ? filtres.epci : null,
    statut: RAPPORT_STATUTS.includes(filtres.statut as RapportStatut) ? (filtres.statut as RapportStatut) : null,
    page: Math.max(1, Math.floor(filtres.page ?? 1) || 1),
  };
}

function conditions(actor: Actor, f: FiltresNormalises, avecStatut: boolean) {
  return and(
    rapportScope(actor),
    eq(rapportsMensuels.departement, f.departement),
    f.du ? gte(rapportsMensuels.mois, f.du) : undefined,
    f.au ? lte(rapportsMensuels.mois, f.au) : undefined,
    f.structureId ? eq(rapportsMensuels.structureId, f.structureId) : undefined,
    f.epci ? eq(communes.epciSiren, f.epci) : undefined,
    avecStatut && f.statut ? eq(rapportsMensuels.statut, f.statut) : undefined,
  );
}

/** The columns of a line of the list: counts only, never the highlight or the comments. */
const ligneColumns = {
  id: rapportsMensuels.id,
  mois: rapportsMensuels.mois,
  statut: rapportsMensuels.statut,
  promeneurId: rapportsMensuels.promeneurId,
  prenom: promeneurs.prenom,
  nom: promeneurs.nom,
  structureId: rapportsMensuels.structureId,
  structure: structures.nom,
  nouveauxJeunes: rapportsMensuels.nouveauxJeunes,
  fileActive: rapportsMensuels.fileActive,
  echanges: rapportsMensuels.echanges,
  heuresEnLigne: rapportsMensuels.heuresEnLigne,
  soumisLe: rapportsMensuels.soumisLe,
  valideLe: rapportsMensuels.valideLe,
};

export type RapportLigne = {
  id: string;
  mois: string;
  statut: RapportStatut;
  promeneurId: string;
  prenom: string;
  nom: string;
  structureId: string;
  structure: string;
  nouveauxJeunes: number;
  fileActive: number;
  echanges: number;
  heuresEnLigne: number;
  soumisLe: Date | null;
  valideLe: Date | null;
};

const ordre = [
  desc(rapportsMensuels.mois),
  asc(structures.nom),
  asc(promeneurs.nom),
  asc(promeneurs.prenom),
  asc(rapportsMensuels.id),
];

/**
 * The monthly reports an actor may read, filtered (month or range, structure, EPCI, status),
 * most recent month first then by structure and promeneur, 50 a page; with the count of each
 * status under the same filters (the status filter aside) and the total of the page's filter.
 */
export async function findRapportsForActor(db: Executor, actor: Actor, filtres: RapportFiltres) {
  const f = normaliserFiltres(filtres);
  const [lignes, parStatut] = await Promise.all([
    db
      .select(ligneColumns)
      .from(rapportsMensuels)
      .innerJoin(promeneurs, eq(promeneurs.id, rapportsMensuels.promeneurId))
      .innerJoin(structures, eq(structures.id, rapportsMensuels.structureId))
      .leftJoin(communes, eq(communes.code, structures.communeCode))
      .where(conditions(actor, f, true))
      .orderBy(...ordre)
      .limit(RAPPORTS_PAR_PAGE)
      .offset((f.page - 1) * RAPPORTS_PAR_PAGE),
    db
      .select({ statut: rapportsMensuels.statut, nombre: count() })
      .from(rapportsMensuels)
      .innerJoin(structures, eq(structures.id, rapportsMensuels.structureId))
      .leftJoin(communes, eq(communes.code, structures.communeCode))
      .where(conditions(actor, f, false))
      .groupBy(rapportsMensuels.statut),
  ]);
  const statuts = Object.fromEntries(RAPPORT_STATUTS.map((s) => [s, 0])) as Record<RapportStatut, number>;
  for (const s of parStatut) statuts[s.statut as RapportStatut] = Number(s.nombre);
  const total = f.statut ? statuts[f.statut] : Object.values(statuts).reduce((a, b) => a + b, 0);
  return {
    rapports: lignes.map((l) => ({ ...l, statut: l.statut as RapportStatut })) satisfies RapportLigne[],
    statuts,
    total,
    page: f.page,
    pages: Math.max(1, Math.ceil(total / RAPPORTS_PAR_PAGE)),
    filtres: f,
  };
}

/** The ids of every report matching the filters (for the export: no pagination), in the list's order. */
export async function findRapportIdsForActor(db: Executor, actor: Actor, filtres: RapportFiltres): Promise<string[]> {
  const f = normaliserFiltres(filtres);
  const rows = await db
    .select({ id: rapportsMensuels.id })
    .from(rapportsMensuels)
    .innerJoin(promeneurs, eq(promeneurs.id, rapportsMensuels.promeneurId))
    .innerJoin(structures, eq(structures.id, rapportsMensuels.structureId))
    .leftJoin(communes, eq(communes.code, structures.communeCode))
    .where(conditions(actor, f, true))
    .orderBy(...ordre)
    .limit(10_000);
  return rows.map((r) => r.id);
}

/** The structures and EPCI the filter form offers in a département (those with at least one report the actor reads). */
export async function findFiltresRapports(db: Executor, actor: Actor, departement: string) {
  const where = and(rapportScope(actor), eq(rapportsMensuels.departement, departement));
  const [structuresRows, epciRows] = await Promise.all([
    db
      .selectDistinct({ id: structures.id, nom: structures.nom })
      .from(rapportsMensuels)
      .innerJoin(structures, eq(structures.id, rapportsMensuels.structureId))
      .where(where)
      .orderBy(asc(structures.nom)),
    db
      .selectDistinct({ siren: epci.siren, nom: epci.nom })
      .from(rapportsMensuels)
      .innerJoin(structures, eq(structures.id, rapportsMensuels.structureId))
      .innerJoin(communes, eq(communes.code, structures.communeCode))
      .innerJoin(epci, eq(epci.siren, communes.epciSiren))
      .where(where)
      .orderBy(asc(epci.nom)),
  ]);
  return { structures: structuresRows, epci: epciRows };
}

export type RapportEnRetard = {
  promeneurId: string;
  prenom: string;
  nom: string;
  structureId: string;
  structure: string;
  mois: MoisIso;
  etat: EtatRetard;
  rapportId: string | null;
  joursDeRetard: number;
};

/**
 * The late reports of a département at `now`: for each month whose deadline passed within the last
 * 12 months, each promeneur active that month (entered before its end, not left before its start)
 * without a report `soumis` or `valide` — missing, draft or sent back. Most late first.
 */
export async function findRapportsEnRetard(db: Executor, departement: string, now: Date): Promise<RapportEnRetard[]> {
  const mois = moisEnRetard(now);
  if (mois.length === 0) return [];
  const plusAncien = mois[mois.length - 1] as MoisIso;
  const [personnes, rapports] = await Promise.all([
    db
      .select({
        id: promeneurs.id,
        prenom: promeneurs.prenom,
        nom: promeneurs.nom,
        structureId: promeneurs.structureId,
        structure: structures.nom,
        entreeLe: promeneurs.entreeLe,
        sortieLe: promeneurs.sortieLe,
      })
      .from(promeneurs)
      .innerJoin(structures, eq(structures.id, promeneurs.structureId))
      .where(and(eq(promeneurs.departement, departement), isNotNull(promeneurs.entreeLe))),
    db
      .select({
        id: rapportsMensuels.id,
        promeneurId: rapportsMensuels.promeneurId,
        mois: rapportsMensuels.mois,
        statut: rapportsMensuels.statut,
      })
      .from(rapportsMensuels)
      .where(and(eq(rapportsMensuels.departement, departement), gte(rapportsMensuels.mois, plusAncien))),
  ]);
  const parCle = new Map(rapports.map((r) => [`${r.promeneurId}|${r.mois}`, r]));
  const retards: RapportEnRetard[] = [];
  for (const m of mois) {
    for (const p of personnes) {
      if (!isActifPendant(p, m)) continue;
      const rapport = parCle.get(`${p.id}|${m}`);
      const etat = etatRetard((rapport?.statut as RapportStatut | undefined) ?? null);
      if (!etat) continue;
      retards.push({
        promeneurId: p.id,
        prenom: p.prenom,
        nom: p.nom,
        structureId: p.structureId,
        structure: p.structure,
        mois: m,
        etat,
        rapportId: rapport?.id ?? null,
        joursDeRetard: joursDeRetard(m, now),
      });
    }
  }
  return retards.sort(
    (a, b) =>
      b.joursDeRetard - a.joursDeRetard ||
      a.structure.localeCompare(b.structure, "fr") ||
      a.nom.localeCompare(b.nom, "fr") ||
      a.prenom.localeCompare(b.prenom, "fr"),
  );
}

/** How many reports wait for the coordination's review (`soumis`) in a département. */
export async function countRapportsAValider(db: Executor, departement: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(rapportsMensuels)
    .where(and(eq(rapportsMensuels.departement, departement), eq(rapportsMensuels.statut, "soumis")));
  return Number(row?.n ?? 0);
}

/** The list's filters read from a page address (`?mois=&du=&au=&structure=&epci=&statut=&page=`). */
export function filtresDepuisUrl(url: URL, departement: string): RapportFiltres {
  const p = url.searchParams;
  return {
    departement,
    mois: p.get("mois"),
    du: p.get("du"),
    au: p.get("au"),
    structureId: p.get("structure"),
    epci: p.get("epci"),
    statut: p.get("statut"),
    page: Number(p.get("page") ?? 1),
  };
}

/** Whose report it is, for its page's title: the promeneur's name and the structure it was filed under. */
export async function findEnteteRapport(db: Executor, rapport: { promeneurId: string; structureId: string }) {
  const [row] = await db
    .select({ prenom: promeneurs.prenom, nom: promeneurs.nom, structure: structures.nom })
    .from(promeneurs)
    .innerJoin(structures, eq(structures.id, rapport.structureId))
    .where(eq(promeneurs.id, rapport.promeneurId));
  return row ?? null;
}
