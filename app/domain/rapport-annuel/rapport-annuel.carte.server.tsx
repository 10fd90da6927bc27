import { renderToStaticMarkup } from "react-dom/server";
import type { IndicateurCouverture } from "~/domain/indicateurs/indicateurs.types";
import { type MapGeometry, projectMap } from "~/ui/map/svg-map";

/**
 * The coverage map of the annual report, as a standalone SVG string (the documents embed it; the
 * DOCX as a PNG). Three classes only — no promeneur, 1 or 2 (« < 3 »), 3 or more — so that the
 * aggregate version, whose small counts are withheld, draws the same map as the coordination's.
 */
export const CLASSES_CARTE = [
  { code: "aucun", libelle: "Aucun promeneur", couleur: "#f1f5f9" },
  { code: "peu", libelle: "1 ou 2 promeneurs (< 3)", couleur: "#7fb3d5" },
  { code: "plus", libelle: "3 promeneurs ou plus", couleur: "#1f5f8b" },
] as const;

function classeDe(promeneurs: number | null | undefined) {
  if (promeneurs === null) return CLASSES_CARTE[1];
  if (!promeneurs) return CLASSES_CARTE[0];
  return promeneurs < 3 ? CLASSES_CARTE[1] : CLASSES_CARTE[2];
}

const LARGEUR = 640;
const LEGENDE = 30;

export function svgCarteCouverture(
  communes: ReadonlyArray<{ code: string; nom: string; geometry: unknown }>,
  couverture: Pick<IndicateurCouverture, "parCommune">,
  titre: string,
): string | null {
  if (communes.length === 0) return null;
  const parCommune = new Map(couverture.parCommune.map((c) => [c.code, c.promeneurs]));
  const map = projectMap({
    width: LARGEUR,
    features: communes.map((c) => {
      const classe = classeDe(parCommune.get(c.code));
      return {
        id: c.code,
        label: c.nom,
        geometry: c.geometry as MapGeometry,
        fill: classe.couleur,
        title: `${c.nom} : ${classe.libelle.toLowerCase()}`,
      };
    }),
  });
  const hauteur = map.height + LEGENDE;
  return renderToStaticMarkup(
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={map.width}
      height={hauteur}
      viewBox={`0 0 ${map.width} ${hauteur}`}
      role="img"
      aria-label={titre}
      fontFamily="sans-serif"
    >
      <title>{titre}</title>
      <rect x={0} y={0} width={map.width} height={hauteur} fill="#ffffff" />
      <g stroke="#64748b" strokeWidth={0.5} strokeLinejoin="round">
        {map.features.map((f) => (
          <path key={f.id} d={f.d} fill={f.fill} />
        ))}
      </g>
      {CLASSES_CARTE.map((c, index) => (
        <g key={c.code} transform={`translate(${8 + index * 210} ${map.height + 8})`}>
          <rect width={14} height={14} fill={c.couleur} stroke="#64748b" strokeWidth={0.5} />
          <text x={20} y={12} fontSize={12} fill="#1e293b">
            {c.libelle}
          </text>
        </g>
      ))}
    </svg>,
  );
}
