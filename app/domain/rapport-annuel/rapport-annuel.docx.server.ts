import { enfantsRapportFinancierDocx } from "~/domain/budget/rapport-financier.documents.server";
import { formatDate } from "~/lib/format";
import { documentDocx, type EnfantDocx, paragrapheDocx, tableauDocx, titreDocx } from "./documents.server";
import { NON_COUVERTES_DOCUMENT_MAX, type Tableau, texteCellule } from "./rapport-annuel.contenu";
import { ajuster, type ContenuRendu, tailleSvg } from "./rapport-annuel.rendu";

/** Width of a chart in the Word document, in pixels (the A4 text width at 96 dpi is about 600). */
const LARGEUR_IMAGE = 600;

/** Rasterises an SVG to PNG at twice its size (sharp), so that charts stay sharp when printed. */
export async function pngDeSvg(svg: string): Promise<Buffer> {
  const sharp = (await import("sharp")).default;
  return sharp(Buffer.from(svg), { density: 144 }).flatten({ background: "#ffffff" }).png().toBuffer();
}

/**
 * The annual report as a Word document (docx): headings in Word's heading styles (the navigation
 * pane and LibreOffice's outline show them), real tables with a header row, charts and the map as
 * PNG images with their alternative text, the financial report when the year has a budget, page
 * numbers in the footer.
 */
export async function docxRapportAnnuel(contenu: ContenuRendu): Promise<Buffer> {
  const docx = await import("docx");
  const { AlignmentType, HeadingLevel, ImageRun, Paragraph, TextRun } = docx;

  const titre = (texte: string, niveau: 1 | 2 | 3) => titreDocx(docx, texte, niveau);
  const paragraphe = (texte: string) => paragrapheDocx(docx, texte);
  const paragraphes = (texte: string) => texte.split(/\n+/).map(paragraphe);
  const tableau = (t: Tableau, limite?: number) => tableauDocx(docx, t, limite);

  const image = async (svg: string, titreImage: string, description: string) => {
    const taille = ajuster(tailleSvg(svg), LARGEUR_IMAGE);
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 120 },
      children: [
        new ImageRun({
          type: "png",
          data: await pngDeSvg(svg),
          transformation: { width: taille.largeur, height: taille.hauteur },
          altText: { name: titreImage, title: titreImage, description },
        }),
      ],
    });
  };

  const enfants: EnfantDocx[] = [
    new Paragraph({ text: contenu.titre, heading: HeadingLevel.TITLE }),
    paragraphe(`Généré le ${formatDate(contenu.genereLe)}.`),
    paragraphe(contenu.sousTitre),
  ];
  if (contenu.introduction) {
    enfants.push(titre("Introduction", 1), ...paragraphes(contenu.introduction));
  }
  enfants.push(titre("Les neuf indicateurs en un coup d'œil", 1), ...tableau(contenu.resume));

  for (const [index, section] of contenu.sections.entries()) {
    enfants.push(titre(`${section.numero}. ${section.titre}`, 1));
    enfants.push(new Paragraph({ children: [new TextRun({ text: section.definition, italics: true })] }));
    enfants.push(
      ...tableau({
        titre: "Chiffres de l'année",
        colonnes: [
          { titre: "Mesure", format: "texte" },
          { titre: String(contenu.annee), format: "texte" },
          { titre: contenu.indicateurs.periodePrecedente.libelle, format: "texte" },
        ],
        lignes: section.chiffres.map((c) => [
          c.libelle,
          texteCellule(c.valeur, c.format),
          c.precedente === null ? "–" : texteCellule(c.precedente, c.format),
        ]),
      }),
    );
    const svgs = contenu.svgSections[index] ?? [];
    for (const [g, graphique] of section.graphiques.entries()) {
      const svg = svgs[g];
      if (svg) enfants.push(await image(svg, graphique.titre, graphique.description));
    }
    for (const t of section.tableaux) enfants.push(...tableau(t));
    if (section.code === "couverture") {
      if (contenu.svgCarte) {
        enfants.push(
          titre("Carte de la couverture", 2),
          await image(
            contenu.svgCarte,
            "Carte de la couverture des communes",
            "Carte des communes du département selon le nombre de promeneurs qui les couvrent : aucun, 1 ou 2, 3 ou plus.",
          ),
        );
      }
      enfants.push(
        titre("Communes non couvertes", 2),
        ...tableau(contenu.tableauNonCouvertes, NON_COUVERTES_DOCUMENT_MAX),
      );
    }
  }

  if (contenu.vue === "coordination") {
    enfants.push(titre("Faits marquants de l'année", 1));
    if (contenu.faitsMarquants.length === 0) enfants.push(paragraphe("Aucun fait marquant retenu."));
    for (const f of contenu.faitsMarquants) {
      enfants.push(titre(`${f.mois} — ${f.promeneur} (${f.structure})`, 3), ...paragraphes(f.texte));
    }
  }
  enfants.push(titre("Regroupements de l'année", 1), ...tableau(contenu.tableauRegroupements));
  enfants.push(titre("Actions de communication de l'année", 1), ...tableau(contenu.tableauActions));
  if (contenu.financier) {
    enfants.push(titre("Bilan financier", 1), ...enfantsRapportFinancierDocx(docx, contenu.financier, 2));
  }

  return documentDocx(docx, { titre: contenu.titre, description: contenu.sousTitre, enfants });
}
