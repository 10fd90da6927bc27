/**
 * Monthly pre-aggregation of the counted reports (issue 7): `agregats_mensuels` holds, per
 * département and month, the sums of the submitted and validated reports by (rubrique, code), so
 * that a département's year (12 months) or the national year (101 × 12) reads a few hundred rows
 * instead of every report.
 *
 * It never drifts from the reports: every write that changes a counted report's figures or status
 * marks its (département, month) stale in the same transaction (`marquerAgregatsARefaire`), and a
 * reader first rebuilds the stale pairs of its scope from the reports (`refaireAgregats`).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { LigneMensuelle } from "./indicateurs.rules";

/** « YYYY-MM-01 » of a month given as « YYYY-MM » or « YYYY-MM-DD ». */
function premierDuMois(mois: string): string {
  return `${mois.slice(0, 7)}-01`;
}

/**
 * Marks the aggregates of (département, month) stale. Call it in the transaction of any write that
 * adds, changes, removes a counted report or changes a report's status to or from a counted one:
 * the mark and the write commit together or not at all. `insert … on conflict do nothing`: no hot
 * row is locked, concurrent writers of one month do not wait on each other.
 */
export async function marquerAgregatsARefaire(tx: Executor, departement: string, mois: string): Promise<void> {
  await tx.execute(marqueAgregatsARefaire(departement, mois));
}

/** The statement of `marquerAgregatsARefaire`, for a write that sends it along with others. */
export function marqueAgregatsARefaire(departement: string, mois: string): SQL {
  return sql`
    insert into agregats_a_refaire (departement, mois)
    values (${departement}::text, ${premierDuMois(mois)}::date)
    on conflict do nothing`;
}

/**
 * The unpivoted figures of one report: its totals (rubrique `total`) and its breakdowns. `r` is
 * the alias of `rapports_mensuels` in the calling query.
 */
export const valeursDuRapport = sql`
  cross join lateral (
    values
      ('total', 'rapports', 1),
      ('total', 'nouveaux_jeunes', r.nouveaux_jeunes),
      ('total', 'file_active', r.file_active),
      ('total', 'echanges', r.echanges),
      ('total', 'echanges_individuels', r.echanges_individuels),
      ('total', 'echanges_collectifs', r.echanges_collectifs),
      ('total', 'heures_dixiemes', round(r.heures_en_ligne * 10)::int)
    union all
    select c.rubrique, c.code, c.nombre from rapport_comptes c where c.rapport_id = r.id
  ) as v(rubrique, code, nombre)`;

/** The counted statuses, as SQL (kept beside `STATUTS_COMPTES`). */
export const statutCompte = sql`r.statut in ('soumis', 'valide')`;

type Paire = { departement: string; mois: string };

/**
 * Rebuilds the stale (département, month) pairs of these départements (all when omitted) from the
 * reports, and returns how many it rebuilt. Without a stale pair it costs one indexed query.
 * Each pair is rebuilt under its advisory lock (taken in one order, so two readers never
 * deadlock), and its mark is deleted in the same transaction: a second reader waiting on the lock
 * then finds no mark and rebuilds nothing, and a report written meanwhile marks it again.
 */
export async function refaireAgregats(db: Executor, departements?: readonly string[]): Promise<number> {
  const filtre =
    departements === undefined
      ? sql`true`
      : departements.length === 0
        ? sql`false`
        : sql`departement in (${sql.join(
            departements.map((d) => sql`${d}::text`),
            sql`, `,
          )})`;
  const { rows } = await db.execute<{ departement: string; mois: string }>(
    sql`select departement, mois::text as mois from agregats_a_refaire where ${filtre} order by departement, mois`,
  );
  if (rows.length === 0) return 0;
  return reconstruire(db, rows);
}

async function reconstruire(db: Executor, paires: readonly Paire[]): Promise<number> {
  const json = JSON.stringify(paires.map((p) => ({ departement: p.departement, mois: premierDuMois(p.mois) })));
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      select pg_advisory_xact_lock(cle)
      from (
        select hashtextextended('agregats:' || departement || ':' || mois, 0) as cle
        from jsonb_to_recordset(${json}::jsonb) as x(departement text, mois text)
        order by cle
      ) as verrous`);
    // Only the pairs still stale: another reader may have rebuilt some while this one waited.
    const { rows: faites } = await tx.execute<{ departement: string; mois: string }>(sql`
      delete from agregats_a_refaire a
      using jsonb_to_recordset(${json}::jsonb) as x(departement text, mois date)
      where a.departement = x.departement and a.mois = x.mois
      returning a.departement, a.mois::text as mois`);
    if (faites.length === 0) return 0;
    const paires = JSON.stringify(faites);
    await tx.execute(sql`
      delete from agregats_mensuels g
      using jsonb_to_recordset(${paires}::jsonb) as x(departement text, mois date)
      where g.departement = x.departement and g.mois = x.mois`);
    await tx.execute(sql`
      insert into agregats_mensuels (departement, mois, rubrique, code, nombre)
      select r.departement, r.mois, v.rubrique, v.code, sum(v.nombre)
      from jsonb_to_recordset(${paires}::jsonb) as x(departement text, mois date)
      join rapports_mensuels r on r.departement = x.departement and r.mois = x.mois
      ${valeursDuRapport}
      where ${statutCompte}
      group by r.departement, r.mois, v.rubrique, v.code`);
    return faites.length;
  });
}

/**
 * Rebuilds every aggregate from the reports (after a bulk load that bypassed the commands): marks
 * each (département, month) having a report — and each already aggregated, so that one whose
 * reports are gone is emptied — then rebuilds them. Returns the number of pairs rebuilt.
 */
export async function refaireTousLesAgregats(db: Executor): Promise<number> {
  await db.execute(sql`
    insert into agregats_a_refaire (departement, mois)
    select distinct departement, mois from rapports_mensuels
    union
    select distinct departement, mois from agregats_mensuels
    on conflict do nothing`);
  return refaireAgregats(db);
}

/** The rubriques the indicators read (the orientations are not among them). */
const RUBRIQUES_LUES = sql`('total', 'age_nouveaux', 'age_file', 'canal', 'theme', 'publication', 'reseau')`;

export type PlageMois = { premier: string; dernier: string };

function dansLesPlages(colonne: ReturnType<typeof sql.raw>, plages: readonly PlageMois[]) {
  return sql.join(
    plages.map((p) => sql`(${colonne} between ${p.premier}::date and ${p.dernier}::date)`),
    sql` or `,
  );
}

function departementsSql(colonne: ReturnType<typeof sql.raw>, departements: readonly string[]) {
  if (departements.length === 0) return sql`false`;
  return sql`${colonne} in (${sql.join(
    departements.map((d) => sql`${d}::text`),
    sql`, `,
  )})`;
}

/**
 * What the previous period needs (headline values only): the totals of reports, new contacts,
 * active file and exchanges, the requests by theme (total and Shannon) and the publications.
 */
const RUBRIQUES_PRECEDENTE = sql`(g.rubrique in ('theme', 'publication') or (g.rubrique = 'total' and g.code in ('rapports', 'nouveaux_jeunes', 'file_active', 'echanges')))`;

/**
 * The monthly sums of the départements over the months of these ranges, read from the aggregates
 * (summed over the départements): a few hundred rows whatever the number of départements.
 * `lecture`: `complete` for the period shown, `precedente` for the previous period's headline values.
 */
export async function lignesDesAgregats(
  db: Executor,
  departements: readonly string[],
  plages: readonly PlageMois[],
  lecture: "complete" | "precedente" = "complete",
): Promise<LigneMensuelle[]> {
  if (plages.length === 0 || departements.length === 0) return [];
  const rubriques = lecture === "complete" ? sql`g.rubrique in ${RUBRIQUES_LUES}` : RUBRIQUES_PRECEDENTE;
  // sum of an int4 is an int8 (sum of an int8 would be a slower numeric); every sum fits.
  const { rows } = await db.execute<{ mois: string; rubrique: string; code: string; nombre: string | number }>(sql`
    select to_char(g.mois, 'YYYY-MM') as mois, g.rubrique, g.code, sum(g.nombre::int) as nombre
    from agregats_mensuels g
    where ${departementsSql(sql.raw("g.departement"), departements)}
      and (${dansLesPlages(sql.raw("g.mois"), plages)})
      and ${rubriques}
    group by g.mois, g.rubrique, g.code`);
  return rows.map((l) => ({ mois: l.mois, rubrique: l.rubrique, code: l.code, nombre: Number(l.nombre) }));
}

/** The sums per département over one range of months, from the aggregates (national line). */
export async function lignesDesAgregatsParDepartement(
  db: Executor,
  departements: readonly string[],
  plage: PlageMois,
): Promise<Array<LigneMensuelle & { departement: string }>> {
  if (departements.length === 0) return [];
  const { rows } = await db.execute<{
    departement: string;
    rubrique: string;
    code: string;
    nombre: string | number;
  }>(sql`
    select g.departement, g.rubrique, g.code, sum(g.nombre::int) as nombre
    from agregats_mensuels g
    where ${departementsSql(sql.raw("g.departement"), departements)}
      and g.mois between ${plage.premier}::date and ${plage.dernier}::date
      and g.rubrique in ('total', 'theme', 'publication')
    group by g.departement, g.rubrique, g.code`);
  return rows.map((l) => ({
    departement: l.departement,
    mois: "",
    rubrique: l.rubrique,
    code: l.code,
    nombre: Number(l.nombre),
  }));
}

export { dansLesPlages, departementsSql, RUBRIQUES_LUES };
