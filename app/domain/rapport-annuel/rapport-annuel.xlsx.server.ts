import { feuilleRapportFinancier } from "~/domain/budget/rapport-financier.documents.server";
import { definitionsIndicateurs } from "~/domain/indicateurs/indicateurs.definitions";
import { CODES_INDICATEURS } from "~/domain/indicateurs/indicateurs.types";
import { formatDate } from "~/lib/format";
import { ecrireParagraphe, ecrireTableau, FORMATS_EXCEL, nomFeuille, valeurExcel } from "./documents.server";
import type { ContenuRapportAnnuel, Tableau } from "./rapport-annuel.contenu";

/**
 * The annual report as a workbook (exceljs): one sheet per indicator — its definition in the first
 * rows, then the year's figures and each breakdown (months and categories as rows), the same values
 * as the dashboard — plus the gatherings, the communication actions, the uncovered communes, the
 * highlights (coordination version), the financial report (« Bilan financier », when the year has a
 * budget) and a « Définitions » sheet.
 */
export async function xlsxRapportAnnuel(contenu: ContenuRapportAnnuel): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const classeur = new ExcelJS.Workbook();
  classeur.creator = "Promeneurs du Net";
  classeur.title = contenu.titre;
  classeur.created = contenu.genereLe;

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
    ecrireParagraphe(feuille, section.definition);
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

  if (contenu.financier) feuilleRapportFinancier(classeur, contenu.financier);

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
