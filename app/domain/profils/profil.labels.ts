/** List B: social networks where a promeneur keeps a professional profile. */
export const RESEAUX = [
  "instagram",
  "snapchat",
  "tiktok",
  "facebook",
  "discord",
  "whatsapp",
  "youtube",
  "twitch",
  "x",
  "messenger",
  "threads",
  "autre",
] as const;
export type Reseau = (typeof RESEAUX)[number];

export const reseauLabels = {
  instagram: "Instagram",
  snapchat: "Snapchat",
  tiktok: "TikTok",
  facebook: "Facebook",
  discord: "Discord",
  whatsapp: "WhatsApp",
  youtube: "YouTube",
  twitch: "Twitch",
  x: "X (anciennement Twitter)",
  messenger: "Messenger",
  threads: "Threads",
  autre: "Autre réseau",
} satisfies Record<Reseau, string>;

/**
 * The address form each network expects, shown as a hint under the field and quoted in error messages.
 * Every one of them is the canonical URL `normalizeProfil` produces, with a placeholder for the name.
 */
export const reseauFormeAttendue = {
  instagram: "https://www.instagram.com/nom_du_compte/",
  snapchat: "https://www.snapchat.com/add/nom_du_compte",
  tiktok: "https://www.tiktok.com/@nom_du_compte",
  facebook: "https://www.facebook.com/nom.de.la.page",
  discord: "https://discord.gg/code_d_invitation",
  whatsapp: "https://whatsapp.com/channel/identifiant_de_la_chaine",
  youtube: "https://www.youtube.com/@nom_de_la_chaine",
  twitch: "https://www.twitch.tv/nom_de_la_chaine",
  x: "https://x.com/nom_du_compte",
  messenger: "https://m.me/nom.de.la.page",
  threads: "https://www.threads.com/@nom_du_compte",
  autre: "https://exemple.fr/votre-page",
} satisfies Record<Reseau, string>;

/** List C: conformity checks of a profile. The coordinator may make any of them mandatory. */
export const CONTROLES_CONFORMITE = [
  "compte_professionnel",
  "photo_identite",
  "prenom_affiche",
  "structure_nommee",
  "identite_visuelle_pdn",
  "horaires_indiques",
  "lien_site_ou_charte",
  "contenu_conforme_charte",
] as const;
export type ControleConformite = (typeof CONTROLES_CONFORMITE)[number];

export const controleConformiteLabels = {
  compte_professionnel: "Compte professionnel distinct de tout compte personnel",
  photo_identite: "Photo d'identité",
  prenom_affiche: "Prénom affiché",
  structure_nommee: "Structure employeuse nommée",
  identite_visuelle_pdn: "Identité visuelle Promeneurs du Net",
  horaires_indiques: "Horaires de présence indiqués",
  lien_site_ou_charte: "Lien vers le site départemental ou la charte",
  contenu_conforme_charte: "Aucun contenu contraire à la charte",
} satisfies Record<ControleConformite, string>;

/** The first five checks form the common national framework; the others are departmental. */
export const controleSocleNational = {
  compte_professionnel: true,
  photo_identite: true,
  prenom_affiche: true,
  structure_nommee: true,
  identite_visuelle_pdn: true,
  horaires_indiques: false,
  lien_site_ou_charte: false,
  contenu_conforme_charte: false,
} satisfies Record<ControleConformite, boolean>;

export const CONTROLES_SOCLE_NATIONAL: readonly ControleConformite[] = CONTROLES_CONFORMITE.filter(
  (code) => controleSocleNational[code],
);

/** Result of one verification by the coordinator. */
export const RESULTATS_VERIFICATION = ["conforme", "non_conforme"] as const;
export type ResultatVerification = (typeof RESULTATS_VERIFICATION)[number];

/** Status of a profile: the last result, or `a_verifier` when never verified or verified too long ago. */
export const STATUTS_PROFIL = ["conforme", "non_conforme", "a_verifier"] as const;
export type StatutProfil = (typeof STATUTS_PROFIL)[number];

export const statutProfilLabels = {
  conforme: "conforme",
  non_conforme: "non conforme",
  a_verifier: "à vérifier",
} satisfies Record<StatutProfil, string>;
