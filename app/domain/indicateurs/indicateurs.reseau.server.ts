/**
 * The indicators computed from the network itself rather than from the reports (DESIGN §5):
 * 1 profile conformity, 3's conforming profiles per network, 6 participation in gatherings,
 * 8 communication, 9 territorial coverage.
 *
 * Active promeneur at a day `au` (indicators 1, 3 and 9): entered (`entree_le`) on or before that
 * day; not gone before it (`sortie_le`, or for a `sorti` without an exit date the day of that
 * status); and not suspended on it — a promeneur whose current status is `suspendu` since that day
 * or before is not active; one suspended after it was (earlier suspensions are not kept, so a
 * promeneur suspended then reactivated counts as active throughout).
 *
 * Conformity at a day `au`: a profile's status is its latest verification made on or before that
 * day (from `verifications_profil`; failing any, the copy on the profile when it is dated on or
 * before `au`): `a_verifier` without one or when it is older than the département's delay (6 months
 * by default, `statutProfil`'s boundary), otherwise its result. A profile counts when it existed
 * then (created on or before `au`, or verified by then).
 *
 * Filters: structure type, commune and EPCI are those of the promeneur's structure; a network keeps
 * that network's profiles (indicator 1) and the promeneurs holding a profile on it (6, 9).
 * Indicator 8 is the coordination's and the public site's: only the départements apply to it.
 * Indicator 9's territory is the départements' communes, narrowed by the EPCI or commune filter;
 * the promeneurs covering them are those of the départements, narrowed by type and network.
 */
import { sql } from "drizzle-orm";
import { COMMUNICATION_TYPES, communicationTypeLabels } from "~/domain/communication/communication.labels";
import { isPetitEffectif } from "~/domain/confidentialite/petits-effectifs";
import { DELAI_VERIFICATION_MOIS } from "~/domain/profils/profil.rules";
import {
  findParticipationParPromeneur,
  findParticipationParType,
} from "~/domain/regroupements/participation.queries.server";
import { REGROUPEMENT_TYPES, regroupementTypeLabels } from "~/domain/regroupements/regroupement.labels";
import { resumeCouverture } from "~/domain/territoire/couverture.rules";
import { ajouterJours, debutJourParis, formatJourIso, type JourCivil } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import type {
  Couverture,
  Evolution,
  FiltreIndicateurs,
  IndicateurCommunication,
  IndicateurConformite,
  IndicateurCouverture,
  IndicateurParticipation,
  Indicateurs,
  PeriodeIndicateurs,
  VueIndicateurs,
} from "./indicateurs.types";
import { moisDeLaPeriode } from "./periode";

/** The uncovered communes listed, largest first (a national view would otherwise list thousands). */
export const NON_COUVERTES_MAX = 500;

type Ligne = Record<string, unknown>;

async function lignes<T extends Ligne>(db: Executor, requete: ReturnType<typeof sql>): Promise<T[]> {
  const resultat = await db.execute(requete);
  return resultat.rows as T[];
}

const instant = (date: Date) => sql`${date.toISOString()}::timestamptz`;
/** 00:00 Paris on `jour`, and 00:00 Paris the day after (the end, excluded). */
const debutDe = (jour: JourCivil) => instant(debutJourParis(jour));
const finDe = (jour: JourCivil) => instant(debutJourParis(ajouterJours(jour, 1)));
/** A list for `in (…)`; `null` when empty, so that `x in (null)` selects nothing instead of failing. */
const textes = (valeurs: readonly string[]) =>
  valeurs.length === 0
    ? sql`null::text`
    : sql.join(
        valeurs.map((v) => sql`${v}::text`),
        sql`, `,
      );
const n = (valeur: unknown) => Number(valeur ?? 0);

/** The promeneur `p` is active at the day `au` (see the module's comment). */
export function actifAuSql(au: JourCivil) {
  return sql`(p.entree_le is not null and p.entree_le < ${finDe(au)}
    and coalesce(p.sortie_le, case when p.statut = 'sorti' then p.statut_depuis end, 'infinity'::timestamptz) >= ${debutDe(au)}
    and not (p.statut = 'suspendu' and p.statut_depuis < ${finDe(au)}))`;
}

/**
 * The filter's conditions on the promeneur `p`: its départements; with `structure`, the type,
 * commune and EPCI of its structure; with `reseau`, holding a profile on that network.
 */
export function promeneurDuFiltreSql(
  filtre: FiltreIndicateurs,
  options: { structure: boolean; territoire: boolean; reseau: boolean },
) {
  const conditions = [sql`p.departement in (${textes(filtre.departements)})`];
  if (options.structure && filtre.typeStructure)
    conditions.push(
      sql`exists (select 1 from structures s where s.id = p.structure_id and s.type = ${filtre.typeStructure}::text)`,
    );
  if (options.territoire && filtre.commune)
    conditions.push(
      sql`exists (select 1 from structures s where s.id = p.structure_id and s.commune_code = ${filtre.commune}::text)`,
    );
  if (options.territoire && filtre.epci)
    conditions.push(sql`exists (select 1 from structures s join communes co on co.code = s.commune_code
      where s.id = p.structure_id and co.epci_siren = ${filtre.epci}::text)`);
  if (options.reseau && filtre.reseau)
    conditions.push(
      sql`exists (select 1 from profils_sociaux rs where rs.promeneur_id = p.id and rs.reseau = ${filtre.reseau}::text)`,
    );
  return sql.join(conditions, sql` and `);
}

const TOUS_FILTRES = { structure: true, territoire: true, reseau: true } as const;

const evolution = (valeur: number | null, precedente: number | null): Evolution => ({ valeur, precedente });
const taux = (part: number, total: number) => (total > 0 ? part / total : null);

// ---------------------------------------------------------------------------------------------
// 1 and 3: conformity of the profiles of the promeneurs active at the period's end
// ---------------------------------------------------------------------------------------------

/** Each profile counted at `au`, with its status then (`statut`) and the day it dates from (`depuis`). */
function profilsAuSql(filtre: FiltreIndicateurs, au: JourCivil) {
  const fin = finDe(au);
  const jour = sql`${formatJourIso(au)}::date`;
  return sql`profils_au as (
    select p.departement, ps.id as profil_id, p.id as promeneur_id, p.prenom, p.nom, ps.reseau,
      coalesce(pd.delai_verification_mois, ${DELAI_VERIFICATION_MOIS}::int) as delai,
      coalesce(v.verifie_le, case when ps.derniere_verification_le < ${fin} then ps.derniere_verification_le end) as verifie_le,
      case when v.verifie_le is not null then v.resultat
        when ps.derniere_verification_le < ${fin} then ps.dernier_resultat end as resultat
    from profils_sociaux ps
    join promeneurs p on p.id = ps.promeneur_id
    left join parametres_departement pd on pd.departement = p.departement
    left join lateral (
      select vp.verifie_le, vp.resultat from verifications_profil vp
      where vp.profil_id = ps.id and vp.verifie_le < ${fin}
      order by vp.verifie_le desc limit 1
    ) v on true
    where ${promeneurDuFiltreSql(filtre, { ...TOUS_FILTRES, reseau: false })} and ${actifAuSql(au)}
      ${filtre.reseau ? sql`and ps.reseau = ${filtre.reseau}::text` : sql``}
      and (ps.created_at < ${fin} or v.verifie_le is not null or ps.derniere_verification_le < ${fin})
  ), statuts as (
    select *,
      ((verifie_le at time zone 'Europe/Paris')::date + make_interval(months => delai))::date as valable_jusqu_au,
      case when verifie_le is null or resultat is null or resultat not in ('conforme', 'non_conforme') then 'a_verifier'
        when ((verifie_le at time zone 'Europe/Paris')::date + make_interval(months => delai))::date < ${jour} then 'a_verifier'
        else resultat end as statut
    from profils_au
  )`;
}

type CompteConformite = { departement: string; reseau: string; statut: string; profils: number };

/** Profiles counted at `au`, by département, network and status: one grouped query. */
async function comptesConformite(db: Executor, filtre: FiltreIndicateurs, au: JourCivil): Promise<CompteConformite[]> {
  const rows = await lignes<CompteConformite>(
    db,
    sql`with ${profilsAuSql(filtre, au)}
      select departement, reseau, statut, count(*)::int as profils from statuts group by departement, reseau, statut`,
  );
  return rows.map((r) => ({ ...r, profils: n(r.profils) }));
}

function resumeConformite(comptes: readonly CompteConformite[]) {
  const somme = (statut?: string) =>
    comptes.filter((c) => statut === undefined || c.statut === statut).reduce((t, c) => t + c.profils, 0);
  const conformesParReseau: Record<string, number> = {};
  for (const c of comptes) {
    if (c.statut === "conforme") conformesParReseau[c.reseau] = (conformesParReseau[c.reseau] ?? 0) + c.profils;
  }
  const profils = somme();
  const conformes = somme("conforme");
  return {
    profils,
    conformes,
    nonConformes: somme("non_conforme"),
    aVerifier: somme("a_verifier"),
    taux: taux(conformes, profils),
    conformesParReseau,
    reseauxConformes: Object.values(conformesParReseau).filter((v) => v > 0).length,
  };
}

/** The non-conforming and overdue profiles at `au`, by promeneur name then network (coordination view). */
async function profilsASuivre(
  db: Executor,
  filtre: FiltreIndicateurs,
  au: JourCivil,
): Promise<NonNullable<IndicateurConformite["aSuivre"]>> {
  const rows = await lignes<{
    profil_id: string;
    promeneur_id: string;
    prenom: string;
    nom: string;
    reseau: string;
    statut: "non_conforme" | "a_verifier";
    verifie_le: string | Date | null;
    valable_jusqu_au: string | Date | null;
  }>(
    db,
    sql`with ${profilsAuSql(filtre, au)}
      select profil_id, promeneur_id, prenom, nom, reseau, statut,
        ((verifie_le at time zone 'Europe/Paris')::date)::text as verifie_le, valable_jusqu_au::text as valable_jusqu_au
      from statuts where statut <> 'conforme' order by nom, prenom, reseau, profil_id`,
  );
  return rows.map((r) => ({
    profilId: r.profil_id,
    promeneurId: r.promeneur_id,
    promeneur: `${r.prenom} ${r.nom}`,
    reseau: r.reseau,
    statut: r.statut,
    // Not conforming: since the verification that found it so; overdue: since the day after its
    // verification stopped holding; never verified: null.
    depuis:
      r.statut === "non_conforme" && r.verifie_le
        ? String(r.verifie_le)
        : r.valable_jusqu_au
          ? lendemain(String(r.valable_jusqu_au))
          : null,
  }));
}

function lendemain(iso: string): string {
  const [annee, mois, jour] = iso.split("-").map(Number);
  return formatJourIso(ajouterJours({ annee: annee ?? 0, mois: mois ?? 1, jour: jour ?? 1 }, 1));
}

// ---------------------------------------------------------------------------------------------
// 6: participation in gatherings
// ---------------------------------------------------------------------------------------------

function filtreParticipation(filtre: FiltreIndicateurs, periode: PeriodeIndicateurs, maintenant: Date) {
  const restreint = Boolean(filtre.typeStructure || filtre.commune || filtre.epci || filtre.reseau);
  return {
    departement: filtre.departements[0] ?? "",
    departements: filtre.departements,
    periode: { du: periode.du, au: periode.au },
    now: maintenant,
    promeneurs: restreint
      ? sql`select p.id from promeneurs p where ${promeneurDuFiltreSql(filtre, TOUS_FILTRES)}`
      : undefined,
  };
}

async function participation(
  db: Executor,
  filtre: FiltreIndicateurs,
  precedente: PeriodeIndicateurs,
  vue: VueIndicateurs,
  maintenant: Date,
): Promise<IndicateurParticipation> {
  const [actuelle, avant, parPromeneur] = await Promise.all([
    findParticipationParType(db, filtreParticipation(filtre, filtre.periode, maintenant)),
    findParticipationParType(db, filtreParticipation(filtre, precedente, maintenant)),
    vue === "coordination"
      ? findParticipationParPromeneur(db, filtreParticipation(filtre, filtre.periode, maintenant), 0)
      : Promise.resolve(null),
  ]);
  const parType = new Map(actuelle.types.map((t) => [t.type, t]));
  const ordre = [...REGROUPEMENT_TYPES, ...actuelle.types.map((t) => t.type).filter((t) => !parType.has(t))];
  return {
    taux: evolution(
      taux(actuelle.totaux.presents, actuelle.totaux.notees),
      taux(avant.totaux.presents, avant.totaux.notees),
    ),
    regroupements: actuelle.totaux.regroupements,
    parType: ordre.flatMap((type) => {
      const t = parType.get(type);
      if (!t) return [];
      return [
        {
          type,
          libelle: (regroupementTypeLabels as Record<string, string>)[type] ?? type,
          regroupements: t.regroupements,
          invitations: t.invitations,
          presents: t.presents,
          taux: taux(t.presents, t.notees),
          heures: t.heures,
        },
      ];
    }),
    heuresFormation: evolution(actuelle.totaux.heures, avant.totaux.heures),
    parPromeneur:
      parPromeneur?.map((p) => ({
        promeneurId: p.promeneurId,
        promeneur: `${p.prenom} ${p.nom}`,
        notees: p.notees,
        presents: p.presents,
        taux: taux(p.presents, p.notees),
      })) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// 8: communication
// ---------------------------------------------------------------------------------------------

/**
 * Indicator 8 over the period and the previous one, in three queries (the previous period always
 * ends before the period starts): actions by type, news published, page views by month.
 */
async function communication(
  db: Executor,
  filtre: FiltreIndicateurs,
  precedente: PeriodeIndicateurs,
  maintenant: Date,
): Promise<IndicateurCommunication> {
  const deps = textes(filtre.departements);
  const jour = (j: JourCivil) => sql`${formatJourIso(j)}::date`;
  const dansPeriode = (colonne: ReturnType<typeof sql>, p: PeriodeIndicateurs) =>
    sql`${colonne} between ${jour(p.du)} and ${jour(p.au)}`;
  const publieeDans = (p: PeriodeIndicateurs) => sql`publie_le >= ${debutDe(p.du)} and publie_le < ${finDe(p.au)}`;
  const periode = filtre.periode;
  const [actions, actualitesLues, vues] = await Promise.all([
    lignes<{ courante: boolean; type: string; actions: number; portee: number }>(
      db,
      sql`select ${dansPeriode(sql`date`, periode)} as courante, type, count(*)::int as actions,
          coalesce(sum(portee), 0)::int as portee
        from actions_communication
        where departement in (${deps}) and (${dansPeriode(sql`date`, periode)} or ${dansPeriode(sql`date`, precedente)})
        group by 1, 2`,
    ),
    lignes<{ courante: number; precedente: number }>(
      db,
      sql`select (count(*) filter (where ${publieeDans(periode)}))::int as courante,
          (count(*) filter (where ${publieeDans(precedente)}))::int as precedente
        from actualites
        where departement in (${deps}) and statut = 'publie' and publie_le <= ${instant(maintenant)}
          and ((${publieeDans(periode)}) or (${publieeDans(precedente)}))`,
    ),
    lignes<{ mois: string; vues: number }>(
      db,
      sql`select case when ${dansPeriode(sql`jour`, periode)} then to_char(jour, 'YYYY-MM') else 'precedente' end as mois,
          sum(vues)::int as vues
        from vues_pages
        where departement in (${deps}) and (${dansPeriode(sql`jour`, periode)} or ${dansPeriode(sql`jour`, precedente)})
        group by 1`,
    ),
  ]);
  const courantes = actions.filter((a) => a.courante);
  const somme = (liste: typeof actions) => liste.reduce((t, a) => t + n(a.actions), 0);
  const parType = new Map(courantes.map((a) => [a.type, n(a.actions)]));
  const autres = courantes.map((a) => a.type).filter((t) => !(COMMUNICATION_TYPES as readonly string[]).includes(t));
  const vuesParMois = new Map(vues.map((v) => [v.mois, n(v.vues)]));
  const vuesPrecedentes = vuesParMois.get("precedente") ?? 0;
  vuesParMois.delete("precedente");
  return {
    actions: evolution(somme(courantes), somme(actions.filter((a) => !a.courante))),
    parType: [...COMMUNICATION_TYPES, ...autres].map((code) => ({
      code,
      libelle: (communicationTypeLabels as Record<string, string>)[code] ?? code,
      nombre: parType.get(code) ?? 0,
    })),
    portee: courantes.reduce((t, a) => t + n(a.portee), 0),
    actualitesPubliees: evolution(n(actualitesLues[0]?.courante), n(actualitesLues[0]?.precedente)),
    vuesSite: evolution(
      [...vuesParMois.values()].reduce((t, v) => t + v, 0),
      vuesPrecedentes,
    ),
    vuesParMois: moisDeLaPeriode(periode).map((mois) => ({ mois, valeur: vuesParMois.get(mois) ?? 0 })),
  };
}

// ---------------------------------------------------------------------------------------------
// 9: territorial coverage
// ---------------------------------------------------------------------------------------------

/**
 * The communes of the territory asked, each with the number of promeneurs active at `au` covering
 * it: having the commune, or its EPCI, in their intervention territory (the public map's rule,
 * carte.queries / annuaire-public `communesCouvertes`).
 */
function communesCouvertesSql(filtre: FiltreIndicateurs, au: JourCivil) {
  const territoire = [sql`c.departement in (${textes(filtre.departements)})`];
  if (filtre.epci) territoire.push(sql`c.epci_siren = ${filtre.epci}::text`);
  if (filtre.commune) territoire.push(sql`c.code = ${filtre.commune}::text`);
  // Starts from the territory's communes (indexed by département), so that an EPCI is expanded to
  // those communes only, never by scanning every commune of France.
  return sql`communes_t as (
    select c.code, c.nom, c.departement, c.population, c.epci_siren, c.frr_statut
    from communes c where ${sql.join(territoire, sql` and `)}
  ), actifs as (
    select p.id from promeneurs p
    where ${promeneurDuFiltreSql(filtre, { structure: true, territoire: false, reseau: true })} and ${actifAuSql(au)}
  ), zones as (
    select pt.promeneur_id, ct.code from promeneur_territoires pt
      join actifs a on a.id = pt.promeneur_id join communes_t ct on ct.code = pt.commune_code
    union
    select pt.promeneur_id, ct.code from promeneur_territoires pt
      join actifs a on a.id = pt.promeneur_id join communes_t ct on ct.epci_siren = pt.epci_siren
  ), nombres as (
    select code, count(distinct promeneur_id)::int as promeneurs from zones group by code
  ), territoire as (
    select ct.*, coalesce(nb.promeneurs, 0) as promeneurs from communes_t ct left join nombres nb on nb.code = ct.code
  )`;
}

type SommesCouverture = { departement: string; population: number; populationCouverte: number };

/** Population and covered population at `au`, per département (one grouped query). */
async function sommesCouverture(db: Executor, filtre: FiltreIndicateurs, au: JourCivil): Promise<SommesCouverture[]> {
  const rows = await lignes<{ departement: string; population: number; population_couverte: number }>(
    db,
    sql`with ${communesCouvertesSql(filtre, au)}
      select departement, coalesce(sum(population), 0)::bigint as population,
        coalesce(sum(population) filter (where promeneurs > 0), 0)::bigint as population_couverte
      from territoire group by departement`,
  );
  return rows.map((r) => ({
    departement: r.departement,
    population: n(r.population),
    populationCouverte: n(r.population_couverte),
  }));
}

const tauxPopulation = (sommes: readonly SommesCouverture[]) =>
  taux(
    sommes.reduce((t, s) => t + s.populationCouverte, 0),
    sommes.reduce((t, s) => t + s.population, 0),
  );

function couvertureDe(communes: ReadonlyArray<{ population: number; promeneurs: number }>): Couverture {
  const r = resumeCouverture(communes);
  return {
    total: r.communes,
    couvertes: r.couvertes,
    population: r.population,
    populationCouverte: r.populationCouverte,
  };
}

type CommuneLue = {
  code: string;
  nom: string;
  population: number;
  epci_siren: string | null;
  epci_nom: string | null;
  frr_statut: string | null;
  promeneurs: number;
  qpv: number;
};

/** One département: every commune comes back (a few hundred), for the map and the per-commune table. */
async function couvertureParCommune(
  db: Executor,
  filtre: FiltreIndicateurs,
  vue: VueIndicateurs,
): Promise<Omit<IndicateurCouverture, "tauxPopulation">> {
  const communes = await lignes<CommuneLue>(
    db,
    sql`with ${communesCouvertesSql(filtre, filtre.periode.au)}, quartiers as (
        select commune_code, count(*)::int as qpv from qpv
        where departement in (${textes(filtre.departements)}) group by commune_code
      )
      select t.code, t.nom, t.population, t.epci_siren, e.nom as epci_nom, t.frr_statut, t.promeneurs,
        coalesce(q.qpv, 0) as qpv
      from territoire t left join epci e on e.siren = t.epci_siren left join quartiers q on q.commune_code = t.code
      order by t.code`,
  );
  const lues = communes.map((c) => ({ ...c, population: n(c.population), promeneurs: n(c.promeneurs), qpv: n(c.qpv) }));
  const epcis = new Map<string, { nom: string; communes: typeof lues }>();
  for (const c of lues) {
    if (!c.epci_siren) continue;
    const e = epcis.get(c.epci_siren) ?? { nom: c.epci_nom ?? c.epci_siren, communes: [] };
    e.communes.push(c);
    epcis.set(c.epci_siren, e);
  }
  return {
    communes: couvertureDe(lues),
    frr: couvertureDe(lues.filter((c) => c.frr_statut === "frr_plus")),
    qpv: {
      total: lues.reduce((t, c) => t + c.qpv, 0),
      couvertes: lues.reduce((t, c) => t + (c.promeneurs > 0 ? c.qpv : 0), 0),
      population: 0,
      populationCouverte: 0,
    },
    parEpci: [...epcis.entries()]
      .map(([siren, e]) => ({ siren, nom: e.nom, ...couvertureDe(e.communes) }))
      .sort((a, b) => a.nom.localeCompare(b.nom, "fr")),
    nonCouvertes: lues
      .filter((c) => c.promeneurs === 0)
      .sort((a, b) => b.population - a.population || a.nom.localeCompare(b.nom, "fr"))
      .slice(0, NON_COUVERTES_MAX)
      .map((c) => ({ code: c.code, nom: c.nom, population: c.population, epci: c.epci_nom })),
    parCommune: lues.map((c) => ({
      code: c.code,
      promeneurs: vue === "agregee" && isPetitEffectif(c.promeneurs) ? null : c.promeneurs,
    })),
  };
}

type GroupeEpci = {
  epci_siren: string | null;
  epci_nom: string | null;
  communes: number;
  couvertes: number;
  population: number;
  population_couverte: number;
  frr: number;
  frr_couvertes: number;
  frr_population: number;
  frr_population_couverte: number;
  qpv: number;
  qpv_couverts: number;
};

/**
 * Several départements (the national view): the same figures summed in the database per EPCI, and
 * only the largest uncovered communes — not the tens of thousands of communes of France, which no
 * page draws (the national view has no map).
 */
async function couvertureParEpci(
  db: Executor,
  filtre: FiltreIndicateurs,
): Promise<Omit<IndicateurCouverture, "tauxPopulation">> {
  const rows = await lignes<{ nature: "epci" | "commune"; donnees: GroupeEpci & { code: string; nom: string } }>(
    db,
    sql`with ${communesCouvertesSql(filtre, filtre.periode.au)}, quartiers as (
        select commune_code, count(*)::int as qpv from qpv
        where departement in (${textes(filtre.departements)}) group by commune_code
      ), lues as (
        select t.*, coalesce(q.qpv, 0) as qpv from territoire t left join quartiers q on q.commune_code = t.code
      )
      select 'epci' as nature, json_build_object(
          'epci_siren', l.epci_siren, 'epci_nom', e.nom,
          'communes', count(*), 'couvertes', count(*) filter (where l.promeneurs > 0),
          'population', coalesce(sum(l.population), 0),
          'population_couverte', coalesce(sum(l.population) filter (where l.promeneurs > 0), 0),
          'frr', count(*) filter (where l.frr_statut = 'frr_plus'),
          'frr_couvertes', count(*) filter (where l.frr_statut = 'frr_plus' and l.promeneurs > 0),
          'frr_population', coalesce(sum(l.population) filter (where l.frr_statut = 'frr_plus'), 0),
          'frr_population_couverte',
            coalesce(sum(l.population) filter (where l.frr_statut = 'frr_plus' and l.promeneurs > 0), 0),
          'qpv', coalesce(sum(l.qpv), 0), 'qpv_couverts', coalesce(sum(l.qpv) filter (where l.promeneurs > 0), 0)
        ) as donnees
      from lues l left join epci e on e.siren = l.epci_siren
      group by l.epci_siren, e.nom
      union all
      select 'commune', json_build_object('code', c.code, 'nom', c.nom, 'population', c.population, 'epci_nom', c.epci_nom)
      from (
        select l.code, l.nom, l.population, e.nom as epci_nom from lues l left join epci e on e.siren = l.epci_siren
        where l.promeneurs = 0 order by l.population desc, l.nom limit ${NON_COUVERTES_MAX}::int
      ) as c`,
  );
  const groupes = rows.filter((r) => r.nature === "epci").map((r) => r.donnees);
  const somme = (champ: keyof GroupeEpci) => groupes.reduce((t, g) => t + n(g[champ]), 0);
  return {
    communes: {
      total: somme("communes"),
      couvertes: somme("couvertes"),
      population: somme("population"),
      populationCouverte: somme("population_couverte"),
    },
    frr: {
      total: somme("frr"),
      couvertes: somme("frr_couvertes"),
      population: somme("frr_population"),
      populationCouverte: somme("frr_population_couverte"),
    },
    qpv: { total: somme("qpv"), couvertes: somme("qpv_couverts"), population: 0, populationCouverte: 0 },
    parEpci: groupes
      .filter((g) => g.epci_siren !== null)
      .map((g) => ({
        siren: g.epci_siren as string,
        nom: g.epci_nom ?? (g.epci_siren as string),
        total: n(g.communes),
        couvertes: n(g.couvertes),
        population: n(g.population),
        populationCouverte: n(g.population_couverte),
      }))
      .sort((a, b) => a.nom.localeCompare(b.nom, "fr")),
    nonCouvertes: rows
      .filter((r) => r.nature === "commune")
      .map(({ donnees: c }) => ({ code: c.code, nom: c.nom, population: n(c.population), epci: c.epci_nom })),
    parCommune: [],
  };
}

async function couverture(
  db: Executor,
  filtre: FiltreIndicateurs,
  precedente: PeriodeIndicateurs,
  vue: VueIndicateurs,
): Promise<IndicateurCouverture> {
  const [lue, avant] = await Promise.all([
    filtre.departements.length === 1 ? couvertureParCommune(db, filtre, vue) : couvertureParEpci(db, filtre),
    sommesCouverture(db, filtre, precedente.au),
  ]);
  return {
    ...lue,
    tauxPopulation: evolution(taux(lue.communes.populationCouverte, lue.communes.population), tauxPopulation(avant)),
  };
}

// ---------------------------------------------------------------------------------------------
// The network indicators, and their headline values per département
// ---------------------------------------------------------------------------------------------

export type IndicateursReseau = Pick<Indicateurs, "conformite" | "participation" | "communication" | "couverture"> & {
  profilsConformesParReseau: Record<string, number>;
  reseauxConformes: Evolution;
};

/**
 * Indicators 1, 3 (conforming profiles per network, networks with one), 6, 8 and 9 for a filter,
 * each headline with its value over `precedente`. In the `coordination` view the lists of people
 * (profiles to follow, attendance per promeneur) are given and counts are exact; in the `agregee`
 * view the lists are null and a commune covered by 1 or 2 promeneurs reads null (« < 3 »).
 */
export async function indicateursReseau(
  db: Executor,
  filtre: FiltreIndicateurs,
  precedente: PeriodeIndicateurs,
  vue: VueIndicateurs,
  maintenant: Date,
): Promise<IndicateursReseau> {
  const au = filtre.periode.au;
  const [conformite, conformiteAvant, aSuivre, participationLue, communicationLue, couvertureLue] = await Promise.all([
    comptesConformite(db, filtre, au).then(resumeConformite),
    comptesConformite(db, filtre, precedente.au).then(resumeConformite),
    vue === "coordination" ? profilsASuivre(db, filtre, au) : Promise.resolve(null),
    participation(db, filtre, precedente, vue, maintenant),
    communication(db, filtre, precedente, maintenant),
    couverture(db, filtre, precedente, vue),
  ]);
  return {
    conformite: {
      profils: conformite.profils,
      conformes: conformite.conformes,
      nonConformes: conformite.nonConformes,
      aVerifier: conformite.aVerifier,
      taux: evolution(conformite.taux, conformiteAvant.taux),
      aSuivre,
    },
    profilsConformesParReseau: conformite.conformesParReseau,
    reseauxConformes: evolution(conformite.reseauxConformes, conformiteAvant.reseauxConformes),
    participation: participationLue,
    communication: communicationLue,
    couverture: couvertureLue,
  };
}

/** The network headline values of the national view's lines, per département code. */
export type LigneReseau = {
  promeneursActifs: number;
  tauxConformite: number | null;
  tauxParticipation: number | null;
  actionsCommunication: number;
  tauxPopulationCouverte: number | null;
};

/**
 * Per département of `filtre.departements`, the network values of its national line, in five
 * grouped queries whatever the number of départements (the filter's type and network apply as above).
 */
export async function reseauParDepartement(
  db: Executor,
  filtre: FiltreIndicateurs,
  maintenant: Date,
): Promise<Map<string, LigneReseau>> {
  const au = filtre.periode.au;
  const { depuis, avant } = {
    depuis: debutDe(filtre.periode.du),
    avant: finDe(filtre.periode.au),
  };
  const deps = textes(filtre.departements);
  const restreint = Boolean(filtre.typeStructure || filtre.commune || filtre.epci || filtre.reseau);
  const [actifs, conformite, presences, actions, couvertureLue] = await Promise.all([
    lignes<{ departement: string; n: number }>(
      db,
      sql`select p.departement, count(*)::int as n from promeneurs p
        where ${promeneurDuFiltreSql(filtre, TOUS_FILTRES)} and ${actifAuSql(au)} group by p.departement`,
    ),
    comptesConformite(db, filtre, au),
    lignes<{ departement: string; notees: number; presents: number }>(
      db,
      sql`select r.departement, count(i.presence)::int as notees,
          (count(*) filter (where i.presence = 'present'))::int as presents
        from regroupements r join regroupement_invitations i on i.regroupement_id = r.id and i.promeneur_id is not null
        where r.departement in (${deps}) and r.statut = 'prevu' and r.debut >= ${depuis} and r.debut < ${avant}
          and r.debut <= ${instant(maintenant)}
          ${restreint ? sql`and i.promeneur_id in (select p.id from promeneurs p where ${promeneurDuFiltreSql(filtre, TOUS_FILTRES)})` : sql``}
        group by r.departement`,
    ),
    lignes<{ departement: string; n: number }>(
      db,
      sql`select departement, count(*)::int as n from actions_communication
        where departement in (${deps}) and date between ${formatJourIso(filtre.periode.du)}::date and ${formatJourIso(au)}::date
        group by departement`,
    ),
    sommesCouverture(db, filtre, au),
  ]);
  const parDep = <T extends { departement: string }>(rows: readonly T[]) =>
    new Map(rows.map((r) => [r.departement, r]));
  const actifsDe = parDep(actifs);
  const presencesDe = parDep(presences);
  const actionsDe = parDep(actions);
  const couvertureDe_ = parDep(couvertureLue);
  const lignesReseau = new Map<string, LigneReseau>();
  for (const departement of filtre.departements) {
    const c = resumeConformite(conformite.filter((x) => x.departement === departement));
    const p = presencesDe.get(departement);
    const cv = couvertureDe_.get(departement);
    lignesReseau.set(departement, {
      promeneursActifs: n(actifsDe.get(departement)?.n),
      tauxConformite: c.taux,
      tauxParticipation: p ? taux(n(p.presents), n(p.notees)) : null,
      actionsCommunication: n(actionsDe.get(departement)?.n),
      tauxPopulationCouverte: cv ? taux(cv.populationCouverte, cv.population) : null,
    });
  }
  return lignesReseau;
}
