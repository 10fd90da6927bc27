import type { VueIndicateurs } from "~/domain/indicateurs/indicateurs.types";
import type { EtatGeneration } from "./rapport-annuel.labels";

/**
 * The rules of the annual report's background generation (pure). A generation is asked for
 * (`en_attente`), taken by one worker which holds a lease (`en_cours`, `verrouJusqua`) and renews
 * it at each step, then ends `terminee` (three files) or `echec` (a French message). A worker that
 * crashed leaves its lease to expire: the scheduled job then takes the generation over.
 */

/** How long a worker holds a generation before another may take it over; renewed at each step. */
export const BAIL_GENERATION_MS = 3 * 60_000;

/** The first year a report can be asked for (the network's convention starts in 2025). */
export const PREMIERE_ANNEE_RAPPORT = 2024;

const TRANSITIONS: Record<EtatGeneration, readonly EtatGeneration[]> = {
  en_attente: ["en_cours"],
  // `en_cours` → `en_cours`: taken over after an expired lease.
  en_cours: ["en_cours", "terminee", "echec"],
  terminee: [],
  echec: [],
};

export function transitionPermise(de: EtatGeneration, vers: EtatGeneration): boolean {
  return TRANSITIONS[de].includes(vers);
}

export type GenerationBail = { etat: string; verrouJusqua: Date | null };

/**
 * Whether a worker may take this generation at `now`: waiting, or running under an expired lease
 * (its worker stopped). The commands' conditional UPDATE says the same in SQL.
 */
export function peutEtrePrise(generation: GenerationBail, now: Date): boolean {
  if (generation.etat === "en_attente") return true;
  if (generation.etat === "en_cours") {
    return generation.verrouJusqua === null || generation.verrouJusqua.getTime() < now.getTime();
  }
  return false;
}

/** Still being worked on (or about to be): the page refreshes itself while this holds. */
export function estEnCours(etat: string): boolean {
  return etat === "en_attente" || etat === "en_cours";
}

/** The end of a lease taken at `now`. */
export function finDeBail(now: Date): Date {
  return new Date(now.getTime() + BAIL_GENERATION_MS);
}

/**
 * Which version an actor's generation is: `coordination` when they prepare the report of that
 * département (its coordinator), `agregee` otherwise (steering committee, national team).
 */
export function vueDeGeneration(preparer: boolean): VueIndicateurs {
  return preparer ? "coordination" : "agregee";
}

/** The years offered on the page: from the first one to the current year, latest first. */
export function anneesProposees(anneeCourante: number): number[] {
  const annees: number[] = [];
  for (let a = anneeCourante; a >= PREMIERE_ANNEE_RAPPORT; a--) annees.push(a);
  return annees;
}

/** The year asked in `?annee=`, or the previous year before 1 April (the report is written then), else the current one. */
export function anneeDemandee(valeur: string | null, maintenant: { annee: number; mois: number }): number | null {
  if (valeur === null || valeur === "") return maintenant.mois <= 3 ? maintenant.annee - 1 : maintenant.annee;
  if (!/^\d{4}$/.test(valeur)) return null;
  const annee = Number(valeur);
  if (annee < PREMIERE_ANNEE_RAPPORT || annee > maintenant.annee) return null;
  return annee;
}

/**
 * The highlights kept, in the order of the year's list (month order): the ids chosen that are
 * still among the year's highlights. Anything else is dropped (a report sent back since).
 */
export function faitsMarquantsRetenus(disponibles: readonly { id: string }[], choisis: readonly string[]): string[] {
  const voulus = new Set(choisis);
  return disponibles.filter((f) => voulus.has(f.id)).map((f) => f.id);
}

/** A count as the documents show it: `null` (withheld) reads « < 3 ». */
export function effectifVisible(nombre: number | null, vue: VueIndicateurs): number | null {
  if (nombre === null) return null;
  if (vue === "agregee" && nombre > 0 && nombre < 3) return null;
  return nombre;
}
