import fs from "node:fs/promises";
import path from "node:path";
import { communes, qpv } from "@db/schema";
import { type SQL, sql } from "drizzle-orm";
import { formatNumber } from "~/lib/format";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import {
  type ContourRow,
  type FrrRow,
  mergeTerritoireFiles,
  type ParsedTerritoireFile,
  parseTerritoireText,
  type QpvRow,
  type TerritoireData,
  TerritoireImportError,
  type TerritoireImportReport,
  unrecognisedReason,
} from "./territoire-import.rules";

export const IMPORT_ACTOR = { system: "import du territoire" } as const;
export const DEFAULT_FETCH_TIMEOUT_MS = 60_000;
const MAX_FILE_BYTES = 300 * 1024 * 1024;
const EXAMPLES = 5;

export type LoadedTerritoireFile = { source: string; parsed: ParsedTerritoireFile };
export type CollectedTerritoireFiles = {
  files: LoadedTerritoireFile[];
  ignored: { source: string; reason: string }[];
};

const isUrl = (value: string) => /^https?:\/\//i.test(value);

/** UTF-8, or Windows-1252 for a CSV saved by a French spreadsheet. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function fetchFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return `pas de réponse au bout de ${formatNumber(timeoutMs / 1000)} s`;
  }
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "serveur introuvable (pas d'accès à internet ?)";
    case "ECONNREFUSED":
      return "connexion refusée";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "connexion interrompue";
    case "UND_ERR_CONNECT_TIMEOUT":
      return "délai de connexion dépassé";
    default:
      return code ? `erreur réseau ${code}` : "erreur réseau";
  }
}

/** Downloads a file, with a timeout and French errors. */
export async function fetchTerritoireText(url: string, timeoutMs = DEFAULT_FETCH_TIMEOUT_MS): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      headers: { accept: "text/csv, application/geo+json, application/json;q=0.9, */*;q=0.5" },
    });
  } catch (error) {
    throw new TerritoireImportError(`Téléchargement impossible de ${url} : ${fetchFailure(error, timeoutMs)}.`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new TerritoireImportError(
      `Téléchargement impossible de ${url} : le serveur a répondu ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
    );
  }
  try {
    return decodeText(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    throw new TerritoireImportError(`Téléchargement interrompu de ${url} : ${fetchFailure(error, timeoutMs)}.`);
  }
}

async function readLocalFile(file: string): Promise<string> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_FILE_BYTES) {
      throw new TerritoireImportError(`${file} : fichier trop volumineux (plus de 300 Mo).`);
    }
    return decodeText(await fs.readFile(file));
  } catch (error) {
    if (error instanceof TerritoireImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EACCES" || code === "EPERM" ? "accès refusé" : (code ?? "erreur de lecture");
    throw new TerritoireImportError(`Fichier illisible : ${file} (${why}).`);
  }
}

/**
 * Reads the arguments of the command: folders (every file recognised by its content, the others
 * listed as ignored), files, and http(s) URLs (downloaded). A folder, file or URL that cannot be read,
 * a named file or URL that is not a territory file, and a malformed file all throw.
 */
export async function collectTerritoireFiles(
  args: string[],
  options: { timeoutMs?: number } = {},
): Promise<CollectedTerritoireFiles> {
  const result: CollectedTerritoireFiles = { files: [], ignored: [] };
  const named = (source: string, text: string) => {
    const parsed = parseTerritoireText(text, source);
    if (!parsed) {
      throw new TerritoireImportError(
        `${source} : contenu non reconnu (${unrecognisedReason(text) ?? "format inconnu"}) ; attendu : classement FRR ou liste des QPV en CSV, contours des communes en GeoJSON.`,
      );
    }
    result.files.push({ source, parsed });
  };
  for (const arg of args) {
    if (isUrl(arg)) {
      named(arg, await fetchTerritoireText(arg, options.timeoutMs));
      continue;
    }
    const target = path.resolve(arg);
    const stat = await fs.stat(target).catch(() => null);
    if (!stat) throw new TerritoireImportError(`Dossier ou fichier introuvable : ${arg}`);
    if (!stat.isDirectory()) {
      named(target, await readLocalFile(target));
      continue;
    }
    let entries: string[];
    try {
      entries = (await fs.readdir(target)).filter((name) => !name.startsWith(".")).sort();
    } catch {
      throw new TerritoireImportError(`Dossier illisible : ${arg}`);
    }
    for (const name of entries) {
      const file = path.join(target, name);
      const entry = await fs.stat(file).catch(() => null);
      if (!entry?.isFile()) continue;
      if (entry.size > MAX_FILE_BYTES) {
        result.ignored.push({ source: file, reason: "fichier trop volumineux" });
        continue;
      }
      const text = await readLocalFile(file);
      const parsed = parseTerritoireText(text, file);
      if (parsed) result.files.push({ source: file, parsed });
      else result.ignored.push({ source: file, reason: unrecognisedReason(text) ?? "format inconnu" });
    }
  }
  if (result.files.length === 0) {
    throw new TerritoireImportError(
      `Aucun fichier de territoire reconnu dans ${args.join(", ")} (attendu : classement FRR ou liste des QPV en CSV, contours des communes en GeoJSON).`,
    );
  }
  return result;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Known = Map<string, string>;

function splitKnown<T extends { code: string }>(rows: T[], known: Known, codeOf: (row: T) => string = (r) => r.code) {
  const kept: T[] = [];
  const unknown: string[] = [];
  for (const row of rows) {
    if (known.has(codeOf(row))) kept.push(row);
    else unknown.push(codeOf(row));
  }
  return { kept, unknown };
}

async function updateRows(tx: Executor, statement: SQL): Promise<number> {
  const result = await tx.execute(statement);
  return result.rows.length;
}

async function importFrr(tx: Executor, rows: FrrRow[], now: string): Promise<number> {
  let changed = 0;
  for (const chunk of chunks(rows, 1000)) {
    const values = sql.join(
      chunk.map(
        (r) =>
          sql`(${r.code}::text, ${r.frrStatut}::text, ${r.zrrStatut ?? null}::text, ${r.zrrStatut !== undefined}::boolean)`,
      ),
      sql`, `,
    );
    changed += await updateRows(
      tx,
      sql`update ${communes} as c
        set frr_statut = v.frr,
            zrr_statut = case when v.set_zrr then v.zrr else c.zrr_statut end,
            territoire_importe_le = ${now}::timestamptz
        from (values ${values}) as v(code, frr, zrr, set_zrr)
        where c.code = v.code
          and (c.frr_statut is distinct from v.frr or (v.set_zrr and c.zrr_statut is distinct from v.zrr))
        returning c.code`,
    );
  }
  return changed;
}

async function importContours(tx: Executor, rows: ContourRow[], now: string): Promise<number> {
  let changed = 0;
  for (const chunk of chunks(rows, 200)) {
    const values = sql.join(
      chunk.map((r) => sql`(${r.code}::text, ${JSON.stringify(r.geometry)}::jsonb)`),
      sql`, `,
    );
    changed += await updateRows(
      tx,
      sql`update ${communes} as c
        set contour = v.contour, territoire_importe_le = ${now}::timestamptz
        from (values ${values}) as v(code, contour)
        where c.code = v.code and c.contour is distinct from v.contour
        returning c.code`,
    );
  }
  return changed;
}

async function importQpv(tx: Executor, rows: QpvRow[], known: Known) {
  let added = 0;
  let updated = 0;
  for (const chunk of chunks(rows, 500)) {
    const written = await tx
      .insert(qpv)
      .values(
        chunk.map((r) => ({
          code: r.code,
          nom: r.nom,
          communeCode: r.communeCode,
          departement: known.get(r.communeCode) as string,
        })),
      )
      .onConflictDoUpdate({
        target: qpv.code,
        set: {
          nom: sql`excluded.nom`,
          communeCode: sql`excluded.commune_code`,
          departement: sql`excluded.departement`,
        },
        setWhere: sql`(${qpv.nom}, ${qpv.communeCode}, ${qpv.departement}) is distinct from (excluded.nom, excluded.commune_code, excluded.departement)`,
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const row of written) {
      if (row.inserted) added += 1;
      else updated += 1;
    }
  }
  return { added, updated };
}

/**
 * Writes the parsed files into the territory tables and one audit row, all in one transaction.
 * Rows whose commune is unknown are skipped and counted. Running it again with the same files
 * changes no row (only a new audit row is written).
 */
export async function importTerritoire(
  db: Database,
  data: TerritoireData,
  options: { now?: Date } = {},
): Promise<TerritoireImportReport> {
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    const known: Known = new Map(
      (await tx.select({ code: communes.code, departement: communes.departement }).from(communes)).map((c) => [
        c.code,
        c.departement,
      ]),
    );
    const touched = new Set<string>();
    const note = (codes: string[]) => {
      for (const code of codes) touched.add(known.get(code) as string);
    };
    const report: TerritoireImportReport = { departements: [] };

    if (data.frr) {
      const { kept, unknown } = splitKnown(data.frr, known);
      note(kept.map((r) => r.code));
      report.frr = {
        lignes: data.frr.length,
        frrPlus: kept.filter((r) => r.frrStatut === "frr_plus").length,
        frrSocle: kept.filter((r) => r.frrStatut === "frr_socle").length,
        nonClassees: kept.filter((r) => r.frrStatut === "non_classee").length,
        misesAJour: await importFrr(tx, kept, now),
        inconnues: unknown.length,
        exemplesInconnues: unknown.slice(0, EXAMPLES),
      };
    }
    if (data.qpv) {
      const { kept, unknown } = splitKnown(data.qpv, known, (r) => r.communeCode);
      note(kept.map((r) => r.communeCode));
      const { added, updated } = await importQpv(tx, kept, known);
      report.qpv = {
        lignes: data.qpv.length,
        ajoutes: added,
        modifies: updated,
        inconnues: unknown.length,
        exemplesInconnues: unknown.slice(0, EXAMPLES),
      };
    }
    if (data.contours) {
      const { kept, unknown } = splitKnown(data.contours, known);
      note(kept.map((r) => r.code));
      report.contours = {
        lignes: data.contours.length,
        misesAJour: await importContours(tx, kept, now),
        inconnues: unknown.length,
        exemplesInconnues: unknown.slice(0, EXAMPLES),
      };
    }
    report.departements = [...touched].sort();
    await recordAudit(tx, IMPORT_ACTOR, {
      action: "territoire.importer",
      entityType: "territoire",
      departement: report.departements.length === 1 ? report.departements[0] : null,
      changes: report,
    });
    return report;
  });
}

/** Reads the arguments, then imports: the whole run of the command, minus opening the database. */
export async function importTerritoireFiles(db: Database, files: LoadedTerritoireFile[], options: { now?: Date } = {}) {
  return importTerritoire(db, mergeTerritoireFiles(files), options);
}
