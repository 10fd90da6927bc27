import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Markdown written by the coordination → HTML safe to put in a public page. Two layers:
 *
 * 1. `marked` with our renderer: raw HTML typed in the editor is shown as text (escaped), links
 *    keep only http(s), mailto, tel and same-site addresses, images only our own `/medias/<id>`,
 *    headings are shifted so that the page's own h1 stays the only one (the highest level used
 *    becomes h2, the rest follow, h4 at most).
 * 2. `sanitize-html` on the result, with a short list of tags and attributes, as a second wall.
 */

/** The size of each image of the library, to give Markdown images their width and height. */
export type MediaDimensions = ReadonlyMap<string, { largeur: number; hauteur: number }>;

/** `/medias/<uuid>` (the large rendition) or `/medias/<uuid>/petite`. */
export const MEDIA_PATH = /^\/medias\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\/petite)?$/i;
const MEDIA_IN_TEXT = /\/medias\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** Width of the small rendition of an image (and the large one's bound). */
export const LARGEUR_PETITE = 480;
export const LARGEUR_GRANDE = 1200;

const ALLOWED_SCHEMES = ["http", "https", "mailto", "tel"];

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The ids of the library images a Markdown text points to (to look their sizes up). */
export function mediaIdsOf(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(MEDIA_IN_TEXT)].map((m) => (m[1] ?? "").toLowerCase()))];
}

/** True for an address a link may lead to: http(s), mailto, tel, or a path/anchor of this site. */
export function isSafeHref(href: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what this removes.
  const compact = href.replace(/[\u0000-\u0020\u007f]/g, "");
  if (compact.startsWith("//") || compact.startsWith("/\\")) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return /^[/#?]/.test(compact) || /^[\w.-]+(\/|$)/.test(compact);
  return ALLOWED_SCHEMES.includes((scheme[1] ?? "").toLowerCase());
}

function isExternal(href: string): boolean {
  return /^https?:\/\//i.test(href.trim());
}

function petiteLargeur(largeur: number): number {
  return Math.min(LARGEUR_PETITE, largeur);
}

/** The `<img>` of a library image: both renditions in `srcset`, its size, loaded lazily. */
export function mediaImgHtml(
  id: string,
  alt: string,
  dimensions: { largeur: number; hauteur: number } | undefined,
  options: { sizes?: string } = {},
): string {
  const src = `/medias/${id}`;
  const attrs = [`src="${src}"`, `alt="${escapeHtml(alt)}"`, 'loading="lazy"'];
  if (dimensions) {
    attrs.push(
      `srcset="${src}/petite ${petiteLargeur(dimensions.largeur)}w, ${src} ${dimensions.largeur}w"`,
      `sizes="${options.sizes ?? "(max-width: 48rem) 100vw, 48rem"}"`,
      `width="${dimensions.largeur}"`,
      `height="${dimensions.hauteur}"`,
    );
  }
  return `<img ${attrs.join(" ")}>`;
}

function headingShift(markdown: Marked, source: string): number {
  let highest = 6;
  // Synchronous: no extension of ours is async, the returned array is empty.
  void markdown.walkTokens(markdown.lexer(source), (token) => {
    if (token.type === "heading") highest = Math.min(highest, (token as Tokens.Heading).depth);
  });
  return Math.max(0, 2 - highest);
}

function makeMarked(medias: MediaDimensions, shift: () => number): Marked {
  return new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      // Raw HTML from the editor is text, never markup.
      html({ text }) {
        return escapeHtml(text);
      },
      heading({ tokens, depth }) {
        const level = Math.min(4, depth + shift());
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens);
        if (!isSafeHref(href)) return text;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
        return `<a href="${escapeHtml(href)}"${titleAttr}>${text}</a>`;
      },
      image({ href, text }) {
        const match = MEDIA_PATH.exec(href.trim());
        // Only our own library: anything else shows its text alternative, as text.
        if (!match?.[1]) return escapeHtml(text);
        const id = match[1].toLowerCase();
        return mediaImgHtml(id, text, medias.get(id));
      },
    },
  });
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "a",
    "blockquote",
    "code",
    "pre",
    "img",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "srcset", "sizes", "alt", "width", "height", "loading"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
  },
  allowedSchemes: ALLOWED_SCHEMES,
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  exclusiveFilter: (frame) => frame.tag === "img" && !MEDIA_PATH.test(frame.attribs.src ?? ""),
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? "";
      return {
        tagName,
        attribs: isExternal(href) ? { ...attribs, rel: "noopener" } : { ...attribs, rel: "" },
      };
    },
  },
};

/** Markdown → sanitised HTML (see the module comment). `medias` gives library images their size. */
export function renderMarkdown(source: string, options: { medias?: MediaDimensions } = {}): string {
  let shift = 0;
  const markdown = makeMarked(options.medias ?? new Map(), () => shift);
  shift = headingShift(markdown, source);
  const html = markdown.parse(source, { async: false });
  return sanitizeHtml(html, SANITIZE).replace(/ rel=""/g, "");
}
