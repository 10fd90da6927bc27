import { SIGN_IN_ATTEMPTS_RETENTION_DAYS } from "~/domain/comptes/session.server";
import { CONSERVATION_MESSAGES_MOIS } from "~/domain/contact/contact.rules";
import { CONSERVATION_COMPTES_INACTIFS_ANS, CONSERVATION_JOURNAL_ANS } from "./conservation.rules";

/**
 * The register of processing activities (RGPD art. 30) the coordination keeps. Static French text;
 * every retention figure comes from the constant the scheduled jobs apply, so the register cannot
 * promise what the platform does not do.
 */
export type Traitement = {
  code: string;
  nom: string;
  finalite: string;
  baseLegale: string;
  personnes: string;
  donnees: string;
  destinataires: string;
  conservation: string;
  securite: string;
};

const NBSP = "\u00a0";
const MISSION = `Mission d'intérêt public confiée à la coordination par la convention avec la CAF (art.${NBSP}6.1.e du RGPD)`;
const SECURITE_COMMUNE =
  "Accès par compte nominatif (mot de passe haché, double authentification possible), droits par rôle et par département vérifiés à chaque page, journal des modifications, connexion chiffrée (HTTPS)";

export const TRAITEMENTS: readonly Traitement[] = [
  {
    code: "comptes",
    nom: "Comptes de l'espace professionnel",
    finalite: "Donner accès à l'espace professionnel selon le rôle de chacun et sécuriser les connexions.",
    baseLegale: `${MISSION}${NBSP}; intérêt légitime à protéger les comptes (art.${NBSP}6.1.f) pour l'historique de connexion.`,
    personnes: "Promeneurs, référents des structures, coordination, membres du comité de pilotage, évaluateurs.",
    donnees:
      "Nom, e-mail, mot de passe haché, second facteur, rôles, sessions (date, adresse IP, navigateur), tentatives de connexion.",
    destinataires: `La coordination du département (équipe et invitations)${NBSP}; l'hébergeur, sous-traitant technique.`,
    conservation: `Pendant la participation au réseau${NBSP}; effacement de l'identité sur décision de la coordination au départ, et automatiquement après ${CONSERVATION_COMPTES_INACTIFS_ANS}${NBSP}ans sans connexion. Sessions${NBSP}: jusqu'à leur expiration. Tentatives de connexion${NBSP}: ${SIGN_IN_ATTEMPTS_RETENTION_DAYS}${NBSP}jours.`,
    securite: SECURITE_COMMUNE,
  },
  {
    code: "annuaire",
    nom: "Annuaire public des promeneurs",
    finalite:
      "Permettre à un jeune, un parent ou un partenaire de vérifier qu'un profil de promeneur est authentique et de savoir quand il est en ligne.",
    baseLegale: MISSION,
    personnes: "Promeneurs actifs.",
    donnees:
      "Nom d'affichage, fonction, structure, photo facultative, présentation, thèmes, territoire, profils professionnels sur les réseaux sociaux, horaires de présence.",
    destinataires: `Le public (promeneurs actifs seulement)${NBSP}; la coordination.`,
    conservation: `Publié tant que le promeneur est actif${NBSP}; retiré à sa sortie, identité effacée sur décision de la coordination ou après ${CONSERVATION_COMPTES_INACTIFS_ANS}${NBSP}ans sans connexion.`,
    securite: `${SECURITE_COMMUNE}. Seules les données publiques sortent de l'espace professionnel.`,
  },
  {
    code: "bilans",
    nom: "Bilans mensuels d'activité",
    finalite:
      "Suivre l'activité du réseau et produire les indicateurs et le rapport annuel demandés par les financeurs.",
    baseLegale: MISSION,
    personnes: "Promeneurs (auteurs des bilans). Aucun jeune n'est enregistré.",
    donnees:
      "Nombres (jeunes en contact, échanges, thèmes, canaux, orientations), fait marquant contrôlé pour refuser toute donnée identifiante, commentaires de la coordination.",
    destinataires: `La coordination (détail)${NBSP}; les référents (nombres de leurs promeneurs)${NBSP}; le comité de pilotage et le niveau national (agrégats).`,
    conservation: `Les nombres restent dans les indicateurs${NBSP}; à l'effacement d'un promeneur ils sont attribués à «${NBSP}Personne effacée n°${NBSP}…${NBSP}».`,
    securite: `${SECURITE_COMMUNE}. Petits effectifs masqués hors de la coordination.`,
  },
  {
    code: "regroupements",
    nom: "Regroupements, invitations et présences",
    finalite: "Organiser les formations, analyses de la pratique et réunions du réseau et en suivre la participation.",
    baseLegale: MISSION,
    personnes: "Promeneurs, référents, membres des comités.",
    donnees: "Nom, e-mail, organisation, réponse à l'invitation, présence notée.",
    destinataires: `La coordination${NBSP}; les personnes invitées pour leurs propres invitations.`,
    conservation: `Les présences restent dans l'indicateur de participation${NBSP}; nom et e-mail effacés avec l'identité de la personne.`,
    securite: `${SECURITE_COMMUNE}. Liens de réponse à usage personnel (jeton conservé haché).`,
  },
  {
    code: "appels",
    nom: "Appels à candidatures",
    finalite: "Recevoir, instruire et évaluer les candidatures des structures (coordination, recrutement).",
    baseLegale: MISSION,
    personnes: "Personnes déposant une candidature au nom d'une structure, évaluateurs.",
    donnees: "E-mail du candidat, contenu et pièces de la candidature, notes et commentaires des évaluateurs.",
    destinataires: "La coordination, le comité de pilotage, les évaluateurs désignés.",
    conservation: "Le temps de l'appel et de son suivi, selon les règles du financeur.",
    securite: `${SECURITE_COMMUNE}. Pièces contrôlées à l'envoi, jamais servies avant le dépôt.`,
  },
  {
    code: "contact",
    nom: "Formulaire de contact du site public",
    finalite: "Répondre aux questions du public adressées à la coordination.",
    baseLegale: MISSION,
    personnes: "Toute personne qui écrit à la coordination.",
    donnees: "Nom, e-mail, qualité, objet, message.",
    destinataires: "La coordination du département.",
    conservation: `${CONSERVATION_MESSAGES_MOIS}${NBSP}mois après la réception, archivé ou non, puis suppression automatique.`,
    securite: `${SECURITE_COMMUNE}. Nombre d'envois limité par connexion.`,
  },
  {
    code: "journal",
    nom: "Journal des modifications (audit)",
    finalite: "Garder la trace de qui a modifié quoi et quand, pour la sécurité et les contrôles des financeurs.",
    baseLegale: `Intérêt légitime à protéger les données et à rendre compte (art.${NBSP}6.1.f).`,
    personnes: "Toute personne qui agit dans l'espace professionnel, et celles que ces actions concernent.",
    donnees: "Date, auteur (nom et e-mail), action, élément modifié et changements.",
    destinataires: "La coordination du département, le niveau national.",
    conservation: `${CONSERVATION_JOURNAL_ANS}${NBSP}ans, puis suppression automatique${NBSP}; noms et e-mails remplacés à l'effacement d'une personne.`,
    securite: `${SECURITE_COMMUNE}. Écrit dans la même transaction que la modification.`,
  },
  {
    code: "sauvegardes",
    nom: "Sauvegardes",
    finalite: "Pouvoir restaurer la plateforme après une panne ou une erreur.",
    baseLegale: `Intérêt légitime à assurer la disponibilité et l'intégrité des données (art.${NBSP}6.1.f).`,
    personnes: "Toutes celles des traitements ci-dessus.",
    donnees: "Une copie de la base et des fichiers.",
    destinataires: `L'exploitant de la plateforme${NBSP}; l'hébergeur du stockage, sous-traitant.`,
    conservation:
      "Archives quotidiennes tournantes (par exemple 14 sur la machine), copies hors machine dans la limite des durées ci-dessus. Une donnée effacée disparaît des sauvegardes quand la dernière archive qui la contient est remplacée.",
    securite: "Archives en droits restreints, copies hors machine chiffrées, restauration essayée régulièrement.",
  },
];
