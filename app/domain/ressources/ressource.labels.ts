/** The categories of the resources (`/ressources` and the back-office), in the order shown. */
export const RESSOURCE_CATEGORIES = ["guides", "outils", "cadre", "formation", "etudes", "communication"] as const;
export type RessourceCategorie = (typeof RESSOURCE_CATEGORIES)[number];

export const ressourceCategorieLabels = {
  guides: "Guides et fiches pratiques",
  outils: "Outils et modèles",
  cadre: "Charte et cadre d'intervention",
  formation: "Formation et analyse de pratiques",
  etudes: "Études et repères",
  communication: "Kit de communication",
} satisfies Record<RessourceCategorie, string>;

/** Who sees a resource: everyone on the public site, or the network in the back-office only. */
export const RESSOURCE_VISIBILITES = ["public", "reseau"] as const;
export type RessourceVisibilite = (typeof RESSOURCE_VISIBILITES)[number];

export const ressourceVisibiliteLabels = {
  public: "Tout le monde (site public)",
  reseau: "Le réseau seulement (promeneurs, référents et coordination)",
} satisfies Record<RessourceVisibilite, string>;
