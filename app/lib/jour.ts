/**
 * Calendar days in Europe/Paris, the one module for them: which day an instant falls on, adding
 * days and months, midnight of a day, reading a typed day. A day is a plain `JourCivil`
 * (no time, no zone); arithmetic is done on the calendar, never in milliseconds, so DST changes
 * play no part. Pure: no clock read here.
 */
import { TIME_ZONE } from "~/lib/format";

/** A calendar day; `mois` 1–12. */
export type JourCivil = { annee: number; mois: number; jour: number };

const FORMAT_PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  // h23, not `hour12: false`, which writes local midnight as "24" in some engines.
  hourCycle: "h23",
});

function heureParis(instant: number): JourCivil & { heure: number; minute: number; seconde: number } {
  const valeurs: Record<string, number> = {};
  for (const part of FORMAT_PARIS.formatToParts(instant)) {
    if (part.type !== "literal") valeurs[part.type] = Number(part.value);
  }
  return {
    annee: valeurs.year ?? 0,
    mois: valeurs.month ?? 0,
    jour: valeurs.day ?? 0,
    heure: valeurs.hour ?? 0,
    minute: valeurs.minute ?? 0,
    seconde: valeurs.second ?? 0,
  };
}

/** The Europe/Paris calendar day of an instant. Throws a RangeError for an invalid date. */
export function jourParis(date: Date): JourCivil {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError("Date invalide.");
  const { annee, mois, jour } = heureParis(t);
  return { annee, mois, jour };
}

/** "2025-03-05": the value of an `<input type="date">`, and how days are stored. */
export function formatJourIso(jour: JourCivil): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(jour.annee, 4)}-${pad(jour.mois)}-${pad(jour.jour)}`;
}

/** The Europe/Paris calendar day of an instant as 'YYYY-MM-DD'. */
export function jourIso(date: Date): string {
  return formatJourIso(jourParis(date));
}

function estBissextile(annee: number): boolean {
  return (annee % 4 === 0 && annee % 100 !== 0) || annee % 400 === 0;
}

function joursDansMois(annee: number, mois: number): number {
  if (mois === 2) return estBissextile(annee) ? 29 : 28;
  return [4, 6, 9, 11].includes(mois) ? 30 : 31;
}

/** Days before this one are refused when read: a typo, never a day this application records. */
const ANNEE_MIN = 1900;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRANCAIS = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A day typed 'YYYY-MM-DD' (an `<input type="date">`) or the French way 'JJ/MM/AAAA' (also
 * '5/3/2025'), spaces around ignored. `null` for anything else, for a day that does not exist
 * (31 April, 29 February 2025) and for a year before 1900.
 */
export function parseJourIso(text: string): JourCivil | null {
  const saisie = text.trim();
  const iso = ISO.exec(saisie);
  const francais = iso ? null : FRANCAIS.exec(saisie);
  let jour: JourCivil;
  if (iso) jour = { annee: Number(iso[1]), mois: Number(iso[2]), jour: Number(iso[3]) };
  else if (francais) jour = { annee: Number(francais[3]), mois: Number(francais[2]), jour: Number(francais[1]) };
  else return null;
  if (jour.annee < ANNEE_MIN || jour.mois < 1 || jour.mois > 12) return null;
  if (jour.jour < 1 || jour.jour > joursDansMois(jour.annee, jour.mois)) return null;
  return jour;
}

/** Days since 1 January 1970 (a plain count: no time zone involved). */
function numeroJour(jour: JourCivil): number {
  const date = new Date(0);
  date.setUTCFullYear(jour.annee, jour.mois - 1, jour.jour);
  return Math.round(date.getTime() / 86_400_000);
}

function depuisNumero(numero: number): JourCivil {
  const date = new Date(numero * 86_400_000);
  return { annee: date.getUTCFullYear(), mois: date.getUTCMonth() + 1, jour: date.getUTCDate() };
}

/** The calendar day `jours` days after `jour` (negative goes back), across month and year ends. */
export function ajouterJours(jour: JourCivil, jours: number): JourCivil {
  return depuisNumero(numeroJour(jour) + jours);
}

/**
 * Adds calendar months to a day. A day that does not exist in the target month becomes its last
 * day: 31 August + 6 months = 28 (or 29) February.
 */
export function ajouterMois(jour: JourCivil, mois: number): JourCivil {
  const total = jour.annee * 12 + (jour.mois - 1) + mois;
  const annee = Math.floor(total / 12);
  const m = total - annee * 12 + 1;
  return { annee, mois: m, jour: Math.min(jour.jour, joursDansMois(annee, m)) };
}

/** How many days from `a` to `b` (negative when `b` is before `a`): 0 on the same day. */
export function ecartJours(a: JourCivil, b: JourCivil): number {
  return numeroJour(b) - numeroJour(a);
}

/** Negative when `a` is before `b`, 0 on the same day, positive after: a sort comparator. */
export function comparerJours(a: JourCivil, b: JourCivil): number {
  return a.annee - b.annee || a.mois - b.mois || a.jour - b.jour;
}

/** ISO day of the week: 1 = lundi … 7 = dimanche. */
export type JourDeLaSemaine = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The ISO day of the week of a calendar day. */
export function jourSemaine(jour: JourCivil): JourDeLaSemaine {
  // 1 January 1970 was a Thursday (4).
  return (((((numeroJour(jour) + 3) % 7) + 7) % 7) + 1) as JourDeLaSemaine;
}

/** 00:00 Europe/Paris on that day, as an instant (midnight never falls in a DST gap in France). */
export function debutJourParis(jour: JourCivil): Date {
  const utc = numeroJour(jour) * 86_400_000;
  const decalage = (t: number) => {
    const p = heureParis(t);
    const mur = numeroJour(p) * 86_400_000 + ((p.heure * 60 + p.minute) * 60 + p.seconde) * 1000;
    return mur - Math.floor(t / 1000) * 1000;
  };
  const essai = utc - decalage(utc);
  return new Date(utc - decalage(essai));
}

/**
 * The instant of `heure:minute` Europe/Paris on a calendar day: midnight Paris plus the time, then
 * corrected by the difference the wall clock shows, so a day with a DST change lands on the right
 * hour. Not meant for a time inside the spring gap (02:00–03:00 on the last Sunday of March).
 */
export function instantParis(jour: JourCivil, heure: number, minute = 0): Date {
  const voulu = heure * 60 + minute;
  const essai = debutJourParis(jour).getTime() + voulu * 60_000;
  const lu = heureParis(essai);
  return new Date(essai + (voulu - (lu.heure * 60 + lu.minute)) * 60_000);
}

/** The Europe/Paris wall clock of an instant: day, hour, minute, second. Throws a RangeError for an invalid date. */
export function momentParis(date: Date): JourCivil & { heure: number; minute: number; seconde: number } {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError("Date invalide.");
  return heureParis(t);
}

/**
 * The instant of `heure:minute` Europe/Paris on a calendar day, or null when that time does not
 * exist (the hour skipped when clocks go forward, 02:00–02:59 on the last Sunday of March). A time
 * that happens twice (last Sunday of October) is the first one, summer time.
 */
export function instantParisExistant(jour: JourCivil, heure: number, minute = 0): Date | null {
  const instant = instantParis(jour, heure, minute);
  const lu = heureParis(instant.getTime());
  const memeJour = lu.annee === jour.annee && lu.mois === jour.mois && lu.jour === jour.jour;
  return memeJour && lu.heure === heure && lu.minute === minute ? instant : null;
}

/** A period asked in a GET filter: days 'YYYY-MM-DD', what the form shows, French messages by field. */
export type PeriodeDemandee = {
  du: string;
  au: string;
  /** The same days, for computing. */
  jours: { du: JourCivil; au: JourCivil };
  /** What the form shows: the period, or what was typed when it is not valid. */
  saisie: { du: string; au: string };
  /** French messages by field when the asked period is not valid (the default period is used). */
  errors: { du?: string[]; au?: string[] };
};

/** A valid period, as `periodeDemandee` answers it. */
export function periodeValide(du: JourCivil, au: JourCivil): PeriodeDemandee {
  const periode = { du: formatJourIso(du), au: formatJourIso(au) };
  return { ...periode, jours: { du, au }, saisie: { ...periode }, errors: {} };
}

/**
 * The period asked in the query string (`du`/`au` days, 'YYYY-MM-DD' or 'JJ/MM/AAAA'), a missing
 * bound taken from `parDefaut`. A bad day, an end before the start or a period longer than
 * `maxJours` (when given) falls back to `parDefaut`, with a message next to the field.
 */
export function periodeDemandee(
  params: URLSearchParams,
  parDefaut: { du: JourCivil; au: JourCivil },
  options: { maxJours?: number } = {},
): PeriodeDemandee {
  const defaut = periodeValide(parDefaut.du, parDefaut.au);
  const duRaw = params.get("du")?.trim() || "";
  const auRaw = params.get("au")?.trim() || "";
  if (!duRaw && !auRaw) return defaut;
  const errors: PeriodeDemandee["errors"] = {};
  const du = duRaw ? parseJourIso(duRaw) : parDefaut.du;
  const au = auRaw ? parseJourIso(auRaw) : parDefaut.au;
  if (!du) errors.du = ["Saisissez une date de début valide (jj/mm/aaaa)."];
  if (!au) errors.au = ["Saisissez une date de fin valide (jj/mm/aaaa)."];
  if (du && au) {
    if (comparerJours(au, du) < 0) errors.au = ["La date de fin doit être postérieure ou égale à la date de début."];
    else if (options.maxJours !== undefined && ecartJours(du, au) + 1 > options.maxJours)
      errors.au = ["La période ne peut pas dépasser deux ans : réduisez-la."];
  }
  if (!du || !au || errors.du || errors.au) return { ...defaut, saisie: { du: duRaw, au: auRaw }, errors };
  return periodeValide(du, au);
}
