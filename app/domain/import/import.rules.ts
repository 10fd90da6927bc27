import { CsvError, parse } from "csv-parse/sync";
import { PROMENEUR_STATUTS, type PromeneurStatut, promeneurStatutLabels } from "~/domain/promeneurs/promeneur.labels";
import { MOTIF_MAX, STATUTS_FINAUX } from "~/domain/promeneurs/promeneur.rules";
import { proposerSchema } from "~/domain/promeneurs/promeneur.schema";
import { STRUCTURE_TYPES, type StructureType, structureTypeLabels } from "~/domain/structures/structure.labels";
import { foldNom } from "~/domain/structures/structure.rules";
import { charteSchema, structureSchema } from "~/domain/structures/structure.schema";
import { TIME_ZONE } from "~/lib/format";
import { normaliserRecherche, sansAccents } from "~/lib/text";
import type { z } from "~/lib/zod";
import {
  COLONNES,
  type ColonneImport,
  IMPORT_MAX_LIGNES,
  IMPORT_MAX_OCTETS,
  type ImportKind,
  importKindLabels,
  type PromeneurColonne,
  type StructureColonne,
} from "./import.columns";

/**
 * Reading and checking a CSV file of structures or promeneurs (pure: the database's answers come in
 * an `ImportReference`, the clock as `now`). Every problem is reported with the line number a
 * spreadsheet shows (header = 1, first data line = 2) and the column's header name, so that the
 * coordinator can fix the file in Excel or LibreOffice and send it again. Nothing here writes.
 *
 * A value the forms check is checked here by the very field of their schema (structure.schema.ts,
 * promeneur.schema.ts): the same rule, the same normalised value, the same message. The import
 * never creates a row that the edit form would then refuse.
 */

export type ImportErreur = {
  /** Spreadsheet line (header = 1); null for a problem with the whole file. */
  ligne: number | null;
  /** Header name of the column at fault; null when the whole line is. */
  colonne: string | null;
  /** French sentence, as shown to the coordinator. */
  message: string;
};

// ---------------------------------------------------------------------------------------------
// Decoding and parsing

export type Encodage = "utf-8" | "windows-1252" | "utf-16";
export type Separateur = ";" | "," | "\t";

/**
 * Text of the file: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), and
 * Windows-1252 when the bytes are not valid UTF-8 (Excel's "CSV (séparateur : point-virgule)").
 */
export function decodeCsv(bytes: Uint8Array): { texte: string; encodage: Encodage } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { texte: new TextDecoder("utf-16le").decode(bytes.subarray(2)).normalize("NFC"), encodage: "utf-16" };
  }
  const sansBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { texte: new TextDecoder("utf-8", { fatal: true }).decode(sansBom).normalize("NFC"), encodage: "utf-8" };
  } catch {
    return { texte: new TextDecoder("windows-1252").decode(sansBom).normalize("NFC"), encodage: "windows-1252" };
  }
}

/** The separator of the header line: the most frequent of `;`, `,` and tab outside quotes (`;` on a tie). */
export function detectSeparateur(texte: string): Separateur {
  const counts: Record<Separateur, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const char of texte) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char in counts) counts[char as Separateur] += 1;
  }
  const best = (Object.keys(counts) as Separateur[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ";");
  return best;
}

export type CsvLigne = { numero: number; valeurs: string[] };
export type CsvTable = { entetes: string[]; lignes: CsvLigne[]; encodage: Encodage; separateur: Separateur };

type Lecture = { ok: true; table: CsvTable } | { ok: false; erreurs: ImportErreur[] };

const CSV_ERREURS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "Un guillemet ouvert n'est jamais refermé : vérifiez les guillemets de cette ligne.",
  CSV_INVALID_CLOSING_QUOTE:
    "Un guillemet fermant est suivi d'autres caractères : doublez les guillemets à l'intérieur d'une valeur (\"\").",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    "Un guillemet fermant est suivi d'autres caractères : doublez les guillemets à l'intérieur d'une valeur (\"\").",
};

/** Decodes and splits the file into a header and numbered lines (blank lines keep their number but are dropped). */
export function readCsv(bytes: Uint8Array): Lecture {
  if (bytes.length === 0)
    return { ok: false, erreurs: [{ ligne: null, colonne: null, message: "Le fichier est vide." }] };
  if (bytes.length > IMPORT_MAX_OCTETS) {
    return {
      ok: false,
      erreurs: [
        {
          ligne: null,
          colonne: null,
          message: `Le fichier dépasse ${IMPORT_MAX_OCTETS / 1024 / 1024} Mo : découpez-le en plusieurs fichiers.`,
        },
      ],
    };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      ok: false,
      erreurs: [
        {
          ligne: null,
          colonne: null,
          message:
            "Ce fichier est un classeur Excel ou LibreOffice, pas un fichier CSV : enregistrez-le au format « CSV (séparateur : point-virgule) » et envoyez ce fichier-là.",
        },
      ],
    };
  }
  const { texte, encodage } = decodeCsv(bytes);
  const separateur = detectSeparateur(texte);
  let records: string[][];
  try {
    records = parse(texte, { delimiter: separateur, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (error instanceof CsvError) {
      const ligne = typeof (error as CsvError & { lines?: number }).lines === "number" ? error.lines : null;
      const message = CSV_ERREURS[error.code] ?? "Le fichier n'a pas pu être lu comme un fichier CSV.";
      return { ok: false, erreurs: [{ ligne: ligne ?? null, colonne: null, message }] };
    }
    throw error;
  }
  const [entetes, ...rest] = records;
  if (!entetes || entetes.every((h) => h.trim() === "")) {
    return { ok: false, erreurs: [{ ligne: null, colonne: null, message: "Le fichier est vide." }] };
  }
  const lignes = rest
    .map((valeurs, index) => ({ numero: index + 2, valeurs }))
    .filter((l) => l.valeurs.some((v) => v.trim() !== ""));
  return { ok: true, table: { entetes, lignes, encodage, separateur } };
}

// ---------------------------------------------------------------------------------------------
// Matching names

/** Header key: no case, accents or punctuation ("Code postal", "code_postal" and "CODE-POSTAL" match). */
function headerKey(value: string): string {
  return sansAccents(value).replace(/[^a-z0-9]/g, "");
}

type Entetes = { index: Map<string, number>; erreurs: ImportErreur[]; avertissements: string[] };

/** Finds each documented column in the header; a missing required column is one error naming it. */
export function matchEntetes(entetes: string[], kind: ImportKind): Entetes {
  const colonnes = COLONNES[kind];
  const byKey = new Map<string, ColonneImport>();
  for (const colonne of colonnes) {
    byKey.set(headerKey(colonne.nom), colonne);
    for (const alias of colonne.alias ?? []) byKey.set(headerKey(alias), colonne);
  }
  const index = new Map<string, number>();
  const erreurs: ImportErreur[] = [];
  const avertissements: string[] = [];
  entetes.forEach((raw, position) => {
    const header = raw.trim();
    if (header === "") return;
    const colonne = byKey.get(headerKey(header));
    if (!colonne) {
      avertissements.push(`La colonne « ${header} » n'est pas reconnue : elle est ignorée.`);
      return;
    }
    if (index.has(colonne.nom)) {
      erreurs.push({
        ligne: 1,
        colonne: colonne.nom,
        message: "Cette colonne figure deux fois dans la ligne d'en-tête : gardez-en une seule.",
      });
      return;
    }
    index.set(colonne.nom, position);
  });
  const manquantes = colonnes.filter((c) => c.requis && !index.has(c.nom));
  const autre: ImportKind = kind === "structures" ? "promeneurs" : "structures";
  const autreComplet = COLONNES[autre]
    .filter((c) => c.requis)
    .every((c) => entetes.some((h) => headerKey(h) === headerKey(c.nom)));
  for (const colonne of manquantes) {
    erreurs.push({
      ligne: 1,
      colonne: colonne.nom,
      message: `La colonne obligatoire « ${colonne.nom} » est absente de la ligne d'en-tête${
        autreComplet
          ? ` : ce fichier ressemble à un fichier de ${importKindLabels[autre].toLowerCase()}, vérifiez le type choisi`
          : ""
      }.`,
    });
  }
  return { index, erreurs, avertissements };
}

// ---------------------------------------------------------------------------------------------
// Values

const jourFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** "2025-03-20": the calendar day in Europe/Paris. */
export function jourParis(date: Date): string {
  const parts = Object.fromEntries(jourFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const offsetFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
});

/** Midnight of a calendar day in Europe/Paris, as an instant. */
export function minuitParis(jour: string): Date {
  const [y, m, d] = jour.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const parts = Object.fromEntries(offsetFormat.formatToParts(new Date(guess)).map((p) => [p.type, Number(p.value)]));
  const local = Date.UTC(parts.year ?? y, (parts.month ?? m) - 1, parts.day ?? d, parts.hour ?? 0, parts.minute ?? 0);
  return new Date(guess - (local - guess));
}

/** "JJ/MM/AAAA" (also J/M/AAAA) or "AAAA-MM-JJ" → "AAAA-MM-JJ", or null if it is no real date. */
export function parseJour(value: string): string | null {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [y, m, d] = fr ? [fr[3], fr[2], fr[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    return null;
  }
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** "2025-03-20" → "20/03/2025". */
export function jourFr(jour: string): string {
  const [y, m, d] = jour.split("-");
  return `${d}/${m}/${y}`;
}

/** A cell as exported with the anti-formula quote (`'=…`, `'+33…`) gets its real value back. */
function cleanCell(value: string | undefined): string {
  const trimmed = (value ?? "").trim();
  return /^'[=+\-@]/.test(trimmed) ? trimmed.slice(1) : trimmed;
}

const STRUCTURE_TYPE_KEYS = new Map<string, StructureType>(
  STRUCTURE_TYPES.flatMap((code) => [
    [normaliserRecherche(code), code],
    [normaliserRecherche(structureTypeLabels[code]), code],
  ]),
);

export function parseStructureType(value: string): StructureType | null {
  return STRUCTURE_TYPE_KEYS.get(normaliserRecherche(value)) ?? null;
}

const STATUT_KEYS = new Map<string, PromeneurStatut>(
  PROMENEUR_STATUTS.flatMap((code) => [
    [normaliserRecherche(code), code],
    [normaliserRecherche(promeneurStatutLabels[code]), code],
  ]),
);

export function parsePromeneurStatut(value: string): PromeneurStatut | null {
  return STATUT_KEYS.get(normaliserRecherche(value)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// What the database says

export type ImportReference = {
  departement: string;
  /** Communes of the département, with their postal codes (empty when unknown). */
  communes: readonly { code: string; nom: string; codesPostaux: readonly string[] }[];
  /** EPCI covering part of the département. */
  epci: readonly { siren: string; nom: string }[];
  /** Structures already in the département; `commune` is the name of their commune (public slugs). */
  structures: readonly { id: string; nom: string; statut: string; commune: string | null }[];
  /**
   * E-mails (lowercase) of the promeneurs of the whole network still in it (neither `sorti` nor
   * `refuse`): the database holds one such promeneur per address.
   */
  emailsPromeneurs: readonly string[];
};

type Resolu<T> = { ok: true; value: T } | { ok: false; message: string };

class Lookup {
  private readonly codes: Map<string, string>;
  private readonly noms = new Map<string, string[]>();

  constructor(
    entries: readonly { code: string; nom: string }[],
    private readonly quoi: { aucun: string; plusieurs: string; code: string },
  ) {
    this.codes = new Map(entries.map((e) => [e.code.toUpperCase(), e.code]));
    for (const entry of entries) {
      const key = normaliserRecherche(entry.nom);
      this.noms.set(key, [...(this.noms.get(key) ?? []), entry.code]);
    }
  }

  resolve(value: string, codeCandidates: string[]): Resolu<string> {
    for (const candidate of codeCandidates) {
      const code = this.codes.get(candidate.toUpperCase());
      if (code) return { ok: true, value: code };
    }
    const found = this.noms.get(normaliserRecherche(value)) ?? [];
    if (found.length === 1) return { ok: true, value: found[0] as string };
    if (found.length > 1) {
      return {
        ok: false,
        message: `${this.quoi.plusieurs} « ${value} » : indiquez ${this.quoi.code} (${found.join(" ou ")}).`,
      };
    }
    return { ok: false, message: `${this.quoi.aucun} « ${value} ».` };
  }
}

function communeLookup(ref: ImportReference) {
  const lookup = new Lookup(ref.communes, {
    aucun: `Aucune commune du département ${ref.departement} ne correspond à`,
    plusieurs: "Plusieurs communes du département s'appellent",
    code: "son code INSEE",
  });
  return (value: string): Resolu<string> => {
    // Excel drops the leading zero of "04070": take "4070" back.
    const candidates = /^\d{4}$/.test(value) ? [value, `0${value}`] : [value];
    const resolved = lookup.resolve(value, candidates);
    if (!resolved.ok && /^(\d{5}|2[AB]\d{3})$/i.test(value)) {
      return {
        ok: false,
        message: `La commune de code INSEE « ${value} » n'est pas dans le département ${ref.departement}.`,
      };
    }
    return resolved;
  };
}

function epciLookup(ref: ImportReference) {
  const lookup = new Lookup(
    ref.epci.map((e) => ({ code: e.siren, nom: e.nom })),
    {
      aucun: `Aucune intercommunalité du département ${ref.departement} ne correspond à`,
      plusieurs: "Plusieurs intercommunalités s'appellent",
      code: "son SIREN",
    },
  );
  return (value: string): Resolu<string> => lookup.resolve(value, [value.replace(/\s/g, "")]);
}

// ---------------------------------------------------------------------------------------------
// One line

const CELLULE_VIDE = "Cette colonne est obligatoire : la cellule est vide.";

class LigneLue<C extends string> {
  constructor(
    readonly numero: number,
    private readonly valeurs: string[],
    private readonly index: Map<string, number>,
    private readonly erreurs: ImportErreur[],
  ) {}

  erreur(colonne: C | null, message: string): void {
    this.erreurs.push({ ligne: this.numero, colonne, message });
  }

  get(colonne: C): string {
    const position = this.index.get(colonne);
    return position === undefined ? "" : cleanCell(this.valeurs[position]);
  }

  /** A cell the forms have no field for (a name to look up, a code): single spaces, at most `max` characters. */
  texte(colonne: C, { requis = false, max = 200 }: { requis?: boolean; max?: number } = {}): string | null {
    const value = this.get(colonne).replace(/\s+/g, " ");
    if (value === "") {
      if (requis) this.erreur(colonne, CELLULE_VIDE);
      return null;
    }
    const length = Array.from(value).length;
    if (length > max) {
      this.erreur(colonne, `Le texte dépasse ${max} caractères (il en compte ${length}).`);
      return null;
    }
    return value;
  }

  /**
   * A cell checked by a field of the forms' schema: the value it stores (a SIRET without spaces,
   * a phone number as "04 92 31 00 00", a lowercase e-mail, hours as a number), or null with the
   * field's own message.
   */
  champ<S extends z.ZodType>(colonne: C, schema: S, { requis = false } = {}): NonNullable<z.output<S>> | null {
    const value = this.get(colonne).replace(/\s+/g, " ");
    if (value === "") {
      if (requis) this.erreur(colonne, CELLULE_VIDE);
      return null;
    }
    const result = schema.safeParse(value);
    if (!result.success) {
      this.erreur(colonne, result.error.issues[0]?.message ?? "Cette valeur n'est pas acceptée.");
      return null;
    }
    return (result.data ?? null) as NonNullable<z.output<S>> | null;
  }

  /** A calendar day, never after today (Europe/Paris). */
  jour(colonne: C, today: string): string | null {
    const value = this.get(colonne);
    if (value === "") return null;
    const jour = parseJour(value);
    if (!jour) {
      this.erreur(colonne, `« ${value} » n'est pas une date valide : écrivez-la JJ/MM/AAAA ou AAAA-MM-JJ.`);
      return null;
    }
    if (jour > today) {
      this.erreur(colonne, `La date du ${jourFr(jour)} est dans le futur.`);
      return null;
    }
    return jour;
  }

  filled(colonne: C): boolean {
    return this.get(colonne) !== "";
  }
}

function checkLongueur(ligne: CsvLigne, entetes: string[], erreurs: ImportErreur[]): void {
  const extra = ligne.valeurs.slice(entetes.length);
  if (extra.some((v) => v.trim() !== "")) {
    erreurs.push({
      ligne: ligne.numero,
      colonne: null,
      message: `La ligne compte ${ligne.valeurs.length} valeurs pour ${entetes.length} colonnes d'en-tête : vérifiez les séparateurs et les guillemets.`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Structures

export type StructureImportee = {
  ligne: number;
  nom: string;
  type: StructureType;
  siret: string | null;
  adresse: string | null;
  codePostal: string | null;
  communeCode: string;
  telephone: string | null;
  email: string | null;
  charteSigneeLe: Date | null;
  charteSignataire: string | null;
  statut: "active" | "inactive";
};

const STRUCTURE_STATUTS = new Map<string, "active" | "inactive">([
  ["active", "active"],
  ["actif", "active"],
  ["inactive", "inactive"],
  ["inactif", "inactive"],
]);

const structureChamps = structureSchema.shape;

function validateStructures(
  table: CsvTable,
  index: Map<string, number>,
  ref: ImportReference,
  now: Date,
  erreurs: ImportErreur[],
): StructureImportee[] {
  const today = jourParis(now);
  const commune = communeLookup(ref);
  const communesByCode = new Map(ref.communes.map((c) => [c.code, c]));
  // Names compare as the database's unique index does (structures_nom_unique).
  const existantes = new Set(ref.structures.map((s) => foldNom(s.nom)));
  const vues = new Map<string, number>();
  const result: StructureImportee[] = [];
  for (const raw of table.lignes) {
    const before = erreurs.length;
    checkLongueur(raw, table.entetes, erreurs);
    const l = new LigneLue<StructureColonne>(raw.numero, raw.valeurs, index, erreurs);

    const nom = l.champ("nom", structureChamps.nom, { requis: true });
    if (nom) {
      const key = foldNom(nom);
      const first = vues.get(key);
      if (first !== undefined) l.erreur("nom", `La structure « ${nom} » figure déjà ligne ${first} de ce fichier.`);
      else vues.set(key, raw.numero);
      if (existantes.has(key)) {
        l.erreur(
          "nom",
          `Une structure « ${nom} » existe déjà dans le département ${ref.departement} : retirez cette ligne ou renommez la structure.`,
        );
      }
    }

    const typeValue = l.texte("type", { requis: true });
    const type = typeValue ? parseStructureType(typeValue) : null;
    if (typeValue && !type) {
      l.erreur("type", `Le type « ${typeValue} » n'est pas dans la liste des types de structure (voir les colonnes).`);
    }

    const siret = l.champ("siret", structureChamps.siret);
    const adresse = l.champ("adresse", structureChamps.adresse);
    // Excel drops the leading zero of "04000": take "4000" back.
    const codePostalValue = l.get("code_postal");
    const codePostal = /^\d{4}$/.test(codePostalValue)
      ? `0${codePostalValue}`
      : codePostalValue
        ? l.champ("code_postal", structureChamps.codePostal)
        : null;

    const communeValue = l.texte("commune", { requis: true });
    let communeCode: string | null = null;
    if (communeValue) {
      const resolved = commune(communeValue);
      if (resolved.ok) communeCode = resolved.value;
      else l.erreur("commune", resolved.message);
    }
    // The postal code must be one of the commune's, as the structure form checks it.
    const codesPostaux = communeCode ? (communesByCode.get(communeCode)?.codesPostaux ?? []) : [];
    if (codePostal && codesPostaux.length > 0 && !codesPostaux.includes(codePostal)) {
      const nomCommune = communesByCode.get(communeCode as string)?.nom;
      l.erreur("code_postal", `Ce code postal n'est pas celui de ${nomCommune} (${codesPostaux.join(", ")}).`);
    }

    const telephone = l.champ("telephone", structureChamps.telephone);
    const email = l.champ("email", structureChamps.email);
    const charte = l.jour("charte_signee_le", today);
    const charteSignataire = l.champ("charte_signataire", charteSchema.shape.signataire);

    const statutValue = l.texte("statut") ?? "active";
    const statut = STRUCTURE_STATUTS.get(normaliserRecherche(statutValue));
    if (!statut) l.erreur("statut", `Le statut « ${statutValue} » doit être « active » ou « inactive ».`);

    if (erreurs.length === before && nom && type && communeCode && statut) {
      result.push({
        ligne: raw.numero,
        nom,
        type,
        siret,
        adresse,
        codePostal,
        communeCode,
        telephone,
        email,
        charteSigneeLe: charte ? minuitParis(charte) : null,
        charteSignataire,
        statut,
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Promeneurs

export type PromeneurImporte = {
  ligne: number;
  prenom: string;
  nom: string;
  email: string;
  telephone: string | null;
  fonction: string;
  structureId: string;
  heuresHebdomadaires: number;
  statut: PromeneurStatut;
  nomPublic: string;
  /** The earliest date of the line (no date of the lifecycle may precede the proposal), or now. */
  proposeLe: Date;
  charteSigneeLe: Date | null;
  formationInitialeLe: Date | null;
  entreeLe: Date | null;
  sortieLe: Date | null;
  motifStatut: string | null;
  communes: string[];
  epci: string[];
};

type DateColonne = "charte_signee_le" | "formation_initiale_le" | "entree_le" | "sortie_le";

const DATE_QUOI: Record<DateColonne, string> = {
  charte_signee_le: "une date de signature de la charte",
  formation_initiale_le: "une date de formation initiale",
  entree_le: "une date d'entrée dans le dispositif",
  sortie_le: "une date de sortie",
};

/** Dates each status requires, and dates it cannot have (promeneur.rules.ts's lifecycle). */
const DATES_REQUISES: Record<PromeneurStatut, DateColonne[]> = {
  propose: [],
  refuse: [],
  accepte: [],
  forme: ["charte_signee_le", "formation_initiale_le"],
  actif: ["charte_signee_le", "formation_initiale_le", "entree_le"],
  suspendu: ["charte_signee_le", "formation_initiale_le", "entree_le"],
  sorti: ["sortie_le"],
};
const DATES_INTERDITES: Record<PromeneurStatut, DateColonne[]> = {
  propose: ["charte_signee_le", "formation_initiale_le", "entree_le", "sortie_le"],
  refuse: ["charte_signee_le", "formation_initiale_le", "entree_le", "sortie_le"],
  accepte: ["entree_le", "sortie_le"],
  forme: ["entree_le", "sortie_le"],
  actif: ["sortie_le"],
  suspendu: ["sortie_le"],
  sorti: [],
};

function checkStatutDates(
  l: LigneLue<PromeneurColonne>,
  statut: PromeneurStatut,
  dates: Record<DateColonne, string | null>,
): void {
  const label = promeneurStatutLabels[statut];
  for (const colonne of DATES_REQUISES[statut]) {
    if (!l.filled(colonne)) l.erreur(colonne, `Un promeneur « ${label} » doit avoir ${DATE_QUOI[colonne]}.`);
  }
  for (const colonne of DATES_INTERDITES[statut]) {
    if (l.filled(colonne)) {
      l.erreur(
        colonne,
        `Un promeneur « ${label} » ne peut pas avoir ${DATE_QUOI[colonne]} : videz la cellule ou corrigez le statut.`,
      );
    }
  }
  if (statut === "accepte" && l.filled("charte_signee_le") && l.filled("formation_initiale_le")) {
    l.erreur(
      "statut",
      "Un promeneur qui a signé la charte et suivi la formation initiale est « formé » (ou actif, suspendu, sorti), pas « accepté ».",
    );
  }
  const { entree_le: entree, sortie_le: sortie } = dates;
  if (entree) {
    for (const avant of ["charte_signee_le", "formation_initiale_le"] as const) {
      const date = dates[avant];
      if (date && date > entree) {
        l.erreur(
          "entree_le",
          `La date d'entrée (${jourFr(entree)}) ne peut pas précéder ${avant === "charte_signee_le" ? "la signature de la charte" : "la formation initiale"} (${jourFr(date)}).`,
        );
      }
    }
  }
  if (entree && sortie && sortie < entree) {
    l.erreur("sortie_le", `La date de sortie (${jourFr(sortie)}) ne peut pas précéder l'entrée (${jourFr(entree)}).`);
  }
}

function splitListe(value: string): string[] {
  return [
    ...new Set(
      value
        .split("|")
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

const promeneurChamps = proposerSchema.shape;

function validatePromeneurs(
  table: CsvTable,
  index: Map<string, number>,
  ref: ImportReference,
  now: Date,
  erreurs: ImportErreur[],
): PromeneurImporte[] {
  const today = jourParis(now);
  const commune = communeLookup(ref);
  const epci = epciLookup(ref);
  const structures = new Map(ref.structures.map((s) => [foldNom(s.nom), s]));
  const emailsExistants = new Set(ref.emailsPromeneurs.map((e) => e.toLowerCase()));
  const vus = new Map<string, number>();
  const result: PromeneurImporte[] = [];

  for (const raw of table.lignes) {
    const before = erreurs.length;
    checkLongueur(raw, table.entetes, erreurs);
    const l = new LigneLue<PromeneurColonne>(raw.numero, raw.valeurs, index, erreurs);
    // Read first: only a promeneur still in the network (neither left nor refused) holds an address.
    const statutLu = parsePromeneurStatut(l.get("statut"));
    const enCours = !statutLu || !STATUTS_FINAUX.includes(statutLu);

    const prenom = l.champ("prenom", promeneurChamps.prenom, { requis: true });
    const nom = l.champ("nom", promeneurChamps.nom, { requis: true });
    const email = l.champ("email", promeneurChamps.email, { requis: true });
    if (email && enCours) {
      const first = vus.get(email);
      if (first !== undefined) l.erreur("email", `L'adresse « ${email} » figure déjà ligne ${first} de ce fichier.`);
      else vus.set(email, raw.numero);
      if (emailsExistants.has(email)) {
        l.erreur("email", `L'adresse « ${email} » est déjà celle d'un promeneur du réseau.`);
      }
    }
    const telephone = l.champ("telephone", structureChamps.telephone);
    const fonction = l.champ("fonction", promeneurChamps.fonction, { requis: true });

    const structureNom = l.texte("structure", { requis: true });
    let structureId: string | null = null;
    if (structureNom) {
      const found = structures.get(foldNom(structureNom));
      if (!found) {
        l.erreur(
          "structure",
          `Aucune structure « ${structureNom} » dans le département ${ref.departement} : importez d'abord le fichier des structures ou corrigez le nom.`,
        );
      } else if (found.statut !== "active") {
        l.erreur(
          "structure",
          `La structure « ${found.nom} » est inactive : elle ne fait plus partie du réseau et ne peut pas employer de promeneur.`,
        );
      } else structureId = found.id;
    }

    const heures = l.champ("heures_hebdomadaires", promeneurChamps.heuresHebdomadaires, { requis: true });

    const statutValue = l.texte("statut", { requis: true, max: 30 });
    const statut = statutValue ? statutLu : null;
    if (statutValue && !statut) {
      l.erreur(
        "statut",
        `Le statut « ${statutValue} » n'existe pas : proposé, accepté, formé, actif, suspendu, sorti ou refusé.`,
      );
    }

    const nomPublic = l.champ("nom_public", promeneurChamps.nomPublic) ?? prenom;
    const dates: Record<DateColonne, string | null> = {
      charte_signee_le: l.jour("charte_signee_le", today),
      formation_initiale_le: l.jour("formation_initiale_le", today),
      entree_le: l.jour("entree_le", today),
      sortie_le: l.jour("sortie_le", today),
    };
    const motif = l.texte("motif", { max: MOTIF_MAX });
    if (statut) {
      checkStatutDates(l, statut, dates);
      if ((statut === "suspendu" || statut === "refuse") && !motif && l.get("motif") === "") {
        l.erreur(
          "motif",
          `Indiquez le motif : il est obligatoire pour un promeneur « ${promeneurStatutLabels[statut]} ».`,
        );
      }
    }

    const communes: string[] = [];
    for (const item of splitListe(l.get("communes"))) {
      const resolved = commune(item);
      if (resolved.ok) communes.push(resolved.value);
      else l.erreur("communes", resolved.message);
    }
    const epcis: string[] = [];
    for (const item of splitListe(l.get("epci"))) {
      const resolved = epci(item);
      if (resolved.ok) epcis.push(resolved.value);
      else l.erreur("epci", resolved.message);
    }

    if (
      erreurs.length === before &&
      prenom &&
      nom &&
      email &&
      fonction &&
      structureId &&
      heures !== null &&
      statut &&
      nomPublic
    ) {
      const known = Object.values(dates).filter((d): d is string => d !== null);
      const earliest = known.sort()[0];
      result.push({
        ligne: raw.numero,
        prenom,
        nom,
        email,
        telephone,
        fonction,
        structureId,
        heuresHebdomadaires: heures,
        statut,
        nomPublic,
        proposeLe: earliest ? minuitParis(earliest) : now,
        charteSigneeLe: dates.charte_signee_le ? minuitParis(dates.charte_signee_le) : null,
        formationInitialeLe: dates.formation_initiale_le ? minuitParis(dates.formation_initiale_le) : null,
        entreeLe: dates.entree_le ? minuitParis(dates.entree_le) : null,
        sortieLe: dates.sortie_le ? minuitParis(dates.sortie_le) : null,
        motifStatut: motif,
        communes: [...new Set(communes)],
        epci: [...new Set(epcis)],
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The whole file

type AnalyseBase = {
  /** Data lines in the file (blank lines excluded). */
  total: number;
  erreurs: ImportErreur[];
  avertissements: string[];
};

export type ImportAnalyse =
  | (AnalyseBase & { kind: "structures"; lignes: StructureImportee[] })
  | (AnalyseBase & { kind: "promeneurs"; lignes: PromeneurImporte[] });

/** Reads and checks a whole file; `lignes` holds the valid lines, `erreurs` every problem found. */
export function analyseImport(kind: ImportKind, bytes: Uint8Array, ref: ImportReference, now: Date): ImportAnalyse {
  const empty = (erreurs: ImportErreur[], avertissements: string[] = [], total = 0): ImportAnalyse =>
    kind === "structures"
      ? { kind, total, lignes: [], erreurs, avertissements }
      : { kind, total, lignes: [], erreurs, avertissements };

  const lecture = readCsv(bytes);
  if (!lecture.ok) return empty(lecture.erreurs);
  const { table } = lecture;
  const total = table.lignes.length;
  if (total === 0) {
    return empty([
      {
        ligne: null,
        colonne: null,
        message: "Le fichier ne contient que la ligne d'en-tête : aucune ligne à importer.",
      },
    ]);
  }
  if (total > IMPORT_MAX_LIGNES) {
    return empty(
      [
        {
          ligne: null,
          colonne: null,
          message: `Le fichier compte ${total} lignes de données : la limite est de ${IMPORT_MAX_LIGNES}, découpez-le en plusieurs fichiers.`,
        },
      ],
      [],
      total,
    );
  }
  const entetes = matchEntetes(table.entetes, kind);
  if (entetes.erreurs.length > 0) return empty(entetes.erreurs, entetes.avertissements, total);

  const erreurs: ImportErreur[] = [];
  if (kind === "structures") {
    const lignes = validateStructures(table, entetes.index, ref, now, erreurs);
    return { kind, total, lignes, erreurs, avertissements: entetes.avertissements };
  }
  const lignes = validatePromeneurs(table, entetes.index, ref, now, erreurs);
  return { kind, total, lignes, erreurs, avertissements: entetes.avertissements };
}
