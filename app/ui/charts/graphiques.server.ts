/**
 * The indicators' charts, drawn on the server as SVG strings (echarts SSR, no animation, no code in
 * the browser). The same string goes into the dashboard page (inline), the Word document (rasterised
 * with sharp) and the PDF (pdfmake): so it is self-contained — explicit colours and fonts (Arial,
 * sans-serif), no CSS class nor variable, no external resource — and announced as an image with its
 * title (`role="img"`, `aria-label`, `<title>`). Numbers are French (« 1 234 », « 0,5 »); a withheld
 * part (`nombre: null`) is drawn as « < 3 » without a bar nor a value.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export type PartGraphique = { libelle: string; nombre: number | null };
export type SerieGraphique = { nom: string; points: ReadonlyArray<{ mois: string; valeur: number }> };

const POLICE = "Arial, Helvetica, sans-serif";
const TEXTE = "#1f2937";
const TEXTE_SECONDAIRE = "#4b5563";
const GRILLE = "#d1d5db";
/** Dark enough on white for a 3:1 contrast of the graphical objects, distinct for colour-blind readers. */
const COULEURS = ["#1d4ed8", "#b45309", "#047857", "#7e22ce"] as const;
const SYMBOLES = ["circle", "triangle", "rect", "diamond"] as const;
const TRAITS = ["solid", "dashed", "dotted", "solid"] as const;

const nombreFr = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** « 1 234 », « 0,5 » — with a plain no-break space, which every font (and librsvg) draws. */
export function nombreGraphique(valeur: number): string {
  return nombreFr.format(valeur).replace(/\u202f/g, "\u00a0");
}

const moisCourt = new Intl.DateTimeFormat("fr-FR", { month: "short", timeZone: "UTC" });

/** « janv. », with the year under the first month and under each January: « janv.\n2025 ». */
function libelleMois(mois: string, premier: boolean): string {
  const [annee, numero] = mois.split("-").map(Number);
  if (!annee || !numero) return mois;
  const court = moisCourt.format(new Date(Date.UTC(annee, numero - 1, 1)));
  return premier || numero === 1 ? `${court}\n${annee}` : court;
}

function echapper(texte: string): string {
  return texte.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Rounds the coordinates of `d`, `transform` and `points` attributes to one decimal. */
function arrondir(valeur: string): string {
  return valeur.replace(/-?\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10));
}

/**
 * Makes echarts' SSR output light and self-contained: removes its hover stylesheet, CSS classes,
 * metadata attributes, transparent background rectangle and zero-length bars; rounds coordinates; adds the
 * accessible name (`role="img"`, `aria-label` and a `<title>` first child).
 */
function finaliser(svg: string, titre: string): string {
  const nom = echapper(titre);
  return (
    svg
      .replace(/<style\b[\s\S]*?<\/style>/g, "")
      .replace(/ class="zr\d+-cls-\d+"/g, "")
      .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
      .replace(/ pointer-events="visible"/g, "")
      // A bar of length 0 (a zero, or a withheld part) draws nothing: drop its degenerate rectangle.
      .replace(/<path d="M[-\d.]+ [-\d.]+(?:l[-\d.]+ [-\d.]+){3}Z"[^>]*><\/path>\n?/g, (path) =>
        /l-?0 -?0(?=l|Z)/.test(path) ? "" : path,
      )
      .replace(/<rect width="\d+" height="\d+" x="0" y="0" fill="none"><\/rect>\n?/, "")
      .replace(
        / (d|transform|points)="([^"]*)"/g,
        (_, attribut: string, valeur: string) => ` ${attribut}="${arrondir(valeur)}"`,
      )
      .replace(/font-family:[^;"]*;/g, `font-family:${POLICE};`)
      .replace(/<svg ([^>]*)>/, `<svg $1 role="img" aria-label="${nom}"><title>${nom}</title>`)
      .replace(/\n{2,}/g, "\n")
  );
}

/**
 * The last charts drawn, by their input: a dashboard shown again (same filter, same figures) does
 * not draw its charts again. Small and bounded; the oldest entry goes first.
 */
const dejaDessines = new Map<string, string>();
const MAX_DESSINS = 200;

function memoriser(cle: string, dessiner: () => string): string {
  const connu = dejaDessines.get(cle);
  if (connu !== undefined) return connu;
  const svg = dessiner();
  if (dejaDessines.size >= MAX_DESSINS) {
    const ancien = dejaDessines.keys().next().value;
    if (ancien !== undefined) dejaDessines.delete(ancien);
  }
  dejaDessines.set(cle, svg);
  return svg;
}

function rendre(option: Record<string, unknown>, largeur: number, hauteur: number, titre: string): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: largeur, height: hauteur });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: POLICE, color: TEXTE },
      title: {
        text: titre,
        left: 8,
        top: 6,
        textStyle: {
          fontFamily: POLICE,
          fontSize: 15,
          fontWeight: "bold",
          color: TEXTE,
          width: largeur - 16,
          overflow: "break",
        },
      },
      ...option,
    });
    return finaliser(chart.renderToSVGString(), titre);
  } finally {
    chart.dispose();
  }
}

/** A chart with nothing to draw: the title and « Aucune donnée sur la période. ». */
function svgVide(titre: string, largeur: number): string {
  const nom = echapper(titre);
  return (
    `<svg width="${largeur}" height="80" xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ${largeur} 80" role="img" aria-label="${nom}">` +
    `<title>${nom}</title><rect width="${largeur}" height="80" fill="#ffffff"></rect>` +
    `<text x="8" y="24" style="font-size:15px;font-weight:bold;font-family:${POLICE};" fill="${TEXTE}">${nom}</text>` +
    `<text x="8" y="56" style="font-size:13px;font-family:${POLICE};" fill="${TEXTE_SECONDAIRE}">Aucune donnée sur la période.</text></svg>`
  );
}

const axeValeurs = {
  type: "value",
  minInterval: 1,
  axisLabel: { color: TEXTE_SECONDAIRE, fontSize: 12, formatter: (v: number) => nombreGraphique(v) },
  splitLine: { lineStyle: { color: GRILLE } },
};

/**
 * A bar chart of a breakdown. Horizontal bars (labels on the left, wrapped) suit long labels;
 * the height grows with the number of bars when not given. A `null` part shows « < 3 » and no bar.
 */
export function svgBarres(
  parts: ReadonlyArray<PartGraphique>,
  options: { titre: string; largeur?: number; hauteur?: number; horizontal?: boolean },
): string {
  return memoriser(JSON.stringify(["barres", parts, options]), () => dessinerBarres(parts, options));
}

function dessinerBarres(
  parts: ReadonlyArray<PartGraphique>,
  options: { titre: string; largeur?: number; hauteur?: number; horizontal?: boolean },
): string {
  const largeur = options.largeur ?? 640;
  if (parts.length === 0) return svgVide(options.titre, largeur);
  const horizontal = options.horizontal ?? false;
  const haut = 44;
  const donnees = parts.map((part) =>
    part.nombre === null
      ? {
          value: 0,
          label: { show: true, formatter: "< 3", color: TEXTE_SECONDAIRE, fontStyle: "italic" },
        }
      : { value: part.nombre },
  );
  const libelles = parts.map((part) => part.libelle);
  const serie = {
    type: "bar",
    data: donnees,
    silent: true,
    itemStyle: { color: COULEURS[0] },
    barMaxWidth: 28,
    label: {
      show: true,
      position: horizontal ? "right" : "top",
      color: TEXTE,
      fontSize: 12,
      formatter: (p: { value: number }) => nombreGraphique(p.value),
    },
  };

  if (horizontal) {
    const gauche = Math.min(230, Math.round(largeur * 0.38));
    const hauteur = options.hauteur ?? haut + 30 + parts.length * 30;
    return rendre(
      {
        grid: { left: gauche, right: 56, top: haut, bottom: 28 },
        xAxis: axeValeurs,
        yAxis: {
          type: "category",
          inverse: true,
          data: libelles,
          axisTick: { show: false },
          axisLine: { lineStyle: { color: TEXTE_SECONDAIRE } },
          axisLabel: { color: TEXTE, fontSize: 12, width: gauche - 12, overflow: "break", lineHeight: 14, interval: 0 },
        },
        series: [serie],
      },
      largeur,
      hauteur,
      options.titre,
    );
  }

  const hauteur = options.hauteur ?? 300;
  const largeurBarre = (largeur - 72) / parts.length;
  // Wrapped category labels: about 6.5 px per character at 12 px.
  const lignes = Math.max(...libelles.map((l) => Math.ceil((l.length * 6.5) / Math.max(largeurBarre - 4, 20))));
  return rendre(
    {
      grid: { left: 56, right: 16, top: haut + 8, bottom: 16 + Math.min(lignes, 6) * 14 },
      xAxis: {
        type: "category",
        data: libelles,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: TEXTE_SECONDAIRE } },
        axisLabel: {
          color: TEXTE,
          fontSize: 12,
          interval: 0,
          width: largeurBarre - 4,
          overflow: "break",
          lineHeight: 14,
        },
      },
      yAxis: axeValeurs,
      series: [serie],
    },
    largeur,
    hauteur,
    options.titre,
  );
}

/** Monthly trends: one line per series over the same months (« YYYY-MM »), French month labels. */
export function svgCourbes(
  series: ReadonlyArray<SerieGraphique>,
  options: { titre: string; largeur?: number; hauteur?: number },
): string {
  return memoriser(JSON.stringify(["courbes", series, options]), () => dessinerCourbes(series, options));
}

function dessinerCourbes(
  series: ReadonlyArray<SerieGraphique>,
  options: { titre: string; largeur?: number; hauteur?: number },
): string {
  const largeur = options.largeur ?? 640;
  const mois = [...new Set(series.flatMap((s) => s.points.map((p) => p.mois)))].sort();
  if (mois.length === 0) return svgVide(options.titre, largeur);
  const hauteur = options.hauteur ?? 300;
  const legende = series.length > 1;
  return rendre(
    {
      legend: legende
        ? {
            bottom: 4,
            left: 8,
            textStyle: { color: TEXTE, fontSize: 12 },
            data: series.map((s) => s.nom),
          }
        : undefined,
      grid: { left: 56, right: 24, top: 52, bottom: legende ? 72 : 48 },
      xAxis: {
        type: "category",
        boundaryGap: false,
        data: mois.map((m, i) => libelleMois(m, i === 0)),
        axisTick: { alignWithLabel: true },
        axisLine: { lineStyle: { color: TEXTE_SECONDAIRE } },
        axisLabel: { color: TEXTE, fontSize: 12, lineHeight: 14, interval: mois.length > 18 ? "auto" : 0 },
      },
      yAxis: axeValeurs,
      series: series.map((s, i) => {
        const parMois = new Map(s.points.map((p) => [p.mois, p.valeur]));
        const couleur = COULEURS[i % COULEURS.length];
        return {
          type: "line",
          name: s.nom,
          silent: true,
          data: mois.map((m) => parMois.get(m) ?? 0),
          symbol: SYMBOLES[i % SYMBOLES.length],
          symbolSize: 7,
          color: couleur,
          lineStyle: { width: 2.5, type: TRAITS[i % TRAITS.length], color: couleur },
          label: { show: false },
        };
      }),
    },
    largeur,
    hauteur,
    options.titre,
  );
}
