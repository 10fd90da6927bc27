/** Codes and labels of gatherings and governance (DESIGN §3, list I). */

/** List I: gathering types. */
export const REGROUPEMENT_TYPES = [
  "formation_initiale",
  "formation_continue",
  "analyse_pratique",
  "echange_pratiques",
  "reunion_departementale",
  "comite_pilotage",
  "comite_operationnel",
  "information_structures",
] as const;
export type RegroupementType = (typeof REGROUPEMENT_TYPES)[number];

export const regroupementTypeLabels = {
  formation_initiale: "Formation initiale",
  formation_continue: "Formation continue",
  analyse_pratique: "Supervision, analyse de la pratique",
  echange_pratiques: "Échange de pratiques",
  reunion_departementale: "Réunion départementale",
  comite_pilotage: "Comité de pilotage",
  comite_operationnel: "Comité opérationnel",
  information_structures: "Séance d'information pour les structures",
} satisfies Record<RegroupementType, string>;

/**
 * The types whose attended hours count as training hours (indicator 6): trainings, supervision and
 * practice exchange — the professional development of the promeneurs.
 */
export const TYPES_FORMATION: readonly RegroupementType[] = [
  "formation_initiale",
  "formation_continue",
  "analyse_pratique",
  "echange_pratiques",
];

/** The governance types: a gathering of one of them is a meeting of a committee. */
export const TYPES_COMITE = ["comite_pilotage", "comite_operationnel"] as const;
export type ComiteType = (typeof TYPES_COMITE)[number];

export function estComite(type: string): type is ComiteType {
  return (TYPES_COMITE as readonly string[]).includes(type);
}

/** Who a gathering is for: it decides who is proposed for invitation, and `public` lists it on /agenda. */
export const AUDIENCES = ["promeneurs", "promeneurs_choisis", "referents", "copil", "public"] as const;
export type RegroupementAudience = (typeof AUDIENCES)[number];

export const audienceLabels = {
  promeneurs: "Tous les promeneurs",
  promeneurs_choisis: "Certains promeneurs",
  referents: "Les référents des structures",
  copil: "Les membres du comité",
  public: "Public (annoncé sur l'agenda du site)",
} satisfies Record<RegroupementAudience, string>;

export const STATUTS = ["prevu", "annule"] as const;
export type RegroupementStatut = (typeof STATUTS)[number];

export const DOCUMENT_NATURES = ["ordre_du_jour", "support", "compte_rendu", "autre"] as const;
export type DocumentNature = (typeof DOCUMENT_NATURES)[number];

export const documentNatureLabels = {
  ordre_du_jour: "Ordre du jour",
  support: "Support de présentation",
  compte_rendu: "Compte rendu",
  autre: "Autre document",
} satisfies Record<DocumentNature, string>;

export const REPONSES = ["en_attente", "oui", "non"] as const;
export type Reponse = (typeof REPONSES)[number];

export const reponseLabels = {
  en_attente: "Sans réponse",
  oui: "Inscrit·e",
  non: "Ne vient pas",
} satisfies Record<Reponse, string>;

export const PRESENCES = ["present", "excuse", "absent"] as const;
export type Presence = (typeof PRESENCES)[number];

export const presenceLabels = {
  present: "Présent·e",
  excuse: "Excusé·e",
  absent: "Absent·e",
} satisfies Record<Presence, string>;

export const DECISION_ETATS = ["ouverte", "realisee", "abandonnee"] as const;
export type DecisionEtat = (typeof DECISION_ETATS)[number];

export const decisionEtatLabels = {
  ouverte: "En cours",
  realisee: "Réalisée",
  abandonnee: "Abandonnée",
} satisfies Record<DecisionEtat, string>;

/** After this many days past its end, changing a gathering's attendance needs a reason (audited). */
export const DELAI_PRESENCES_JOURS = 30;

/** Default attendance rate (percent) under which a promeneur is flagged; the coordinator sets it. */
export const SEUIL_PARTICIPATION_DEFAUT = 50;

/**
 * A gathering's place as people read it: the address, then the commune unless the address already
 * names it (« Maison des associations, Digne-les-Bains »); "" when neither is given.
 */
export function lieuComplet(lieu: string, communeNom: string | null | undefined): string {
  const adresse = lieu.trim();
  const commune = communeNom?.trim() ?? "";
  if (commune === "" || adresse.toLocaleLowerCase("fr").includes(commune.toLocaleLowerCase("fr"))) return adresse;
  return adresse === "" ? commune : `${adresse}, ${commune}`;
}

/** Where a gathering takes place as a list shows it: its place, else « En ligne » for a video meeting, else "". */
export function lieuOuEnLigne(r: {
  lieu: string;
  communeNom: string | null | undefined;
  lienVisio: string | null;
}): string {
  return lieuComplet(r.lieu, r.communeNom) || (r.lienVisio ? "En ligne" : "");
}
