/**
 * The charts of the dashboard (one SVG string each, drawn on the server by
 * `graphiques-indicateurs.server.ts`, received by the components through loader data).
 */
export const CLES_GRAPHIQUES = [
  "conformiteStatuts",
  "jeunesParMois",
  "jeunesParAge",
  "reseauxEchanges",
  "demandesParTheme",
  "situationsParCategorie",
  "echangesParMois",
  "echangesParCanal",
  "participationParType",
  "publicationsParType",
  "publicationsParMois",
  "communicationParType",
  "vuesParMois",
] as const;
export type CleGraphique = (typeof CLES_GRAPHIQUES)[number];

/** The SVG strings by chart; a missing key means « no chart » (nothing to draw). */
export type GraphiquesIndicateurs = Partial<Record<CleGraphique, string>>;

/** The titles of the charts, shared by the SVG (its accessible name) and the page. */
export const titresGraphiques = {
  conformiteStatuts: "Profils par statut de conformité",
  jeunesParMois: "Nouveaux jeunes et file active par mois",
  jeunesParAge: "Nouveaux jeunes par tranche d'âge",
  reseauxEchanges: "Échanges par réseau social",
  demandesParTheme: "Demandes par thème",
  situationsParCategorie: "Situations préoccupantes par catégorie",
  echangesParMois: "Échanges par mois",
  echangesParCanal: "Échanges par canal",
  participationParType: "Taux de présence par type de regroupement (en %)",
  publicationsParType: "Publications par type",
  publicationsParMois: "Publications par mois",
  communicationParType: "Actions de communication par type",
  vuesParMois: "Pages vues du site public par mois",
} satisfies Record<CleGraphique, string>;
