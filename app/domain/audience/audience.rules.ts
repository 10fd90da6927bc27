import { isbot } from "isbot";
import { PAGES_PUBLIQUES } from "~/domain/public/pages-publiques";
import {
  ajouterJours,
  comparerJours,
  ecartJours,
  formatJourIso,
  jourParis as jourCivilParis,
  parseJourIso,
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

function periodePreset(preset: Preset, now: Date): { du: string; au: string } {
  const aujourdhui = jourCivilParis(now);
  const au = formatJourIso(aujourdhui);
  if (preset === "7j") return { du: formatJourIso(ajouterJours(aujourdhui, -6)), au };
  if (preset === "30j") return { du: formatJourIso(ajouterJours(aujourdhui, -29)), au };
  return { du: formatJourIso({ annee: aujourdhui.annee, mois: 1, jour: 1 }), au };
}

type Periode = {
  du: string;
  au: string;
  /** What the form shows: the period, or what was typed when it is not valid. */
  saisie: { du: string; au: string };
  /** French messages by field when the asked period is not valid (the default period is used). */
  errors: { du?: string[]; au?: string[] };
};

/**
 * The period asked in the query string (`periode` preset, or `du`/`au` days); by default the last
 * 30 days. A bad day or an inverted or too long period falls back to the default, with a message.
 */
export function periodeDemandee(params: URLSearchParams, now: Date): Periode {
  const preset = params.get("periode");
  if (preset === "7j" || preset === "30j" || preset === "annee") return valide(periodePreset(preset, now));
  const fallback = periodePreset("30j", now);
  const duRaw = params.get("du")?.trim() || "";
  const auRaw = params.get("au")?.trim() || "";
  if (!duRaw && !auRaw) return valide(fallback);
  const errors: Periode["errors"] = {};
  const du = parseJourIso(duRaw || fallback.du);
  const au = parseJourIso(auRaw || fallback.au);
  if (!du) errors.du = ["Saisissez une date de début valide (jj/mm/aaaa)."];
  if (!au) errors.au = ["Saisissez une date de fin valide (jj/mm/aaaa)."];
  if (du && au) {
    if (comparerJours(au, du) < 0) errors.au = ["La date de fin doit être postérieure ou égale à la date de début."];
    else if (ecartJours(du, au) + 1 > PERIODE_MAX_JOURS)
      errors.au = ["La période ne peut pas dépasser deux ans : réduisez-la."];
  }
  if (!du || !au || errors.du || errors.au) return { ...fallback, saisie: { du: duRaw, au: auRaw }, errors };
  return valide({ du: formatJourIso(du), au: formatJourIso(au) });
}

function valide(periode: { du: string; au: string }): Periode {
  return { ...periode, saisie: { ...periode }, errors: {} };
}
