/**
 * The pages of the public site (DESIGN §6) that exist whatever the data: the sitemap lists them,
 * the audience counts their views, the browser tests open each one. Profiles and news join the
 * sitemap from the database.
 */
export const PAGES_PUBLIQUES = [
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
