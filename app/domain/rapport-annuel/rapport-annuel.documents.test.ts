import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { convertirAvecLibreOffice, libreOfficeExige } from "../../../tests/support/libreoffice";
import { contenuRapportAnnuel, texteCellule } from "./rapport-annuel.contenu";
import { docxRapportAnnuel } from "./rapport-annuel.docx.server";
import { rendreContenu } from "./rapport-annuel.generation.server";
import { pdfRapportAnnuel } from "./rapport-annuel.pdf.server";
import type { ContenuRendu } from "./rapport-annuel.rendu";
import {
  donneesExemple,
  FAIT_MARQUANT_TEMOIN,
  lignesTableauxDocx,
  lireZip,
  texteDocx,
  textePdf,
} from "./rapport-annuel.test-support";
import { xlsxRapportAnnuel } from "./rapport-annuel.xlsx.server";

type Documents = { contenu: ContenuRendu; docx: Buffer; pdf: Buffer; xlsx: Buffer };

async function produire(vue: "coordination" | "agregee"): Promise<Documents> {
  const contenu = rendreContenu(contenuRapportAnnuel(donneesExemple(vue)));
  const [docx, pdf, xlsx] = await Promise.all([
    docxRapportAnnuel(contenu),
    pdfRapportAnnuel(contenu, { compress: false }),
    xlsxRapportAnnuel(contenu),
  ]);
  return { contenu, docx, pdf, xlsx };
}

async function lignesXlsx(xlsx: Buffer) {
  const classeur = new ExcelJS.Workbook();
  await classeur.xlsx.load(xlsx as unknown as ArrayBuffer);
  const feuilles = new Map<string, unknown[][]>();
  classeur.eachSheet((feuille) => {
    const lignes: unknown[][] = [];
    feuille.eachRow((row) => {
      lignes.push((row.values as unknown[]).slice(1));
    });
    feuilles.set(feuille.name, lignes);
  });
  return feuilles;
}

let coordination: Documents;
let agregee: Documents;
/** The coordination version of a département without a budget that year (no charts: quicker). */
let sansBudget: Omit<Documents, "contenu">;

beforeAll(async () => {
  coordination = await produire("coordination");
  agregee = await produire("agregee");
  const contenu = { ...coordination.contenu, financier: null, svgSections: [], svgCarte: null };
  const [docx, pdf, xlsx] = await Promise.all([
    docxRapportAnnuel(contenu),
    pdfRapportAnnuel(contenu, { compress: false }),
    xlsxRapportAnnuel(contenu),
  ]);
  sansBudget = { docx, pdf, xlsx };
}, 120_000);

/** The total row of the financial report's charges, as the Word document and the PDF print it. */
function totalCharges(d: Documents): string[] {
  const charges = d.contenu.financier?.charges;
  if (!charges) throw new Error("pas de bilan financier");
  return charges.colonnes.map((c, i) => texteCellule(charges.lignes.at(-1)?.[i], c.format));
}

describe("le document Word", () => {
  it("a un plan de titres Word, le titre du rapport et ses tableaux", () => {
    const { xml, texte } = texteDocx(coordination.docx);
    expect(texte).toContain("Promeneurs du Net — Alpes-de-Haute-Provence — Rapport d'activité 2025");
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBeGreaterThanOrEqual(9 + 3);
    expect(texte).toContain("1. Conformité des profils");
    expect(texte).toContain("9. Couverture");
    expect(texte).toContain("Une année de consolidation du réseau.");
    const resume = lignesTableauxDocx(xml).find((l) => l[0]?.startsWith("2. "));
    expect(resume).toEqual([expect.stringContaining("Jeunes"), "Nouveaux jeunes en contact", "194", "168"]);
    const styles = lireZip(coordination.docx).get("word/styles.xml")?.toString("utf8") ?? "";
    expect(styles).toContain('w:styleId="Heading1"');
  });

  it("contient les graphiques et la carte en images PNG, avec leur texte de remplacement", () => {
    const fichiers = lireZip(coordination.docx);
    const images = [...fichiers.keys()].filter((nom) => nom.startsWith("word/media/"));
    const graphiques = coordination.contenu.svgSections.flat().length;
    expect(coordination.contenu.svgCarte).not.toBeNull();
    expect(images.length).toBe(graphiques + 1);
    for (const nom of images) expect(fichiers.get(nom)?.subarray(1, 4).toString()).toBe("PNG");
    const { xml } = texteDocx(coordination.docx);
    expect(xml).toContain('descr="Graphique en barres : demandes par thème');
    expect(xml).toContain('title="Carte de la couverture des communes"');
  });

  it("s'ouvre et se convertit en PDF avec LibreOffice, images comprises", async () => {
    const pdf = await convertirAvecLibreOffice(coordination.docx);
    if (pdf === null) {
      // Only a developer machine without LibreOffice may skip this; CI installs it.
      expect(libreOfficeExige(), "soffice (LibreOffice) est introuvable").toBe(false);
      return;
    }
    const source = pdf.toString("latin1");
    expect(source.startsWith("%PDF-")).toBe(true);
    expect(source.match(/\/Subtype\s*\/Image/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
    expect(Number(/\/Count (\d+)/.exec(source)?.[1] ?? 0)).toBeGreaterThan(5);
  }, 150_000);
});

describe("le bilan financier joint au rapport", () => {
  it("est une partie « Bilan financier » du document Word, avec ses tableaux, dans les deux versions", () => {
    for (const d of [coordination, agregee]) {
      const { xml, texte } = texteDocx(d.docx);
      expect(xml, d.contenu.vue).toMatch(
        /<w:pStyle w:val="Heading1"\/><\/w:pPr><w:r><w:t xml:space="preserve">Bilan financier<\/w:t>/,
      );
      expect(xml, d.contenu.vue).toMatch(
        /<w:pStyle w:val="Heading2"\/><\/w:pPr><w:r><w:t xml:space="preserve">Charges et produits<\/w:t>/,
      );
      expect(texte).toContain("Budget soumis le 24 janvier 2025.");
      const total = lignesTableauxDocx(xml).find((l) => l[0] === "Total des charges");
      expect(total, d.contenu.vue).toEqual(totalCharges(d));
      expect(total?.slice(1, 3)).toEqual(["46\u202f000,00\u00a0€", "45\u202f969,53\u00a0€"]);
    }
    expect(texteDocx(sansBudget.docx).xml).not.toContain(">Bilan financier<");
    expect(texteDocx(sansBudget.docx).texte).not.toContain("Total des charges");
  });

  it("est une partie du PDF, après une page nouvelle, dans les deux versions", () => {
    for (const d of [coordination, agregee]) {
      const texte = textePdf(d.pdf);
      expect(texte, d.contenu.vue).toContain(
        `Bilan financierBudget soumis le 24 janvier 2025.Charges et produitsCharges`,
      );
      expect(texte, d.contenu.vue).toContain(totalCharges(d).join("").replaceAll("\u202f", "\u00a0"));
    }
    expect(textePdf(sansBudget.pdf)).not.toContain("Bilan financier");
  });

  it("est une feuille « Bilan financier » du classeur, montants en euros, dans les deux versions", async () => {
    for (const d of [coordination, agregee]) {
      const feuilles = await lignesXlsx(d.xlsx);
      const bilan = feuilles.get("Bilan financier") ?? [];
      expect(bilan[0]?.[0], d.contenu.vue).toBe("Promeneurs du Net — Alpes-de-Haute-Provence — Bilan financier 2025");
      expect(bilan.find((l) => l[0] === "Total des charges")?.slice(0, 3)).toEqual([
        "Total des charges",
        46_000,
        45_969.53,
      ]);
      expect([...feuilles.keys()].at(-2)).toBe("Bilan financier");
    }
    expect((await lignesXlsx(sansBudget.xlsx)).has("Bilan financier")).toBe(false);
  });
});

describe("le PDF", () => {
  it("est un A4 en français, avec ses titres et des numéros de page", () => {
    const source = coordination.pdf.toString("latin1");
    expect(source).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    const texte = textePdf(coordination.pdf);
    expect(texte).toContain("Rapport d'activité 2025");
    expect(texte).toContain("4. Diversité des demandes");
    expect(texte).toMatch(/Page 1 sur \d+/);
    // No glyph missing from the font (it reads back as U+0000): French thousands separators
    // (narrow no-break spaces, absent from Roboto) are written as no-break spaces.
    expect(texte).toContain("1\u00a0160");
    expect(texte).not.toContain("\u0000");
  });

  it("dessine les graphiques (titres et tracés des SVG)", async () => {
    const texte = textePdf(coordination.pdf);
    expect(texte).toContain("Demandes par thème");
    expect(texte).toContain("Échanges par mois");
    const sansGraphiques = await pdfRapportAnnuel(
      { ...coordination.contenu, svgSections: coordination.contenu.svgSections.map(() => []), svgCarte: null },
      { compress: false },
    );
    const traces = (pdf: Buffer) => pdf.toString("latin1").match(/ re\n| l\n| c\n/g)?.length ?? 0;
    expect(traces(coordination.pdf)).toBeGreaterThan(traces(sansGraphiques) + 200);
  });
});

describe("le classeur Excel", () => {
  it("a une feuille par indicateur, sa définition en tête, et une feuille « Définitions »", async () => {
    const feuilles = await lignesXlsx(coordination.xlsx);
    const noms = [...feuilles.keys()];
    expect(noms.filter((n) => /^\d\. /.test(n))).toHaveLength(9);
    expect(noms).toContain("Définitions");
    const conformite = feuilles.get("1. Conformité des profils") ?? [];
    expect(String(conformite[1]?.[0])).toMatch(/^Part des profils/);
    expect(feuilles.get("Définitions")?.length).toBe(10);
  });

  it("garde les nombres en nombres, les taux en fractions", async () => {
    const i = coordination.contenu.indicateurs;
    const feuilles = await lignesXlsx(coordination.xlsx);
    const demandes =
      feuilles.get("4. Demandes des jeunes") ?? [...feuilles.entries()].find(([n]) => n.startsWith("4. "))?.[1] ?? [];
    expect(demandes.find((l) => l[0] === "Demandes de jeunes")).toEqual(["Demandes de jeunes", 412, 377]);
    expect(demandes.find((l) => l[0] === "Mobilité")?.[1]).toBe(1);
    const conformite = [...feuilles.entries()].find(([n]) => n.startsWith("1. "))?.[1] ?? [];
    expect(conformite.find((l) => l[0] === "Taux de profils conformes")?.[1]).toBeCloseTo(
      i.conformite.taux.valeur ?? 0,
      10,
    );
    const jeunes = [...feuilles.entries()].find(([n]) => n.startsWith("2. "))?.[1] ?? [];
    expect(jeunes.find((l) => l[0] === "mars 2025")).toEqual(["mars 2025", 21, 52]);
  });
});

describe("la version agrégée du comité de pilotage", () => {
  it("ne contient aucun fait marquant, dans aucun format", async () => {
    expect(texteDocx(coordination.docx).texte).toContain(FAIT_MARQUANT_TEMOIN);
    expect(texteDocx(agregee.docx).texte).not.toContain(FAIT_MARQUANT_TEMOIN);
    expect(texteDocx(agregee.docx).texte).not.toContain("Faits marquants de l'année");
    expect(textePdf(coordination.pdf)).toContain(FAIT_MARQUANT_TEMOIN);
    expect(textePdf(agregee.pdf)).not.toContain(FAIT_MARQUANT_TEMOIN);
    const feuilles = await lignesXlsx(agregee.xlsx);
    expect(feuilles.has("Faits marquants")).toBe(false);
    expect(JSON.stringify([...feuilles.values()])).not.toContain("harcèlement en ligne");
  });

  it("remplace par « < 3 » chaque effectif de 1 ou 2 d'un thème, d'une catégorie de situation ou d'une commune", async () => {
    const libellesPetits = ["Mobilité", "Projets", "Violences", "Rupture"];
    const lignes = lignesTableauxDocx(texteDocx(agregee.docx).xml);
    for (const libelle of libellesPetits) {
      const ligne = lignes.find((l) => l[0]?.startsWith(libelle));
      expect(ligne, libelle).toBeDefined();
      expect(ligne?.[1], libelle).toBe("< 3");
    }
    // No table cell of the aggregate version reads 1 or 2 for a breakdown.
    const parts = lignes.filter((l) => l.length === 2 && (l[1] === "1" || l[1] === "2"));
    expect(parts).toEqual([]);

    const feuilles = await lignesXlsx(agregee.xlsx);
    const demandes = [...feuilles.entries()].find(([n]) => n.startsWith("4. "))?.[1] ?? [];
    for (const libelle of libellesPetits) {
      expect(demandes.find((l) => typeof l[0] === "string" && l[0].startsWith(libelle))?.[1], libelle).toBe("< 3");
    }
    for (const lignesFeuille of feuilles.values()) {
      for (const l of lignesFeuille) if (l.length === 2) expect([1, 2]).not.toContain(l[1]);
    }

    const texte = textePdf(agregee.pdf);
    for (const libelle of libellesPetits) {
      expect(texte, libelle).toMatch(new RegExp(`${libelle}[^<0-9]*< 3`));
      expect(texte, libelle).not.toMatch(new RegExp(`${libelle}[^<0-9]*[12](?![0-9])`));
    }
    expect(textePdf(coordination.pdf)).toMatch(/Mobilité1(?![0-9])/);
  });
});
