import { creneauxPresence, profilsSociaux, promeneurs, rapportComptes, rapportsMensuels } from "@db/schema";
import { and, desc, eq, gte, inArray, lte, sum } from "drizzle-orm";
import { RESEAUX } from "~/domain/profils/profil.labels";
import { formatJourIso, jourParis } from "~/lib/jour";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { type RapportStatut, RUBRIQUES, type Rubrique } from "./rapport.labels";
import { ajouterMoisIso, echeanceDe, isEnRetard, type MoisIso, moisCourant, moisDe } from "./rapport.workflow";

export type RapportRow = typeof rapportsMensuels.$inferSelect;

/** The breakdowns of a report by rubrique then code (absent codes count 0). */
export type ComptesRapport = Record<Rubrique, Record<string, number>>;

export type RapportComplet = { rapport: RapportRow; comptes: ComptesRapport };

export function comptesVides(): ComptesRapport {
  return Object.fromEntries(RUBRIQUES.map((r) => [r, {}])) as ComptesRapport;
}

/**
 * One report with its breakdowns, by id or by promeneur and month; null when there is none. No
 * permission here: callers check the actor may read it (and what of it) first.
 */
export async function getRapportComplet(
  db: Executor,
  cle: { id: string } | { promeneurId: string; mois: string },
): Promise<RapportComplet | null> {
  if ("id" in cle && !isUuid(cle.id)) return null;
  const where =
    "id" in cle
      ? eq(rapportsMensuels.id, cle.id)
      : and(eq(rapportsMensuels.promeneurId, cle.promeneurId), eq(rapportsMensuels.mois, cle.mois));
  const [rapport] = await db.select().from(rapportsMensuels).where(where).limit(1);
  if (!rapport) return null;
  const comptes = comptesVides();
  const lignes = await db.select().from(rapportComptes).where(eq(rapportComptes.rapportId, rapport.id));
  for (const ligne of lignes) {
    const rubrique = comptes[ligne.rubrique as Rubrique];
    if (rubrique) rubrique[ligne.code] = ligne.nombre;
  }
  return { rapport, comptes };
}

/** How many months the promeneur's list goes back at most (and without a known entry date, 12). */
export const MOIS_LISTE_MAX = 24;

export type MoisDuPromeneur = {
  mois: MoisIso;
  /** null: no report yet for that month. */
  statut: RapportStatut | null;
  rapportId: string | null;
  /** The last day to submit, `YYYY-MM-DD` (the 10th of the next month). */
  echeance: string;
  /** Due date passed and never submitted (no report, or still a draft). */
  enRetard: boolean;
  /** The month is the current one: it may be drafted, submitted from the 1st of the next. */
  enCours: boolean;
  soumisLe: Date | null;
};

/**
 * Every month a promeneur reports on, most recent first: from their entry (at most 24 months
 * back; 12 when the entry date is unknown) to the current month, or to the month they left. Each
 * with its report's status, the due date and whether it is late. Null when there is no such
 * promeneur. No permission here: the route shows the actor's own record only.
 */
export async function findRapportsDuPromeneur(
  db: Executor,
  promeneurId: string,
  now: Date = new Date(),
): Promise<MoisDuPromeneur[] | null> {
  const [promeneur] = await db
    .select({ entreeLe: promeneurs.entreeLe, sortieLe: promeneurs.sortieLe })
    .from(promeneurs)
    .where(eq(promeneurs.id, promeneurId));
  if (!promeneur) return null;
  const courant = moisCourant(now);
  const sortie = promeneur.sortieLe ? moisDe(jourParis(promeneur.sortieLe)) : null;
  const fin = sortie && sortie < courant ? sortie : courant;
  const plusAncien = ajouterMoisIso(fin, -(promeneur.entreeLe ? MOIS_LISTE_MAX : 12) + 1);
  const entree = promeneur.entreeLe ? moisDe(jourParis(promeneur.entreeLe)) : null;
  const debut = entree && entree > plusAncien ? entree : plusAncien;

  const rapports = await db
    .select({
      id: rapportsMensuels.id,
      mois: rapportsMensuels.mois,
      statut: rapportsMensuels.statut,
      soumisLe: rapportsMensuels.soumisLe,
    })
    .from(rapportsMensuels)
    .where(
      and(
        eq(rapportsMensuels.promeneurId, promeneurId),
        gte(rapportsMensuels.mois, debut),
        lte(rapportsMensuels.mois, fin),
      ),
    );
  const parMois = new Map(rapports.map((r) => [r.mois, r]));
  const liste: MoisDuPromeneur[] = [];
  for (let mois = fin; mois >= debut; mois = ajouterMoisIso(mois, -1)) {
    const rapport = parMois.get(mois);
    const statut = (rapport?.statut ?? null) as RapportStatut | null;
    liste.push({
      mois,
      statut,
      rapportId: rapport?.id ?? null,
      echeance: formatJourIso(echeanceDe(mois)),
      enRetard: (statut === null || statut === "brouillon") && isEnRetard(mois, now),
      enCours: mois === courant,
      soumisLe: rapport?.soumisLe ?? null,
    });
  }
  return liste;
}

export type ResumePersonnel = {
  /** First and last month of the period (the 12 months ending with the current one). */
  du: MoisIso;
  au: MoisIso;
  /** Reports counted: submitted or validated (drafts and reports sent back are still moving). */
  bilans: number;
  nouveauxJeunes: number;
  /** Mean of the monthly active files over the reports counted, rounded; 0 without a report. */
  fileActiveMoyenne: number;
  echanges: number;
  heuresEnLigne: number;
  /** The most asked themes (at most 3), with their count. */
  themes: { code: string; nombre: number }[];
};

/** What a promeneur's reports of the last 12 months add up to (their own page). */
export async function findResumePersonnel(
  db: Executor,
  promeneurId: string,
  now: Date = new Date(),
): Promise<ResumePersonnel> {
  const au = moisCourant(now);
  const du = ajouterMoisIso(au, -11);
  const periode = and(
    eq(rapportsMensuels.promeneurId, promeneurId),
    gte(rapportsMensuels.mois, du),
    lte(rapportsMensuels.mois, au),
    inArray(rapportsMensuels.statut, ["soumis", "valide"]),
  );
  const rapports = await db
    .select({
      id: rapportsMensuels.id,
      nouveauxJeunes: rapportsMensuels.nouveauxJeunes,
      fileActive: rapportsMensuels.fileActive,
      echanges: rapportsMensuels.echanges,
      heuresEnLigne: rapportsMensuels.heuresEnLigne,
    })
    .from(rapportsMensuels)
    .where(periode);
  const total = (f: (r: (typeof rapports)[number]) => number) => rapports.reduce((a, r) => a + f(r), 0);
  const themes = rapports.length
    ? await db
        .select({ code: rapportComptes.code, nombre: sum(rapportComptes.nombre).mapWith(Number) })
        .from(rapportComptes)
        .where(
          and(
            eq(rapportComptes.rubrique, "theme"),
            inArray(
              rapportComptes.rapportId,
              rapports.map((r) => r.id),
            ),
          ),
        )
        .groupBy(rapportComptes.code)
        .orderBy(desc(sum(rapportComptes.nombre)), rapportComptes.code)
        .limit(3)
    : [];
  return {
    du,
    au,
    bilans: rapports.length,
    nouveauxJeunes: total((r) => r.nouveauxJeunes),
    fileActiveMoyenne: rapports.length ? Math.round(total((r) => r.fileActive) / rapports.length) : 0,
    echanges: total((r) => r.echanges),
    heuresEnLigne: Math.round(total((r) => r.heuresEnLigne) * 10) / 10,
    themes,
  };
}

/** The networks a promeneur works on (their profiles and presence slots), in list B order: the report's form shows them first. */
export async function findReseauxDuPromeneur(db: Executor, promeneurId: string): Promise<string[]> {
  const [profils, creneaux] = await Promise.all([
    db
      .select({ reseau: profilsSociaux.reseau })
      .from(profilsSociaux)
      .where(eq(profilsSociaux.promeneurId, promeneurId)),
    db
      .select({ reseaux: creneauxPresence.reseaux })
      .from(creneauxPresence)
      .where(eq(creneauxPresence.promeneurId, promeneurId)),
  ]);
  const utilises = new Set([...profils.map((p) => p.reseau), ...creneaux.flatMap((c) => c.reseaux)]);
  return RESEAUX.filter((r) => utilises.has(r));
}
