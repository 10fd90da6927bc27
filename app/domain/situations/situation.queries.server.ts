import { promeneurs, situationsPreoccupantes, structures } from "@db/schema";
import { and, count, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { ajouterMoisIso, type MoisIso, parseMois } from "~/domain/rapports/rapport.workflow";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import {
  SITUATION_CATEGORIES,
  type SituationAction,
  type SituationCategorie,
  type SituationSuivi,
} from "./situation.labels";
import { peutSaisirSituations } from "./situation.rules";

export type SituationRow = typeof situationsPreoccupantes.$inferSelect;

/** A situation as the lists show it: with who recorded it (public name) and their structure. */
export type SituationListItem = {
  id: string;
  date: string;
  categorie: SituationCategorie;
  actions: SituationAction[];
  partenaire: string | null;
  suivi: SituationSuivi;
  promeneurId: string;
  promeneur: string;
  structureId: string;
  structure: string;
  updatedAt: Date;
};

const listColumns = {
  id: situationsPreoccupantes.id,
  date: situationsPreoccupantes.date,
  categorie: situationsPreoccupantes.categorie,
  actions: situationsPreoccupantes.actions,
  partenaire: situationsPreoccupantes.partenaire,
  suivi: situationsPreoccupantes.suivi,
  promeneurId: situationsPreoccupantes.promeneurId,
  promeneur: promeneurs.nomPublic,
  structureId: situationsPreoccupantes.structureId,
  structure: structures.nom,
  updatedAt: situationsPreoccupantes.updatedAt,
};

function asItems(rows: { categorie: string; actions: string[]; suivi: string }[]) {
  return rows as unknown as SituationListItem[];
}

/** Rows whose date falls in the month `mois` ("YYYY-MM-01"). */
function dansLeMois(mois: MoisIso): SQL | undefined {
  return and(gte(situationsPreoccupantes.date, mois), lt(situationsPreoccupantes.date, ajouterMoisIso(mois, 1)));
}

/** The promeneur record an account is linked to, with what recording situations needs. */
export async function findPromeneurSaisissant(db: Executor, userId: string) {
  const [row] = await db
    .select({
      id: promeneurs.id,
      departement: promeneurs.departement,
      structureId: promeneurs.structureId,
      statut: promeneurs.statut,
    })
    .from(promeneurs)
    .where(eq(promeneurs.userId, userId));
  return row ?? null;
}

/** A promeneur's own situations, the latest first. */
export async function findSituationsDuPromeneur(db: Executor, promeneurId: string): Promise<SituationListItem[]> {
  const rows = await db
    .select(listColumns)
    .from(situationsPreoccupantes)
    .innerJoin(promeneurs, eq(promeneurs.id, situationsPreoccupantes.promeneurId))
    .innerJoin(structures, eq(structures.id, situationsPreoccupantes.structureId))
    .where(eq(situationsPreoccupantes.promeneurId, promeneurId))
    .orderBy(desc(situationsPreoccupantes.date), desc(situationsPreoccupantes.createdAt));
  return asItems(rows);
}

export type FiltresSituations = {
  /** "YYYY-MM-01". */
  mois?: string | null;
  categorie?: string | null;
  suivi?: string | null;
  structure?: string | null;
};

/**
 * Every situation of a département for its coordination, the latest first, narrowed by month,
 * category, follow-up state and structure (a value that is not one of the list is ignored). No
 * permission check here: the caller has checked `situation.lire` for the département.
 */
export async function findSituationsForCoordination(
  db: Executor,
  departement: string,
  filtres: FiltresSituations = {},
): Promise<SituationListItem[]> {
  const mois = parseMois(filtres.mois);
  const rows = await db
    .select(listColumns)
    .from(situationsPreoccupantes)
    .innerJoin(promeneurs, eq(promeneurs.id, situationsPreoccupantes.promeneurId))
    .innerJoin(structures, eq(structures.id, situationsPreoccupantes.structureId))
    .where(
      and(
        eq(situationsPreoccupantes.departement, departement),
        mois ? dansLeMois(mois) : undefined,
        filtres.categorie ? eq(situationsPreoccupantes.categorie, filtres.categorie) : undefined,
        filtres.suivi ? eq(situationsPreoccupantes.suivi, filtres.suivi) : undefined,
        isUuid(filtres.structure ?? undefined)
          ? eq(situationsPreoccupantes.structureId, filtres.structure as string)
          : undefined,
      ),
    )
    .orderBy(desc(situationsPreoccupantes.date), desc(situationsPreoccupantes.createdAt));
  return asItems(rows);
}

export type SituationForActor = {
  situation: SituationRow & { promeneur: string; structure: string };
  /** The actor is the promeneur who recorded it. */
  proprietaire: boolean;
  /** The actor may change it: its promeneur, while still in the scheme. */
  modifiable: boolean;
};

/**
 * One situation, for its promeneur or the coordination of its département only. Any other role
 * gets a 403 before the lookup (it learns nothing of the record); another promeneur, or a
 * coordination of another département, a 404 (the record is out of their scope).
 */
export async function getSituationForActor(
  db: Executor,
  actor: Actor,
  id: string | undefined,
): Promise<SituationForActor> {
  if (!can(actor, "situation.lire") && !can(actor, "situation.saisir")) forbidden();
  if (!isUuid(id)) notFound();
  const [row] = await db
    .select({
      situation: situationsPreoccupantes,
      promeneur: promeneurs.nomPublic,
      promeneurUserId: promeneurs.userId,
      promeneurStatut: promeneurs.statut,
      structure: structures.nom,
    })
    .from(situationsPreoccupantes)
    .innerJoin(promeneurs, eq(promeneurs.id, situationsPreoccupantes.promeneurId))
    .innerJoin(structures, eq(structures.id, situationsPreoccupantes.structureId))
    .where(eq(situationsPreoccupantes.id, id));
  if (!row) notFound();
  const situation = { ...row.situation, promeneur: row.promeneur, structure: row.structure };
  const proprietaire =
    row.promeneurUserId === actor.userId && can(actor, "situation.saisir", { departement: row.situation.departement });
  if (proprietaire) return { situation, proprietaire, modifiable: peutSaisirSituations(row.promeneurStatut) };
  if (can(actor, "situation.lire", { departement: row.situation.departement })) {
    return { situation, proprietaire: false, modifiable: false };
  }
  notFound();
}

/** How many situations a promeneur recorded in the month `mois` ("YYYY-MM-01"), by their date. */
export async function countSituationsDuMois(db: Executor, promeneurId: string, mois: string): Promise<number> {
  const debut = parseMois(mois);
  if (!debut) throw new RangeError(`Mois invalide\u00a0: ${mois}`);
  const [row] = await db
    .select({ n: count() })
    .from(situationsPreoccupantes)
    .where(and(eq(situationsPreoccupantes.promeneurId, promeneurId), dansLeMois(debut)));
  return row?.n ?? 0;
}

/**
 * How many situations of a département fall in each category over a period (days "YYYY-MM-DD",
 * both included), every category present (zero included): for the indicators.
 */
export async function countSituationsParCategorie(
  db: Executor,
  departement: string,
  periode: { du: string; au: string },
): Promise<Record<SituationCategorie, number>> {
  const rows = await db
    .select({ categorie: situationsPreoccupantes.categorie, n: count() })
    .from(situationsPreoccupantes)
    .where(
      and(
        eq(situationsPreoccupantes.departement, departement),
        gte(situationsPreoccupantes.date, periode.du),
        lte(situationsPreoccupantes.date, periode.au),
      ),
    )
    .groupBy(situationsPreoccupantes.categorie);
  const counts = Object.fromEntries(SITUATION_CATEGORIES.map((c) => [c, 0])) as Record<SituationCategorie, number>;
  for (const row of rows) {
    if (row.categorie in counts) counts[row.categorie as SituationCategorie] = row.n;
  }
  return counts;
}

/** The structures of a département that have recorded situations, by name: the list's filter. */
export async function findStructuresDesSituations(
  db: Executor,
  departement: string,
): Promise<{ id: string; nom: string }[]> {
  return db
    .selectDistinct({ id: structures.id, nom: structures.nom })
    .from(situationsPreoccupantes)
    .innerJoin(structures, eq(structures.id, situationsPreoccupantes.structureId))
    .where(eq(situationsPreoccupantes.departement, departement))
    .orderBy(structures.nom);
}
