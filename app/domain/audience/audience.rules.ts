import { isbot } from "isbot";
import { PAGES_PUBLIQUES } from "~/domain/public/pages-publiques";
import { TIME_ZONE } from "~/lib/format";

/**
 * Audience of the public site without cookies nor IP addresses (pure helpers): which requests count
 * as a page view, under which path, on which Europe/Paris day, and the period shown in the back office.
 */

/** Public pages counted as they are. */
export const CHEMINS_COMPTES = PAGES_PUBLIQUES;

const CHEMIN_MAX = 200;
const PROFIL = /^\/promeneurs\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

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
  if ((CHEMINS_COMPTES as readonly string[]).includes(chemin)) return chemin;
  if (PROFIL.test(chemin)) return chemin;
  return null;
}

/** The slug when the path is a promeneur's profile (its existence is checked before counting). */
export function slugDuChemin(chemin: string): string | null {
  return PROFIL.exec(chemin)?.[1] ?? null;
}

/**
 * Whether a request is a person's page view worth counting: a GET (not HEAD) of a whole page, not a
 * data request of client navigation or a prefetch, not a robot, and not from a browser asking not
 * to be tracked (DNT: 1 or Sec-GPC: 1).
 */
export function estVueComptable(request: Request): boolean {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  // React Router's single fetch (`/page.data`); it strips the suffix before loaders run, hence the
  // Fetch Metadata check below, which browsers send with every request.
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

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Europe/Paris calendar day of an instant, as 'YYYY-MM-DD'. */
export function jourParis(now: Date): string {
  return dayFormat.format(now);
}

const JOUR = /^\d{4}-\d{2}-\d{2}$/;

/** A valid 'YYYY-MM-DD' calendar day (no 31 February). */
export function estJour(value: string): boolean {
  if (!JOUR.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The day `n` days after (or before, when negative) a 'YYYY-MM-DD' day. */
export function ajouterJours(jour: string, n: number): string {
  const date = new Date(`${jour}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Every day from `du` to `au`, both included. */
export function joursEntre(du: string, au: string): string[] {
  const jours: string[] = [];
  for (let jour = du; jour <= au; jour = ajouterJours(jour, 1)) jours.push(jour);
  return jours;
}

export const PERIODE_MAX_JOURS = 731;

export type Preset = "7j" | "30j" | "annee";

export const presetLabels = {
  "7j": "7 derniers jours",
  "30j": "30 derniers jours",
  annee: "Cette année",
} as const satisfies Record<Preset, string>;

export function periodePreset(preset: Preset, now: Date): { du: string; au: string } {
  const au = jourParis(now);
  if (preset === "7j") return { du: ajouterJours(au, -6), au };
  if (preset === "30j") return { du: ajouterJours(au, -29), au };
  return { du: `${au.slice(0, 4)}-01-01`, au };
}

export type Periode = {
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
  const du = versIso(duRaw) || fallback.du;
  const au = versIso(auRaw) || fallback.au;
  if (!estJour(du)) errors.du = ["Saisissez une date de début valide (jj/mm/aaaa)."];
  if (!estJour(au)) errors.au = ["Saisissez une date de fin valide (jj/mm/aaaa)."];
  if (!errors.du && !errors.au) {
    if (au < du) errors.au = ["La date de fin doit être postérieure ou égale à la date de début."];
    else if (joursEntreCount(du, au) > PERIODE_MAX_JOURS)
      errors.au = ["La période ne peut pas dépasser deux ans : réduisez-la."];
  }
  if (errors.du || errors.au) return { ...fallback, saisie: { du: duRaw, au: auRaw }, errors };
  return valide({ du, au });
}

function valide(periode: { du: string; au: string }): Periode {
  return { ...periode, saisie: { ...periode }, errors: {} };
}

/** A day typed the French way (31/12/2025) as 'YYYY-MM-DD'; anything else unchanged. */
function versIso(value: string): string {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (!french) return value;
  const [, d, m, y] = french;
  return `${y}-${m?.padStart(2, "0")}-${d?.padStart(2, "0")}`;
}

function joursEntreCount(du: string, au: string): number {
  return Math.round((Date.parse(`${au}T00:00:00Z`) - Date.parse(`${du}T00:00:00Z`)) / 86_400_000) + 1;
}
