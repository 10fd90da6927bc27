/**
 * The two CSV files that bring an existing network into the platform, column by column. The same
 * constants drive the validation (import.rules.ts), the exports (export.server.ts: an export
 * re-imports) and the documentation table of the import page. Pure: no dependency, safe in the
 * browser bundle.
 */

export const IMPORT_KINDS = ["structures", "promeneurs"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const importKindLabels = {
  structures: "Structures",
  promeneurs: "Promeneurs",
} satisfies Record<ImportKind, string>;

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === "string" && (IMPORT_KINDS as readonly string[]).includes(value);
}

/** At most this many data lines (header excluded) and this many bytes per file. */
export const IMPORT_MAX_LIGNES = 5_000;
export const IMPORT_MAX_OCTETS = 2 * 1024 * 1024;

export type ColonneImport = {
  /** The header name, as written in the templates and exports. */
  nom: string;
  requis: boolean;
  /** What the cell holds, for a person (French). */
  format: string;
  exemple: string;
  /** Other header names accepted for this column (compared without case, accents or punctuation). */
  alias?: readonly string[];
};

const DATE_FORMAT = "Date JJ/MM/AAAA ou AAAA-MM-JJ, pas dans le futur";

export const STRUCTURE_COLONNES = [
  {
    nom: "nom",
    requis: true,
    format: "Nom de la structure, unique dans le département",
    exemple: "Centre social La Marelle",
  },
  {
    nom: "type",
    requis: true,
    format: "Type de structure (liste A) : son code ou son libellé, par exemple « Centre social » ou « centre_social »",
    exemple: "Centre social",
  },
  {
    nom: "siret",
    requis: false,
    format: "14 chiffres (espaces acceptés), clé de contrôle vérifiée",
    exemple: "123 456 789 00015",
  },
  { nom: "adresse", requis: false, format: "Numéro et voie", exemple: "12 rue des Écoles" },
  {
    nom: "code_postal",
    requis: false,
    format: "5 chiffres, l'un des codes postaux de la commune",
    exemple: "04000",
    alias: ["cp"],
  },
  {
    nom: "commune",
    requis: true,
    format:
      "Code INSEE de la commune (5 caractères) ou son nom exact, dans le département ; si deux communes portent le même nom, le code INSEE",
    exemple: "04070",
    alias: ["code_insee"],
  },
  {
    nom: "telephone",
    requis: false,
    format: "Numéro français à 10 chiffres ou +33",
    exemple: "04 92 00 00 00",
    alias: ["tel"],
  },
  {
    nom: "email",
    requis: false,
    format: "Adresse e-mail de contact",
    exemple: "contact@lamarelle.fr",
    alias: ["courriel", "mail"],
  },
  {
    nom: "charte_signee_le",
    requis: false,
    format: `Signature de la charte employeur : ${DATE_FORMAT}`,
    exemple: "15/01/2024",
  },
  {
    nom: "charte_signataire",
    requis: false,
    format: "Prénom, nom et fonction du signataire",
    exemple: "Marie Durand, directrice",
  },
  { nom: "statut", requis: false, format: "« active » (par défaut) ou « inactive »", exemple: "active" },
] as const satisfies readonly ColonneImport[];

export const PROMENEUR_COLONNES = [
  { nom: "prenom", requis: true, format: "Prénom", exemple: "Léa" },
  { nom: "nom", requis: true, format: "Nom de famille (interne, jamais publié)", exemple: "Martin" },
  {
    nom: "email",
    requis: true,
    format:
      "Adresse e-mail professionnelle ; une adresse n'est qu'à un seul promeneur du réseau (hors promeneurs sortis ou refusés)",
    exemple: "lea.martin@lamarelle.fr",
    alias: ["courriel", "mail"],
  },
  {
    nom: "telephone",
    requis: false,
    format: "Numéro français à 10 chiffres ou +33",
    exemple: "06 12 34 56 78",
    alias: ["tel"],
  },
  { nom: "fonction", requis: true, format: "Fonction dans la structure", exemple: "Animatrice jeunesse" },
  {
    nom: "structure",
    requis: true,
    format:
      "Nom exact d'une structure active déjà enregistrée dans le département (importez d'abord le fichier des structures)",
    exemple: "Centre social La Marelle",
  },
  {
    nom: "heures_hebdomadaires",
    requis: true,
    format: "Heures par semaine consacrées à la mission, de 0,5 à 35 par demi-heures (virgule ou point)",
    exemple: "4,5",
    alias: ["heures"],
  },
  {
    nom: "statut",
    requis: true,
    format: "proposé, accepté, formé, actif, suspendu, sorti ou refusé (avec ou sans accents)",
    exemple: "actif",
  },
  {
    nom: "nom_public",
    requis: false,
    format: "Nom affiché sur le site public (par défaut le prénom)",
    exemple: "Léa, animatrice à Digne",
  },
  {
    nom: "charte_signee_le",
    requis: false,
    format: `Signature de la charte du promeneur : ${DATE_FORMAT}`,
    exemple: "01/02/2024",
  },
  {
    nom: "formation_initiale_le",
    requis: false,
    format: `Formation initiale suivie : ${DATE_FORMAT}`,
    exemple: "15/02/2024",
  },
  {
    nom: "entree_le",
    requis: false,
    format: `Entrée dans le dispositif (activation) : ${DATE_FORMAT}`,
    exemple: "01/03/2024",
  },
  { nom: "sortie_le", requis: false, format: `Sortie du dispositif : ${DATE_FORMAT}`, exemple: "" },
  {
    nom: "motif",
    requis: false,
    format: "Motif de la suspension (obligatoire si suspendu), du refus (obligatoire si refusé) ou de la sortie",
    exemple: "",
  },
  {
    nom: "communes",
    requis: false,
    format: "Communes du territoire d'intervention : codes INSEE ou noms, séparés par « | »",
    exemple: "04070|Mézel",
  },
  {
    nom: "epci",
    requis: false,
    format: "Intercommunalités entières du territoire : SIREN ou noms, séparés par « | »",
    exemple: "",
  },
] as const satisfies readonly ColonneImport[];

export type StructureColonne = (typeof STRUCTURE_COLONNES)[number]["nom"];
export type PromeneurColonne = (typeof PROMENEUR_COLONNES)[number]["nom"];

export const COLONNES: Record<ImportKind, readonly ColonneImport[]> = {
  structures: STRUCTURE_COLONNES,
  promeneurs: PROMENEUR_COLONNES,
};

/** Header names in file order, for templates and exports. */
export function entetes(kind: ImportKind): string[] {
  return COLONNES[kind].map((c) => c.nom);
}
