import type { MetaDescriptor } from "react-router";

/**
 * The `<head>` of a public page: title, description, canonical URL and Open Graph tags, from one
 * place. Pure (no server module): the absolute base URL comes from the public layout's loader data
 * (`publicUrl`, the same `PUBLIC_URL` as the sitemap), found among the meta function's matches.
 */

export const SITE_NAME = "Promeneurs du Net";
/** The default Open Graph image (1200 × 630 PNG in public/). */
export const OG_IMAGE = { path: "/og-promeneurs-du-net.png", width: 1200, height: 630 } as const;
/** Search engines cut a description around this length. */
export const DESCRIPTION_MAX = 160;

export type PageMeta = {
  /** The page's own title; the site name is appended unless it already contains it. */
  title: string;
  /** One or two sentences, at most `DESCRIPTION_MAX` characters. */
  description: string;
  /** Path of the canonical URL (no query string): "/promeneurs". */
  path: string;
  /** Open Graph type (default "website"). */
  type?: "website" | "profile" | "article";
  /** Absolute path or URL of a page-specific image (default: the site's image). */
  image?: string | null;
  /** Text of the image, for og:image:alt. */
  imageAlt?: string;
};

const absolute = (baseUrl: string, pathOrUrl: string) =>
  /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${baseUrl}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`;

/** Cuts a generated description (a name inside it may be long) at a word, within `max` characters. */
export function shortenDescription(text: string, max = DESCRIPTION_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, "")}…`;
}

/** The full title of a page: "Carte de couverture – Promeneurs du Net". */
export function fullTitle(title: string): string {
  return title.includes(SITE_NAME) ? title : `${title} – ${SITE_NAME}`;
}

/** The meta descriptors of a page, with absolute URLs built on `baseUrl` ("https://pdn04.fr"). */
export function pageMeta(page: PageMeta, baseUrl: string): MetaDescriptor[] {
  const base = baseUrl.replace(/\/$/, "");
  const title = fullTitle(page.title);
  const url = absolute(base, page.path);
  const image = page.image ? absolute(base, page.image) : absolute(base, OG_IMAGE.path);
  return [
    { title },
    { name: "description", content: page.description },
    { tagName: "link", rel: "canonical", href: url },
    { property: "og:type", content: page.type ?? "website" },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:locale", content: "fr_FR" },
    { property: "og:title", content: title },
    { property: "og:description", content: page.description },
    { property: "og:url", content: url },
    { property: "og:image", content: image },
    ...(page.image
      ? []
      : [
          { property: "og:image:width", content: String(OG_IMAGE.width) },
          { property: "og:image:height", content: String(OG_IMAGE.height) },
        ]),
    { property: "og:image:alt", content: page.imageAlt ?? SITE_NAME },
  ];
}

type MetaMatchLike = { loaderData?: unknown; data?: unknown } | undefined;

/**
 * The public base URL given by the public layout's loader (`{ publicUrl }`), or "" when no match
 * carries it (then the URLs stay relative, which is still valid HTML).
 */
export function publicUrlFrom(matches: readonly MetaMatchLike[]): string {
  for (const match of matches) {
    const data = (match?.loaderData ?? match?.data) as { publicUrl?: unknown } | null | undefined;
    if (data && typeof data.publicUrl === "string") return data.publicUrl;
  }
  return "";
}

/**
 * For a route's `meta` export: `export const meta: Route.MetaFunction = (args) => publicMeta(args,
 * { title, description, path })`.
 */
export function publicMeta(args: { matches: readonly MetaMatchLike[] }, page: PageMeta): MetaDescriptor[] {
  return pageMeta(page, publicUrlFrom(args.matches));
}
