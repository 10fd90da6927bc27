import { ajouterMois, debutJourParis, ecartJours, instantParis, type JourCivil, jourParis } from "~/lib/jour";
import type { RapportStatut } from "./rapport.labels";
import { ajouterMoisIso, echeanceDe, isEnRetard, type MoisIso, moisCourant } from "./rapport.workflow";

/**
 * The follow-up of monthly reports (pure): which months are late, who had to report for a month,
 * and when the reminders go out (the 1st and the 8th of the month after, 08:00 Europe/Paris).
 */

/** How far back the late list looks: the months whose deadline passed within the last 12 months. */
export const MOIS_SUIVIS = 12;

/** The months, most recent first, whose deadline (the 10th of the following month) has passed at `now`, within `MOIS_SUIVIS` months. */
export function moisEnRetard(now: Date, n = MOIS_SUIVIS): MoisIso[] {
  const courant = moisCourant(now);
  const mois: MoisIso[] = [];
  for (let k = 1; k <= n; k += 1) {
    const m = ajouterMoisIso(courant, -k);
    if (isEnRetard(m, now)) mois.push(m);
  }
  return mois;
}

function jourDuMois(mois: MoisIso): JourCivil {
  const [annee, m] = mois.split("-").map(Number) as [number, number];
  return { annee, mois: m, jour: 1 };
}

/**
 * Whether a promeneur had to report for `mois`: entered before the month's end and not left before
 * its start (Europe/Paris days). Without an entry date, they never entered the scheme.
 */
export function isActifPendant(promeneur: { entreeLe: Date | null; sortieLe: Date | null }, mois: MoisIso): boolean {
  if (!promeneur.entreeLe) return false;
  const debut = debutJourParis(jourDuMois(mois));
  const fin = debutJourParis(jourDuMois(ajouterMoisIso(mois, 1)));
  if (promeneur.entreeLe.getTime() >= fin.getTime()) return false;
  return promeneur.sortieLe === null || promeneur.sortieLe.getTime() >= debut.getTime();
}

/** Days since the deadline of `mois` at `now` (the 11th is 1 day late); 0 when not late. */
export function joursDeRetard(mois: MoisIso, now: Date): number {
  return Math.max(0, ecartJours(echeanceDe(mois), jourParis(now)));
}

/** What the coordination sees of a report that is due: `manquant` when none was started. */
export type EtatRetard = "manquant" | "brouillon" | "a_corriger";

export const etatRetardLabels = {
  manquant: "Non commencé",
  brouillon: "Brouillon",
  a_corriger: "À corriger",
} satisfies Record<EtatRetard, string>;

/** The state of a due report, or null when it was handed in (`soumis` or `valide`). */
export function etatRetard(statut: RapportStatut | null): EtatRetard | null {
  if (statut === null) return "manquant";
  if (statut === "brouillon" || statut === "a_corriger") return statut;
  return null;
}

/** The reminders' days of the month: the 1st (« à remettre avant le 10 ») and the 8th (« plus que 2 jours »). */
export const RANGS_RAPPEL = [1, 8] as const;
export type RangRappel = (typeof RANGS_RAPPEL)[number];
export const HEURE_RAPPEL = 8;

/** The next reminder occurrence strictly after `now`: the 1st or the 8th of a month at 08:00 Paris. */
export function prochainRappelRapport(now: Date): Date {
  const aujourdhui = jourParis(now);
  const premierDuMois = { annee: aujourdhui.annee, mois: aujourdhui.mois, jour: 1 };
  for (const premier of [premierDuMois, ajouterMois(premierDuMois, 1)]) {
    for (const rang of RANGS_RAPPEL) {
      const candidat = instantParis({ annee: premier.annee, mois: premier.mois, jour: rang }, HEURE_RAPPEL);
      if (candidat.getTime() > now.getTime()) return candidat;
    }
  }
  throw new Error("unreachable: the 1st of next month is always ahead");
}

/**
 * Which reminder is due at `now`, for which month: from the 1st at 08:00 the first one, from the
 * 8th at 08:00 the second one, of the previous month's report. A job running late (a restart) still
 * sends the one of the current period; before the 1st's 08:00, nothing.
 */
export function rappelDu(now: Date): { rang: RangRappel; mois: MoisIso } | null {
  const aujourdhui = jourParis(now);
  const mois = ajouterMoisIso(moisCourant(now), -1);
  const huit = instantParis({ ...aujourdhui, jour: 8 }, HEURE_RAPPEL);
  if (now.getTime() >= huit.getTime()) {
    // After the deadline the late list takes over: no reminder from the 11th.
    return aujourdhui.jour <= 10 ? { rang: 8, mois } : null;
  }
  const un = instantParis({ ...aujourdhui, jour: 1 }, HEURE_RAPPEL);
  return now.getTime() >= un.getTime() ? { rang: 1, mois } : null;
}
