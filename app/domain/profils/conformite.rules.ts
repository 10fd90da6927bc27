import { TIME_ZONE } from "~/lib/format";
import { sansAccents } from "~/lib/text";
import type { StatutProfil } from "./profil.labels";
import { debutJourParis, type JourCivil, jourParis } from "./profil.rules";

/** Promeneurs whose profiles the coordination follows: from acceptance until they leave. */
export const STATUTS_PROMENEUR_SUIVIS = ["accepte", "forme", "actif", "suspendu"] as const;

/** How far ahead the conformity page and the weekly reminder look for profiles falling due. */
export const HORIZON_PAGE_JOURS = 30;
export const HORIZON_RAPPEL_JOURS = 14;

/** Bounds of the département's verification delay, in months. */
export const DELAI_MIN_MOIS = 1;
export const DELAI_MAX_MOIS = 24;

/** Where a profile stands on the coordinator's list: overdue, failing, due soon, or nothing to do. */
export type CategorieSuivi = "a_verifier" | "non_conforme" | "echeance_proche";

export const categorieSuiviLabels = {
  a_verifier: "À vérifier (jamais vérifié ou vérification trop ancienne)",
  non_conforme: "Non conformes",
  echeance_proche: "Vérification à renouveler bientôt",
} satisfies Record<CategorieSuivi, string>;

/** The calendar day `jours` days after `jour` (negative goes back). */
export function ajouterJours(jour: JourCivil, jours: number): JourCivil {
  const d = new Date(Date.UTC(jour.annee, jour.mois - 1, jour.jour + jours));
  return { annee: d.getUTCFullYear(), mois: d.getUTCMonth() + 1, jour: d.getUTCDate() };
}

function cleJour(jour: JourCivil): number {
  return jour.annee * 10_000 + jour.mois * 100 + jour.jour;
}

/**
 * The category of a profile at `now`: its status first (`a_verifier`, `non_conforme`), then, for a
 * conforming profile, whether its last valid day (`echeance`, see `prochaineEcheance`) falls within
 * the next `horizonJours` days, today included. `null`: nothing to do.
 */
export function categorieSuivi(
  profil: { statut: StatutProfil; echeance: Date | null },
  now: Date,
  horizonJours: number,
): CategorieSuivi | null {
  if (profil.statut === "a_verifier") return "a_verifier";
  if (profil.statut === "non_conforme") return "non_conforme";
  if (!profil.echeance) return "a_verifier";
  const limite = ajouterJours(jourParis(now), horizonJours);
  return cleJour(jourParis(profil.echeance)) <= cleJour(limite) ? "echeance_proche" : null;
}

const HEURE_PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

function minutesParis(instant: Date): number {
  let heure = 0;
  let minute = 0;
  for (const part of HEURE_PARIS.formatToParts(instant)) {
    if (part.type === "hour") heure = Number(part.value);
    if (part.type === "minute") minute = Number(part.value);
  }
  return heure * 60 + minute;
}

/**
 * The instant of `heure:minute` Europe/Paris on a calendar day. Starts from midnight Paris and
 * corrects by the difference the wall clock shows, so a day with a DST change lands on the right
 * hour. Not meant for a time inside the spring gap (02:00–03:00 on the last Sunday of March).
 */
export function instantParis(jour: JourCivil, heure: number, minute = 0): Date {
  const minuit = debutJourParis(jour).getTime();
  const voulu = heure * 60 + minute;
  let essai = minuit + voulu * 60_000;
  const ecart = voulu - minutesParis(new Date(essai));
  essai += ecart * 60_000;
  return new Date(essai);
}

/** ISO day of the week (1 = Monday … 7 = Sunday) of a calendar day. */
export function jourSemaine(jour: JourCivil): number {
  const d = new Date(Date.UTC(jour.annee, jour.mois - 1, jour.jour)).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The first occurrence strictly after `now` of weekday `jourIso` at `heure`:00 Europe/Paris
 * (the weekly reminder: Monday 07:00). Computed on calendar days, so DST changes play no part.
 */
export function prochaineOccurrenceHebdo(now: Date, jourIso: number, heure: number): Date {
  const aujourdhui = jourParis(now);
  const decalage = (jourIso - jourSemaine(aujourdhui) + 7) % 7;
  const candidat = instantParis(ajouterJours(aujourdhui, decalage), heure);
  if (candidat.getTime() > now.getTime()) return candidat;
  return instantParis(ajouterJours(aujourdhui, decalage + 7), heure);
}

/** Next Monday 07:00 Europe/Paris strictly after `now`. */
export function prochainLundiSeptHeures(now: Date): Date {
  return prochaineOccurrenceHebdo(now, 1, 7);
}

/**
 * A code for a check the coordinator adds: its label without accents, lower-case, words joined by
 * `_` (40 characters at most), and a number when the code is taken.
 */
export function codeControle(libelle: string, existants: readonly string[]): string {
  const base =
    sansAccents(libelle)
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40)
      .replace(/_+$/g, "") || "controle";
  const pris = new Set(existants);
  if (!pris.has(base)) return base;
  for (let n = 2; ; n++) {
    const code = `${base}_${n}`;
    if (!pris.has(code)) return code;
  }
}

/**
 * The list of ids after moving `id` one place up or down; unchanged when it is already at that end
 * or absent.
 */
export function deplacer<T>(ids: readonly T[], id: T, sens: "monter" | "descendre"): T[] {
  const liste = [...ids];
  const i = liste.indexOf(id);
  const j = sens === "monter" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= liste.length) return liste;
  [liste[i], liste[j]] = [liste[j] as T, liste[i] as T];
  return liste;
}
