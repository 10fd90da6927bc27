import { promeneurs, promeneurTerritoires, structures } from "@db/schema";
import { stringify } from "csv-stringify/sync";
import { asc, eq, inArray } from "drizzle-orm";
import { type PromeneurStatut, promeneurStatutLabels } from "~/domain/promeneurs/promeneur.labels";
import { type StructureType, structureTypeLabels } from "~/domain/structures/structure.labels";
import { type AuditActor, recordAudit } from "~/server/audit.server";
import type { Executor } from "~/server/db.server";
import { COLONNES, entetes, type ImportKind, type PromeneurColonne, type StructureColonne } from "./import.columns";
import { jourFr, jourParis } from "./import.rules";

/**
 * Exports of the network with the very columns of the import (an export re-imports), and the two
 * templates. CSV: UTF-8 with BOM, `;` and CRLF, as Excel (French) expects. XLSX: exceljs, loaded
 * only when asked for (it costs about two seconds to import).
 */

export type ExportLigne = Record<string, string>;

function jour(date: Date | null): string {
  return date ? jourFr(jourParis(date)) : "";
}

export async function findStructuresExport(db: Executor, departement: string): Promise<ExportLigne[]> {
  const rows = await db
    .select()
    .from(structures)
    .where(eq(structures.departement, departement))
    .orderBy(asc(structures.nom));
  return rows.map(
    (s) =>
      ({
        nom: s.nom,
        type: structureTypeLabels[s.type as StructureType] ?? s.type,
        siret: s.siret ?? "",
        adresse: s.adresse ?? "",
        code_postal: s.codePostal ?? "",
        commune: s.communeCode ?? "",
        telephone: s.telephone ?? "",
        email: s.email ?? "",
        charte_signee_le: jour(s.charteSigneeLe),
        charte_signataire: s.charteSignataire ?? "",
        statut: s.statut,
      }) satisfies Record<StructureColonne, string>,
  );
}

export async function findPromeneursExport(db: Executor, departement: string): Promise<ExportLigne[]> {
  const rows = await db
    .select({ promeneur: promeneurs, structure: structures.nom })
    .from(promeneurs)
    .innerJoin(structures, eq(structures.id, promeneurs.structureId))
    .where(eq(promeneurs.departement, departement))
    .orderBy(asc(promeneurs.nom), asc(promeneurs.prenom));
  const ids = rows.map((r) => r.promeneur.id);
  const territoires = ids.length
    ? await db
        .select({
          promeneurId: promeneurTerritoires.promeneurId,
          communeCode: promeneurTerritoires.communeCode,
          epciSiren: promeneurTerritoires.epciSiren,
        })
        .from(promeneurTerritoires)
        .where(inArray(promeneurTerritoires.promeneurId, ids))
        .orderBy(asc(promeneurTerritoires.communeCode), asc(promeneurTerritoires.epciSiren))
    : [];
  const byPromeneur = new Map<string, { communes: string[]; epci: string[] }>();
  for (const t of territoires) {
    const entry = byPromeneur.get(t.promeneurId) ?? { communes: [], epci: [] };
    if (t.communeCode) entry.communes.push(t.communeCode);
    if (t.epciSiren) entry.epci.push(t.epciSiren);
    byPromeneur.set(t.promeneurId, entry);
  }
  return rows.map(({ promeneur: p, structure }) => {
    const territoire = byPromeneur.get(p.id);
    return {
      prenom: p.prenom,
      nom: p.nom,
      email: p.email,
      telephone: p.telephone ?? "",
      fonction: p.fonction,
      structure,
      heures_hebdomadaires: String(p.heuresHebdomadaires).replace(".", ","),
      statut: promeneurStatutLabels[p.statut as PromeneurStatut] ?? p.statut,
      nom_public: p.nomPublic,
      charte_signee_le: jour(p.charteSigneeLe),
      formation_initiale_le: jour(p.formationInitialeLe),
      entree_le: jour(p.entreeLe),
      sortie_le: jour(p.sortieLe),
      motif: p.motifStatut ?? "",
      communes: territoire?.communes.join("|") ?? "",
      epci: territoire?.epci.join("|") ?? "",
    } satisfies Record<PromeneurColonne, string>;
  });
}

/** The template: the header and one example line. */
export function modeleLignes(kind: ImportKind): ExportLigne[] {
  return [Object.fromEntries(COLONNES[kind].map((c) => [c.nom, c.exemple]))];
}

/**
 * A cell Excel would run as a formula (`=`, `+`, `-`, `@`) gets a leading apostrophe; the import
 * removes it again (OWASP "CSV injection").
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(kind: ImportKind, lignes: ExportLigne[]): string {
  return csvDe(entetes(kind), lignes);
}

/** A CSV of any columns (`header` names the keys of each line and is the first row), as `toCsv`. */
export function csvDe(header: readonly string[], lignes: ExportLigne[]): string {
  const body = stringify(
    lignes.map((l) => header.map((h) => neutralise(l[h] ?? ""))),
    { delimiter: ";", record_delimiter: "\r\n" },
  );
  return `\uFEFF${stringify([header], { delimiter: ";", record_delimiter: "\r\n" })}${body}`;
}

export async function toXlsx(
  kind: ImportKind,
  lignes: ExportLigne[],
  sheetName: string,
): Promise<Uint8Array<ArrayBuffer>> {
  return xlsxDe(entetes(kind), lignes, sheetName);
}

/** A workbook of any columns (`header` names the keys of each line and is the first row), as `toXlsx`. */
export async function xlsxDe(
  header: readonly string[],
  lignes: ExportLigne[],
  sheetName: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Promeneurs du Net";
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((h) => ({ header: h, key: h, width: Math.max(12, Math.min(40, h.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for (const ligne of lignes) {
    // Every value is written as text: codes keep their leading zero, nothing is read as a formula.
    sheet.addRow(header.map((h) => ligne[h] ?? ""));
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export type ExportFichier = {
  nom: string;
  contentType: string;
  contenu: string | Uint8Array<ArrayBuffer>;
  lignes: number;
};

async function fichier(
  kind: ImportKind,
  lignes: ExportLigne[],
  format: ExportFormat,
  baseName: string,
): Promise<ExportFichier> {
  const contenu = format === "csv" ? toCsv(kind, lignes) : await toXlsx(kind, lignes, baseName.slice(0, 31));
  return { nom: `${baseName}.${format}`, contentType: CONTENT_TYPES[format], contenu, lignes: lignes.length };
}

/** A file of any columns, as the lists' exports: `baseName.csv` or `baseName.xlsx`. */
export async function fichierTableau(
  header: readonly string[],
  lignes: ExportLigne[],
  format: ExportFormat,
  baseName: string,
): Promise<ExportFichier> {
  const contenu = format === "csv" ? csvDe(header, lignes) : await xlsxDe(header, lignes, baseName.slice(0, 31));
  return { nom: `${baseName}.${format}`, contentType: CONTENT_TYPES[format], contenu, lignes: lignes.length };
}

/** The template of a kind of file (no data: the header and one example line). */
export function exportModele(kind: ImportKind, format: ExportFormat): Promise<ExportFichier> {
  return fichier(kind, modeleLignes(kind), format, `modele-${kind}`);
}

/**
 * The structures or promeneurs of a département, dated in the file name
 * (`promeneurs-04-2026-11-29.csv`). Exporting personal data is written to the journal.
 */
export async function exportListe(
  ctx: { db: Executor; now: Date; requestId?: string },
  actor: AuditActor,
  departement: string,
  kind: ImportKind,
  format: ExportFormat,
): Promise<ExportFichier> {
  const lignes =
    kind === "structures"
      ? await findStructuresExport(ctx.db, departement)
      : await findPromeneursExport(ctx.db, departement);
  const result = await fichier(kind, lignes, format, `${kind}-${departement}-${jourParis(ctx.now)}`);
  await recordAudit(
    ctx.db,
    actor,
    {
      action: "reseau.exporter",
      entityType: "reseau",
      entityId: null,
      departement,
      changes: { kind, format, lignes: lignes.length },
    },
    ctx.requestId,
  );
  return result;
}
