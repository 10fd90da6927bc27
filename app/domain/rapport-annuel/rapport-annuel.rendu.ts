import type { ContenuRapportAnnuel } from "./rapport-annuel.contenu";

/** The content with its charts and map already drawn (SVG strings), what each format writes. */
export type ContenuRendu = ContenuRapportAnnuel & {
  /** Per section, the SVG of each of its charts (same order as `graphiques`). */
  svgSections: string[][];
  svgCarte: string | null;
};

/** The size an SVG declares (width/height attributes, else its viewBox), in CSS pixels. */
export function tailleSvg(svg: string): { largeur: number; hauteur: number } {
  const ouverture = svg.slice(0, svg.indexOf(">") + 1);
  const attribut = (nom: string) => {
    const m = new RegExp(`\\s${nom}="([\\d.]+)(?:px)?"`).exec(ouverture);
    return m ? Number(m[1]) : null;
  };
  const largeur = attribut("width");
  const hauteur = attribut("height");
  if (largeur && hauteur) return { largeur, hauteur };
  const vb = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(ouverture);
  if (vb) return { largeur: Number(vb[1]), hauteur: Number(vb[2]) };
  return { largeur: 640, hauteur: 360 };
}

/** A size scaled down (never up) to fit `max` wide. */
export function ajuster(taille: { largeur: number; hauteur: number }, max: number) {
  const echelle = Math.min(1, max / taille.largeur);
  return { largeur: Math.round(taille.largeur * echelle), hauteur: Math.round(taille.hauteur * echelle) };
}
