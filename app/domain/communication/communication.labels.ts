/** List J (DESIGN §4): the coordination's communication actions, for indicator 8. */
export const COMMUNICATION_TYPES = [
  "presse",
  "flyer_affiche",
  "campagne_reseaux",
  "presentation_partenaires",
  "intervention_etablissement",
  "stand",
  "lettre_information",
  "site_internet",
] as const;
export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];

export const communicationTypeLabels = {
  presse: "Article ou passage dans la presse",
  flyer_affiche: "Flyers et affiches",
  campagne_reseaux: "Campagne sur les réseaux sociaux",
  presentation_partenaires: "Présentation aux partenaires",
  intervention_etablissement: "Intervention dans un établissement",
  stand: "Stand ou forum",
  lettre_information: "Lettre d'information",
  site_internet: "Site internet",
} satisfies Record<CommunicationType, string>;

export function isCommunicationType(value: string): value is CommunicationType {
  return (COMMUNICATION_TYPES as readonly string[]).includes(value);
}
