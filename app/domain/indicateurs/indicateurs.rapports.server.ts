/**
 * The indicators computed from the monthly reports (DESIGN §5: 2 young people, 3's exchanges by
 * network, 4 requests, 5 exchanges, 7 publications).
 *
 * Which reports count: status `soumis` or `valide` (drafts and reports sent back are not counted),
 * département among the filter's, month within the period — a report is of a month, and a month
 * counts whole as soon as it overlaps the period (`moisDeLaPeriodeRapports`). Filters: structure
 * type and commune / EPCI are those of the report's structure (the promeneur's structure when the
 * report was created); a network keeps the reports of promeneurs holding a profile on it, and only
 * that network's exchanges. Situations of concern are those dated within the period (whole days),
 * with the same filters through the situation's structure and promeneur.
 *
 * Without a territory, type or network filter the sums come from `agregats_mensuels` (rebuilt
 * first for the stale months of the scope); with one, from the reports.
 */
import { sql } from "drizzle-orm";
import { formatJourIso } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import {
  dansLesPlages,
  departementsSql,
  lignesDesAgregats,
  lignesDesAgregatsParDepartement,
  type PlageMois,
  RUBRIQUES_LUES,
  refaireAgregats,
  statutCompte,
  valeursDuRapport,
} from "./agregats.server";
import {
  assemblerIndicateurs,
  bornesMois,
  type IndicateursDesRapports,
  type LigneMensuelle,
  ligneDepartementDesSommes,
  moisDeLaPeriodeRapports,
} from "./indicateurs.rules";
import type { FiltreIndicateurs, PeriodeIndicateurs, VueIndicateurs } from "./indicateurs.types";

export { marquerAgregatsARefaire, refaireAgregats, refaireTousLesAgregats } from "./agregats.server";

/** Whether the filter narrows the reports below whole départements (then the aggregates do not apply). */
export function estFiltre(filtre: FiltreIndicateurs): boolean {
  return Boolean(filtre.typeStructure || filtre.commune || filtre.epci || filtre.reseau);
}

/**
 * The joins and conditions of the territory, structure type and network filters, on a table
 * aliased `alias` having `structure_id` and `promeneur_id`.
 */
function filtresSql(filtre: FiltreIndicateurs, alias: "r" | "sp") {
  const a = sql.raw(alias);
  const conditions = [];
  if (filtre.typeStructure) conditions.push(sql`s.type = ${filtre.typeStructure}::text`);
  if (filtre.commune) conditions.push(sql`s.commune_code = ${filtre.commune}::text`);
  if (filtre.epci) {
    conditions.push(
      sql`exists (select 1 from communes co where co.code = s.commune_code and co.epci_siren = ${filtre.epci}::text)`,
    );
  }
  if (filtre.reseau) {
    conditions.push(
      sql`exists (select 1 from profils_sociaux ps where ps.promeneur_id = ${a}.promeneur_id and ps.reseau = ${filtre.reseau}::text)`,
    );
  }
  const joindreStructure = Boolean(filtre.typeStructure || filtre.commune || filtre.epci);
  return {
    join: joindreStructure ? sql`join structures s on s.id = ${a}.structure_id` : sql``,
    where: conditions.length ? sql`and ${sql.join(conditions, sql` and `)}` : sql``,
  };
}

/** The monthly sums straight from the reports, summed over the départements, with the filters. */
async function lignesDesRapports(
  db: Executor,
  filtre: FiltreIndicateurs,
  plages: readonly PlageMois[],
): Promise<LigneMensuelle[]> {
  if (plages.length === 0 || filtre.departements.length === 0) return [];
  const f = filtresSql(filtre, "r");
  const { rows } = await db.execute<{ mois: string; rubrique: string; code: string; nombre: string | number }>(sql`
    select to_char(r.mois, 'YYYY-MM') as mois, v.rubrique, v.code, sum(v.nombre)::bigint as nombre
    from rapports_mensuels r
    ${f.join}
    ${valeursDuRapport}
    where ${departementsSql(sql.raw("r.departement"), filtre.departements)}
      and (${dansLesPlages(sql.raw("r.mois"), plages)})
      and ${statutCompte}
      and v.rubrique in ${RUBRIQUES_LUES}
      ${f.where}
    group by r.mois, v.rubrique, v.code`);
  return rows.map((l) => ({ mois: l.mois, rubrique: l.rubrique, code: l.code, nombre: Number(l.nombre) }));
}

/** Situations of concern dated within the period, by category, with the filters. */
async function situationsParCategorie(db: Executor, filtre: FiltreIndicateurs): Promise<Map<string, number>> {
  const f = filtresSql(filtre, "sp");
  const { rows } = await db.execute<{ categorie: string; nombre: string | number }>(sql`
    select sp.categorie, count(*)::int as nombre
    from situations_preoccupantes sp
    ${f.join}
    where ${departementsSql(sql.raw("sp.departement"), filtre.departements)}
      and sp.date between ${formatJourIso(filtre.periode.du)}::date and ${formatJourIso(filtre.periode.au)}::date
      ${f.where}
    group by sp.categorie`);
  return new Map(rows.map((r) => [r.categorie, Number(r.nombre)]));
}

export type SourceSommes = "agregats" | "rapports";

/**
 * The report-based indicators for the filter, with the previous period's headline values.
 * `options.source` forces where the sums are read (tests compare both); by default the aggregates
 * without a narrowing filter, the reports with one.
 */
export async function indicateursRapports(
  db: Executor,
  filtre: FiltreIndicateurs,
  precedente: PeriodeIndicateurs,
  vue: VueIndicateurs,
  options: { source?: SourceSommes } = {},
): Promise<IndicateursDesRapports> {
  const source = options.source ?? (estFiltre(filtre) ? "rapports" : "agregats");
  const courante = bornesMois(filtre.periode);
  const avant = bornesMois(precedente);
  // One range from the first to the last month of both periods (usually contiguous): the index on
  // (département, month, status) then bounds the months too; months between them are dropped below.
  const bornes = [courante, avant].filter((p): p is PlageMois => p !== null);
  const premiers = bornes.map((b) => b.premier).sort();
  const derniers = bornes.map((b) => b.dernier).sort();
  const premier = premiers[0];
  const dernier = derniers[derniers.length - 1];
  const plages: PlageMois[] = premier && dernier ? [{ premier, dernier }] : [];
  const moisCourants = new Set(moisDeLaPeriodeRapports(filtre.periode.du, filtre.periode.au));
  const moisPrecedents = new Set(moisDeLaPeriodeRapports(precedente.du, precedente.au));
  let lignes: LigneMensuelle[];
  let lignesPrecedentes: LigneMensuelle[];
  if (source === "agregats") {
    await refaireAgregats(db, filtre.departements);
    // Two reads: everything for the period, the headline values only for the previous one.
    lignes = courante ? await lignesDesAgregats(db, filtre.departements, [courante]) : [];
    lignesPrecedentes = avant ? await lignesDesAgregats(db, filtre.departements, [avant], "precedente") : [];
  } else {
    const toutes = await lignesDesRapports(db, filtre, plages);
    lignes = toutes.filter((l) => moisCourants.has(l.mois));
    lignesPrecedentes = toutes.filter((l) => moisPrecedents.has(l.mois));
  }
  const situations = await situationsParCategorie(db, filtre);
  return assemblerIndicateurs({
    periode: filtre.periode,
    lignes,
    lignesPrecedentes,
    situations,
    vue,
    reseau: filtre.reseau,
  });
}

export type LigneRapportsDepartement = {
  rapports: number;
  nouveaux: number;
  echanges: number;
  demandes: number;
  shannon: number | null;
  publications: number;
};

/**
 * The national view's report figures, one entry per département of the filter (zeros when it has
 * no counted report), over the filter's period: from the aggregates without a narrowing filter,
 * from the reports with one.
 */
export async function rapportsParDepartement(
  db: Executor,
  filtre: FiltreIndicateurs,
  options: { source?: SourceSommes } = {},
): Promise<Map<string, LigneRapportsDepartement>> {
  const source = options.source ?? (estFiltre(filtre) ? "rapports" : "agregats");
  const plage = bornesMois(filtre.periode);
  let lignes: Array<LigneMensuelle & { departement: string }> = [];
  if (plage && source === "agregats") {
    await refaireAgregats(db, filtre.departements);
    lignes = await lignesDesAgregatsParDepartement(db, filtre.departements, plage);
  } else if (plage && filtre.departements.length > 0) {
    const f = filtresSql(filtre, "r");
    const { rows } = await db.execute<{ departement: string; rubrique: string; code: string; nombre: string | number }>(
      sql`
      select r.departement, v.rubrique, v.code, sum(v.nombre)::bigint as nombre
      from rapports_mensuels r
      ${f.join}
      ${valeursDuRapport}
      where ${departementsSql(sql.raw("r.departement"), filtre.departements)}
        and r.mois between ${plage.premier}::date and ${plage.dernier}::date
        and ${statutCompte}
        and v.rubrique in ('total', 'theme', 'publication')
        ${f.where}
      group by r.departement, v.rubrique, v.code`,
    );
    lignes = rows.map((l) => ({ ...l, mois: "", nombre: Number(l.nombre) }));
  }
  const parDepartement = new Map<string, LigneMensuelle[]>(filtre.departements.map((d) => [d, []]));
  for (const l of lignes) parDepartement.get(l.departement)?.push(l);
  return new Map([...parDepartement].map(([d, ls]) => [d, ligneDepartementDesSommes(ls)]));
}
