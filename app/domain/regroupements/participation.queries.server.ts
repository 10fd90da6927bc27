import { parametresDepartement, promeneurs, regroupementInvitations, regroupements } from "@db/schema";
import { and, asc, eq, gte, inArray, isNotNull, lt, lte, type SQL, sql } from "drizzle-orm";
import { jourParis } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import { bornesPeriode, estSignale, HEURES_PAR_JOUR, type Periode, tauxParticipation } from "./participation.rules";
import { type RegroupementType, SEUIL_PARTICIPATION_DEFAUT, TYPES_FORMATION } from "./regroupement.labels";

/** The département's threshold (percent) under which a promeneur is flagged. */
export async function getSeuilParticipation(db: Executor, departement: string): Promise<number> {
  const [row] = await db
    .select({ seuil: parametresDepartement.seuilParticipation })
    .from(parametresDepartement)
    .where(eq(parametresDepartement.departement, departement));
  return row?.seuil ?? SEUIL_PARTICIPATION_DEFAUT;
}

const r = regroupements;
const i = regroupementInvitations;
const paris = (instant: SQL | typeof r.debut) => sql`((${instant}) at time zone 'Europe/Paris')::date`;
const finInclusive = sql`(${r.fin} - interval '1 millisecond')`;

/**
 * The training hours of one gathering, in SQL: the same rule as `heuresDeFormation`
 * (participation.rules.ts), so that the indicator sums them in its GROUP BY — within one Paris day
 * the duration rounded to the quarter hour, over several days 7 h per day. A db test checks both
 * agree.
 */
export const heuresSql = sql<number>`(case when ${paris(r.debut)} = ${paris(finInclusive)}
  then round(extract(epoch from (${r.fin} - ${r.debut})) / 900) / 4
  else ${HEURES_PAR_JOUR} * (${paris(finInclusive)} - ${paris(r.debut)} + 1) end)::float8`;

const formation = inArray(r.type, [...TYPES_FORMATION]);
const present = sql`${i.presence} = 'present'`;
const compte = (condition?: SQL) =>
  condition ? sql<number>`(count(*) filter (where ${condition}))::int` : sql<number>`count(*)::int`;
const heuresFormation = sql<number>`coalesce(sum(${heuresSql}) filter (where ${present} and ${formation}), 0)::float8`;

export type FiltreParticipation = {
  departement: string;
  /** Several départements (the national indicators): replaces `departement` for the gatherings counted. */
  departements?: readonly string[];
  periode: Periode;
  type?: RegroupementType | null;
  now: Date;
  /** A subquery selecting the ids of the promeneurs whose invitations count (the indicators' filters); all when absent. */
  promeneurs?: SQL;
};

/**
 * Which gatherings indicator 6 counts: those of the département, not cancelled, already started
 * (`debut ≤ now`), starting within the period (Paris days), of the type asked if any.
 */
function regroupementsTenus({ departement, departements, periode, type, now }: FiltreParticipation): SQL {
  const { depuis, avant } = bornesPeriode(periode);
  return and(
    departements ? inArray(r.departement, [...departements]) : eq(r.departement, departement),
    eq(r.statut, "prevu"),
    gte(r.debut, depuis),
    lt(r.debut, avant),
    lte(r.debut, now),
    type ? eq(r.type, type) : undefined,
  ) as SQL;
}

/** The invitations of the promeneurs the filter keeps (`promeneurs`), or every one. */
function promeneursComptes(filtre: FiltreParticipation): SQL | undefined {
  return filtre.promeneurs ? sql`${i.promeneurId} in (${filtre.promeneurs})` : undefined;
}

export type ParticipationParType = {
  type: string;
  regroupements: number;
  invitations: number;
  notees: number;
  presents: number;
  excuses: number;
  absents: number;
  taux: number | null;
  heures: number;
};

/**
 * Indicator 6 by gathering type, in one query: gatherings held, promeneurs invited, attendance
 * recorded (present, excused, absent), rate = present / recorded, training hours (the hours of
 * attended gatherings of a training type, summed over the promeneurs present). Only promeneurs'
 * invitations count (referents and committee members are not the indicator's subject).
 */
export async function findParticipationParType(
  db: Executor,
  filtre: FiltreParticipation,
): Promise<{ types: ParticipationParType[]; totaux: Omit<ParticipationParType, "type"> }> {
  const rows = await db
    .select({
      type: r.type,
      regroupements: sql<number>`count(distinct ${r.id})::int`,
      invitations: sql<number>`count(${i.id})::int`,
      notees: sql<number>`count(${i.presence})::int`,
      presents: compte(present),
      excuses: compte(sql`${i.presence} = 'excuse'`),
      absents: compte(sql`${i.presence} = 'absent'`),
      heures: heuresFormation,
    })
    .from(r)
    .leftJoin(i, and(eq(i.regroupementId, r.id), isNotNull(i.promeneurId), promeneursComptes(filtre)))
    .where(regroupementsTenus(filtre))
    .groupBy(r.type);
  const types = rows.map((row) => ({ ...row, taux: tauxParticipation(row.presents, row.notees) }));
  const somme = (cle: "regroupements" | "invitations" | "notees" | "presents" | "excuses" | "absents" | "heures") =>
    types.reduce((total, t) => total + t[cle], 0);
  const notees = somme("notees");
  const presents = somme("presents");
  return {
    types,
    totaux: {
      regroupements: somme("regroupements"),
      invitations: somme("invitations"),
      notees,
      presents,
      excuses: somme("excuses"),
      absents: somme("absents"),
      taux: tauxParticipation(presents, notees),
      heures: somme("heures"),
    },
  };
}

export type ParticipationPromeneur = {
  promeneurId: string;
  prenom: string;
  nom: string;
  invitations: number;
  notees: number;
  presents: number;
  excuses: number;
  absents: number;
  taux: number | null;
  heures: number;
  signale: boolean;
};

/**
 * Indicator 6 per promeneur, in one query grouped by promeneur (whatever their number): invited
 * to the gatherings held, attendance recorded, present, excused, absent, rate, training hours;
 * flagged when the rate is below `seuil` over at least 2 recorded gatherings (never one who left:
 * sorti, refuse — their history stays listed, unflagged). The flagged first,
 * then by name. `promeneurId` narrows it to one promeneur (their own home page).
 */
export async function findParticipationParPromeneur(
  db: Executor,
  filtre: FiltreParticipation & { promeneurId?: string },
  seuil: number,
): Promise<ParticipationPromeneur[]> {
  const rows = await db
    .select({
      promeneurId: promeneurs.id,
      prenom: promeneurs.prenom,
      nom: promeneurs.nom,
      statut: promeneurs.statut,
      invitations: compte(),
      notees: sql<number>`count(${i.presence})::int`,
      presents: compte(present),
      excuses: compte(sql`${i.presence} = 'excuse'`),
      absents: compte(sql`${i.presence} = 'absent'`),
      heures: heuresFormation,
    })
    .from(i)
    .innerJoin(r, eq(r.id, i.regroupementId))
    .innerJoin(promeneurs, eq(promeneurs.id, i.promeneurId))
    .where(
      and(
        regroupementsTenus(filtre),
        promeneursComptes(filtre),
        filtre.promeneurId ? eq(i.promeneurId, filtre.promeneurId) : undefined,
      ),
    )
    .groupBy(promeneurs.id, promeneurs.prenom, promeneurs.nom, promeneurs.statut)
    .orderBy(asc(promeneurs.nom), asc(promeneurs.prenom));
  return rows
    .map(({ statut, ...row }) => ({
      ...row,
      taux: tauxParticipation(row.presents, row.notees),
      signale: estSignale(row.presents, row.notees, seuil, statut),
    }))
    .sort((a, b) => Number(b.signale) - Number(a.signale));
}

/** How many promeneurs of the département are flagged over the default period (the coordinator's dashboard). */
export async function countPromeneursSignales(db: Executor, filtre: FiltreParticipation): Promise<number> {
  const seuil = await getSeuilParticipation(db, filtre.departement);
  return (await findParticipationParPromeneur(db, filtre, seuil)).filter((p) => p.signale).length;
}

/**
 * A promeneur's own participation since 1 January (Europe/Paris) of `now`'s year: their rate and
 * training hours, for their home page; null before their first recorded attendance.
 */
export async function findParticipationDeLAnnee(
  db: Executor,
  promeneur: { id: string; departement: string },
  now: Date,
): Promise<{ taux: number | null; heures: number; presents: number; notees: number } | null> {
  const au = jourParis(now);
  const [ligne] = await findParticipationParPromeneur(
    db,
    {
      departement: promeneur.departement,
      periode: { du: { annee: au.annee, mois: 1, jour: 1 }, au },
      now,
      promeneurId: promeneur.id,
    },
    0,
  );
  if (!ligne || ligne.notees === 0) return null;
  return { taux: ligne.taux, heures: ligne.heures, presents: ligne.presents, notees: ligne.notees };
}
