import { isbot } from "isbot";
import { PAGES_PUBLIQUES } from "~/domain/public/pages-publiques";
import {
  ajouterJours,
  ecartJours,
  formatJourIso,
  type JourCivil,
  jourParis as jourCivilParis,
  type PeriodeDemandee,
  parseJourIso,
  periodeDemandee,
  periodeValide,
} from "~/lib/jour";

/**
 * Audience of the public site without cookies nor IP addresses (pure helpers): which requests count
 * as a page view, under which path, on which Europe/Paris day, and the period shown in the back office.
 */

const CHEMIN_MAX = 200;
const PROFIL = /^\/promeneurs\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The path a view is counted under, or null when the page is not counted: only the public pages
 * (never sign-in or invitation pages, whose URL may hold a token) and the promeneurs' profiles
 * (/promeneurs/:slug). No query string, no trailing slash, lower case, at most 200 characters.
 */
export function normaliserChemin(pathname: string): string | null {
  let chemin = pathname.split(/[?#]/)[0] ?? "";
  try {
    chemin = decodeURIComponent(chemin);
  } catch {
    return null;
  }
  chemin = chemin.toLowerCase();
  if (chemin.length > 1) chemin = chemin.replace(/\/+$/, "");
  if (chemin === "") chemin = "/";
  if (chemin.length > CHEMIN_MAX) return null;
  if ((PAGES_PUBLIQUES as readonly string[]).includes(chemin)) return chemin;
  if (PROFIL.test(chemin)) return chemin;
  return null;
}

/** What the counting rule reads of a request: a Fetch `Request` fits, and so does an adapted Express one. */
export type RequeteVue = {
  method: string;
  /** The address, absolute or from the path on (`/carte?x=1`). */
  url: string;
  headers: { get(name: string): string | null };
};

/**
 * Whether a request is a person's page view worth counting: a GET (not HEAD) of a whole page, not a
 * data request of client navigation or a prefetch, not a robot, and not from a browser asking not
 * to be tracked (DNT: 1 or Sec-GPC: 1). Whether the page answered (200, HTML) is checked apart.
 */
export function estVueComptable(request: RequeteVue): boolean {
  if (request.method !== "GET") return false;
  const url = new URL(request.url, "http://localhost");
  // React Router's single fetch (`/page.data`); its answers are not HTML either.
  if (url.pathname.endsWith(".data") || url.searchParams.has("_data") || url.searchParams.has("_routes")) return false;
  const headers = request.headers;
  const dest = headers.get("sec-fetch-dest");
  if (dest && dest !== "document") return false;
  const purpose = `${headers.get("sec-purpose") ?? ""} ${headers.get("purpose") ?? ""}`.toLowerCase();
  if (purpose.includes("prefetch") || purpose.includes("prerender")) return false;
  if (headers.get("dnt") === "1" || headers.get("sec-gpc") === "1") return false;
  const userAgent = headers.get("user-agent");
  if (!userAgent || isbot(userAgent)) return false;
  return true;
}

/** Every day from `du` to `au` ('YYYY-MM-DD'), both included; none when either cannot be read. */
export function joursEntre(du: string, au: string): string[] {
  const debut = parseJourIso(du);
  const fin = parseJourIso(au);
  if (!debut || !fin) return [];
  return Array.from({ length: Math.max(0, ecartJours(debut, fin) + 1) }, (_, n) =>
    formatJourIso(ajouterJours(debut, n)),
  );
}

const PERIODE_MAX_JOURS = 731;

export type Preset = "7j" | "30j" | "annee";

export const presetLabels = {
  "7j": "7 derniers jours",
  "30j": "30 derniers jours",
  annee: "Cette année",
} as const satisfies Record<Preset, string>;

function periodePreset(preset: Preset, now: Date): { du: JourCivil; au: JourCivil } {
  const au = jourCivilParis(now);
  if (preset === "7j") return { du: ajouterJours(au, -6), au };
  if (preset === "30j") return { du: ajouterJours(au, -29), au };
  return { du: { annee: au.annee, mois: 1, jour: 1 }, au };
}

/**
 * The period of the audience asked in the query string (`periode` preset, or `du`/`au` days); by
 * default the last 30 days. A bad day or an inverted or too long period falls back to the default,
 * with a message.
 */
export function periodeAudience(params: URLSearchParams, now: Date): PeriodeDemandee {
  const preset = params.get("periode");
  if (preset === "7j" || preset === "30j" || preset === "annee") {
    const { du, au } = periodePreset(preset, now);
    return periodeValide(du, au);
  }
  return periodeDemandee(params, periodePreset("30j", now), { maxJours: PERIODE_MAX_JOURS });
}
