import {
  communes,
  departements,
  generationsRapportAnnuel,
  promeneurs,
  rapportsAnnuels,
  rapportsMensuels,
  regroupementInvitations,
  regroupements,
  structures,
} from "@db/schema";
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, ne, sql } from "drizzle-orm";
import { communicationTypeLabels } from "~/domain/communication/communication.labels";
import { findActionsCommunication } from "~/domain/communication/communication.queries.server";
import type { VueIndicateurs } from "~/domain/indicateurs/indicateurs.types";
import { bornesPeriode, tauxParticipation } from "~/domain/regroupements/participation.rules";
import { regroupementTypeLabels } from "~/domain/regroupements/regroupement.labels";
import { formatDate } from "~/lib/format";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import type { ActionRapport, RegroupementRapport } from "./rapport-annuel.contenu";
import { libelleMois } from "./rapport-annuel.contenu";

export type RapportAnnuel = { introduction: string; faitsMarquants: string[]; version: number };

/** The coordination's choices for a year, or empty ones (version 0) before the first save. */
export async function getRapportAnnuel(db: Executor, departement: string, annee: number): Promise<RapportAnnuel> {
  const [row] = await db
    .select({
      introduction: rapportsAnnuels.introduction,
      faitsMarquants: rapportsAnnuels.faitsMarquants,
      version: rapportsAnnuels.version,
    })
    .from(rapportsAnnuels)
    .where(and(eq(rapportsAnnuels.departement, departement), eq(rapportsAnnuels.annee, annee)));
  return row ?? { introduction: "", faitsMarquants: [], version: 0 };
}

export type FaitMarquantDisponible = {
  id: string;
  mois: string;
  promeneur: string;
  structure: string;
  texte: string;
};

/**
 * The year's report highlights a coordinator may keep: the non-empty highlights of the counted
 * reports (submitted or validated) of the département whose month is in the year, by month, then
 * promeneur.
 */
export async function findFaitsMarquantsDeLAnnee(
  db: Executor,
  departement: string,
  annee: number,
): Promise<FaitMarquantDisponible[]> {
  const rows = await db
    .select({
      id: rapportsMensuels.id,
      mois: rapportsMensuels.mois,
      prenom: promeneurs.prenom,
      nom: promeneurs.nom,
      structure: structures.nom,
      texte: rapportsMensuels.faitMarquant,
    })
    .from(rapportsMensuels)
    .innerJoin(promeneurs, eq(promeneurs.id, rapportsMensuels.promeneurId))
    .innerJoin(structures, eq(structures.id, rapportsMensuels.structureId))
    .where(
      and(
        eq(rapportsMensuels.departement, departement),
        gte(rapportsMensuels.mois, `${annee}-01-01`),
        lte(rapportsMensuels.mois, `${annee}-12-01`),
        inArray(rapportsMensuels.statut, ["soumis", "valide"]),
        ne(sql`btrim(${rapportsMensuels.faitMarquant})`, ""),
      ),
    )
    .orderBy(asc(rapportsMensuels.mois), asc(promeneurs.nom), asc(promeneurs.prenom), asc(rapportsMensuels.id));
  return rows.map((r) => ({
    id: r.id,
    mois: libelleMois(r.mois.slice(0, 7)),
    promeneur: `${r.prenom} ${r.nom}`,
    structure: r.structure,
    texte: r.texte.trim(),
  }));
}

/**
 * The gatherings held in the year (not cancelled, already started, starting in the year, Paris
 * days), with their attendance rate over the promeneurs' recorded attendance — never who came.
 */
export async function findRegroupementsDeLAnnee(
  db: Executor,
  departement: string,
  annee: number,
  now: Date,
): Promise<RegroupementRapport[]> {
  const { depuis, avant } = bornesPeriode({
    du: { annee, mois: 1, jour: 1 },
    au: { annee, mois: 12, jour: 31 },
  });
  const i = regroupementInvitations;
  const rows = await db
    .select({
      debut: regroupements.debut,
      type: regroupements.type,
      titre: regroupements.titre,
      notees: sql<number>`count(${i.presence})::int`,
      presents: sql<number>`(count(*) filter (where ${i.presence} = 'present'))::int`,
    })
    .from(regroupements)
    .leftJoin(i, and(eq(i.regroupementId, regroupements.id), isNotNull(i.promeneurId)))
    .where(
      and(
        eq(regroupements.departement, departement),
        eq(regroupements.statut, "prevu"),
        gte(regroupements.debut, depuis),
        lt(regroupements.debut, avant),
        lte(regroupements.debut, now),
      ),
    )
    .groupBy(regroupements.id)
    .orderBy(asc(regroupements.debut), asc(regroupements.id));
  return rows.map((r) => ({
    date: formatDate(r.debut),
    type: regroupementTypeLabels[r.type as keyof typeof regroupementTypeLabels] ?? r.type,
    titre: r.titre,
    presents: r.presents,
    notees: r.notees,
    taux: tauxParticipation(r.presents, r.notees),
  }));
}

/** The communication actions of the year, in date order. */
export async function findActionsDeLAnnee(db: Executor, departement: string, annee: number): Promise<ActionRapport[]> {
  const actions = await findActionsCommunication(db, departement, annee);
  return actions.reverse().map((a) => ({
    date: formatDate(a.date),
    type: communicationTypeLabels[a.type as keyof typeof communicationTypeLabels] ?? a.type,
    titre: a.titre,
    portee: a.portee,
  }));
}

export async function getNomDepartement(db: Executor, code: string): Promise<string> {
  const [row] = await db.select({ nom: departements.nom }).from(departements).where(eq(departements.code, code));
  return row?.nom ?? code;
}

/** The communes of the département with an imported boundary (the map of the report). */
export async function findContoursCommunes(db: Executor, departement: string) {
  const rows = await db
    .select({ code: communes.code, nom: communes.nom, geometry: communes.contour })
    .from(communes)
    .where(and(eq(communes.departement, departement), isNotNull(communes.contour)))
    .orderBy(asc(communes.code));
  return rows.map((r) => ({ code: r.code, nom: r.nom, geometry: r.geometry as unknown }));
}

export type Generation = typeof generationsRapportAnnuel.$inferSelect;

export async function getGeneration(db: Executor, id: string | undefined): Promise<Generation | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(generationsRapportAnnuel).where(eq(generationsRapportAnnuel.id, id));
  return row ?? null;
}

/** The latest generations of a year's report for a version (the page shows the last few), newest first. */
export async function findGenerations(
  db: Executor,
  departement: string,
  annee: number,
  vues: readonly VueIndicateurs[],
  limite = 5,
): Promise<Generation[]> {
  return db
    .select()
    .from(generationsRapportAnnuel)
    .where(
      and(
        eq(generationsRapportAnnuel.departement, departement),
        eq(generationsRapportAnnuel.annee, annee),
        inArray(generationsRapportAnnuel.vue, [...vues]),
      ),
    )
    .orderBy(desc(generationsRapportAnnuel.demandeLe), desc(generationsRapportAnnuel.id))
    .limit(limite);
}
