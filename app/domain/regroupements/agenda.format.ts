/** How a gathering's date and time read in French (pages, mails, the public agenda), Europe/Paris. Pure. */
import { TIME_ZONE } from "~/lib/format";
import { jourParis, momentParis } from "~/lib/jour";

const NBSP = "\u00a0";

const FORMAT_JOUR = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const FORMAT_MOIS = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, month: "long", year: "numeric" });

/** « mardi 12 mai 2026 », « vendredi 1er mai 2026 ». */
export function jourEnLettres(date: Date): string {
  return FORMAT_JOUR.format(date).replace(/^(\p{L}+) 1 /u, "$1 1er ");
}

/** « 14 h », « 16 h 30 », « 9 h 05 ». */
export function heureEnLettres(date: Date): string {
  const { heure, minute } = momentParis(date);
  return minute === 0 ? `${heure}${NBSP}h` : `${heure}${NBSP}h${NBSP}${String(minute).padStart(2, "0")}`;
}

/** « Mai 2026 »: the heading of a month in the agenda. */
export function moisEnLettres(date: Date): string {
  const mois = FORMAT_MOIS.format(date);
  return mois.charAt(0).toUpperCase() + mois.slice(1);
}

/**
 * The time slot in words, cut in parts so each bound sits in its own `<time>`: on one day
 * « mardi 12 mai 2026, de 14 h » + « à » + « 16 h 30 »; over several days
 * « du mardi 12 mai 2026 à 14 h » + « au » + « mercredi 13 mai 2026 à 12 h ».
 */
export function creneauEnLettres(debut: Date, fin: Date): { debut: string; liaison: string; fin: string } {
  const a = jourParis(debut);
  const b = jourParis(fin);
  if (a.annee === b.annee && a.mois === b.mois && a.jour === b.jour) {
    return { debut: `${jourEnLettres(debut)}, de ${heureEnLettres(debut)}`, liaison: "à", fin: heureEnLettres(fin) };
  }
  return {
    debut: `du ${jourEnLettres(debut)} à ${heureEnLettres(debut)}`,
    liaison: "au",
    fin: `${jourEnLettres(fin)} à ${heureEnLettres(fin)}`,
  };
}

/** Groups events (already sorted by start) by their Paris month, in order. */
export function parMois<T extends { debut: Date }>(evenements: readonly T[]): { mois: string; evenements: T[] }[] {
  const groupes: { cle: string; mois: string; evenements: T[] }[] = [];
  for (const e of evenements) {
    const j = jourParis(e.debut);
    const cle = `${j.annee}-${j.mois}`;
    const dernier = groupes.at(-1);
    if (dernier?.cle === cle) dernier.evenements.push(e);
    else groupes.push({ cle, mois: moisEnLettres(e.debut), evenements: [e] });
  }
  return groupes.map(({ mois, evenements }) => ({ mois, evenements }));
}
