import { RESEAUX } from "~/domain/profils/profil.labels";
import { formatJourIso, parseJourIso } from "~/lib/jour";
import { z } from "~/lib/zod";
import {
  type CreneauPresence,
  type ExceptionPresence,
  formatHeure,
  type JourSemaine,
  MESSAGE_DATE,
  MINUTES_PAR_JOUR,
  parseHeure,
  validateCreneaux,
  validateExceptions,
} from "./presence.rules";

/**
 * The presence hours form, posted without JavaScript as indexed fields: `creneaux[0].jour`,
 * `creneaux[0].debut`, `creneaux[0].fin`, `creneaux[0].reseaux` (one per ticked box),
 * `exceptions[0].du`, `exceptions[0].au`, `exceptions[0].motif`. What was typed is kept as text
 * (`HorairesSaisis`) so that the page shows it again, with the errors, exactly as it was.
 */

export const CRENEAUX_MAX = 40;
export const EXCEPTIONS_MAX = 40;
export const MOTIF_MAX = 200;

export type CreneauSaisi = { jour: string; debut: string; fin: string; reseaux: string[] };
export type ExceptionSaisie = { du: string; au: string; motif: string };
export type HorairesSaisis = { creneaux: CreneauSaisi[]; exceptions: ExceptionSaisie[] };
/** Errors by field name as posted: `creneaux[1].debut` → messages. */
export type ErreursHoraires = Record<string, string[]>;

export const creneauVide = (): CreneauSaisi => ({ jour: "1", debut: "", fin: "", reseaux: [] });
export const exceptionVide = (): ExceptionSaisie => ({ du: "", au: "", motif: "" });

const INDEXED = /^(creneaux|exceptions)\[(\d{1,3})\]\.(\w+)$/;

/** Reads the indexed fields of the form, in index order (gaps closed). */
export function readHorairesForm(form: FormData): HorairesSaisis {
  const creneaux = new Map<number, CreneauSaisi>();
  const exceptions = new Map<number, ExceptionSaisie>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const match = INDEXED.exec(name);
    if (!match) continue;
    const [, list, indexText, field] = match;
    const index = Number(indexText);
    if (list === "creneaux") {
      const row = creneaux.get(index) ?? creneauVide();
      if (field === "reseaux") row.reseaux.push(value);
      else if (field === "jour" || field === "debut" || field === "fin") row[field] = value;
      creneaux.set(index, row);
    } else {
      const row = exceptions.get(index) ?? exceptionVide();
      if (field === "du" || field === "au" || field === "motif") row[field] = value;
      exceptions.set(index, row);
    }
  }
  const inOrder = <T>(map: Map<number, T>) => [...map.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  return { creneaux: inOrder(creneaux), exceptions: inOrder(exceptions) };
}

/** A row the person left blank (an added row not filled in) is dropped on save, not refused. */
export function isCreneauVide(row: CreneauSaisi): boolean {
  return row.debut.trim() === "" && row.fin.trim() === "" && row.reseaux.length === 0;
}
export function isExceptionVide(row: ExceptionSaisie): boolean {
  return row.du.trim() === "" && row.au.trim() === "" && row.motif.trim() === "";
}

const heure = z.string().transform((text, ctx) => {
  if (text.trim() === "") {
    ctx.addIssue({ code: "custom", message: "Indiquez une heure." });
    return z.NEVER;
  }
  const minutes = parseHeure(text);
  if (minutes === null) {
    ctx.addIssue({ code: "custom", message: `Indiquez une heure valide, par exemple ${formatHeure(1110)}.` });
    return z.NEVER;
  }
  return minutes;
});

/** A day typed 24/12/2026 or sent 2026-12-24 by a date input, kept as "2026-12-24". */
const date = z.string().transform((text, ctx) => {
  const jour = parseJourIso(text);
  if (jour) return formatJourIso(jour);
  ctx.addIssue({ code: "custom", message: MESSAGE_DATE });
  return z.NEVER;
});

export const creneauSchema = z.object({
  jour: z.coerce
    .number({ message: "Choisissez un jour de la semaine." })
    .int("Choisissez un jour de la semaine.")
    .min(1, "Choisissez un jour de la semaine.")
    .max(7, "Choisissez un jour de la semaine.")
    .transform((jour) => jour as JourSemaine),
  debut: heure,
  /** A time input cannot hold 24:00: an end at 00:00 is midnight at the end of the day. */
  fin: heure.transform((minutes) => (minutes === 0 ? MINUTES_PAR_JOUR : minutes)),
  reseaux: z.array(z.enum(RESEAUX, { message: "Choisissez des réseaux de la liste." })),
});

export const exceptionSchema = z.object({
  du: date,
  au: date,
  motif: z
    .string()
    .trim()
    .max(MOTIF_MAX, `Le motif ne doit pas dépasser ${MOTIF_MAX} caractères.`)
    .transform((motif) => motif || undefined),
});

export const horairesSchema = z.object({
  creneaux: z.array(creneauSchema).max(CRENEAUX_MAX, `Pas plus de ${CRENEAUX_MAX} créneaux par semaine.`),
  exceptions: z.array(exceptionSchema).max(EXCEPTIONS_MAX, `Pas plus de ${EXCEPTIONS_MAX} absences.`),
});

export type HorairesInput = { creneaux: CreneauPresence[]; exceptions: ExceptionPresence[] };

function fieldName(path: readonly PropertyKey[]): string {
  const [list, index, field] = path;
  if (typeof index === "number" && typeof field === "string") return `${String(list)}[${index}].${field}`;
  return list === undefined ? "" : String(list);
}

function add(errors: ErreursHoraires, name: string, message: string) {
  const list = errors[name] ?? [];
  if (!list.includes(message)) list.push(message);
  errors[name] = list;
}

/**
 * Checks what was typed (blank rows dropped): the schema first, then the rules of the week
 * (overlaps, end before start, networks) and of absences. Field names refer to the rows as they will
 * be shown again, i.e. after blank rows were dropped (`saisis`).
 */
export function parseHoraires(
  raw: HorairesSaisis,
):
  | { ok: true; value: HorairesInput; saisis: HorairesSaisis }
  | { ok: false; errors: ErreursHoraires; saisis: HorairesSaisis } {
  const saisis: HorairesSaisis = {
    creneaux: raw.creneaux.filter((row) => !isCreneauVide(row)),
    exceptions: raw.exceptions.filter((row) => !isExceptionVide(row)),
  };
  const errors: ErreursHoraires = {};
  const parsed = horairesSchema.safeParse(saisis);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(errors, fieldName(issue.path), issue.message);
    return { ok: false, errors, saisis };
  }
  for (const e of validateCreneaux(parsed.data.creneaux)) add(errors, `creneaux[${e.index}].${e.field}`, e.message);
  for (const e of validateExceptions(parsed.data.exceptions))
    add(errors, `exceptions[${e.index}].${e.field}`, e.message);
  if (Object.keys(errors).length > 0) return { ok: false, errors, saisis };
  return { ok: true, value: parsed.data, saisis };
}

/** Minutes → the value of an `<input type="time">` ("18:30"; midnight at the end of the day, 1440, → "00:00"). */
export function heureInput(minutes: number): string {
  const value = minutes % MINUTES_PAR_JOUR;
  return `${String(Math.floor(value / 60)).padStart(2, "0")}:${String(value % 60).padStart(2, "0")}`;
}

/** Stored hours → what the form shows. */
export function horairesSaisis(horaires: HorairesInput): HorairesSaisis {
  return {
    creneaux: horaires.creneaux.map((c) => ({
      jour: String(c.jour),
      debut: heureInput(c.debut),
      fin: heureInput(c.fin),
      reseaux: [...c.reseaux],
    })),
    exceptions: horaires.exceptions.map((e) => ({ du: e.du, au: e.au, motif: e.motif ?? "" })),
  };
}
