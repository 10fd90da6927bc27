import type { VueIndicateurs } from "~/domain/indicateurs/indicateurs.types";

/** The states of a generation of the annual report's documents. */
export const ETATS_GENERATION = ["en_attente", "en_cours", "terminee", "echec"] as const;
export type EtatGeneration = (typeof ETATS_GENERATION)[number];

export const etatGenerationLabels = {
  en_attente: "En attente",
  en_cours: "En cours",
  terminee: "Terminée",
  echec: "Échec",
} satisfies Record<EtatGeneration, string>;

export const FORMATS_RAPPORT = ["docx", "pdf", "xlsx"] as const;
export type FormatRapport = (typeof FORMATS_RAPPORT)[number];

export const formatRapportLabels = {
  docx: "Document Word (DOCX)",
  pdf: "Document PDF",
  xlsx: "Classeur Excel (XLSX)",
} satisfies Record<FormatRapport, string>;

export const typeMimeRapport = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} satisfies Record<FormatRapport, string>;

export const vueRapportLabels = {
  coordination: "Version de la coordination (avec les faits marquants, chiffres exacts)",
  agregee: "Version agrégée (comité de pilotage : sans faits marquants, petits effectifs masqués)",
} satisfies Record<VueIndicateurs, string>;

/** The steps of a generation, with the progress reached when each starts. */
export const ETAPES_GENERATION = {
  indicateurs: { progression: 5, libelle: "Calcul des indicateurs" },
  graphiques: { progression: 25, libelle: "Graphiques et carte" },
  docx: { progression: 45, libelle: "Document Word" },
  pdf: { progression: 65, libelle: "Document PDF" },
  xlsx: { progression: 80, libelle: "Classeur Excel" },
  enregistrement: { progression: 95, libelle: "Enregistrement des fichiers" },
} as const;
export type EtapeGeneration = keyof typeof ETAPES_GENERATION;

/** The file name of a generated document: « rapport-activite-04-2025.docx » (aggregate: « …-agrege »). */
export function nomFichierRapport(departement: string, annee: number, vue: VueIndicateurs, format: FormatRapport) {
  return `rapport-activite-${departement}-${annee}${vue === "agregee" ? "-agrege" : ""}.${format}`;
}
