import {
  type CarteCommune,
  contoursVersion,
  findCarteCommunes,
  findContours,
} from "~/domain/territoire/carte.queries.server";
import { frrLabel } from "~/domain/territoire/territoire.labels";
import { getDepartement } from "~/domain/territoire/territoire.queries.server";
import { formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { DataTable } from "~/ui/data-table";
import { type MapGeometry, type MapLegendItem, type ProjectedMap, projectMap, SvgMap } from "~/ui/map/svg-map";
import type { Route } from "./+types/carte";

export const meta: Route.MetaFunction = () => [
  { title: "Carte de couverture – Promeneurs du Net" },
  {
    name: "description",
    content:
      "Carte des communes du département : classement France Ruralités Revitalisation, quartiers prioritaires et structures du réseau Promeneurs du Net.",
  },
];

/** Fill of a commune by its FRR status (null: the classification has not been imported). */
const FRR_FILLS: Record<string, string> = {
  frr_plus: "#0b4a70",
  frr_socle: "#7fb6d9",
  non_classee: "#f3e9c6",
};
const NOT_IMPORTED_FILL = "#d4d4d8";
const fillOf = (statut: string | null) => (statut ? (FRR_FILLS[statut] ?? NOT_IMPORTED_FILL) : NOT_IMPORTED_FILL);

function communeTitle(c: CarteCommune): string {
  const parts = [plural(c.population, "habitant"), c.frrStatut ? frrLabel(c.frrStatut) : "classement FRR non importé"];
  if (c.qpv.length > 0) {
    parts.push(`${c.qpv.length > 1 ? "quartiers prioritaires" : "quartier prioritaire"} : ${c.qpv.join(", ")}`);
  }
  if (c.structures > 0) parts.push(plural(c.structures, "structure du réseau", "structures du réseau"));
  return `${c.nom} – ${parts.join(" ; ")}`;
}

/**
 * Projecting 198 boundaries costs a few hundred milliseconds: the projected map is kept per
 * département and rebuilt only when its inputs change (a new import, a new structure…).
 */
const projectedMaps = new Map<string, { key: string; map: ProjectedMap }>();

async function projectedMapFor(
  db: ReturnType<typeof getDb>,
  code: string,
  drawn: CarteCommune[],
): Promise<ProjectedMap | null> {
  if (drawn.length === 0) return null;
  const key = `${await contoursVersion(db, code)}|${JSON.stringify(
    drawn.map((c) => [c.code, c.nom, c.population, c.frrStatut, c.qpv, c.structures]),
  )}`;
  const cached = projectedMaps.get(code);
  if (cached?.key === key) return cached.map;
  const contours = await findContours(db, code);
  const map = projectMap({
    features: drawn.map((c) => ({
      id: c.code,
      label: c.nom,
      geometry: contours.get(c.code) as MapGeometry,
      fill: fillOf(c.frrStatut),
      title: communeTitle(c),
      hatched: c.qpv.length > 0,
    })),
    points: drawn
      .filter((c) => c.structures > 0)
      .map((c) => ({
        id: c.code,
        featureId: c.code,
        title: `${c.nom} : ${plural(c.structures, "structure du réseau", "structures du réseau")}`,
        radius: Math.min(9, 3.5 + Math.sqrt(c.structures) * 1.5),
      })),
  });
  projectedMaps.set(code, { key, map });
  return map;
}

export async function loader() {
  const code = getEnv().DEFAULT_DEPARTEMENT;
  const db = getDb();
  const [departement, rows] = await Promise.all([getDepartement(db, code), findCarteCommunes(db, code)]);
  const drawn = rows.filter((c) => c.hasContour);

  const totals = {
    communes: rows.length,
    population: rows.reduce((sum, c) => sum + c.population, 0),
    frrPlus: rows.filter((c) => c.frrStatut === "frr_plus").length,
    frrSocle: rows.filter((c) => c.frrStatut === "frr_socle").length,
    nonClassees: rows.filter((c) => c.frrStatut === "non_classee").length,
    frrNonImporte: rows.filter((c) => !c.frrStatut).length,
    qpv: rows.reduce((sum, c) => sum + c.qpv.length, 0),
    communesAvecQpv: rows.filter((c) => c.qpv.length > 0).length,
    structures: rows.reduce((sum, c) => sum + c.structures, 0),
    communesAvecStructure: rows.filter((c) => c.structures > 0).length,
  };

  const map = await projectedMapFor(db, code, drawn);

  return {
    departement: { code, nom: departement?.nom ?? code },
    map,
    sansContour: rows.length - drawn.length,
    totals,
    communes: rows.map((c) => ({
      code: c.code,
      nom: c.nom,
      population: c.population,
      epci: c.epci,
      frr: frrLabel(c.frrStatut),
      qpv: c.qpv,
      structures: c.structures,
    })),
  };
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

function legendOf(totals: LoaderData["totals"]): MapLegendItem[] {
  const items: MapLegendItem[] = [
    { label: `FRR+ (${plural(totals.frrPlus, "commune")})`, fill: FRR_FILLS.frr_plus },
    { label: `FRR socle (${plural(totals.frrSocle, "commune")})`, fill: FRR_FILLS.frr_socle },
  ];
  if (totals.nonClassees > 0) {
    items.push({ label: `Non classée (${plural(totals.nonClassees, "commune")})`, fill: FRR_FILLS.non_classee });
  }
  if (totals.frrNonImporte > 0) {
    items.push({
      label: `Classement FRR non importé (${plural(totals.frrNonImporte, "commune")})`,
      fill: NOT_IMPORTED_FILL,
    });
  }
  items.push({ label: "Commune avec un quartier prioritaire (QPV)", hatched: true });
  items.push({ label: "Commune où le réseau a une structure", point: true });
  return items;
}

function mapDescription(data: LoaderData): string {
  const { totals } = data;
  const parts = [
    `Les ${plural(data.map?.features.length ?? 0, "commune")} du département, colorées selon leur classement France Ruralités Revitalisation : ${formatNumber(totals.frrPlus)} FRR+ en bleu foncé, ${formatNumber(totals.frrSocle)} FRR socle en bleu clair${totals.frrNonImporte > 0 ? `, ${formatNumber(totals.frrNonImporte)} sans classement importé en gris` : ""}.`,
    `${plural(totals.communesAvecQpv, "commune a", "communes ont")} un quartier prioritaire : hachurées en orange.`,
    `Un point rouge marque ${plural(totals.communesAvecStructure, "commune")} où le réseau a au moins une structure.`,
    "Le tableau qui suit la carte donne les mêmes informations.",
  ];
  return parts.join(" ");
}

export default function CartePage({ loaderData }: Route.ComponentProps) {
  const { totals, departement, map } = loaderData;
  return (
    <div>
      <h1>Carte de couverture</h1>
      <p className="mt-4 max-w-3xl">
        {departement.nom} ({departement.code}) : {plural(totals.communes, "commune")},{" "}
        {plural(totals.population, "habitant")},{" "}
        {totals.frrNonImporte < totals.communes
          ? `${plural(totals.frrPlus, "commune")} FRR+ et ${formatNumber(totals.frrSocle)} FRR socle (France Ruralités Revitalisation)`
          : "classement France Ruralités Revitalisation non importé"}
        , {plural(totals.qpv, "quartier prioritaire", "quartiers prioritaires")} de la politique de la ville et{" "}
        {plural(totals.structures, "structure")} du réseau.
      </p>
      <p className="mt-2 max-w-3xl">
        La couverture du territoire par les promeneurs sera affichée ici dès que l'annuaire des promeneurs sera en
        ligne.
      </p>

      {map ? (
        <figure className="mt-6">
          <SvgMap
            id="carte-couverture"
            map={map}
            title={`Carte des communes – ${departement.nom} (${departement.code})`}
            description={mapDescription(loaderData)}
            legend={legendOf(totals)}
          />
          <figcaption className="mt-2 text-sm text-slate-700">
            Sources : contours IGN Admin Express, classement FRR de la DGCL, quartiers prioritaires de l'ANCT.
            {loaderData.sansContour > 0
              ? ` ${plural(loaderData.sansContour, "commune n'a", "communes n'ont")} pas encore de contour importé.`
              : ""}
          </figcaption>
        </figure>
      ) : (
        <p className="mt-6 rounded-md border border-slate-300 bg-slate-50 px-4 py-3">
          Les contours des communes ne sont pas encore importés.
        </p>
      )}

      <DataTable
        className="mt-8"
        caption={`Communes – ${departement.nom} (${departement.code}) : population, intercommunalité, classement FRR, quartiers prioritaires et structures du réseau`}
        rows={loaderData.communes}
        rowKey={(c) => c.code}
        columns={[
          { header: "Commune", cell: (c) => c.nom },
          { header: "Habitants", cell: (c) => formatNumber(c.population), align: "right" },
          { header: "Intercommunalité (EPCI)", cell: (c) => c.epci ?? "–" },
          { header: "Classement FRR", cell: (c) => c.frr },
          { header: "Quartiers prioritaires", cell: (c) => (c.qpv.length > 0 ? c.qpv.join(", ") : "–") },
          { header: "Structures", cell: (c) => formatNumber(c.structures), align: "right" },
        ]}
      />
    </div>
  );
}
