import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { type Tableau, texteCellule } from "~/domain/rapport-annuel/rapport-annuel.contenu";
import { lignesTableauxDocx, texteDocx, textePdf } from "~/domain/rapport-annuel/rapport-annuel.test-support";
import { convertirDocumentsAvecLibreOffice, libreOfficeExige } from "../../../tests/support/libreoffice";
import { type EtatBudget, etatBudget } from "./budget.etat";
import { LIGNES_CHARGES } from "./budget.labels";
import type { ContenuRapportFinancier } from "./rapport-financier.contenu";
import { pdfRapportFinancier, produireRapportFinancier } from "./rapport-financier.documents.server";
import { nomFichierRapportFinancier, typeMimeRapportFinancier } from "./rapport-financier.labels";
import { AUJOURDHUI_EXEMPLE, budgetExemple, contenuExemple } from "./rapport-financier.test-support";

type Documents = { contenu: ContenuRapportFinancier; docx: Buffer; pdf: Buffer; xlsx: Buffer };

async function produire(contenu: ContenuRapportFinancier): Promise<Documents> {
  const [docx, pdf, xlsx] = await Promise.all([
    produireRapportFinancier(contenu, "docx"),
    pdfRapportFinancier(contenu, { compress: false }),
    produireRapportFinancier(contenu, "xlsx"),
  ]);
  return { contenu, docx, pdf, xlsx };
}

/** A table's row as the Word and PDF documents print it. */
const textes = (t: Tableau, ligne: readonly unknown[] | undefined) =>
  t.colonnes.map((c, i) => texteCellule(ligne?.[i] as string | number | null | undefined, c.format));

/** The PDF writes no-break spaces where French numbers have narrow ones (Roboto has none). */
const enPdf = (texte: string) => texte.replaceAll("\u202f", "\u00a0");

/** The cells of the « Bilan financier » sheet, row by row (values and number formats). */
async function feuille(xlsx: Buffer) {
  const classeur = new ExcelJS.Workbook();
  await classeur.xlsx.load(xlsx as unknown as ArrayBuffer);
  const lignes: Array<{ valeurs: unknown[]; formats: Array<string | undefined> }> = [];
  classeur.getWorksheet("Bilan financier")?.eachRow((row) => {
    const valeurs = (row.values as unknown[]).slice(1);
    lignes.push({ valeurs, formats: valeurs.map((_, i) => row.getCell(i + 1).numFmt) });
  });
  return { noms: classeur.worksheets.map((w) => w.name), lignes };
}

/** The rows of a table of the sheet: after its title and header row, down to its total row. */
function lignesDuTableau(lignes: Awaited<ReturnType<typeof feuille>>["lignes"], titre: string, total: string) {
  const debut = lignes.findIndex((l) => l.valeurs[0] === titre);
  const fin = lignes.findIndex((l, i) => i > debut && l.valeurs[0] === total);
  expect(debut, titre).toBeGreaterThanOrEqual(0);
  return { lignes: lignes.slice(debut + 2, fin), total: lignes[fin] };
}

let etat: EtatBudget;
let complet: Documents;
let incomplet: Documents;

beforeAll(async () => {
  etat = etatBudget(budgetExemple(), AUJOURDHUI_EXEMPLE);
  const sansRealise = budgetExemple();
  sansRealise.lignes = sansRealise.lignes.map((l) => (l.code === "communication" ? { ...l, realise: null } : l));
  [complet, incomplet] = await Promise.all([produire(contenuExemple()), produire(contenuExemple(sansRealise))]);
}, 60_000);

// One LibreOffice start converts both files; the two tests below share it.
let conversion: Promise<Buffer[] | null> | undefined;
function convertir() {
  conversion ??= convertirDocumentsAvecLibreOffice([
    { contenu: complet.docx, extension: "docx" },
    { contenu: complet.xlsx, extension: "xlsx" },
  ]);
  return conversion;
}

describe("le bilan financier en Word", () => {
  it("a son titre, un titre Word par partie, et les totaux du budget dans ses tableaux", () => {
    const { xml, texte } = texteDocx(complet.docx);
    expect(texte).toContain("Promeneurs du Net — Alpes-de-Haute-Provence — Bilan financier 2025");
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(complet.contenu.parties.length);
    const lignes = lignesTableauxDocx(xml);
    expect(lignes.find((l) => l[0] === "Total des charges")).toEqual(
      textes(complet.contenu.charges, complet.contenu.charges.lignes.at(-1)),
    );
    const totalCharges = lignes.find((l) => l[0] === "Total des charges");
    expect(totalCharges?.slice(1, 3)).toEqual(["46\u202f000,00\u00a0€", "45\u202f969,53\u00a0€"]);
    expect(etat.prevu.charges).toBe(4_600_000);
    expect(etat.realise.charges).toBe(4_596_953);
    const totalProduits = lignes.find((l) => l[0] === "Total des produits" && l.length === 6);
    expect(totalProduits?.slice(1, 3)).toEqual(["46\u202f000,00\u00a0€", "45\u202f969,53\u00a0€"]);
    // The total rows are bold.
    expect(xml).toMatch(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">Total des charges</);
    expect(texte).toContain("Proratisation non confirmée");
  });

  it("écrit « – » pour un montant réalisé manquant", () => {
    const lignes = lignesTableauxDocx(texteDocx(incomplet.docx).xml);
    expect(lignes.find((l) => l[0] === LIGNES_CHARGES.communication)?.slice(1, 5)).toEqual([
      "2\u202f500,00\u00a0€",
      "–",
      "–",
      "–",
    ]);
    expect(texteDocx(incomplet.docx).texte).toContain("1 ligne sans montant réalisé (« – »)");
  });

  it("s'ouvre et se convertit en PDF avec LibreOffice", async () => {
    const pdfs = await convertir();
    if (pdfs === null) {
      // Only a developer machine without LibreOffice may skip this; CI installs it.
      expect(libreOfficeExige(), "soffice (LibreOffice) est introuvable").toBe(false);
      return;
    }
    const source = pdfs[0]?.toString("latin1") ?? "";
    expect(source.startsWith("%PDF-")).toBe(true);
    expect(Number(/\/Count (\d+)/.exec(source)?.[1] ?? 0)).toBeGreaterThanOrEqual(2);
  }, 150_000);
});

describe("le bilan financier en PDF", () => {
  it("est un A4 en français avec les totaux du budget, sans caractère absent de sa police", async () => {
    const source = complet.pdf.toString("latin1");
    expect(source).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    const texte = textePdf(complet.pdf);
    expect(texte).toContain("Bilan financier 2025");
    expect(texte).toContain(
      enPdf(
        `Total des charges${textes(complet.contenu.charges, complet.contenu.charges.lignes.at(-1)).slice(1, 5).join("")}`,
      ),
    );
    expect(texte).toContain(enPdf("Total des charges46\u202f000,00\u00a0€45\u202f969,53\u00a0€"));
    expect(texte).toMatch(/Page 1 sur \d+/);
    // A glyph the font lacks reads back as U+0000 (its missing-glyph box).
    expect(texte).not.toContain("\u0000");
    const compresse = await produireRapportFinancier(complet.contenu, "pdf");
    expect(compresse.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("le bilan financier en Excel", () => {
  it("écrit les montants en euros, en nombres au format euro, dont la somme est le total du budget", async () => {
    const { noms, lignes } = await feuille(complet.xlsx);
    expect(noms).toEqual(["Bilan financier"]);
    expect(lignes[0]?.valeurs[0]).toBe("Promeneurs du Net — Alpes-de-Haute-Provence — Bilan financier 2025");
    const colonnes = [
      { colonne: 1, attendu: etat.prevu.charges },
      { colonne: 2, attendu: etat.realise.charges },
    ];
    const charges = lignesDuTableau(lignes, "Charges", "Total des charges");
    expect(charges.lignes).toHaveLength(7);
    for (const { colonne, attendu } of colonnes) {
      const valeurs = charges.lignes.map((l) => l.valeurs[colonne]);
      for (const v of valeurs) expect(typeof v).toBe("number");
      const somme = (valeurs as number[]).reduce((a, b) => a + b, 0);
      expect(Math.round(somme * 100)).toBe(attendu);
      expect(somme).toBeCloseTo(attendu / 100, 9);
      expect(charges.total?.valeurs[colonne]).toBe(attendu / 100);
      expect(charges.lignes.every((l) => l.formats[colonne] === '#,##0.00 "€"')).toBe(true);
    }
    expect(charges.total?.valeurs.slice(0, 3)).toEqual(["Total des charges", 46_000, 45_969.53]);
    expect(charges.total?.formats[3]).toBe('+#,##0.00 "€";-#,##0.00 "€";0.00 "€"');
    expect(charges.total?.valeurs[3]).toBeCloseTo(-30.47, 9);
    const produits = lignesDuTableau(lignes, "Produits", "Total des produits");
    expect(produits.total?.valeurs.slice(1, 3)).toEqual([etat.prevu.produits / 100, etat.realise.produits / 100]);
    // The shares stay fractions, in a percentage format.
    const caf = lignes.find((l) => l.valeurs[0] === "CAF");
    expect(caf?.valeurs.slice(1, 3)).toEqual([36_800, 0.8]);
    expect(caf?.formats[2]).toBe("0.00%");
  });

  it("laisse vide la cellule d'un montant réalisé manquant, et le total la compte pour 0", async () => {
    const { lignes } = await feuille(incomplet.xlsx);
    const charges = lignesDuTableau(lignes, "Charges", "Total des charges");
    const communication = charges.lignes.find((l) => l.valeurs[0] === LIGNES_CHARGES.communication);
    expect(communication?.valeurs[1]).toBe(2_500);
    expect(communication?.valeurs[2] ?? null).toBeNull();
    expect(Math.round((charges.total?.valeurs[2] as number) * 100)).toBe(etat.realise.charges - 287_195);
  });

  it("s'ouvre et se convertit en PDF avec LibreOffice Calc", async () => {
    const pdfs = await convertir();
    if (pdfs === null) {
      expect(libreOfficeExige(), "soffice (LibreOffice) est introuvable").toBe(false);
      return;
    }
    const source = pdfs[1]?.toString("latin1") ?? "";
    expect(source.startsWith("%PDF-")).toBe(true);
    expect(Number(/\/Count (\d+)/.exec(source)?.[1] ?? 0)).toBeGreaterThanOrEqual(1);
  }, 150_000);
});

describe("le fichier téléchargé", () => {
  it("a un nom et un type MIME par format", () => {
    expect(nomFichierRapportFinancier("04", 2025, "xlsx")).toBe("bilan-financier-04-2025.xlsx");
    expect(typeMimeRapportFinancier("pdf")).toBe("application/pdf");
    expect(typeMimeRapportFinancier("docx")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
  });
});
