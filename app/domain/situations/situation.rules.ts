/** Pure rules of a situation of concern (DESIGN §3, lists G and H). */
import type { PromeneurStatut } from "~/domain/promeneurs/promeneur.labels";
import type { SituationAction, SituationCategorie } from "./situation.labels";

/** The first day a situation may be dated: the platform holds nothing older (a typo otherwise). */
export const DATE_MIN = "2015-01-01";

/** The note's length, at most. */
export const NOTE_MAX = 500;

/**
 * The actions that address someone: when one of them is ticked, the type of partner alerted is
 * asked. An orientation goes to a professional or a service; an information préoccupante goes to
 * the CRIP (directly, or through the 119): saying which keeps the count of orientations honest.
 */
export const ACTIONS_AVEC_PARTENAIRE: readonly SituationAction[] = ["orientation", "information_preoccupante"];

export function partenaireRequis(actions: readonly string[]): boolean {
  return actions.some((a) => (ACTIONS_AVEC_PARTENAIRE as readonly string[]).includes(a));
}

/**
 * Whether the promeneur may still record or change situations: not once they have left the
 * scheme (`sorti`), nor when their proposal was refused (they never acted as a promeneur).
 */
export function peutSaisirSituations(statut: PromeneurStatut | string): boolean {
  return statut !== "sorti" && statut !== "refuse";
}

/**
 * The entries of the referral directory shown beside a situation of this category: those that
 * answer it, and the general ones (no category: the emergency numbers, a local service for every
 * situation). Without a category, the general ones only. Same rule as
 * `findNumerosPourDepartement(db, departement, { categories })`, for the browser to follow the
 * chosen radio without a round trip.
 */
export function numerosPourCategorie<T extends { categories: readonly string[] }>(
  numeros: readonly T[],
  categorie: SituationCategorie | null,
): T[] {
  return numeros.filter((n) => n.categories.length === 0 || (categorie !== null && n.categories.includes(categorie)));
}

/**
 * The local entry of the directory that is the CRIP of the Département (where an information
 * préoccupante goes), if the coordination entered it: a service of the département whose name
 * says CRIP or « informations préoccupantes ».
 */
export function trouverCrip<T extends { departement: string | null; nom: string }>(numeros: readonly T[]): T | null {
  return (
    numeros.find(
      (n) => n.departement !== null && (/\bCRIP\b/.test(n.nom) || /informations?\s+pr[ée]occupantes?/i.test(n.nom)),
    ) ?? null
  );
}

/** How many of `rows` fall in each value of `key`, every value of `valeurs` present (zero included). */
export function compterPar<K extends string, R extends Record<string, unknown>>(
  rows: readonly R[],
  key: keyof R,
  valeurs: readonly K[],
): Record<K, number> {
  const counts = Object.fromEntries(valeurs.map((v) => [v, 0])) as Record<K, number>;
  for (const row of rows) {
    const value = row[key] as K;
    if (value in counts) counts[value] += 1;
  }
  return counts;
}

/** The fields a change touches, by name only: the audit never keeps a situation's content. */
export function champsModifies<K extends string>(
  avant: Record<K, unknown>,
  apres: Record<K, unknown>,
  champs: readonly K[],
): K[] {
  const norm = (v: unknown) => (Array.isArray(v) ? JSON.stringify([...v].sort()) : (v ?? null));
  return champs.filter((c) => norm(avant[c]) !== norm(apres[c]));
}
