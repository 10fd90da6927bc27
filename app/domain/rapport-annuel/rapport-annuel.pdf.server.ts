import { noeudsRapportFinancierPdf } from "~/domain/budget/rapport-financier.documents.server";
import { formatDate } from "~/lib/format";
import { definitionPdfA4, type NoeudPdf, pdfDeDefinition, tableauPdf } from "./documents.server";
import { NON_COUVERTES_DOCUMENT_MAX, texteCellule } from "./rapport-annuel.contenu";
import { ajuster, type ContenuRendu, tailleSvg } from "./rapport-annuel.rendu";

/** Width of a chart on the A4 page, in points (the text width is 515 pt with 40-pt margins). */
const LARGEUR_GRAPHIQUE = 480;

function graphique(svg: string): NoeudPdf {
  const taille = ajuster(tailleSvg(svg), LARGEUR_GRAPHIQUE);
  return { svg, width: taille.largeur, alignment: "center", margin: [0, 6, 0, 6] };
}

/** The content as a pdfmake document definition (exposed for tests). */
export function definitionPdf(contenu: ContenuRendu): Record<string, unknown> {
  const content: NoeudPdf[] = [
    { text: contenu.titre, style: "titre" },
    { text: `Généré le ${formatDate(contenu.genereLe)}.`, margin: [0, 0, 0, 4] },
    { text: contenu.sousTitre, italics: true, margin: [0, 0, 0, 12] },
  ];
  if (contenu.introduction) {
    content.push(
      { text: "Introduction", style: "h1" },
      ...contenu.introduction.split(/\n+/).map((p) => ({ text: p, margin: [0, 0, 0, 6] })),
    );
  }
  content.push({ text: "Les neuf indicateurs en un coup d'œil", style: "h1" }, ...tableauPdf(contenu.resume));
  for (const [index, section] of contenu.sections.entries()) {
    content.push({ text: `${section.numero}. ${section.titre}`, style: "h1", pageBreak: "before" });
    content.push({ text: section.definition, italics: true, margin: [0, 0, 0, 8] });
    content.push(
      ...tableauPdf({
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
    for (const svg of contenu.svgSections[index] ?? []) content.push(graphique(svg));
    for (const t of section.tableaux) content.push(...tableauPdf(t));
    if (section.code === "couverture") {
      if (contenu.svgCarte) content.push({ text: "Carte de la couverture", style: "h2" }, graphique(contenu.svgCarte));
      content.push(
        { text: "Communes non couvertes", style: "h2" },
        ...tableauPdf(contenu.tableauNonCouvertes, NON_COUVERTES_DOCUMENT_MAX),
      );
    }
  }
  if (contenu.vue === "coordination") {
    content.push({ text: "Faits marquants de l'année", style: "h1", pageBreak: "before" });
    if (contenu.faitsMarquants.length === 0) content.push("Aucun fait marquant retenu.");
    for (const f of contenu.faitsMarquants) {
      content.push(
        { text: `${f.mois} — ${f.promeneur} (${f.structure})`, style: "h3" },
        { text: f.texte, margin: [0, 0, 0, 6] },
      );
    }
  }
  content.push(
    { text: "Regroupements de l'année", style: "h1", pageBreak: "before" },
    ...tableauPdf(contenu.tableauRegroupements),
    { text: "Actions de communication de l'année", style: "h1" },
    ...tableauPdf(contenu.tableauActions),
  );
  if (contenu.financier) {
    content.push(
      { text: "Bilan financier", style: "h1", pageBreak: "before" },
      ...noeudsRapportFinancierPdf(contenu.financier, 2),
    );
  }
  return definitionPdfA4({ titre: contenu.titre, sujet: contenu.sousTitre, content });
}

/** The annual report as a PDF (pdfmake): A4, French, page numbers, charts and map as vector SVG. */
export async function pdfRapportAnnuel(contenu: ContenuRendu, options: { compress?: boolean } = {}): Promise<Buffer> {
  return pdfDeDefinition(definitionPdf(contenu), options.compress ?? true);
}
