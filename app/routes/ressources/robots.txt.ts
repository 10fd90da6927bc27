import { getEnv } from "~/server/env.server";

/** Robots may index the public site, not the back office nor the sign-in pages. */
export function loader() {
  const body = [
    "User-agent: *",
    "Disallow: /espace/",
    "Disallow: /connexion",
    "Disallow: /mot-de-passe-oublie",
    "Disallow: /reinitialiser/",
    "Disallow: /invitation/",
    "Disallow: /reponse/",
    "Disallow: /calendrier/",
    "",
    `Sitemap: ${getEnv().publicUrl}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
