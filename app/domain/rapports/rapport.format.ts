import { RESEAUX, reseauLabels } from "~/domain/profils/profil.labels";
import { THEMES, themeLabels } from "~/domain/promeneurs/theme.labels";
import {
  CANAUX,
  canalLabels,
  PARTENAIRES,
  PUBLICATIONS,
  partenaireLabels,
  publicationLabels,
  type Rubrique,
  TRANCHES_AGE,
  trancheAgeLabels,
} from "./rapport.labels";

/**
 * The codes each breakdown of a report accepts, in the order they are shown and exported, with
 * their French labels (age bands, lists D, E, F, B, partner types). Pure: components and exports
 * read it alike.
 */
export const codesDeRubrique: Record<Rubrique, readonly string[]> = {
  age_nouveaux: TRANCHES_AGE,
  age_file: TRANCHES_AGE,
  canal: CANAUX,
  theme: THEMES,
  publication: PUBLICATIONS,
  orientation: PARTENAIRES,
  reseau: RESEAUX,
};

const labelsDeRubrique: Record<Rubrique, Record<string, string>> = {
  age_nouveaux: trancheAgeLabels,
  age_file: trancheAgeLabels,
  canal: canalLabels,
  theme: themeLabels,
  publication: publicationLabels,
  orientation: partenaireLabels,
  reseau: reseauLabels,
};

/** The French label of a breakdown's code (the code itself for one no list knows, e.g. imported history). */
export function libelleCode(rubrique: Rubrique, code: string): string {
  return labelsDeRubrique[rubrique][code] ?? code;
}

const moisFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });

/** `"2026-03-01"` → `"mars 2026"` (the month as a person reads it). */
export function libelleMois(mois: string): string {
  return moisFormat.format(new Date(`${mois.slice(0, 7)}-01T00:00:00Z`));
}

/** `"2026-03-01"` → `"2026-03"`, the month as it appears in addresses (/espace/mes-rapports/2026-03). */
export function moisUrl(mois: string): string {
  return mois.slice(0, 7);
}
