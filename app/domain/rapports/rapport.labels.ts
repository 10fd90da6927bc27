/**
 * The monthly activity report's codes and labels (DESIGN §3, lists D and F, age bands, partner
 * types). Codes are stored; labels are what a person reads.
 */

/** `brouillon → soumis → valide`, or `a_corriger` (sent back with a comment) then `soumis` again. */
export const RAPPORT_STATUTS = ["brouillon", "soumis", "valide", "a_corriger"] as const;
export type RapportStatut = (typeof RAPPORT_STATUTS)[number];

export const rapportStatutLabels = {
  brouillon: "Brouillon",
  soumis: "Soumis",
  valide: "Validé",
  a_corriger: "À corriger",
} satisfies Record<RapportStatut, string>;

/** Age bands of young people (DESIGN §3). */
export const TRANCHES_AGE = ["12_14", "15_17", "18_21", "22_25", "autre"] as const;
export type TrancheAge = (typeof TRANCHES_AGE)[number];

export const trancheAgeLabels = {
  "12_14": "12–14 ans",
  "15_17": "15–17 ans",
  "18_21": "18–21 ans",
  "22_25": "22–25 ans",
  autre: "Autre âge ou âge inconnu",
} satisfies Record<TrancheAge, string>;

/** List D: exchange channels. */
export const CANAUX = ["messages_prives", "commentaires", "lives_stories", "appels", "groupes", "rencontres"] as const;
export type Canal = (typeof CANAUX)[number];

export const canalLabels = {
  messages_prives: "Messages privés",
  commentaires: "Commentaires publics",
  lives_stories: "Lives et stories",
  appels: "Appels audio ou vidéo",
  groupes: "Conversations de groupe",
  rencontres: "Rencontres en personne après un contact en ligne",
} satisfies Record<Canal, string>;

/** List F: publication types. */
export const PUBLICATIONS = [
  "information_prevention",
  "activites_structure",
  "projets_jeunes",
  "relais_local",
  "interactive",
  "live",
  "autre",
] as const;
export type Publication = (typeof PUBLICATIONS)[number];

export const publicationLabels = {
  information_prevention: "Information, prévention",
  activites_structure: "Promotion des activités de la structure",
  projets_jeunes: "Projets de jeunes",
  relais_local: "Relais d'actualités et d'opportunités locales",
  interactive: "Publication interactive (sondage, quiz, boîte à questions)",
  live: "Live",
  autre: "Autre publication",
} satisfies Record<Publication, string>;

/** Types of partner a young person is oriented to (reports), or that is alerted (situations). */
export const PARTENAIRES = [
  "crip_ase",
  "maison_adolescents",
  "paej",
  "mission_locale",
  "information_jeunesse",
  "etablissement_scolaire",
  "sante",
  "service_social",
  "forces_ordre_justice",
  "association_specialisee",
  "ligne_ecoute",
  "autre",
] as const;
export type Partenaire = (typeof PARTENAIRES)[number];

export const partenaireLabels = {
  crip_ase: "CRIP ou Aide sociale à l'enfance du Département",
  maison_adolescents: "Maison des Adolescents",
  paej: "Point Accueil Écoute Jeunes (PAEJ)",
  mission_locale: "Mission locale",
  information_jeunesse: "Information Jeunesse (BIJ, PIJ)",
  etablissement_scolaire: "Établissement scolaire (CPE, infirmerie, psychologue)",
  sante: "Santé (médecin, CMP, CSAPA…)",
  service_social: "Service social (CCAS, assistante sociale)",
  forces_ordre_justice: "Police, gendarmerie ou justice",
  association_specialisee: "Association spécialisée",
  ligne_ecoute: "Ligne d'écoute nationale (3114, 119, 3018…)",
  autre: "Autre partenaire",
} satisfies Record<Partenaire, string>;

/**
 * The breakdowns stored in `rapport_comptes`, with the codes each accepts: age bands of the new
 * contacts and of the active file, channels (D), request themes (E), publications (F),
 * orientations by partner type, exchanges per network (B).
 */
export const RUBRIQUES = [
  "age_nouveaux",
  "age_file",
  "canal",
  "theme",
  "publication",
  "orientation",
  "reseau",
] as const;
export type Rubrique = (typeof RUBRIQUES)[number];

export const rubriqueLabels = {
  age_nouveaux: "Nouveaux jeunes en contact, par âge",
  age_file: "File active, par âge",
  canal: "Échanges par canal",
  theme: "Demandes par thème",
  publication: "Publications par type",
  orientation: "Orientations vers des partenaires",
  reseau: "Échanges par réseau social",
} satisfies Record<Rubrique, string>;
