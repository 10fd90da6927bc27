/**
 * The financial report's documents (issue 8): Word (docx), PDF (pdfmake) and Excel (exceljs),
 * written from `ContenuRapportFinancier` with the annual report's table writers. The same parts are
 * written on their own (`produireRapportFinancier`) and inside the annual report (« Bilan
 * financier »: its parts one heading level down, its own sheet in the workbook).
 */
import type { Workbook } from "exceljs";
import {
  definitionPdfA4,
  documentDocx,
  type EnfantDocx,
  ecrireParagraphe,
  ecrireTableau,
  type NoeudPdf,
  nomFeuille,
  paragrapheDocx,
  pdfDeDefinition,
  tableauDocx,
  tableauPdf,
  titreDocx,
} from "~/domain/rapport-annuel/documents.server";
import { formatDate } from "~/lib/format";
import type { ContenuRapportFinancier } from "./rapport-financier.contenu";
import type { FormatRapportFinancier } from "./rapport-financier.labels";

type Docx = typeof import("docx");

/** Word: the budget's status and the warnings, then each part under a heading of `niveau`. */
export function enfantsRapportFinancierDocx(docx: Docx, contenu: ContenuRapportFinancier, niveau: 1 | 2): EnfantDocx[] {
  const enfants: EnfantDocx[] = [
    paragrapheDocx(docx, contenu.sousTitre),
    ...contenu.avertissements.map((a) => paragrapheDocx(docx, a, { italique: true })),
  ];
  for (const partie of contenu.parties) {
    enfants.push(titreDocx(docx, partie.titre, niveau), ...partie.paragraphes.map((p) => paragrapheDocx(docx, p)));
    for (const t of partie.tableaux) enfants.push(...tableauDocx(docx, t));
  }
  return enfants;
}

/** The financial report as a Word document: its title, then its parts as level-1 headings. */
export async function docxRapportFinancier(contenu: ContenuRapportFinancier): Promise<Buffer> {
  const docx = await import("docx");
  return documentDocx(docx, {
    titre: contenu.titre,
    description: contenu.sousTitre,
    enfants: [
      new docx.Paragraph({ text: contenu.titre, heading: docx.HeadingLevel.TITLE }),
      paragrapheDocx(docx, `Généré le ${formatDate(contenu.genereLe)}.`),
      ...enfantsRapportFinancierDocx(docx, contenu, 1),
    ],
  });
}

/** PDF: the budget's status and the warnings, then each part under a heading of `niveau`. */
export function noeudsRapportFinancierPdf(contenu: ContenuRapportFinancier, niveau: 1 | 2): NoeudPdf[] {
  const noeuds: NoeudPdf[] = [
    { text: contenu.sousTitre, italics: true, margin: [0, 0, 0, 6] },
    ...contenu.avertissements.map((a) => ({ text: a, bold: true, margin: [0, 0, 0, 6] })),
  ];
  for (const partie of contenu.parties) {
    noeuds.push(
      { text: partie.titre, style: niveau === 1 ? "h1" : "h2" },
      ...partie.paragraphes.map((p) => ({ text: p, margin: [0, 0, 0, 6] })),
    );
    for (const t of partie.tableaux) noeuds.push(...tableauPdf(t));
  }
  return noeuds;
}

/** The financial report as a pdfmake document definition (exposed for tests). */
export function definitionPdfRapportFinancier(contenu: ContenuRapportFinancier): Record<string, unknown> {
  return definitionPdfA4({
    titre: contenu.titre,
    sujet: contenu.sousTitre,
    content: [
      { text: contenu.titre, style: "titre" },
      { text: `Généré le ${formatDate(contenu.genereLe)}.`, margin: [0, 0, 0, 4] },
      ...noeudsRapportFinancierPdf(contenu, 1),
    ],
  });
}

/** The financial report as a PDF: A4, French, page numbers (`compress: false` for the tests). */
export async function pdfRapportFinancier(
  contenu: ContenuRapportFinancier,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  return pdfDeDefinition(definitionPdfRapportFinancier(contenu), options.compress ?? true);
}

/** The sheet's name, in the financial report's workbook and in the annual report's. */
export const FEUILLE_RAPPORT_FINANCIER = "Bilan financier";

/**
 * Excel: one sheet with the report's title and status, then each part (its heading, its
 * paragraphs, its tables). Amounts are numbers in euros with a euro format, so a column's sum is
 * the budget's total; a missing actual amount is an empty cell.
 */
export function feuilleRapportFinancier(classeur: Workbook, contenu: ContenuRapportFinancier): void {
  const feuille = classeur.addWorksheet(nomFeuille(FEUILLE_RAPPORT_FINANCIER));
  const largeurs = [56, 18, 18, 18, 18, 60];
  largeurs.forEach((largeur, i) => {
    feuille.getColumn(i + 1).width = largeur;
  });
  const paragraphe = (texte: string) => ecrireParagraphe(feuille, texte, largeurs.length, 170);
  feuille.addRow([contenu.titre]).font = { bold: true, size: 14 };
  feuille.addRow([`Généré le ${formatDate(contenu.genereLe)}.`]);
  paragraphe(contenu.sousTitre);
  for (const a of contenu.avertissements) paragraphe(a);
  for (const partie of contenu.parties) {
    feuille.addRow([]);
    feuille.addRow([partie.titre]).font = { bold: true, size: 13 };
    for (const p of partie.paragraphes) paragraphe(p);
    for (const t of partie.tableaux) ecrireTableau(feuille, t);
  }
}

/** The financial report as a workbook of one sheet, « Bilan financier ». */
export async function xlsxRapportFinancier(contenu: ContenuRapportFinancier): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const classeur = new ExcelJS.Workbook();
  classeur.creator = "Promeneurs du Net";
  classeur.title = contenu.titre;
  classeur.created = contenu.genereLe;
  feuilleRapportFinancier(classeur, contenu);
  return Buffer.from(await classeur.xlsx.writeBuffer());
}

/** The financial report in one format, ready to download (`nomFichierRapportFinancier`, `typeMimeRapportFinancier`). */
export async function produireRapportFinancier(
  contenu: ContenuRapportFinancier,
  format: FormatRapportFinancier,
): Promise<Buffer> {
  switch (format) {
    case "docx":
      return docxRapportFinancier(contenu);
    case "pdf":
      return pdfRapportFinancier(contenu);
    case "xlsx":
      return xlsxRapportFinancier(contenu);
  }
}
