import { isStatutFinal, PROMENEUR_STATUTS } from "~/domain/promeneurs/promeneur.labels";
import { ajouterJours, comparerJours, instantParis, jourParis, jourSemaine } from "~/lib/jour";
import { sansAccents } from "~/lib/text";
import type { StatutProfil } from "./profil.labels";

/**
 * Promeneurs whose profiles the coordination follows: from acceptance until they leave (neither
 * proposed nor in a final status).
 */
export const STATUTS_PROMENEUR_SUIVIS = PROMENEUR_STATUTS.filter((s) => s !== "propose" && !isStatutFinal(s));

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
  return comparerJours(jourParis(profil.echeance), limite) <= 0 ? "echeance_proche" : null;
}

/**
 * Next Monday 07:00 Europe/Paris strictly after `now` (the weekly reminder). Computed on calendar
 * days, so DST changes play no part.
 */
export function prochainLundiSeptHeures(now: Date): Date {
  const aujourdhui = jourParis(now);
  const decalage = (1 - jourSemaine(aujourdhui) + 7) % 7;
  const candidat = instantParis(ajouterJours(aujourdhui, decalage), 7);
  if (candidat.getTime() > now.getTime()) return candidat;
  return instantParis(ajouterJours(aujourdhui, decalage + 7), 7);
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
