import { TIME_ZONE } from "~/lib/format";
import { ajouterJours, formatJourIso, type JourCivil, jourSemaine, parseJourIso } from "~/lib/jour";
import { jourLabels } from "./presence.labels";

/**
 * Pure rules of presence hours (DESIGN §3): weekly slots in the local wall-clock time of
 * Europe/Paris (STYLE §6), absences (exceptions) by local date, and the public "en ligne maintenant".
 * Nothing here reads the clock: every function that depends on the time takes the instant.
 *
 * A time of day is always a number of minutes since local midnight (0–1440), never a string: "18h30"
 * exists only at the edges (`parseHeure`, `formatHeure`).
 */

/** ISO day of the week: 1 = lundi … 7 = dimanche. */
export const JOURS_SEMAINE = [1, 2, 3, 4, 5, 6, 7] as const;
export type JourSemaine = (typeof JOURS_SEMAINE)[number];

export const MINUTES_PAR_JOUR = 1440;
/** Slots are entered to the nearest 5 minutes (the step of the time inputs). */
export const PAS_MINUTES = 5;
/** `prochainCreneau` looks this many days ahead. */
export const HORIZON_JOURS = 14;
/** Latest start of a slot: 23 h 55. */
const DEBUT_MAX = MINUTES_PAR_JOUR - PAS_MINUTES;

/**
 * One weekly slot. It never crosses midnight: a night slot is two slots (22 h 00–24 h 00, then
 * 0 h 00–2 h 00 the next day).
 */
export type CreneauPresence = {
  jour: JourSemaine;
  /** Minutes since local midnight (Europe/Paris), 0–1435. */
  debut: number;
  /** Minutes since local midnight, after `debut`; 1440 is midnight at the end of the day. */
  fin: number;
  /** Network codes (list B). */
  reseaux: string[];
};

/** The promeneur is absent from `du` to `au`, both included (ISO local dates, "2026-12-24"). */
export type ExceptionPresence = { du: string; au: string; motif?: string };

/** A weekly slot placed on a local calendar date. */
export type CreneauDate = CreneauPresence & { date: string };

/** A local date, its ISO day of the week and the minutes since local midnight (seconds dropped). */
export type LocalParts = { date: string; jour: JourSemaine; minutes: number };

/** An error shown next to one field of one slot (`index` in the list given). */
export type ErreurCreneau = { index: number; field: "jour" | "debut" | "fin" | "reseaux"; message: string };
export type ErreurException = { index: number; field: "du" | "au"; message: string };

export function isJourSemaine(value: unknown): value is JourSemaine {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 7;
}

// ─── Times of day ────────────────────────────────────────────────────────────────────────────────

const NBSP = "\u00a0";
const HEURE = /^(\d{1,2})\s*(?:h\s*(\d{2})?|:(\d{2})(?::00)?)$/i;

/**
 * "18h30", "18:30", "18 h 30", "9h", "9 H", "18:30:00" (a time input with seconds) → minutes since
 * midnight; "24h" / "24:00" → 1440 (end of a slot). Null for anything else ("18", "18h5", "25h",
 * "18h60", "24h30").
 */
export function parseHeure(text: string): number | null {
  const match = HEURE.exec(text.trim());
  if (!match) return null;
  const heures = Number(match[1]);
  const minutes = Number(match[2] ?? match[3] ?? 0);
  if (minutes > 59 || heures > 24 || (heures === 24 && minutes > 0)) return null;
  return heures * 60 + minutes;
}

/** 1110 → "18 h 30", 540 → "9 h 00", 1440 → "24 h 00"; non-breaking spaces so a time never wraps. */
export function formatHeure(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MINUTES_PAR_JOUR) {
    throw new RangeError(`Heure hors limites : ${minutes}`);
  }
  const heures = Math.floor(minutes / 60);
  return `${heures}${NBSP}h${NBSP}${String(minutes % 60).padStart(2, "0")}`;
}

/** "de 18 h 00 à 19 h 00". */
export function formatPlage(debut: number, fin: number): string {
  return `de ${formatHeure(debut)} à ${formatHeure(fin)}`;
}

/** "mardi de 18 h 00 à 19 h 00". */
export function formatCreneau(creneau: Pick<CreneauPresence, "jour" | "debut" | "fin">): string {
  return `${jourLabels[creneau.jour]} ${formatPlage(creneau.debut, creneau.fin)}`;
}

// ─── Local calendar dates ("2026-12-24") ─────────────────────────────────────────────────────────

/** The day of an ISO date as stored ("2026-12-24"); null for "2026-02-30" or "24/12/2026". */
function lireDateIso(date: string): JourCivil | null {
  const jour = parseJourIso(date);
  return jour && formatJourIso(jour) === date ? jour : null;
}

function requireDateIso(date: string): JourCivil {
  const jour = lireDateIso(date);
  if (!jour) throw new RangeError(`Date invalide : ${date}`);
  return jour;
}

function addDays(date: string, days: number): string {
  return formatJourIso(ajouterJours(requireDateIso(date), days));
}

/** The same date one year later; 29 February gives 1 March ("2028-02-29" → "2029-03-01"). */
function addOneYear(date: string): string {
  const jour = requireDateIso(date);
  return formatJourIso(ajouterJours({ annee: jour.annee + 1, mois: jour.mois, jour: 1 }, jour.jour - 1));
}

/** ISO day of the week of a calendar date: "2026-03-29" → 7 (dimanche). */
export function jourDeDate(date: string): JourSemaine {
  return jourSemaine(requireDateIso(date));
}

// ─── Instants → local time ───────────────────────────────────────────────────────────────────────

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  // h23, not `hour12: false`, which writes local midnight as "24" in some engines.
  hourCycle: "h23",
});

/**
 * The local date, day of the week and minutes of an instant in Europe/Paris, whatever the time zone
 * of the process (Intl and the IANA database, no library).
 *
 * Summer time: on the last Sunday of March (29 March 2026) local time jumps from 02:00 to 03:00 at
 * 01:00 UTC. No instant maps to 02:00–02:59 that day, so `minutes` never takes the values 120–179
 * and the day has 23 hours: a slot 2 h 00–3 h 00 that Sunday is never "en ligne", and a slot
 * 2 h 30–4 h 00 is from 3 h 00 only.
 *
 * Winter time: on the last Sunday of October (25 October 2026) local time goes back from 03:00 to
 * 02:00 at 01:00 UTC. Local 02:00–02:59 happens twice (00:00–00:59 UTC in summer time, then
 * 01:00–01:59 UTC in winter time) and both map to the same `minutes`, so the day has 25 hours: a slot
 * 2 h 00–3 h 00 that Sunday is "en ligne" for two real hours. Slots follow the wall clock, as the
 * promeneur's own phone does.
 */
export function localParts(instant: Date): LocalParts {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Instant invalide");
  const values: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of partsFormat.formatToParts(instant)) values[part.type] = part.value;
  const date = `${(values.year ?? "").padStart(4, "0")}-${values.month}-${values.day}`;
  return { date, jour: jourDeDate(date), minutes: Number(values.hour) * 60 + Number(values.minute) };
}

// ─── Presence at a given time ────────────────────────────────────────────────────────────────────

/**
 * The exception that makes the promeneur absent on a local date, or null. Dates are compared as ISO
 * strings, which is their calendar order once `validateExceptions` has accepted them.
 */
export function exceptionDuJour(exceptions: readonly ExceptionPresence[], date: string): ExceptionPresence | null {
  return exceptions.find((exception) => exception.du <= date && date <= exception.au) ?? null;
}

/** The slots of a local date, by start time; none on a day an exception covers ("today's hours"). */
export function creneauxDuJour(
  creneaux: readonly CreneauPresence[],
  exceptions: readonly ExceptionPresence[],
  date: string,
): CreneauDate[] {
  const jour = jourDeDate(date);
  if (exceptionDuJour(exceptions, date)) return [];
  return creneaux
    .filter((creneau) => creneau.jour === jour)
    .map((creneau) => ({ ...creneau, reseaux: [...creneau.reseaux], date }))
    .sort((a, b) => a.debut - b.debut || a.fin - b.fin);
}

/**
 * True when the instant falls in a slot of its local day (start included, end excluded) and no
 * exception covers its local date. An instant at local midnight belongs to the new day.
 */
export function isEnLigne(
  creneaux: readonly CreneauPresence[],
  exceptions: readonly ExceptionPresence[],
  instant: Date,
): boolean {
  const { date, minutes } = localParts(instant);
  return creneauxDuJour(creneaux, exceptions, date).some(
    (creneau) => creneau.debut <= minutes && minutes < creneau.fin,
  );
}

/**
 * The next slot to start strictly after the instant (a slot already under way is not "next": see
 * `isEnLigne`), skipping exception days, at most `HORIZON_JOURS` days later in local time (the same
 * wall-clock time 14 days on is still included). Null when there is none. The result is wall-clock
 * time: a start in the hour skipped in March is reached at 3 h 00.
 */
export function prochainCreneau(
  creneaux: readonly CreneauPresence[],
  exceptions: readonly ExceptionPresence[],
  instant: Date,
): CreneauDate | null {
  const { date, minutes } = localParts(instant);
  for (let offset = 0; offset <= HORIZON_JOURS; offset++) {
    const found = creneauxDuJour(creneaux, exceptions, addDays(date, offset)).find((creneau) => {
      if (offset === 0) return creneau.debut > minutes;
      if (offset === HORIZON_JOURS) return creneau.debut <= minutes;
      return true;
    });
    if (found) return found;
  }
  return null;
}

// ─── Validation (French messages for the form) ───────────────────────────────────────────────────

/** The message next to a date that cannot be read (the form takes 24/12/2026 and 2026-12-24). */
export const MESSAGE_DATE = "Indiquez une date valide, par exemple 24/12/2026.";

const MESSAGES = {
  jour: "Choisissez un jour de la semaine.",
  heure: `Indiquez une heure valide, par exemple ${formatHeure(1110)}.`,
  debutHorsLimites: `L'heure de début doit être comprise entre ${formatHeure(0)} et ${formatHeure(DEBUT_MAX)}.`,
  finHorsLimites: `L'heure de fin doit être comprise entre ${formatHeure(PAS_MINUTES)} et ${formatHeure(MINUTES_PAR_JOUR)}.`,
  finApresMinuit: `L'heure de fin ne peut pas dépasser ${formatHeure(MINUTES_PAR_JOUR)}. Pour une présence de nuit, ajoutez un second créneau le lendemain à partir de ${formatHeure(0)}.`,
  pas: `Indiquez une heure à ${PAS_MINUTES}${NBSP}minutes près, par exemple ${formatHeure(1085)}.`,
  finAvantDebut: "L'heure de fin doit être après l'heure de début.",
  reseaux: "Choisissez au moins un réseau.",
  date: MESSAGE_DATE,
  auAvantDu: "La date de fin ne peut pas être avant la date de début.",
  plusDUnAn: "Une absence ne peut pas durer plus d'un an.",
} as const;

function checkHeure(minutes: number, min: number, max: number, horsLimites: string): string | null {
  if (!Number.isInteger(minutes)) return MESSAGES.heure;
  if (minutes < min || minutes > max) return horsLimites;
  if (minutes % PAS_MINUTES !== 0) return MESSAGES.pas;
  return null;
}

/**
 * Errors of a weekly schedule, at most one per field. An overlap is reported on the later slot of
 * the list and names the earlier one; touching slots (18 h 00–19 h 00, 19 h 00–20 h 00) are allowed.
 * Slots whose day or hours are wrong are left out of the overlap check.
 */
export function validateCreneaux(creneaux: readonly CreneauPresence[]): ErreurCreneau[] {
  const erreurs: ErreurCreneau[] = [];
  const verifies: CreneauPresence[] = [];
  creneaux.forEach((creneau, index) => {
    const erreurJour = isJourSemaine(creneau.jour) ? null : MESSAGES.jour;
    const erreurDebut = checkHeure(creneau.debut, 0, DEBUT_MAX, MESSAGES.debutHorsLimites);
    let erreurFin = checkHeure(
      creneau.fin,
      0,
      MINUTES_PAR_JOUR,
      creneau.fin > MINUTES_PAR_JOUR ? MESSAGES.finApresMinuit : MESSAGES.finHorsLimites,
    );
    if (!erreurDebut && !erreurFin && creneau.fin <= creneau.debut) erreurFin = MESSAGES.finAvantDebut;

    let erreurChevauchement: string | null = null;
    if (!erreurJour && !erreurDebut && !erreurFin) {
      const autre = verifies.find((v) => v.jour === creneau.jour && v.debut < creneau.fin && creneau.debut < v.fin);
      if (autre) erreurChevauchement = `Ce créneau chevauche celui du ${formatCreneau(autre)}.`;
      verifies.push(creneau);
    }

    if (erreurJour) erreurs.push({ index, field: "jour", message: erreurJour });
    const debutMessage = erreurDebut ?? erreurChevauchement;
    if (debutMessage) erreurs.push({ index, field: "debut", message: debutMessage });
    if (erreurFin) erreurs.push({ index, field: "fin", message: erreurFin });
    if (creneau.reseaux.length === 0) erreurs.push({ index, field: "reseaux", message: MESSAGES.reseaux });
  });
  return erreurs;
}

/**
 * Errors of a list of absences: dates that do not exist, an end before the start (a one-day absence
 * has `du` = `au`), a range longer than one year (up to the day before the same date next year).
 * Overlapping absences are harmless and allowed.
 */
export function validateExceptions(exceptions: readonly ExceptionPresence[]): ErreurException[] {
  const erreurs: ErreurException[] = [];
  exceptions.forEach((exception, index) => {
    const duValide = lireDateIso(exception.du) !== null;
    const auValide = lireDateIso(exception.au) !== null;
    if (!duValide) erreurs.push({ index, field: "du", message: MESSAGES.date });
    if (!auValide) erreurs.push({ index, field: "au", message: MESSAGES.date });
    if (!duValide || !auValide) return;
    if (exception.au < exception.du) erreurs.push({ index, field: "au", message: MESSAGES.auAvantDu });
    else if (exception.au >= addOneYear(exception.du))
      erreurs.push({ index, field: "au", message: MESSAGES.plusDUnAn });
  });
  return erreurs;
}
