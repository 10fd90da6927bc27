import { type Info, parse } from "csv-parse/sync";
import { formatNumber, plural } from "~/lib/format";

/**
 * Pure rules of the territory import (`npm run territoire:import`): recognise a file by its content,
 * parse each of the three formats into typed rows, refuse a malformed file with a French message.
 * Formats: ../shared/data/territoire-04/SOURCES.md.
 */

export type TerritoireFileKind = "frr" | "qpv" | "contours";

export const kindLabels = {
  frr: "classement FRR/ZRR des communes",
  qpv: "quartiers prioritaires (QPV)",
  contours: "contours des communes",
} satisfies Record<TerritoireFileKind, string>;

export type FrrStatut = "frr_plus" | "frr_socle" | "non_classee";
export type ZrrStatut = "C" | "M" | "A" | "NC";

export type FrrRow = {
  code: string;
  frrStatut: FrrStatut;
  /** ZRR status before July 2024; undefined when the file has no ZRR column (the stored value is kept). */
  zrrStatut?: ZrrStatut | null;
};
export type QpvRow = { code: string; nom: string; communeCode: string };

export type Position = [number, number];
export type PolygonGeometry = { type: "Polygon"; coordinates: Position[][] };
export type MultiPolygonGeometry = { type: "MultiPolygon"; coordinates: Position[][][] };
export type ContourGeometry = PolygonGeometry | MultiPolygonGeometry;
export type ContourRow = { code: string; geometry: ContourGeometry };

export type ParsedTerritoireFile =
  | { kind: "frr"; rows: FrrRow[] }
  | { kind: "qpv"; rows: QpvRow[] }
  | { kind: "contours"; rows: ContourRow[] };

/** A file that cannot be imported; the message is French and names the file and the line. */
export class TerritoireImportError extends Error {
  override name = "TerritoireImportError";
}

const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/;
const QPV_CODE = /^Q[A-Z0-9]{6,9}$/;

/** "Code INSEE" → "code_insee", "statut_frr_dgcl_juillet_2025" unchanged. */
export function normalizeHeader(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const COMMUNE_COLUMNS = ["code_insee", "codgeo", "insee_com", "code_commune", "code_insee_commune", "com"];
const QPV_COMMUNE_COLUMNS = ["code_insee_commune", "insee_com", "code_insee", "codgeo", "code_commune"];

function findColumn(headers: string[], names: string[], prefix?: string): number {
  for (const name of names) {
    const index = headers.indexOf(name);
    if (index >= 0) return index;
  }
  return prefix ? headers.findIndex((h) => h.startsWith(prefix)) : -1;
}

const frrColumn = (headers: string[]) => findColumn(headers, ["statut_frr_dgcl_juillet_2025"], "statut_frr");
const zrrColumn = (headers: string[]) => findColumn(headers, ["zrr_simp_cog2021"], "zrr_simp");
const qpvCodeColumn = (headers: string[]) => findColumn(headers, ["code_qpv", "code_qp"]);

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function looksLikeJson(text: string): boolean {
  const start = text.trimStart()[0];
  return start === "{" || start === "[";
}

/** `;` (French spreadsheets) or `,`, whichever the header line uses more. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf("\n")) || text.length);
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

function csvHeaders(text: string): string[] | null {
  try {
    const [first] = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      to_line: 1,
      relax_quotes: true,
    }) as string[][];
    return first ? first.map(normalizeHeader) : null;
  } catch {
    return null;
  }
}

type Detected = { kind: TerritoireFileKind; json?: unknown } | { kind: null; reason: string };

function detect(raw: string): Detected {
  const text = stripBom(raw);
  if (text.trim() === "") return { kind: null, reason: "fichier vide" };
  if (looksLikeJson(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: null, reason: "JSON illisible" };
    }
    const type = (json as { type?: unknown } | null)?.type;
    if (type === "FeatureCollection") return { kind: "contours", json };
    return { kind: null, reason: "JSON qui n'est pas une FeatureCollection GeoJSON" };
  }
  const headers = csvHeaders(text);
  if (!headers || headers.length < 2) return { kind: null, reason: "ni CSV ni GeoJSON" };
  if (qpvCodeColumn(headers) >= 0) return { kind: "qpv" };
  if (frrColumn(headers) >= 0) return { kind: "frr" };
  return { kind: null, reason: "CSV sans colonne statut_frr… ni code_qpv" };
}

/** The kind of a file from its content (CSV header columns, GeoJSON type), or null. */
export function detectKind(text: string): TerritoireFileKind | null {
  return detect(text).kind;
}

/** Why a text is not a territory file, for the « ignoré » line of the command. */
export function unrecognisedReason(text: string): string | null {
  const detected = detect(text);
  return detected.kind ? null : detected.reason;
}

const csvErrorLabels: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "guillemet non fermé",
  CSV_INVALID_CLOSING_QUOTE: "guillemet mal placé",
  INVALID_OPENING_QUOTE: "guillemet mal placé",
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "nombre de colonnes différent de l'en-tête",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "caractère inattendu après un guillemet",
};

/** Header (normalised) and records of a CSV text, with their line numbers (header = line 1). */
function readCsv(raw: string, source: string): { headers: string[]; records: { line: number; cells: string[] }[] } {
  const text = stripBom(raw);
  // With `info: true` each record comes with its line number (the typings do not follow the option).
  let rows: { record: string[]; info: Info }[];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      trim: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: Info }[];
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    const what = (code && csvErrorLabels[code]) ?? "format CSV incorrect";
    throw new TerritoireImportError(`${source} : CSV illisible${lines ? ` à la ligne ${lines}` : ""} (${what}).`);
  }
  const [header, ...body] = rows;
  if (!header) throw new TerritoireImportError(`${source} : le fichier est vide.`);
  if (body.length === 0) throw new TerritoireImportError(`${source} : aucune ligne de données après l'en-tête.`);
  return {
    headers: header.record.map(normalizeHeader),
    records: body.map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}

function checkInseeCode(value: string, where: string): string {
  if (INSEE_CODE.test(value)) return value;
  if (/^\d{4}$/.test(value)) {
    throw new TerritoireImportError(
      `${where} : code INSEE « ${value} » invalide (5 caractères attendus : le 0 initial a-t-il été perdu par un tableur ?).`,
    );
  }
  throw new TerritoireImportError(
    `${where} : code INSEE « ${value} » invalide (5 caractères attendus, par exemple 04070).`,
  );
}

function missingColumn(source: string, name: string): TerritoireImportError {
  return new TerritoireImportError(`${source} : colonne « ${name} » introuvable dans l'en-tête.`);
}

/** `FRR+` → frr_plus, `FRR socle` → frr_socle, anything else (empty included) → non_classee. */
export function frrStatutOf(value: string): FrrStatut {
  const v = value.trim().toLowerCase().replace(/\s+/g, " ");
  if (v === "frr+" || v === "frr +") return "frr_plus";
  if (v === "frr socle") return "frr_socle";
  return "non_classee";
}

/** `C - Classée en ZRR` → C, `NC - Commune non classée` → NC; M and A likewise; anything else → null. */
export function zrrStatutOf(value: string): ZrrStatut | null {
  const match = /^\s*(NC|C|M|A)(?![\p{L}\p{N}])/u.exec(value);
  return match ? (match[1] as ZrrStatut) : null;
}

export function parseFrrCsv(text: string, source = "fichier FRR"): FrrRow[] {
  const { headers, records } = readCsv(text, source);
  const codeIndex = findColumn(headers, COMMUNE_COLUMNS);
  const frrIndex = frrColumn(headers);
  const zrrIndex = zrrColumn(headers);
  if (codeIndex < 0) throw missingColumn(source, "code_insee");
  if (frrIndex < 0) throw missingColumn(source, "statut_frr_dgcl_juillet_2025");
  const seen = new Set<string>();
  return records.map(({ line, cells }) => {
    const where = `${source}, ligne ${line}`;
    const code = checkInseeCode(cells[codeIndex] ?? "", where);
    if (seen.has(code)) throw new TerritoireImportError(`${where} : la commune ${code} figure deux fois.`);
    seen.add(code);
    const row: FrrRow = { code, frrStatut: frrStatutOf(cells[frrIndex] ?? "") };
    if (zrrIndex >= 0) row.zrrStatut = zrrStatutOf(cells[zrrIndex] ?? "");
    return row;
  });
}

export function parseQpvCsv(text: string, source = "fichier QPV"): QpvRow[] {
  const { headers, records } = readCsv(text, source);
  const codeIndex = qpvCodeColumn(headers);
  const nomIndex = findColumn(headers, ["nom_qpv", "lib_qp", "nom_qp", "libelle_qpv"]);
  const communeIndex = findColumn(headers, QPV_COMMUNE_COLUMNS);
  if (codeIndex < 0) throw missingColumn(source, "code_qpv");
  if (nomIndex < 0) throw missingColumn(source, "nom_qpv");
  if (communeIndex < 0) throw missingColumn(source, "code_insee_commune");
  const seen = new Set<string>();
  return records.map(({ line, cells }) => {
    const where = `${source}, ligne ${line}`;
    const code = (cells[codeIndex] ?? "").toUpperCase();
    if (!QPV_CODE.test(code)) {
      throw new TerritoireImportError(
        `${where} : code QPV « ${cells[codeIndex] ?? ""} » invalide (par exemple QN00401M).`,
      );
    }
    if (seen.has(code)) throw new TerritoireImportError(`${where} : le quartier ${code} figure deux fois.`);
    seen.add(code);
    const nom = (cells[nomIndex] ?? "").replace(/\s+/g, " ");
    if (!nom) throw new TerritoireImportError(`${where} : le nom du quartier ${code} est vide.`);
    return { code, nom, communeCode: checkInseeCode(cells[communeIndex] ?? "", where) };
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function checkRing(ring: unknown, where: string): Position[] {
  if (!Array.isArray(ring) || ring.length < 4) {
    throw new TerritoireImportError(`${where} : anneau de polygone invalide (au moins 4 points attendus).`);
  }
  for (const point of ring) {
    if (
      !Array.isArray(point) ||
      point.length < 2 ||
      typeof point[0] !== "number" ||
      typeof point[1] !== "number" ||
      !Number.isFinite(point[0]) ||
      !Number.isFinite(point[1])
    ) {
      throw new TerritoireImportError(`${where} : coordonnée invalide (deux nombres attendus).`);
    }
    if (Math.abs(point[0]) > 180 || Math.abs(point[1]) > 90) {
      throw new TerritoireImportError(
        `${where} : coordonnée [${point[0]}, ${point[1]}] hors des limites WGS84 (longitude, latitude en degrés attendues).`,
      );
    }
  }
  return ring as Position[];
}

function checkPolygon(polygon: unknown, where: string): Position[][] {
  if (!Array.isArray(polygon) || polygon.length === 0) {
    throw new TerritoireImportError(`${where} : polygone vide.`);
  }
  return polygon.map((ring) => checkRing(ring, where));
}

function checkGeometry(geometry: unknown, where: string): ContourGeometry {
  if (!isRecord(geometry)) throw new TerritoireImportError(`${where} : géométrie absente.`);
  if (geometry.type === "Polygon") {
    return { type: "Polygon", coordinates: checkPolygon(geometry.coordinates, where) };
  }
  if (geometry.type === "MultiPolygon") {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      throw new TerritoireImportError(`${where} : multipolygone vide.`);
    }
    return { type: "MultiPolygon", coordinates: geometry.coordinates.map((p) => checkPolygon(p, where)) };
  }
  throw new TerritoireImportError(
    `${where} : géométrie de type « ${String(geometry.type)} » (Polygon ou MultiPolygon attendu).`,
  );
}

/** Features of a GeoJSON FeatureCollection whose property `code` is the INSEE code; names are ignored. */
export function parseContoursGeoJson(text: string | unknown, source = "fichier GeoJSON"): ContourRow[] {
  let json: unknown = text;
  if (typeof text === "string") {
    try {
      json = JSON.parse(stripBom(text));
    } catch {
      throw new TerritoireImportError(`${source} : JSON illisible (fichier tronqué ou mal formé).`);
    }
  }
  if (!isRecord(json) || json.type !== "FeatureCollection") {
    throw new TerritoireImportError(`${source} : une FeatureCollection GeoJSON est attendue.`);
  }
  if (!Array.isArray(json.features) || json.features.length === 0) {
    throw new TerritoireImportError(`${source} : la FeatureCollection ne contient aucune entité.`);
  }
  const seen = new Set<string>();
  return json.features.map((feature: unknown, index: number) => {
    let where = `${source}, entité n° ${index + 1}`;
    if (!isRecord(feature) || feature.type !== "Feature") {
      throw new TerritoireImportError(`${where} : une entité GeoJSON (« Feature ») est attendue.`);
    }
    const properties = isRecord(feature.properties) ? feature.properties : {};
    const rawCode = properties.code ?? properties.INSEE_COM ?? properties.insee_com;
    if (typeof rawCode !== "string" && typeof rawCode !== "number") {
      throw new TerritoireImportError(`${where} : propriété « code » (code INSEE de la commune) absente.`);
    }
    const code = checkInseeCode(String(rawCode), where);
    where = `${where} (${code})`;
    if (seen.has(code)) throw new TerritoireImportError(`${where} : la commune ${code} figure deux fois.`);
    seen.add(code);
    return { code, geometry: checkGeometry(feature.geometry, where) };
  });
}

/**
 * Recognises and parses one file. Returns null for a file that is not a territory file (the caller
 * ignores it in a folder, refuses it when named); throws for a recognised file with bad content.
 */
export function parseTerritoireText(text: string, source: string): ParsedTerritoireFile | null {
  const detected = detect(text);
  switch (detected.kind) {
    case "frr":
      return { kind: "frr", rows: parseFrrCsv(text, source) };
    case "qpv":
      return { kind: "qpv", rows: parseQpvCsv(text, source) };
    case "contours":
      return { kind: "contours", rows: parseContoursGeoJson(detected.json, source) };
    default:
      if (detected.reason === "JSON illisible") {
        throw new TerritoireImportError(`${source} : JSON illisible (fichier tronqué ou mal formé).`);
      }
      return null;
  }
}

/** Rows of every file, grouped by kind; a commune or QPV found in two files of one kind is refused. */
export type TerritoireData = { frr?: FrrRow[]; qpv?: QpvRow[]; contours?: ContourRow[] };

export function mergeTerritoireFiles(files: { source: string; parsed: ParsedTerritoireFile }[]): TerritoireData {
  const data: TerritoireData = {};
  const origin = {
    frr: new Map<string, string>(),
    qpv: new Map<string, string>(),
    contours: new Map<string, string>(),
  };
  for (const { source, parsed } of files) {
    for (const row of parsed.rows) {
      const other = origin[parsed.kind].get(row.code);
      if (other) {
        throw new TerritoireImportError(
          `${row.code} figure dans deux fichiers de ${kindLabels[parsed.kind]} (${other} et ${source}).`,
        );
      }
      origin[parsed.kind].set(row.code, source);
    }
    if (parsed.kind === "frr") data.frr = [...(data.frr ?? []), ...parsed.rows];
    else if (parsed.kind === "qpv") data.qpv = [...(data.qpv ?? []), ...parsed.rows];
    else data.contours = [...(data.contours ?? []), ...parsed.rows];
  }
  return data;
}

export function describeFile(parsed: ParsedTerritoireFile): string {
  const n = parsed.rows.length;
  switch (parsed.kind) {
    case "frr":
      return `${kindLabels.frr}, ${plural(n, "commune")}`;
    case "qpv":
      return `${kindLabels.qpv}, ${plural(n, "quartier")}`;
    case "contours":
      return `${kindLabels.contours}, ${plural(n, "commune")}`;
  }
}

/** What an import did, as counts (also the audit row's `changes`). */
export type TerritoireImportReport = {
  frr?: {
    lignes: number;
    frrPlus: number;
    frrSocle: number;
    nonClassees: number;
    misesAJour: number;
    inconnues: number;
    exemplesInconnues: string[];
  };
  qpv?: { lignes: number; ajoutes: number; modifies: number; inconnues: number; exemplesInconnues: string[] };
  contours?: { lignes: number; misesAJour: number; inconnues: number; exemplesInconnues: string[] };
  departements: string[];
};

function unknownLine(what: string, count: number, examples: string[]): string | null {
  if (count === 0) return null;
  const more = count > examples.length ? ", …" : "";
  return `Attention : ${plural(count, "code de commune inconnu", "codes de commune inconnus")} dans ${what}, ${count > 1 ? "lignes ignorées" : "ligne ignorée"} (${examples.join(", ")}${more}).`;
}

/** French lines printed by the command after an import. */
export function describeReport(report: TerritoireImportReport): string[] {
  const lines: string[] = [];
  const { frr, qpv, contours } = report;
  if (frr) {
    lines.push(
      `Classement FRR/ZRR : ${plural(frr.lignes - frr.inconnues, "commune")} (${formatNumber(frr.frrPlus)} FRR+, ${formatNumber(frr.frrSocle)} FRR socle, ${plural(frr.nonClassees, "non classée", "non classées")}), ${plural(frr.misesAJour, "mise à jour", "mises à jour")}.`,
    );
    const warning = unknownLine("le classement FRR", frr.inconnues, frr.exemplesInconnues);
    if (warning) lines.push(warning);
  }
  if (qpv) {
    lines.push(
      `Quartiers prioritaires : ${plural(qpv.lignes - qpv.inconnues, "QPV", "QPV")}, ${plural(qpv.ajoutes, "ajouté")}, ${plural(qpv.modifies, "modifié")}.`,
    );
    const warning = unknownLine("la liste des QPV", qpv.inconnues, qpv.exemplesInconnues);
    if (warning) lines.push(warning);
  }
  if (contours) {
    lines.push(
      `Contours des communes : ${plural(contours.lignes - contours.inconnues, "commune")}, ${plural(contours.misesAJour, "mise à jour", "mises à jour")}.`,
    );
    const warning = unknownLine("les contours", contours.inconnues, contours.exemplesInconnues);
    if (warning) lines.push(warning);
  }
  if (report.departements.length > 0) {
    lines.push(
      `${report.departements.length > 1 ? "Départements concernés" : "Département concerné"} : ${report.departements.join(", ")}.`,
    );
  }
  return lines;
}
