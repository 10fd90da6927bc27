/**
 * What the annual report's and the financial report's documents share: their tables (`Tableau`)
 * written in Word (docx), PDF (pdfmake) and Excel (exceljs), the page set-up of each format and
 * pdfmake's locked-down setup. The libraries are loaded by the callers, on demand (`import()`):
 * the Word helpers take the loaded `docx` module.
 */
import path from "node:path";
import type { Paragraph, Table } from "docx";
import type { Worksheet } from "exceljs";
import { PETIT_EFFECTIF_LIBELLE } from "~/domain/confidentialite/petits-effectifs";
import { type Cellule, type FormatValeur, type Tableau, texteCellule } from "./rapport-annuel.contenu";

/** Printed under a table cut at `limite` rows in Word and PDF (the workbook has every row). */
function texteSuite(t: Tableau, limite: number): string {
  return `… et ${t.lignes.length - limite} autres : la liste complète est dans le classeur Excel du rapport.`;
}

const AUCUNE_DONNEE = "Aucune donnée pour l'année.";

// Word ---------------------------------------------------------------------------------------------

type Docx = typeof import("docx");
export type EnfantDocx = Paragraph | Table;

export function titreDocx(docx: Docx, texte: string, niveau: 1 | 2 | 3): Paragraph {
  const { HeadingLevel } = docx;
  return new docx.Paragraph({
    text: texte,
    heading: niveau === 1 ? HeadingLevel.HEADING_1 : niveau === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
  });
}

export function paragrapheDocx(docx: Docx, texte: string, options: { italique?: boolean } = {}): Paragraph {
  return new docx.Paragraph({
    children: [new docx.TextRun({ text: texte, italics: options.italique })],
    spacing: { after: 120 },
  });
}

/**
 * A table in Word: its title in bold, a real table with a repeated header row, numbers aligned
 * right, the total row in bold, its note under it; `limite` cuts it (the workbook has every row).
 */
export function tableauDocx(docx: Docx, t: Tableau, limite?: number): EnfantDocx[] {
  const { AlignmentType, TableCell, TableRow, TextRun, WidthType } = docx;
  const lignes = limite === undefined ? t.lignes : t.lignes.slice(0, limite);
  const cellule = (texte: string, gras: boolean, aDroite: boolean) =>
    new TableCell({
      children: [
        new docx.Paragraph({
          alignment: aDroite ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: texte, bold: gras })],
        }),
      ],
    });
  const enfants: EnfantDocx[] = [
    new docx.Paragraph({ children: [new TextRun({ text: t.titre, bold: true })], spacing: { before: 200, after: 80 } }),
  ];
  if (lignes.length === 0) {
    enfants.push(paragrapheDocx(docx, t.vide ?? AUCUNE_DONNEE));
    return enfants;
  }
  const derniere = t.lignes.length - 1;
  enfants.push(
    new docx.Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: t.colonnes.map((c) => cellule(c.titre, true, c.format !== "texte")),
        }),
        ...lignes.map(
          (ligne, n) =>
            new TableRow({
              children: t.colonnes.map((c, index) =>
                cellule(texteCellule(ligne[index], c.format), Boolean(t.total) && n === derniere, c.format !== "texte"),
              ),
            }),
        ),
      ],
    }),
  );
  if (limite !== undefined && t.lignes.length > limite) enfants.push(paragrapheDocx(docx, texteSuite(t, limite)));
  if (t.note) enfants.push(paragrapheDocx(docx, t.note, { italique: true }));
  return enfants;
}

/** A Word document: French, Liberation Sans, page numbers in the footer. */
export async function documentDocx(
  docx: Docx,
  options: { titre: string; description: string; enfants: EnfantDocx[] },
): Promise<Buffer> {
  const { AlignmentType, Document, Footer, Packer, PageNumber, TextRun } = docx;
  const document = new Document({
    creator: "Promeneurs du Net",
    title: options.titre,
    description: options.description,
    styles: { default: { document: { run: { font: "Liberation Sans", size: 21, language: { value: "fr-FR" } } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new docx.Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " sur ", PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children: options.enfants,
      },
    ],
  });
  return Packer.toBuffer(document);
}

// PDF ----------------------------------------------------------------------------------------------

export type NoeudPdf = Record<string, unknown> | string;

/**
 * pdfmake, set up once: the Roboto fonts bundled with it, no URL ever fetched, and no local file
 * read but those fonts (a document definition cannot make it read the disk or the network).
 */
export async function pdfmakePret() {
  const { default: pdfmake } = await import("pdfmake");
  const { default: roboto } = await import("pdfmake/fonts/Roboto.js");
  const dossierPolices = path.dirname(roboto.Roboto.normal);
  pdfmake.setFonts(roboto);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((chemin) => path.dirname(path.resolve(chemin)) === dossierPolices);
  return pdfmake;
}

/** A table in pdfmake: its title, a light table with a repeated header row, the total in bold, its note. */
export function tableauPdf(t: Tableau, limite?: number): NoeudPdf[] {
  const lignes = limite === undefined ? t.lignes : t.lignes.slice(0, limite);
  const noeuds: NoeudPdf[] = [{ text: t.titre, style: "titreTableau" }];
  if (lignes.length === 0) return [...noeuds, { text: t.vide ?? AUCUNE_DONNEE, margin: [0, 0, 0, 8] }];
  const aDroite = t.colonnes.map((c) => c.format !== "texte");
  const derniere = t.lignes.length - 1;
  noeuds.push({
    table: {
      headerRows: 1,
      widths: t.colonnes.map((_, i) => (i === 0 ? "*" : "auto")),
      body: [
        t.colonnes.map((c, i) => ({ text: c.titre, bold: true, alignment: aDroite[i] ? "right" : "left" })),
        ...lignes.map((ligne, n) =>
          t.colonnes.map((c, i) => ({
            text: texteCellule(ligne[i], c.format),
            alignment: aDroite[i] ? "right" : "left",
            ...(t.total && n === derniere ? { bold: true } : {}),
          })),
        ),
      ],
    },
    layout: "lightHorizontalLines",
    margin: [0, 0, 0, 8],
  });
  if (limite !== undefined && t.lignes.length > limite) {
    noeuds.push({ text: texteSuite(t, limite), margin: [0, 0, 0, 8] });
  }
  if (t.note) noeuds.push({ text: t.note, italics: true, margin: [0, 0, 0, 8] });
  return noeuds;
}

/** An A4 French document definition with the reports' styles and page numbers. */
export function definitionPdfA4(options: {
  titre: string;
  sujet: string;
  content: NoeudPdf[];
}): Record<string, unknown> {
  return {
    pageSize: "A4",
    pageMargins: [40, 50, 40, 50],
    language: "fr-FR",
    info: { title: options.titre, author: "Promeneurs du Net", subject: options.sujet },
    defaultStyle: { font: "Roboto", fontSize: 10 },
    styles: {
      titre: { fontSize: 20, bold: true, margin: [0, 0, 0, 8] },
      h1: { fontSize: 15, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 2] },
      titreTableau: { bold: true, margin: [0, 6, 0, 3] },
    },
    footer: (page: number, pages: number) => ({
      text: `Page ${page} sur ${pages}`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content: options.content,
  };
}

/**
 * Roboto, pdfmake's font, has no narrow no-break space (U+202F), the thousands separator of French
 * numbers (« 46 000,00 € »): pdfmake would draw its missing-glyph box. Every text of the
 * definition (charts' SVG included) gets a no-break space (U+00A0) instead, which Roboto has.
 */
export function espacesPourRoboto<T>(valeur: T): T {
  if (typeof valeur === "string") return valeur.replaceAll("\u202f", "\u00a0") as T;
  if (Array.isArray(valeur)) return valeur.map(espacesPourRoboto) as T;
  if (valeur !== null && typeof valeur === "object" && Object.getPrototypeOf(valeur) === Object.prototype) {
    return Object.fromEntries(Object.entries(valeur).map(([cle, v]) => [cle, espacesPourRoboto(v)])) as T;
  }
  return valeur;
}

/** Writes a pdfmake definition (`compress: false` lets the tests read its text). */
export async function pdfDeDefinition(definition: Record<string, unknown>, compress = true): Promise<Buffer> {
  const pdfmake = await pdfmakePret();
  return pdfmake.createPdf({ ...espacesPourRoboto(definition), compress }).getBuffer();
}

// Excel --------------------------------------------------------------------------------------------

/** Number formats of the cells; amounts are euros (the cells hold cents ÷ 100). */
export const FORMATS_EXCEL: Partial<Record<FormatValeur, string>> = {
  taux: "0.0%",
  decimal: "0.00",
  heures: "0.0",
  nombre: "#,##0",
  montant: '#,##0.00 "€"',
  ecart_montant: '+#,##0.00 "€";-#,##0.00 "€";0.00 "€"',
  pourcentage: "0.00%",
  ecart_pourcentage: "+0.00%;-0.00%;0.00%",
};

const FORMATS_MONTANT: ReadonlySet<FormatValeur> = new Set(["montant", "ecart_montant"]);

/** A sheet name Excel accepts: 31 characters at most, none of : \ / ? * [ ]. */
export function nomFeuille(nom: string): string {
  return nom
    .replace(/[:\\/?*[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 31);
}

/**
 * The value written in a cell: numbers stay numbers (rates as fractions, shown as percentages;
 * amounts in euros, from integer cents), a withheld count is the text « < 3 », an unknown value
 * (a missing actual amount) an empty cell.
 */
export function valeurExcel(valeur: Cellule | undefined, format: FormatValeur): string | number | null {
  if (valeur === undefined) return null;
  if (valeur === null) return format === "nombre" ? PETIT_EFFECTIF_LIBELLE : null;
  if (typeof valeur === "number" && FORMATS_MONTANT.has(format)) return valeur / 100;
  return valeur;
}

/** A table in a sheet: a blank row, its title, the header row, its rows in their number formats, its note. */
export function ecrireTableau(feuille: Worksheet, t: Tableau): void {
  feuille.addRow([]);
  feuille.addRow([t.titre]).font = { bold: true, size: 12 };
  feuille.addRow(t.colonnes.map((c) => c.titre)).font = { bold: true };
  if (t.lignes.length === 0) feuille.addRow([t.vide ?? AUCUNE_DONNEE]).font = { italic: true };
  for (const [n, ligne] of t.lignes.entries()) {
    const row = feuille.addRow(t.colonnes.map((c, i) => valeurExcel(ligne[i], c.format)));
    if (t.total && n === t.lignes.length - 1) row.font = { bold: true };
    t.colonnes.forEach((c, i) => {
      const format = FORMATS_EXCEL[c.format];
      const cell = row.getCell(i + 1);
      if (format && typeof cell.value === "number") cell.numFmt = format;
      if (typeof cell.value === "string" && c.format !== "texte") cell.alignment = { horizontal: "right" };
    });
  }
  if (t.note) feuille.addRow([t.note]).font = { italic: true };
}

/** A paragraph across the first `colonnes` columns of a sheet, wrapped. */
export function ecrireParagraphe(feuille: Worksheet, texte: string, colonnes = 6, largeur = 110): void {
  const row = feuille.addRow([texte]);
  row.alignment = { wrapText: true, vertical: "top" };
  feuille.mergeCells(row.number, 1, row.number, colonnes);
  row.height = Math.min(400, 15 * Math.ceil(texte.length / largeur));
}
