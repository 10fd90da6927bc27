import { PETIT_EFFECTIF_LIBELLE } from "~/domain/confidentialite/petits-effectifs";
import { definitionsIndicateurs } from "~/domain/indicateurs/indicateurs.definitions";
import { CODES_INDICATEURS } from "~/domain/indicateurs/indicateurs.types";
import { formatDate } from "~/lib/format";
import type { Cellule, ContenuRapportAnnuel, FormatValeur, Tableau } from "./rapport-annuel.contenu";

const FORMATS_EXCEL: Partial<Record<FormatValeur, string>> = {
  taux: "0.0%",
  decimal: "0.00",
  heures: "0.0",
  nombre: "#,##0",
};

/** A sheet name Excel accepts: 31 characters at most, none of : \ / ? * [ ]. */
export function nomFeuille(nom: string): string {
  return nom
    .replace(/[:\\/?*[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 31);
}

/**
 * The value written in a cell: numbers stay numbers (rates as fractions, shown as percentages),
 * a withheld count is the text « < 3 », an unknown value an empty cell.
 */
export function valeurExcel(valeur: Cellule | undefined, format: FormatValeur): string | number | null {
  if (valeur === undefined) return null;
  if (valeur === null) return format === "nombre" ? PETIT_EFFECTIF_LIBELLE : null;
  return valeur;
}

/**
 * The annual report as a workbook (exceljs): one sheet per indicator — its definition in the first
 * rows, then the year's figures and each breakdown (months and categories as rows), the same values
 * as the dashboard — plus the gatherings, the communication actions, the uncovered communes, the
 * highlights (coordination version) and a « Définitions » sheet.
 */
export async function xlsxRapportAnnuel(contenu: ContenuRapportAnnuel): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const classeur = new ExcelJS.Workbook();
  classeur.creator = "Promeneurs du Net";
  classeur.title = contenu.titre;
  classeur.created = contenu.genereLe;
  type Feuille = ReturnType<typeof classeur.addWorksheet>;

  const ecrireTableau = (feuille: Feuille, t: Tableau) => {
    feuille.addRow([]);
    feuille.addRow([t.titre]).font = { bold: true, size: 12 };
    feuille.addRow(t.colonnes.map((c) => c.titre)).font = { bold: true };
    for (const ligne of t.lignes) {
      const row = feuille.addRow(t.colonnes.map((c, i) => valeurExcel(ligne[i], c.format)));
      t.colonnes.forEach((c, i) => {
        const format = FORMATS_EXCEL[c.format];
        const cell = row.getCell(i + 1);
        if (format && typeof cell.value === "number") cell.numFmt = format;
        if (typeof cell.value === "string" && c.format !== "texte") cell.alignment = { horizontal: "right" };
      });
    }
  };

  const couverture = classeur.addWorksheet("Rapport");
  couverture.getColumn(1).width = 100;
  couverture.addRow([contenu.titre]).font = { bold: true, size: 14 };
  couverture.addRow([`Généré le ${formatDate(contenu.genereLe)}.`]);
  couverture.addRow([contenu.sousTitre]);
  if (contenu.introduction) {
    couverture.addRow([]);
    couverture.addRow(["Introduction"]).font = { bold: true };
    const row = couverture.addRow([contenu.introduction]);
    row.alignment = { wrapText: true, vertical: "top" };
  }
  ecrireTableau(couverture, contenu.resume);

  for (const section of contenu.sections) {
    const feuille = classeur.addWorksheet(nomFeuille(`${section.numero}. ${section.titre}`));
    feuille.getColumn(1).width = 48;
    for (let c = 2; c <= 6; c++) feuille.getColumn(c).width = 18;
    feuille.addRow([`${section.numero}. ${section.titre}`]).font = { bold: true, size: 14 };
    const definition = feuille.addRow([section.definition]);
    definition.alignment = { wrapText: true, vertical: "top" };
    feuille.mergeCells(definition.number, 1, definition.number, 6);
    definition.height = Math.min(400, 15 * Math.ceil(section.definition.length / 110));
    feuille.addRow([]);
    feuille.addRow(["Chiffres de l'année"]).font = { bold: true, size: 12 };
    feuille.addRow(["Mesure", String(contenu.annee), contenu.indicateurs.periodePrecedente.libelle]).font = {
      bold: true,
    };
    // The figures: one row each, this year and the previous one, each in its number format.
    for (const c of section.chiffres) {
      const row = feuille.addRow([c.libelle, valeurExcel(c.valeur, c.format), valeurExcel(c.precedente, c.format)]);
      const format = FORMATS_EXCEL[c.format];
      for (const i of [2, 3]) {
        const cell = row.getCell(i);
        if (format && typeof cell.value === "number") cell.numFmt = format;
      }
    }
    for (const t of section.tableaux) ecrireTableau(feuille, t);
    if (section.code === "couverture") ecrireTableau(feuille, contenu.tableauNonCouvertes);
  }

  const annexes: Array<[string, Tableau]> = [
    ["Regroupements", contenu.tableauRegroupements],
    ["Actions de communication", contenu.tableauActions],
  ];
  for (const [nom, t] of annexes) {
    const feuille = classeur.addWorksheet(nomFeuille(nom));
    feuille.getColumn(1).width = 20;
    feuille.getColumn(2).width = 30;
    feuille.getColumn(3).width = 60;
    feuille.getColumn(4).width = 20;
    ecrireTableau(feuille, t);
  }
  if (contenu.vue === "coordination") {
    const feuille = classeur.addWorksheet("Faits marquants");
    feuille.columns = [
      { header: "Mois", width: 16 },
      { header: "Promeneur", width: 24 },
      { header: "Structure", width: 30 },
      { header: "Fait marquant", width: 90 },
    ];
    feuille.getRow(1).font = { bold: true };
    for (const f of contenu.faitsMarquants) {
      feuille.addRow([f.mois, f.promeneur, f.structure, f.texte]).alignment = { wrapText: true, vertical: "top" };
    }
  }

  const definitions = classeur.addWorksheet("Définitions");
  definitions.columns = [
    { header: "N°", width: 6 },
    { header: "Indicateur", width: 34 },
    { header: "Définition", width: 120 },
  ];
  definitions.getRow(1).font = { bold: true };
  for (const code of CODES_INDICATEURS) {
    const d = definitionsIndicateurs[code];
    definitions.addRow([d.numero, d.titre, d.definition]).alignment = { wrapText: true, vertical: "top" };
  }

  return Buffer.from(await classeur.xlsx.writeBuffer());
}
