/**
 * Indicator 6 (participation in gatherings) and the attendance rules, pure: no clock read here,
 * `now` is passed in.
 */

import { STATUTS_FINAUX } from "~/domain/promeneurs/promeneur.labels";
import { ajouterJours, ajouterMois, debutJourParis, ecartJours, type JourCivil, jourParis } from "~/lib/jour";
import { DELAI_PRESENCES_JOURS } from "./regroupement.labels";

const QUART_HEURE = 900_000;
const JOUR = 86_400_000;

/** The training hours counted for one day of a gathering spread over several days. */
export const HEURES_PAR_JOUR = 7;

/**
 * The training hours of a gathering attended from `debut` to `fin`. Within one Europe/Paris day: its
 * exact duration in hours, rounded to the quarter hour (2 h 20 → 2,25 h). Over several days (a
 * two-day initial training): 7 h per calendar day, the usual length of a training day, whatever
 * the times written (the evenings and lunch breaks are not training). An end at midnight belongs to
 * the day before.
 */
export function heuresDeFormation(debut: Date, fin: Date): number {
  const duree = fin.getTime() - debut.getTime();
  if (!(duree > 0)) return 0;
  const premier = jourParis(debut);
  const dernier = jourParis(new Date(fin.getTime() - 1));
  const jours = ecartJours(premier, dernier) + 1;
  if (jours > 1) return jours * HEURES_PAR_JOUR;
  return Math.round(duree / QUART_HEURE) / 4;
}

/** The attendance rate (percent, rounded to the unit) of `presents` out of `notees` invitations with attendance recorded; null without any. */
export function tauxParticipation(presents: number, notees: number): number | null {
  if (notees <= 0) return null;
  return Math.round((presents / notees) * 100);
}

/** The field of the threshold form. */
export const CHAMP_SEUIL = "seuil";

/** Fewest recorded gatherings before a promeneur may be flagged: one absence says little. */
export const NOTEES_MIN_SIGNALEMENT = 2;

/**
 * A promeneur is flagged when their rate is below the département's threshold, over at least 2
 * recorded gatherings; never one who left the network or was refused (`statut` sorti, refuse).
 */
export function estSignale(presents: number, notees: number, seuil: number, statut?: string): boolean {
  if (statut !== undefined && (STATUTS_FINAUX as readonly string[]).includes(statut)) return false;
  if (notees < NOTEES_MIN_SIGNALEMENT) return false;
  return (presents / notees) * 100 < seuil;
}

/** Why attendance cannot be recorded for this gathering now, or null when it can. */
export function refusPresence(regroupement: { statut: string; debut: Date }, now: Date): string | null {
  if (regroupement.statut === "annule") return "Ce regroupement est annulé : on n'y note pas de présence.";
  if (now.getTime() < regroupement.debut.getTime()) return "La présence se note à partir du début du regroupement.";
  return null;
}

/** Changing the attendance of a gathering ended more than 30 days ago requires a reason (audited). */
export function motifRequis(regroupement: { fin: Date }, now: Date): boolean {
  return now.getTime() - regroupement.fin.getTime() > DELAI_PRESENCES_JOURS * JOUR;
}

export type Periode = { du: JourCivil; au: JourCivil };

/** The default period of the indicator: the last 12 months, today included. */
export function periodeParDefaut(now: Date): Periode {
  const au = jourParis(now);
  return { du: ajouterJours(ajouterMois(au, -12), 1), au };
}

/** The instants bounding a period: from midnight (Paris) of `du` to midnight after `au`. */
export function bornesPeriode(periode: Periode): { depuis: Date; avant: Date } {
  return { depuis: debutJourParis(periode.du), avant: debutJourParis(ajouterJours(periode.au, 1)) };
}
