import { findPagesLibresPubliees, findSlugsActualitesPubliques } from "~/domain/contenu/contenu.queries.server";
import { findSlugsPublics } from "~/domain/public/annuaire-public.queries.server";
import { PAGES_PUBLIQUES } from "~/domain/public/pages-publiques";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Public pages for search engines; the public profiles join them from the database. */
export async function loader() {
  const env = getEnv();
  const base = env.publicUrl;
  // Only the promeneurs the public may see: actif, with a conforming profile, at this instant.
  const slugs = await findSlugsPublics(getDb(), env.DEFAULT_DEPARTEMENT, new Date());
  const paths = [...PAGES_PUBLIQUES, ...slugs.map((slug) => `/promeneurs/${encodeURIComponent(slug)}`)];
  // News posts published and due, and the coordination's published free pages.
  const actualites = await findSlugsActualitesPubliques(getDb(), env.DEFAULT_DEPARTEMENT, new Date());
  paths.push(...actualites.map((slug) => `/actualites/${encodeURIComponent(slug)}`));
  const pagesLibres = await findPagesLibresPubliees(getDb(), env.DEFAULT_DEPARTEMENT);
  paths.push(...pagesLibres.map((p) => `/pages/${encodeURIComponent(p.slug)}`));
  const urls = paths.map((p) => `  <url><loc>${escapeXml(`${base}${p}`)}</loc></url>`).join("\n");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
