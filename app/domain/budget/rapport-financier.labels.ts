/**
 * The financial report's words and files (issue 8): the rules' names, the prorating's states, the
 * formats it is downloaded in (the annual report's three), its file names and MIME types.
 */
import { FORMATS_RAPPORT, type FormatRapport, typeMimeRapport } from "~/domain/rapport-annuel/rapport-annuel.labels";
import type { Regle } from "./budget.rules";

/** The call's funding rules as the financial report names them (their figures are in the message). */
export const regleLabels = {
  part_caf: "Part de la CAF (80\u00a0% du budget au plus)",
  plafond_msa: "Part de la MSA (2\u00a0500\u00a0€ par an au plus)",
  equilibre: "Équilibre des charges et des produits",
  temps_coordination: "Temps du coordinateur (0,5\u00a0ETP)",
  subvention_constante: "Subvention identique sur les deux années de la convention",
} satisfies Record<Regle, string>;

/**
 * Where the prorating of the subsidy stands: not computable yet (an actual charge is missing), not
 * needed (actual charges at or above the planned ones), computed but not confirmed by the
 * coordination, confirmed, or confirmed on figures that changed since.
 */
export type StatutProratisation = "en_attente" | "sans_proratisation" | "non_confirmee" | "confirmee" | "a_reconfirmer";

export const statutProratisationLabels = {
  en_attente: "En attente des montants réalisés",
  sans_proratisation: "Pas de proratisation",
  non_confirmee: "Proratisation non confirmée",
  confirmee: "Proratisation confirmée",
  a_reconfirmer: "Proratisation à confirmer de nouveau",
} satisfies Record<StatutProratisation, string>;

/** The financial report is downloaded in the annual report's three formats. */
export const FORMATS_RAPPORT_FINANCIER = FORMATS_RAPPORT;
export type FormatRapportFinancier = FormatRapport;

/** Whether a route's `:format` is one the financial report is written in. */
export function estFormatRapportFinancier(format: string | undefined): format is FormatRapportFinancier {
  return (FORMATS_RAPPORT_FINANCIER as readonly string[]).includes(format ?? "");
}

/** « bilan-financier-04-2025.pdf ». */
export function nomFichierRapportFinancier(departement: string, annee: number, format: FormatRapportFinancier) {
  return `bilan-financier-${departement}-${annee}.${format}`;
}

/** The MIME type a download of the financial report is served with. */
export function typeMimeRapportFinancier(format: FormatRapportFinancier): string {
  return typeMimeRapport[format];
}
