/**
 * The projected coverage map of a département's dashboard (indicator 9): the communes of the
 * territory asked, coloured by their class. The projection (a few hundred milliseconds for 198
 * communes) is kept per département and set of communes, and redrawn when boundaries are imported.
 */
import type { IndicateurCouverture } from "~/domain/indicateurs/indicateurs.types";
import { contoursVersion, findCarteCommunes, findContours } from "~/domain/territoire/carte.queries.server";
import { plural } from "~/lib/format";
import type { Executor } from "~/server/db.server";
import { texteNombre } from "~/ui/indicateurs/indicateurs.format";
import { type MapGeometry, type ProjectedMap, projectMap } from "~/ui/map/svg-map";
import { classeCarte, classeCarteFills } from "./carte";

const projections = new Map<string, { cle: string; carte: ProjectedMap }>();

export type CarteCouverture = { carte: ProjectedMap | null; noms: Record<string, string> };

export async function carteCouverture(
  db: Executor,
  departement: string,
  couverture: IndicateurCouverture,
): Promise<CarteCouverture> {
  const communes = await findCarteCommunes(db, departement);
  const noms = Object.fromEntries(communes.map((c) => [c.code, c.nom]));
  const promeneurs = new Map(couverture.parCommune.map((c) => [c.code, c.promeneurs]));
  const dessinees = communes.filter((c) => c.hasContour && promeneurs.has(c.code));
  if (dessinees.length === 0) return { carte: null, noms };
  const cle = `${await contoursVersion(db, departement)}|${dessinees.map((c) => c.code).join(",")}`;
  let projection = projections.get(departement);
  if (projection?.cle !== cle) {
    const contours = await findContours(db, departement);
    projection = {
      cle,
      carte: projectMap({
        features: dessinees.map((c) => ({
          id: c.code,
          label: c.nom,
          geometry: contours.get(c.code) as MapGeometry,
          fill: classeCarteFills.aucun,
          title: c.nom,
        })),
      }),
    };
    projections.set(departement, projection);
  }
  const base = projection.carte;
  return {
    noms,
    carte: {
      ...base,
      points: [],
      features: base.features.map((f) => {
        // A withheld count (null) stays null: never read as 0.
        const n = promeneurs.has(f.id) ? (promeneurs.get(f.id) as number | null) : 0;
        const texte =
          n === null
            ? `${texteNombre(null)} promeneurs actifs`
            : n === 0
              ? "aucun promeneur actif"
              : plural(n, "promeneur actif", "promeneurs actifs");
        return { ...f, fill: classeCarteFills[classeCarte(n)], title: `${f.label} – ${texte}` };
      }),
    },
  };
}
