import { getEnv } from "~/server/env.server";

/** Public pages for search engines (profiles and news join it with their capability). */
export const PUBLIC_PATHS = [
  "/",
  "/promeneurs",
  "/carte",
  "/actualites",
  "/agenda",
  "/ressources",
  "/devenir-promeneur",
  "/besoin-d-aide",
  "/contact",
  "/charte",
  "/appels",
  "/mentions-legales",
  "/confidentialite",
  "/accessibilite",
  "/plan-du-site",
] as const;

export function loader() {
  const base = getEnv().publicUrl;
  const urls = PUBLIC_PATHS.map((p) => `  <url><loc>${base}${p}</loc></url>`).join("\n");
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
