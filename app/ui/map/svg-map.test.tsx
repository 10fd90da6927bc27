import { geoArea } from "d3-geo";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  compactPath,
  type MapFeatureInput,
  type MapGeometry,
  placePoint,
  projectMap,
  rewindGeometry,
  SvgMap,
} from "./svg-map";

// Two neighbouring 0.1° squares, exterior rings wound clockwise (as d3-geo expects)…
const clockwise = (x: number, y: number): number[][] => [
  [x, y],
  [x, y + 0.1],
  [x + 0.1, y + 0.1],
  [x + 0.1, y],
  [x, y],
];
// …and counter-clockwise, as RFC 7946 GeoJSON writes them.
const counterClockwise = (x: number, y: number) => [...clockwise(x, y)].reverse();

const polygon = (ring: number[][]): MapGeometry => ({ type: "Polygon", coordinates: [ring] });
const area = (geometry: MapGeometry) => geoArea(geometry as never);

const features = (geometryA: MapGeometry, geometryB: MapGeometry): MapFeatureInput[] => [
  { id: "a", label: "Commune A", geometry: geometryA, fill: "#0b4a70", title: "Commune A – FRR+" },
  { id: "b", label: "Commune B", geometry: geometryB, fill: "#7fb6d9", title: "Commune B – FRR socle", hatched: true },
];

describe("sens des anneaux", () => {
  it("retourne un polygone GeoJSON (sens inverse des aiguilles d'une montre) que d3 lirait comme le globe entier", () => {
    const geojson = polygon(counterClockwise(6, 44));
    expect(area(geojson)).toBeGreaterThan(2 * Math.PI);
    const rewound = rewindGeometry(geojson);
    expect(area(rewound)).toBeLessThan(0.001);
    expect(rewound.coordinates[0]).toEqual(clockwise(6, 44));
  });

  it("laisse tel quel un polygone déjà dans le sens de d3", () => {
    const geometry = polygon(clockwise(6, 44));
    expect(rewindGeometry(geometry)).toBe(geometry);
  });

  it("retourne chaque polygone d'un multipolygone séparément", () => {
    const rewound = rewindGeometry({
      type: "MultiPolygon",
      coordinates: [[clockwise(6, 44)], [counterClockwise(6.2, 44)]],
    });
    expect(rewound.coordinates).toEqual([[clockwise(6, 44)], [clockwise(6.2, 44)]]);
  });
});

describe("projection de la carte", () => {
  it("donne le même dessin quel que soit le sens des anneaux", () => {
    const d3Order = projectMap({ features: features(polygon(clockwise(6, 44)), polygon(clockwise(6.1, 44))) });
    const rfcOrder = projectMap({
      features: features(polygon(counterClockwise(6, 44)), polygon(counterClockwise(6.1, 44))),
    });
    expect(rfcOrder.width).toBe(d3Order.width);
    expect(rfcOrder.height).toBe(d3Order.height);
    // Same points, read in the other direction: compare the sets of coordinates.
    const sorted = (d: string) =>
      absolutePoints(d)
        .map(([x, y]) => `${x},${y}`)
        .sort();
    expect(sorted(rfcOrder.features[0]?.d ?? "")).toEqual(sorted(d3Order.features[0]?.d ?? ""));
  });

  it("cadre les zones dans la largeur demandée, la hauteur suit la forme, coordonnées entières", () => {
    const map = projectMap({
      features: features(polygon(clockwise(6, 44)), polygon(clockwise(6.1, 44))),
      width: 400,
      padding: 10,
    });
    expect(map.width).toBe(400);
    // Two squares side by side: about twice as wide as high (0.2° × 0.1°, squeezed by cos(44°)).
    expect(map.height).toBeGreaterThan(120);
    expect(map.height).toBeLessThan(320);
    for (const feature of map.features) {
      expect(feature.d).toMatch(/^M.*z$/);
      expect(feature.d).not.toMatch(/\d\.\d/);
      const values = absolutePoints(feature.d).flat();
      expect(Math.min(...values)).toBeGreaterThanOrEqual(9);
      expect(Math.max(...values)).toBeLessThanOrEqual(391);
    }
    expect(map.features.map((f) => [f.id, f.hatched])).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });

  it("place un point au centre d'une zone ou à ses coordonnées, et ignore un point sans ancrage", () => {
    const map = projectMap({
      features: features(polygon(clockwise(6, 44)), polygon(clockwise(6.1, 44))),
      points: [
        { id: "centre-a", title: "Structure en A", featureId: "a" },
        { id: "coin", title: "Coin", coordinates: [6.2, 44], radius: 6.25 },
        { id: "perdu", title: "Zone inconnue", featureId: "z" },
      ],
      width: 400,
      padding: 0,
    });
    expect(map.points.map((p) => p.id)).toEqual(["centre-a", "coin"]);
    const [centre, coin] = map.points;
    expect(centre?.x).toBeCloseTo(100, -1);
    expect(centre?.y).toBeCloseTo(map.height / 2, -1);
    expect(coin?.x).toBeCloseTo(400, -1);
    expect(coin?.r).toBe(6.3);
    expect(centre?.r).toBe(4);
  });
});

describe("points placés sur une géométrie déjà projetée", () => {
  it("pose un point au centroïde plan du contour dessiné, et aucun sur une zone inconnue", () => {
    const map = projectMap({ features: features(polygon(clockwise(6, 44)), polygon(clockwise(6.1, 44))), width: 400 });
    const [a, b] = map.features;
    expect(a?.centroid?.[0]).toBeLessThan(b?.centroid?.[0] ?? 0);
    // A projected square: its centroid is the mean of its four corners (to the pixel).
    const corners = absolutePoints(b?.d ?? "").slice(0, 4);
    const mean = (axis: 0 | 1) => corners.reduce((sum, point) => sum + point[axis], 0) / corners.length;
    expect(Math.abs((b?.centroid?.[0] ?? 0) - mean(0))).toBeLessThan(1.5);
    expect(Math.abs((b?.centroid?.[1] ?? 0) - mean(1))).toBeLessThan(1.5);
    expect(placePoint(map.features, { id: "p", title: "Structure", featureId: "b", radius: 5.04 })).toEqual({
      id: "p",
      x: b?.centroid?.[0],
      y: b?.centroid?.[1],
      r: 5,
      title: "Structure",
    });
    expect(placePoint(map.features, { id: "z", title: "Ailleurs", featureId: "z" })).toBeNull();
  });
});

describe("rendu SVG", () => {
  const map = projectMap({
    features: features(polygon(clockwise(6, 44)), polygon(clockwise(6.1, 44))),
    points: [{ id: "p", title: "Commune A : 1 structure", featureId: "a" }],
  });

  it("est une image accessible nommée par son titre et sa description", () => {
    const html = renderToStaticMarkup(
      <SvgMap id="essai" map={map} title="Carte d'essai" description="Deux communes côte à côte." />,
    );
    expect(html).toMatch(/<svg[^>]* role="img" aria-labelledby="essai-titre essai-description"/);
    expect(html).toContain('<title id="essai-titre">Carte d&#x27;essai</title>');
    expect(html).toContain('<desc id="essai-description">Deux communes côte à côte.</desc>');
    expect(html).toContain(`viewBox="0 0 ${map.width} ${map.height}"`);
    expect(html).not.toContain("<ul");
  });

  it("dessine un chemin titré par zone, hachure les zones marquées et pointe les points", () => {
    const html = renderToStaticMarkup(<SvgMap id="essai" map={map} title="Carte" description="Description" />);
    expect(html.match(/<path d="[^"]+" fill="#[0-9a-f]{6}"><title>/g)).toHaveLength(2);
    expect(html).toContain("<title>Commune A – FRR+</title>");
    expect(html).toContain('fill="url(#essai-hachures)"');
    expect(html).toContain('<pattern id="essai-hachures"');
    expect(html).toMatch(/<circle cx="[\d.]+" cy="[\d.]+" r="4"><title>Commune A : 1 structure<\/title><\/circle>/);
  });

  it("affiche la légende en HTML avec des pastilles décoratives", () => {
    const html = renderToStaticMarkup(
      <SvgMap
        id="essai"
        map={map}
        title="Carte"
        description="Description"
        legend={[
          { label: "FRR+", fill: "#0b4a70" },
          { label: "Quartier prioritaire", hatched: true },
          { label: "Structure", point: true },
        ]}
      />,
    );
    expect(html).toContain('<ul class="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm" aria-label="Légende : Carte">');
    expect(html.match(/<li /g)).toHaveLength(3);
    expect(html.match(/aria-hidden="true"/g)).toHaveLength(3);
    expect(html).toContain("<span>Quartier prioritaire</span>");
  });
});

/** Decodes a compact path ("M10 20l2 0-1-2z") back to its absolute points. */
function absolutePoints(d: string): [number, number][] {
  const points: [number, number][] = [];
  for (const ring of d.split("M").filter(Boolean)) {
    const [move, rest = ""] = ring.replace(/z/g, "").split("l");
    let [x, y] = (move ?? "").trim().split(" ").map(Number) as [number, number];
    points.push([x, y]);
    const deltas = rest.match(/-?\d+/g)?.map(Number) ?? [];
    for (let i = 0; i + 1 < deltas.length; i += 2) {
      x += deltas[i] as number;
      y += deltas[i + 1] as number;
      points.push([x, y]);
    }
  }
  return points;
}

describe("compactPath", () => {
  it("se relit en points absolus identiques", () => {
    expect(absolutePoints(compactPath("M10,20L12,20L11,18L10,20Z"))).toEqual([
      [10, 20],
      [12, 20],
      [11, 18],
      [10, 20],
    ]);
  });

  it("réécrit un contour en déplacements relatifs sans répéter un point", () => {
    expect(compactPath("M10,20L12,20L12,20L11,18L10,20Z")).toBe("M10 20l2 0-1-2-1 2z");
  });

  it("garde chaque anneau d'un multipolygone", () => {
    expect(compactPath("M0,0L5,0L5,5Z M10,10L12,10L12,12Z".replace(" ", ""))).toBe("M0 0l5 0 0 5zM10 10l2 0 0 2z");
  });
});
