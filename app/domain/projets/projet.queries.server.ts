import { projetsJeunes, promeneurs, structures } from "@db/schema";
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can, scopeFor } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import { PROJET_ETATS, PROJET_FORMES, type ProjetEtat, type ProjetForme } from "./projet.labels";

export type ProjetJeune = typeof projetsJeunes.$inferSelect;

/** The promeneur record linked to an account, as a project needs it; null when none is linked. */
export async function findPorteurDeCompte(db: Executor, userId: string) {
  const [row] = await db
    .select({
      id: promeneurs.id,
      departement: promeneurs.departement,
      structureId: promeneurs.structureId,
      nomPublic: promeneurs.nomPublic,
    })
    .from(promeneurs)
    .where(eq(promeneurs.userId, userId));
  return row ?? null;
}

export async function getProjet(db: Executor, id: string | undefined): Promise<ProjetJeune | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(projetsJeunes).where(eq(projetsJeunes.id, id));
  return row ?? null;
}

const ligne = {
  id: projetsJeunes.id,
  departement: projetsJeunes.departement,
  titre: projetsJeunes.titre,
  theme: projetsJeunes.theme,
  forme: projetsJeunes.forme,
  nombreJeunes: projetsJeunes.nombreJeunes,
  etat: projetsJeunes.etat,
  debutLe: projetsJeunes.debutLe,
  besoinSoutien: projetsJeunes.besoinSoutien,
  soutienDemandeLe: projetsJeunes.soutienDemandeLe,
  updatedAt: projetsJeunes.updatedAt,
  promeneurNom: promeneurs.nomPublic,
  structureNom: structures.nom,
};

export type ProjetLigne = {
  id: string;
  departement: string;
  titre: string;
  theme: string;
  forme: string;
  nombreJeunes: number;
  etat: string;
  debutLe: string;
  besoinSoutien: boolean;
  soutienDemandeLe: Date | null;
  updatedAt: Date;
  promeneurNom: string;
  structureNom: string;
};

function selectLignes(db: Executor, where: SQL | undefined): Promise<ProjetLigne[]> {
  return db
    .select(ligne)
    .from(projetsJeunes)
    .innerJoin(promeneurs, eq(promeneurs.id, projetsJeunes.promeneurId))
    .innerJoin(structures, eq(structures.id, projetsJeunes.structureId))
    .where(where)
    .orderBy(desc(projetsJeunes.besoinSoutien), desc(projetsJeunes.debutLe), asc(projetsJeunes.titre));
}

/** A promeneur's own projects, those asking for support first, then the latest started. */
export function findProjetsDuPromeneur(db: Executor, promeneurId: string): Promise<ProjetLigne[]> {
  return selectLignes(db, eq(projetsJeunes.promeneurId, promeneurId));
}

export type ProjetFiltres = { etat?: ProjetEtat; theme?: string; soutien?: boolean };

/**
 * The projects of a département the actor may read, filtered: all of them for its coordination,
 * those of their structures' promeneurs for a referent, none otherwise.
 */
export async function findProjetsForActor(
  db: Executor,
  actor: Actor,
  departement: string,
  filtres: ProjetFiltres = {},
): Promise<ProjetLigne[]> {
  const scope = scopeFor(actor, "projet.lire");
  let perimetre: SQL | undefined;
  if (scope.all || scope.departements.includes(departement)) perimetre = undefined;
  else if (scope.structureIds.length > 0) perimetre = inArray(projetsJeunes.structureId, scope.structureIds);
  else return [];
  return selectLignes(
    db,
    and(
      eq(projetsJeunes.departement, departement),
      perimetre,
      filtres.etat ? eq(projetsJeunes.etat, filtres.etat) : undefined,
      filtres.theme ? eq(projetsJeunes.theme, filtres.theme) : undefined,
      filtres.soutien ? eq(projetsJeunes.besoinSoutien, true) : undefined,
    ),
  );
}

/**
 * One project as the actor may see it: its promeneur edits it; the coordination of its département
 * and the referents of its structure read it. A role that does neither gets a 403 before the
 * lookup; a project out of the actor's scope (another promeneur's, another structure's, another
 * département's) is a 404.
 */
export async function getProjetPourActeur(db: Executor, actor: Actor, id: string | undefined) {
  if (!can(actor, "projet.saisir") && !can(actor, "projet.lire")) forbidden();
  if (!isUuid(id)) notFound();
  const [row] = await db
    .select({
      projet: projetsJeunes,
      promeneurNom: promeneurs.nomPublic,
      promeneurUserId: promeneurs.userId,
      structureNom: structures.nom,
    })
    .from(projetsJeunes)
    .innerJoin(promeneurs, eq(promeneurs.id, projetsJeunes.promeneurId))
    .innerJoin(structures, eq(structures.id, projetsJeunes.structureId))
    .where(eq(projetsJeunes.id, id));
  if (!row) notFound();
  const { projet } = row;
  const modifiable =
    row.promeneurUserId === actor.userId && can(actor, "projet.saisir", { departement: projet.departement });
  if (!modifiable && !can(actor, "projet.lire", { departement: projet.departement, structureId: projet.structureId })) {
    notFound();
  }
  return { projet, promeneurNom: row.promeneurNom, structureNom: row.structureNom, modifiable };
}

/** How many projects of a département ask for the coordination's support (coordinator's dashboard). */
export async function countProjetsAttendantSoutien(db: Executor, departement: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(projetsJeunes)
    .where(and(eq(projetsJeunes.departement, departement), eq(projetsJeunes.besoinSoutien, true)));
  return row?.n ?? 0;
}

export type ComptageProjets = {
  projets: number;
  /** Young people carrying them (a sum of numbers: nobody is named). */
  jeunes: number;
  parEtat: Record<ProjetEtat, number>;
  parForme: Record<ProjetForme, number>;
  /** By theme (list E) code; themes without a project are left out. */
  parTheme: Record<string, number>;
  /** Of them, those asking for the coordination's support now. */
  soutien: number;
};

/**
 * The projects of a département that started in a period (`du`…`au`, inclusive 'YYYY-MM-DD'),
 * for the indicators: how many, how many young people carry them, by state, form and theme.
 * A project counts in the period of its start day, whatever its state today.
 */
export async function countProjets(
  db: Executor,
  departement: string,
  periode: { du: string; au: string },
): Promise<ComptageProjets> {
  const rows = await db
    .select({
      etat: projetsJeunes.etat,
      forme: projetsJeunes.forme,
      theme: projetsJeunes.theme,
      projets: sql<number>`count(*)::int`,
      jeunes: sql<number>`coalesce(sum(${projetsJeunes.nombreJeunes}), 0)::int`,
      soutien: sql<number>`(count(*) filter (where ${projetsJeunes.besoinSoutien}))::int`,
    })
    .from(projetsJeunes)
    .where(
      and(
        eq(projetsJeunes.departement, departement),
        gte(projetsJeunes.debutLe, periode.du),
        lte(projetsJeunes.debutLe, periode.au),
      ),
    )
    .groupBy(projetsJeunes.etat, projetsJeunes.forme, projetsJeunes.theme);
  const result: ComptageProjets = {
    projets: 0,
    jeunes: 0,
    parEtat: Object.fromEntries(PROJET_ETATS.map((e) => [e, 0])) as Record<ProjetEtat, number>,
    parForme: Object.fromEntries(PROJET_FORMES.map((f) => [f, 0])) as Record<ProjetForme, number>,
    parTheme: {},
    soutien: 0,
  };
  for (const r of rows) {
    result.projets += r.projets;
    result.jeunes += r.jeunes;
    result.soutien += r.soutien;
    result.parEtat[r.etat as ProjetEtat] = (result.parEtat[r.etat as ProjetEtat] ?? 0) + r.projets;
    result.parForme[r.forme as ProjetForme] = (result.parForme[r.forme as ProjetForme] ?? 0) + r.projets;
    result.parTheme[r.theme] = (result.parTheme[r.theme] ?? 0) + r.projets;
  }
  return result;
}
