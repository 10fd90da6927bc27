import path from "node:path";
import { formatDate } from "~/lib/format";
import { NON_COUVERTES_DOCUMENT_MAX, type Tableau, texteCellule } from "./rapport-annuel.contenu";
import { ajuster, type ContenuRendu, tailleSvg } from "./rapport-annuel.rendu";

/** Width of a chart on the A4 page, in points (the text width is 515 pt with 40-pt margins). */
const LARGEUR_GRAPHIQUE = 480;

type Noeud = Record<string, unknown> | string;

/**
 * pdfmake, set up once: the Roboto fonts bundled with it, no URL ever fetched, and no local file
 * read but those fonts (a document definition cannot make it read the disk or the network).
 */
async function pdfmakePret() {
  const { default: pdfmake } = await import("pdfmake");
  const { default: roboto } = await import("pdfmake/fonts/Roboto.js");
  const dossierPolices = path.dirname(roboto.Roboto.normal);
  pdfmake.setFonts(roboto);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((chemin) => path.dirname(path.resolve(chemin)) === dossierPolices);
  return pdfmake;
}

function tableau(t: Tableau, limite?: number): Noeud[] {
  const lignes = limite === undefined ? t.lignes : t.lignes.slice(0, limite);
  const noeuds: Noeud[] = [{ text: t.titre, style: "titreTableau" }];
  if (lignes.length === 0) return [...noeuds, { text: "Aucune donnée pour l'année.", margin: [0, 0, 0, 8] }];
  const aDroite = t.colonnes.map((c) => c.format !== "texte");
  noeuds.push({
    table: {
      headerRows: 1,
      widths: t.colonnes.map((_, i) => (i === 0 ? "*" : "auto")),
      body: [
        t.colonnes.map((c, i) => ({ text: c.titre, bold: true, alignment: aDroite[i] ? "right" : "left" })),
        ...lignes.map((ligne) =>
          t.colonnes.map((c, i) => ({
            text: texteCellule(ligne[i], c.format),
            alignment: aDroite[i] ? "right" : "left",
          })),
        ),
      ],
    },
    layout: "lightHorizontalLines",
    margin: [0, 0, 0, 8],
  });
  if (limite !== undefined && t.lignes.length > limite) {
    noeuds.push({
      text: `… et ${t.lignes.length - limite} autres : la liste complète est dans le classeur Excel du rapport.`,
      margin: [0, 0, 0, 8],
    });
  }
  return noeuds;
}

function graphique(svg: string): Noeud {
  const taille = ajuster(tailleSvg(svg), LARGEUR_GRAPHIQUE);
  return { svg, width: taille.largeur, alignment: "center", margin: [0, 6, 0, 6] };
}

/** The content as a pdfmake document definition (exposed for tests). */
export function definitionPdf(contenu: ContenuRendu): Record<string, unknown> {
  const content: Noeud[] = [
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
  content.push({ text: "Les neuf indicateurs en un coup d'œil", style: "h1" }, ...tableau(contenu.resume));
  for (const [index, section] of contenu.sections.entries()) {
    content.push({ text: `${section.numero}. ${section.titre}`, style: "h1", pageBreak: "before" });
    content.push({ text: section.definition, italics: true, margin: [0, 0, 0, 8] });
    content.push(
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
    for (const svg of contenu.svgSections[index] ?? []) content.push(graphique(svg));
    for (const t of section.tableaux) content.push(...tableau(t));
    if (section.code === "couverture") {
      if (contenu.svgCarte) content.push({ text: "Carte de la couverture", style: "h2" }, graphique(contenu.svgCarte));
      content.push(
        { text: "Communes non couvertes", style: "h2" },
        ...tableau(contenu.tableauNonCouvertes, NON_COUVERTES_DOCUMENT_MAX),
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
    ...tableau(contenu.tableauRegroupements),
    { text: "Actions de communication de l'année", style: "h1" },
    ...tableau(contenu.tableauActions),
  );
  return {
    pageSize: "A4",
    pageMargins: [40, 50, 40, 50],
    language: "fr-FR",
    info: { title: contenu.titre, author: "Promeneurs du Net", subject: contenu.sousTitre },
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
    content,
  };
}

/** The annual report as a PDF (pdfmake): A4, French, page numbers, charts and map as vector SVG. */
export async function pdfRapportAnnuel(contenu: ContenuRendu, options: { compress?: boolean } = {}): Promise<Buffer> {
  const pdfmake = await pdfmakePret();
  const definition = { ...definitionPdf(contenu), compress: options.compress ?? true };
  return pdfmake.createPdf(definition).getBuffer();
}
