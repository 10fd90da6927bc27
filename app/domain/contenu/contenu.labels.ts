/** Publication state of a news post or a page. */
export const STATUTS_CONTENU = ["brouillon", "publie"] as const;
export type StatutContenu = (typeof STATUTS_CONTENU)[number];

export const statutContenuLabels = {
  brouillon: "Brouillon",
  publie: "Publié",
} satisfies Record<StatutContenu, string>;

/** The RGAA conformity status of the site (accessibility statement). */
export const ETATS_CONFORMITE = ["non_conforme", "partiellement_conforme", "totalement_conforme"] as const;
export type EtatConformite = (typeof ETATS_CONFORMITE)[number];

export const etatConformiteLabels = {
  non_conforme: "non conforme",
  partiellement_conforme: "partiellement conforme",
  totalement_conforme: "totalement conforme",
} satisfies Record<EtatConformite, string>;

/** The pages of the public site whose text the coordination may replace, and their address. */
export const PAGES_FIXES = [
  "charte",
  "mentions-legales",
  "confidentialite",
  "accessibilite",
  "devenir-promeneur",
] as const;
export type PageFixe = (typeof PAGES_FIXES)[number];

export function isPageFixe(slug: string): slug is PageFixe {
  return (PAGES_FIXES as readonly string[]).includes(slug);
}

/** Where a page is shown to the public. */
export function cheminPage(slug: string): string {
  return isPageFixe(slug) ? `/${slug}` : `/pages/${encodeURIComponent(slug)}`;
}
