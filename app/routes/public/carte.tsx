import { type CouverturePublique, findCouverturePublique } from "~/domain/public/annuaire-public.queries.server";
import {
  type CarteCommune,
  contoursVersion,
  findCarteCommunes,
  findContours,
} from "~/domain/territoire/carte.queries.server";
import {
  CLASSES_COUVERTURE,
  type ClasseCouverture,
  classeCouverture,
  classeCouvertureLabels,
  resumeCouverture,
} from "~/domain/territoire/couverture.rules";
import { frrLabel } from "~/domain/territoire/territoire.labels";
import { getDepartement } from "~/domain/territoire/territoire.queries.server";
import { formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { DataTable } from "~/ui/data-table";
import {
  type MapGeometry,
  type MapLegendItem,
  type ProjectedMap,
  type ProjectedPoint,
  placePoint,
  projectMap,
  SvgMap,
} from "~/ui/map/svg-map";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/carte";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Carte de couverture",
    description:
      "Les communes des Alpes-de-Haute-Provence couvertes par les Promeneurs du Net : nombre de promeneurs par commune, quartiers prioritaires et structures.",
    path: "/carte",
  });

/** Fill of a commune by its coverage class: a light-to-dark scale, readable in grey too. */
const COUVERTURE_FILLS = {
  aucun: "#f1f5f9",
  un: "#a9cce3",
  deux_trois: "#3f88b8",
  quatre_plus: "#0b3b5c",
} satisfies Record<ClasseCouverture, string>;

/**
 * The projected geometry (paths and centroids) costs a few hundred milliseconds for 198 communes:
 * it is kept per département and redrawn only when the boundaries are imported again. What changes
 * often (who is public, their territories, structures) is recomputed on every request and only
 * colours the cached paths: a suspended promeneur leaves the map at once.
 */
const geometries = new Map<string, { key: string; map: ProjectedMap }>();

async function geometryFor(
  db: ReturnType<typeof getDb>,
  code: string,
  drawn: CarteCommune[],
): Promise<ProjectedMap | null> {
  if (drawn.length === 0) return null;
  const key = `${await contoursVersion(db, code)}|${drawn.map((c) => c.code).join(",")}`;
  const cached = geometries.get(code);
  if (cached?.key === key) return cached.map;
  const contours = await findContours(db, code);
  const map = projectMap({
    features: drawn.map((c) => ({
      id: c.code,
      label: c.nom,
      geometry: contours.get(c.code) as MapGeometry,
      fill: COUVERTURE_FILLS.aucun,
      title: c.nom,
    })),
  });
  geometries.set(code, { key, map });
  return map;
}

type CommuneCarte = {
  code: string;
  nom: string;
  population: number;
  epci: string | null;
  frr: string;
  qpv: string[];
  classe: ClasseCouverture;
  promeneurs: { slug: string; nomPublic: string }[];
};

function communeTitle(c: CommuneCarte): string {
  const parts = [
    c.promeneurs.length === 0 ? "aucun promeneur" : plural(c.promeneurs.length, "promeneur"),
    plural(c.population, "habitant"),
  ];
  if (c.qpv.length > 0) {
    parts.push(`${c.qpv.length > 1 ? "quartiers prioritaires" : "quartier prioritaire"} : ${c.qpv.join(", ")}`);
  }
  return `${c.nom} – ${parts.join(" ; ")}`;
}

/** One point per commune with structures, at the centroid of its drawn boundary. */
function structurePoints(map: ProjectedMap, couverture: CouverturePublique, noms: Map<string, string>) {
  const parCommune = new Map<string, string[]>();
  for (const s of couverture.structures) {
    if (!s.communeCode) continue;
    parCommune.set(s.communeCode, [...(parCommune.get(s.communeCode) ?? []), s.nom]);
  }
  const points: ProjectedPoint[] = [];
  for (const [commune, structures] of parCommune) {
    const point = placePoint(map.features, {
      id: commune,
      featureId: commune,
      title: `${noms.get(commune) ?? commune} : ${structures.join(", ")}`,
      radius: Math.min(9, 3.5 + Math.sqrt(structures.length) * 1.5),
    });
    if (point) points.push(point);
  }
  return points.sort((a, b) => a.id.localeCompare(b.id));
}

export async function loader() {
  const code = getEnv().DEFAULT_DEPARTEMENT;
  const db = getDb();
  const [departement, rows, couverture] = await Promise.all([
    getDepartement(db, code),
    findCarteCommunes(db, code),
    findCouverturePublique(db, code, new Date()),
  ]);
  const communes: CommuneCarte[] = rows.map((c) => {
    const promeneurs = couverture.parCommune.get(c.code) ?? [];
    return {
      code: c.code,
      nom: c.nom,
      population: c.population,
      epci: c.epci,
      frr: frrLabel(c.frrStatut),
      qpv: c.qpv,
      classe: classeCouverture(promeneurs.length),
      promeneurs,
    };
  });
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const drawn = rows.filter((c) => c.hasContour);
  const geometry = await geometryFor(db, code, drawn);
  const map: ProjectedMap | null = geometry
    ? {
        width: geometry.width,
        height: geometry.height,
        features: geometry.features.map((f) => {
          const c = byCode.get(f.id) as CommuneCarte;
          return { ...f, fill: COUVERTURE_FILLS[c.classe], title: communeTitle(c), hatched: c.qpv.length > 0 };
        }),
        points: structurePoints(geometry, couverture, new Map(communes.map((c) => [c.code, c.nom]))),
      }
    : null;

  return {
    departement: { code, nom: departement?.nom ?? code },
    map,
    sansContour: rows.length - drawn.length,
    resume: resumeCouverture(communes.map((c) => ({ population: c.population, promeneurs: c.promeneurs.length }))),
    qpv: {
      quartiers: communes.reduce((sum, c) => sum + c.qpv.length, 0),
      communes: communes.filter((c) => c.qpv.length > 0).length,
    },
    structures: couverture.structures.length,
    communes,
  };
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

function legendOf(data: LoaderData): MapLegendItem[] {
  const items: MapLegendItem[] = CLASSES_COUVERTURE.map((classe) => ({
    label: `${classeCouvertureLabels[classe]} (${plural(data.resume.parClasse[classe], "commune")})`,
    fill: COUVERTURE_FILLS[classe],
  }));
  items.push({ label: "Commune avec un quartier prioritaire (QPV), hachurée", hatched: true });
  items.push({ label: "Commune où une structure emploie un promeneur de l'annuaire", point: true });
  return items;
}

function mapDescription(data: LoaderData): string {
  const { parClasse } = data.resume;
  return [
    `Les ${plural(data.map?.features.length ?? 0, "commune")} du département, de plus en plus foncées selon le nombre de promeneurs de l'annuaire qui les couvrent : ${formatNumber(parClasse.aucun)} sans promeneur (presque blanches), ${formatNumber(parClasse.un)} avec un promeneur, ${formatNumber(parClasse.deux_trois)} avec deux ou trois, ${formatNumber(parClasse.quatre_plus)} avec quatre ou plus (bleu foncé).`,
    `${plural(data.qpv.communes, "commune a", "communes ont")} un quartier prioritaire : hachurées et cerclées d'orange.`,
    `Un point rouge marque chaque commune où une structure emploie un promeneur de l'annuaire (${plural(data.structures, "structure")}).`,
    "Le tableau qui suit la carte donne les mêmes informations.",
  ].join(" ");
}

function Promeneurs({ c }: { c: CommuneCarte }) {
  if (c.promeneurs.length === 0) return <>0</>;
  return (
    <>
      {formatNumber(c.promeneurs.length)}&nbsp;:{" "}
      {c.promeneurs.map((p, i) => (
        <span key={p.slug}>
          {i > 0 ? ", " : ""}
          <a href={`/promeneurs/${encodeURIComponent(p.slug)}`}>{p.nomPublic}</a>
        </span>
      ))}
    </>
  );
}

export default function CartePage({ loaderData }: Route.ComponentProps) {
  const { resume, departement, map } = loaderData;
  return (
    <div>
      <h1>Carte de couverture</h1>
      <p className="mt-4 max-w-3xl text-lg font-semibold">
        {formatNumber(resume.couvertes)} {resume.couvertes > 1 ? "communes" : "commune"} sur{" "}
        {formatNumber(resume.communes)} {resume.couvertes > 1 ? "couvertes" : "couverte"},{" "}
        {formatNumber(resume.pourcentPopulation)}&nbsp;% de la population.
      </p>
      <p className="mt-2 max-w-3xl">
        {departement.nom} ({departement.code}) : une commune est couverte quand un promeneur de{" "}
        <a href="/promeneurs">l'annuaire</a> l'a dans son territoire d'intervention, directement ou par son
        intercommunalité. {plural(resume.population, "habitant")},{" "}
        {plural(loaderData.qpv.quartiers, "quartier prioritaire", "quartiers prioritaires")} de la politique de la
        ville.
      </p>

      {map ? (
        <figure className="mt-6">
          <SvgMap
            id="carte-couverture"
            map={map}
            title={`Couverture par les promeneurs du Net – ${departement.nom} (${departement.code})`}
            description={mapDescription(loaderData)}
            legend={legendOf(loaderData)}
          />
          <figcaption className="mt-2 text-sm text-slate-700">
            Sources : annuaire des promeneurs du Net, contours IGN Admin Express, quartiers prioritaires de l'ANCT.
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
        caption={`Couverture des communes – ${departement.nom} (${departement.code}) : population, intercommunalité, classement FRR, quartiers prioritaires et promeneurs`}
        rows={loaderData.communes}
        rowKey={(c) => c.code}
        columns={[
          { header: "Commune", cell: (c) => c.nom },
          { header: "Habitants", cell: (c) => formatNumber(c.population), align: "right" },
          { header: "Intercommunalité (EPCI)", cell: (c) => c.epci ?? "–" },
          { header: "Classement FRR", cell: (c) => c.frr },
          { header: "Quartiers prioritaires", cell: (c) => (c.qpv.length > 0 ? c.qpv.join(", ") : "–") },
          { header: "Promeneurs", cell: (c) => <Promeneurs c={c} /> },
        ]}
      />
    </div>
  );
}
