/** List A: structure types, from the call. */
export const STRUCTURE_TYPES = [
  "ps_jeunes",
  "etablissement_scolaire",
  "mission_locale",
  "information_jeunesse",
  "paej",
  "centre_social",
  "evs",
  "association_jeunesse",
  "accueil_jeunes",
  "fjt",
  "mecs",
  "maison_adolescents",
  "prevention_specialisee",
  "education_populaire",
  "service_jeunesse",
  "espace_service_jeunesse",
] as const;
export type StructureType = (typeof STRUCTURE_TYPES)[number];

export const structureTypeLabels = {
  ps_jeunes: "Équipement agréé Prestation de service Jeunes",
  etablissement_scolaire: "Établissement scolaire (collège, lycée)",
  mission_locale: "Mission locale",
  information_jeunesse: "Information Jeunesse (BIJ, PIJ)",
  paej: "Point Accueil Écoute Jeunes (PAEJ)",
  centre_social: "Centre social",
  evs: "Espace de vie sociale",
  association_jeunesse: "Association locale de jeunesse",
  accueil_jeunes: "Accueil ados, espace jeunes, maison des jeunes",
  fjt: "Foyer de jeunes travailleurs, habitat jeunes",
  mecs: "MECS accueillant des adolescents",
  maison_adolescents: "Maison des adolescents",
  prevention_specialisee: "Prévention spécialisée",
  education_populaire: "Fédération d'éducation populaire",
  service_jeunesse: "Service jeunesse municipal ou intercommunal",
  espace_service_jeunesse: "Espace service jeunesse",
} satisfies Record<StructureType, string>;

/** How the history names each field of a structure's record. */
export const structureFieldLabels: Record<string, string> = {
  nom: "Nom",
  type: "Type",
  siret: "SIRET",
  adresse: "Adresse",
  codePostal: "Code postal",
  communeCode: "Commune (code INSEE)",
  telephone: "Téléphone",
  email: "E-mail",
  siteWeb: "Site web",
  statut: "Statut",
  charteSigneeLe: "Charte signée le",
  charteSignataire: "Signataire de la charte",
  document: "Document de la charte",
};

export const structureStatutLabels: Record<string, string> = { active: "Active", inactive: "Inactive" };
