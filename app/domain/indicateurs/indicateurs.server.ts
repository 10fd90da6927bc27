/**
 * The indicator engine everybody calls (dashboard, steering and national views, annual report):
 * the nine indicators for a filter, with the previous period, in the view the reader is entitled
 * to; and the national view's line per département.
 */
import { departements as departementsTable } from "@db/schema";
import { inArray } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { RESEAUX, reseauLabels } from "~/domain/profils/profil.labels";
import type { Executor } from "~/server/db.server";
import { memoiser } from "~/server/memo.server";
import { indicateursRapports, rapportsParDepartement } from "./indicateurs.rapports.server";
import { indicateursReseau, reseauParDepartement } from "./indicateurs.reseau.server";
import type { FiltreIndicateurs, Indicateurs, LigneDepartement, VueIndicateurs } from "./indicateurs.types";
import { periodePrecedente } from "./periode";

/**
 * `coordination` only for a coordinator looking at their own single département; everyone else
 * (steering committee, national role, a coordinator looking at several départements) gets the
 * aggregate view.
 */
export function vueDe(actor: Pick<Actor, "roles">, departements: readonly string[]): VueIndicateurs {
  const [seul] = departements;
  if (departements.length !== 1 || seul === undefined) return "agregee";
  return actor.roles.some((g) => g.role === "coordinateur" && g.departement === seul) ? "coordination" : "agregee";
}

/**
 * The nine indicators for `filtre`, each headline with its value over the previous period
 * (`periodePrecedente`), in the view `vue`. The report figures and the network figures are
 * computed side by side. Networks (indicator 3) list every network of list B, or only the one the
 * filter names.
 */
export async function calculerIndicateurs(
  db: Executor,
  filtre: FiltreIndicateurs,
  vue: VueIndicateurs,
  maintenant: Date,
): Promise<Indicateurs> {
  const precedente = periodePrecedente(filtre.periode);
  const [rapports, reseau] = await Promise.all([
    indicateursRapports(db, filtre, precedente, vue),
    indicateursReseau(db, filtre, precedente, vue, maintenant),
  ]);
  const codes = filtre.reseau ? [filtre.reseau] : [...RESEAUX];
  return {
    filtre,
    vue,
    periodePrecedente: precedente,
    rapports: rapports.rapports,
    conformite: reseau.conformite,
    jeunes: rapports.jeunes,
    reseaux: {
      reseauxConformes: reseau.reseauxConformes,
      parReseau: codes.map((code) => ({
        code,
        libelle: (reseauLabels as Record<string, string>)[code] ?? code,
        profilsConformes: reseau.profilsConformesParReseau[code] ?? 0,
        echanges: rapports.echangesParReseau[code] ?? 0,
      })),
    },
    demandes: rapports.demandes,
    echanges: rapports.echanges,
    participation: reseau.participation,
    publications: rapports.publications,
    communication: reseau.communication,
    couverture: reseau.couverture,
  };
}

/**
 * One line per département of `filtre.departements`, in that order, with the headline values over
 * the filter's period: a few grouped queries whatever the number of départements.
 */
export async function indicateursParDepartement(
  db: Executor,
  filtre: FiltreIndicateurs,
  maintenant: Date,
): Promise<LigneDepartement[]> {
  if (filtre.departements.length === 0) return [];
  const [noms, rapports, reseau] = await Promise.all([
    db
      .select({ code: departementsTable.code, nom: departementsTable.nom })
      .from(departementsTable)
      .where(inArray(departementsTable.code, [...filtre.departements])),
    rapportsParDepartement(db, filtre),
    reseauParDepartement(db, filtre, maintenant),
  ]);
  const nomDe = new Map(noms.map((d) => [d.code, d.nom]));
  return filtre.departements.map((code) => {
    const r = rapports.get(code);
    const n = reseau.get(code);
    return {
      code,
      nom: nomDe.get(code) ?? code,
      promeneursActifs: n?.promeneursActifs ?? 0,
      rapports: r?.rapports ?? 0,
      tauxConformite: n?.tauxConformite ?? null,
      nouveaux: r?.nouveaux ?? 0,
      echanges: r?.echanges ?? 0,
      demandes: r?.demandes ?? 0,
      shannon: r?.shannon ?? null,
      tauxParticipation: n?.tauxParticipation ?? null,
      publications: r?.publications ?? 0,
      actionsCommunication: n?.actionsCommunication ?? 0,
      tauxPopulationCouverte: n?.tauxPopulationCouverte ?? null,
    };
  });
}

/**
 * How long the pages keep a computed set of indicators when nothing of its départements is written
 * in this process (app/server/memo.server.ts): page views and other instances' writes show within it.
 */
export const DUREE_MEMO_INDICATEURS_MS = 5 * 60_000;

/** `calculerIndicateurs` as the pages read it: memoised until a write of one of its départements. */
export function indicateursDesPages(
  db: Executor,
  filtre: FiltreIndicateurs,
  vue: VueIndicateurs,
  maintenant: Date,
): Promise<Indicateurs> {
  return memoiser(`indicateurs:${vue}:${JSON.stringify(filtre)}`, filtre.departements, DUREE_MEMO_INDICATEURS_MS, () =>
    calculerIndicateurs(db, filtre, vue, maintenant),
  );
}

/** `indicateursParDepartement` as the national page reads it, memoised the same way. */
export function lignesDesPages(db: Executor, filtre: FiltreIndicateurs, maintenant: Date): Promise<LigneDepartement[]> {
  return memoiser(`lignes:${JSON.stringify(filtre)}`, filtre.departements, DUREE_MEMO_INDICATEURS_MS, () =>
    indicateursParDepartement(db, filtre, maintenant),
  );
}
