import { type GeoPermissibleObjects, geoArea, geoConicConformal, geoPath } from "d3-geo";

/**
 * A choropleth map drawn as SVG on the server: no map code reaches the browser. `projectMap` (used
 * by loaders) turns GeoJSON areas into rounded path strings; `SvgMap` draws them with a title,
 * a description and a legend. Generic: it knows nothing of communes or promeneurs.
 */

type Position = number[];
export type MapGeometry =
  | { type: "Polygon"; coordinates: Position[][] }
  | { type: "MultiPolygon"; coordinates: Position[][][] };

export type MapFeatureInput = {
  id: string;
  /** Short name (the feature's accessible label). */
  label: string;
  geometry: MapGeometry;
  /** CSS colour of the area. */
  fill: string;
  /** Tooltip text (SVG `<title>`). */
  title: string;
  /** Outlined and hatched on top of its fill. */
  hatched?: boolean;
};

export type MapPointInput = {
  id: string;
  title: string;
  /** Drawn at the centroid of this feature… */
  featureId?: string;
  /** …or at these WGS84 coordinates [longitude, latitude]. */
  coordinates?: [number, number];
  /** Radius in SVG units (default 4). */
  radius?: number;
};

export type ProjectedFeature = {
  id: string;
  label: string;
  d: string;
  fill: string;
  title: string;
  hatched: boolean;
  /** Planar centroid of the drawn area (`geoPath.centroid`), rounded to 0.1; null for an empty area. */
  centroid: [number, number] | null;
};
export type ProjectedPoint = { id: string; x: number; y: number; r: number; title: string };
export type ProjectedMap = { width: number; height: number; features: ProjectedFeature[]; points: ProjectedPoint[] };

const TWO_PI = 2 * Math.PI;

function polygonNeedsRewind(rings: Position[][]): boolean {
  return geoArea({ type: "Polygon", coordinates: rings } as GeoPermissibleObjects) > TWO_PI;
}

const reversed = (rings: Position[][]) => rings.map((ring) => [...ring].reverse());

/**
 * d3-geo reads rings on the sphere: an exterior ring wound counter-clockwise (RFC 7946 GeoJSON) is
 * "the whole globe minus the area". Any polygon whose area exceeds a hemisphere is rewound.
 */
export function rewindGeometry(geometry: MapGeometry): MapGeometry {
  if (geometry.type === "Polygon") {
    return polygonNeedsRewind(geometry.coordinates)
      ? { type: "Polygon", coordinates: reversed(geometry.coordinates) }
      : geometry;
  }
  return {
    type: "MultiPolygon",
    coordinates: geometry.coordinates.map((rings) => (polygonNeedsRewind(rings) ? reversed(rings) : rings)),
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Rewrites an integer polygon path of d3 ("M412,233L413,234…Z") with relative moves and no
 * repeated point ("M412 233l1 1…z"): about half the bytes, for the same drawing at 1 px.
 */
export function compactPath(d: string): string {
  let out = "";
  let x = 0;
  let y = 0;
  for (const match of d.matchAll(/([MLZ])([^MLZ]*)/gi)) {
    const command = (match[1] as string).toUpperCase();
    if (command === "Z") {
      out += "z";
      continue;
    }
    const [nx, ny] = (match[2] as string).split(",").map(Number) as [number, number];
    if (command === "M") {
      out += `M${nx} ${ny}l`;
    } else if (nx !== x || ny !== y) {
      const dx = nx - x;
      const dy = ny - y;
      out += `${out.endsWith("l") || dx < 0 ? "" : " "}${dx}${dy < 0 ? "" : " "}${dy}`;
    }
    x = nx;
    y = ny;
  }
  return out.replace(/l(z|M|$)/g, "$1");
}

/**
 * Projects areas and points into a `width`-wide SVG (the height follows the shape), with a conic
 * conformal projection (as Lambert-93) fitted to the areas. Coordinates are rounded to 0.1.
 */
export function projectMap(input: {
  features: MapFeatureInput[];
  points?: MapPointInput[];
  width?: number;
  padding?: number;
}): ProjectedMap {
  const width = input.width ?? 800;
  const padding = input.padding ?? 8;
  const geometries = input.features.map((f) => rewindGeometry(f.geometry));
  const collection = {
    type: "FeatureCollection",
    features: geometries.map((geometry) => ({ type: "Feature", properties: {}, geometry })),
  } as GeoPermissibleObjects;

  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]);
  projection.fitWidth(width - 2 * padding, collection);
  const [[, y0], [, y1]] = geoPath(projection).bounds(collection);
  const height = Math.max(1, Math.ceil(y1 - y0 + 2 * padding));
  projection.fitExtent(
    [
      [padding, padding],
      [width - padding, height - padding],
    ],
    collection,
  );
  const path = geoPath(projection).digits(0);

  const features: ProjectedFeature[] = input.features.map((feature, index) => {
    const geometry = geometries[index] as GeoPermissibleObjects;
    const [cx, cy] = path.centroid(geometry);
    return {
      id: feature.id,
      label: feature.label,
      d: compactPath(path(geometry) ?? ""),
      fill: feature.fill,
      title: feature.title,
      hatched: feature.hatched ?? false,
      centroid: Number.isFinite(cx) && Number.isFinite(cy) ? [round1(cx), round1(cy)] : null,
    };
  });

  const points: ProjectedPoint[] = [];
  for (const point of input.points ?? []) {
    if (point.featureId) {
      const placed = placePoint(features, point);
      if (placed) points.push(placed);
      continue;
    }
    const position = point.coordinates ? projection(point.coordinates) : null;
    if (!position) continue;
    points.push({
      id: point.id,
      x: round1(position[0]),
      y: round1(position[1]),
      r: round1(point.radius ?? 4),
      title: point.title,
    });
  }
  return { width, height, features, points };
}

/**
 * A point drawn at the centroid of an already projected area (null when the area is unknown): lets
 * a page keep the projected geometry and place per-request points on it without projecting again.
 */
export function placePoint(
  features: readonly ProjectedFeature[],
  point: { id: string; title: string; featureId?: string | undefined; radius?: number | undefined },
): ProjectedPoint | null {
  const centroid = features.find((f) => f.id === point.featureId)?.centroid;
  if (!centroid) return null;
  return { id: point.id, x: centroid[0], y: centroid[1], r: round1(point.radius ?? 4), title: point.title };
}

export type MapLegendItem = {
  label: string;
  /** A filled square of this colour… */
  fill?: string;
  /** …hatched like the hatched areas… */
  hatched?: boolean;
  /** …or a dot like the points. */
  point?: boolean;
};

const HATCH_COLOUR = "#9a3412";
const POINT_COLOUR = "#a4161a";

function LegendSwatch({ item, patternId }: { item: MapLegendItem; patternId: string }) {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false" className="shrink-0">
      {item.point ? (
        <circle cx="10" cy="10" r="5" fill={POINT_COLOUR} stroke="#ffffff" strokeWidth="1.5" />
      ) : (
        <rect
          x="1"
          y="1"
          width="18"
          height="18"
          fill={item.hatched ? `url(#${patternId})` : (item.fill ?? "none")}
          stroke={item.hatched ? HATCH_COLOUR : "#64748b"}
          strokeWidth={item.hatched ? 2 : 1}
        />
      )}
    </svg>
  );
}

/**
 * The map as an accessible image (role="img", named by its title and description) and its legend.
 * Each area keeps a `<title>` for mouse users; the page must also give the data as a table.
 */
export function SvgMap({
  id,
  map,
  title,
  description,
  legend = [],
}: {
  /** Unique in the page: prefixes the ids of the title, description and hatch pattern. */
  id: string;
  map: ProjectedMap;
  title: string;
  description: string;
  legend?: MapLegendItem[];
}) {
  const patternId = `${id}-hachures`;
  const hatched = map.features.filter((f) => f.hatched);
  return (
    <div>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${map.width} ${map.height}`}
        role="img"
        aria-labelledby={`${id}-titre ${id}-description`}
        className="h-auto w-full max-w-3xl"
      >
        <title id={`${id}-titre`}>{title}</title>
        <desc id={`${id}-description`}>{description}</desc>
        <defs>
          <pattern id={patternId} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke={HATCH_COLOUR} strokeWidth="2" />
          </pattern>
        </defs>
        <g stroke="#ffffff" strokeWidth="0.6" strokeLinejoin="round">
          {map.features.map((f) => (
            <path key={f.id} d={f.d} fill={f.fill}>
              <title>{f.title}</title>
            </path>
          ))}
        </g>
        {hatched.length > 0 ? (
          <g fill={`url(#${patternId})`} stroke={HATCH_COLOUR} strokeWidth="2" pointerEvents="none">
            {hatched.map((f) => (
              <path key={f.id} d={f.d} />
            ))}
          </g>
        ) : null}
        {map.points.length > 0 ? (
          <g fill={POINT_COLOUR} stroke="#ffffff" strokeWidth="1.5">
            {map.points.map((p) => (
              <circle key={p.id} cx={p.x} cy={p.y} r={p.r}>
                <title>{p.title}</title>
              </circle>
            ))}
          </g>
        ) : null}
      </svg>
      {legend.length > 0 ? (
        <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm" aria-label={`Légende : ${title}`}>
          {legend.map((item) => (
            <li key={item.label} className="flex items-center gap-2">
              <LegendSwatch item={item} patternId={patternId} />
              <span>{item.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
