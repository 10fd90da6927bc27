/**
 * The calls' templates (issue 9): the coordination call as the CAF 04 wrote it — its required
 * documents, its eligibility questions, its evaluation criteria — and the recruitment of
 * promeneurs, where a structure proposes a professional. A coordinator starts a call from one and
 * adapts it.
 */
import type { FamilleFichier, TypeAppel } from "./appel.labels";

export type DocumentRequis = {
  code: string;
  libelle: string;
  obligatoire: boolean;
  familles: readonly FamilleFichier[];
  /** The largest file accepted, in megabytes. */
  tailleMaxMo: number;
};

export type QuestionEligibilite = {
  code: string;
  question: string;
  /** A « non » makes the application ineligible. */
  eliminatoire: boolean;
};

export type Critere = { code: string; libelle: string; poids: number };

export type ModeleAppel = {
  type: TypeAppel;
  titre: string;
  description: string;
  documents: readonly DocumentRequis[];
  questions: readonly QuestionEligibilite[];
  criteres: readonly Critere[];
  /** Whether the application carries a proposed annual budget, checked against the call's funding rules. */
  budgetPropose: boolean;
};

const PDF: readonly FamilleFichier[] = ["pdf"];
const PDF_IMAGE: readonly FamilleFichier[] = ["pdf", "image"];
const TOUT: readonly FamilleFichier[] = ["pdf", "image", "bureautique"];

export const MODELE_COORDINATION: ModeleAppel = {
  type: "coordination",
  titre: "Appel à candidatures — coordination départementale Promeneurs du Net",
  description:
    "La CAF des Alpes-de-Haute-Provence choisit la structure qui coordonne le réseau Promeneurs du Net du département pour la durée de la convention. La coordination anime le réseau, accompagne les promeneurs et leurs structures, suit les indicateurs et rend compte au comité de pilotage.",
  documents: [
    {
      code: "dossier",
      libelle: "Dossier de candidature complété, daté et signé",
      obligatoire: true,
      familles: PDF,
      tailleMaxMo: 10,
    },
    {
      code: "cv",
      libelle: "CV de la personne proposée comme coordinateur ou coordinatrice",
      obligatoire: true,
      familles: PDF,
      tailleMaxMo: 5,
    },
    { code: "annexes", libelle: "Annexes (facultatif)", obligatoire: false, familles: TOUT, tailleMaxMo: 10 },
    {
      code: "organigramme",
      libelle: "Organigramme de la structure",
      obligatoire: true,
      familles: PDF_IMAGE,
      tailleMaxMo: 5,
    },
    {
      code: "bureau",
      libelle: "Liste des membres du bureau ou du conseil d'administration",
      obligatoire: true,
      familles: PDF,
      tailleMaxMo: 5,
    },
    {
      code: "comptes",
      libelle: "Dernier compte de résultat et dernier bilan",
      obligatoire: true,
      familles: ["pdf", "bureautique"],
      tailleMaxMo: 10,
    },
    {
      code: "deliberation",
      libelle: "Délibération de l'instance décidant de candidater",
      obligatoire: true,
      familles: PDF,
      tailleMaxMo: 5,
    },
    {
      code: "recepisse",
      libelle: "Récépissé de déclaration en préfecture",
      obligatoire: true,
      familles: PDF_IMAGE,
      tailleMaxMo: 5,
    },
    { code: "statuts", libelle: "Statuts de la structure", obligatoire: true, familles: PDF, tailleMaxMo: 10 },
    {
      code: "rib",
      libelle: "Relevé d'identité bancaire (RIB)",
      obligatoire: true,
      familles: PDF_IMAGE,
      tailleMaxMo: 2,
    },
  ],
  questions: [
    {
      code: "structure_unique",
      question: "La candidature est-elle portée par une seule structure ?",
      eliminatoire: true,
    },
    {
      code: "action_sociale",
      question: "La structure intervient-elle dans le champ de l'action sociale ?",
      eliminatoire: true,
    },
    { code: "implantee", question: "La structure est-elle implantée dans le département ?", eliminatoire: true },
    {
      code: "reseau",
      question: "La structure travaille-t-elle en réseau avec les acteurs jeunesse du territoire ?",
      eliminatoire: true,
    },
    {
      code: "neutralite",
      question:
        "La structure s'engage-t-elle à ne diffuser aucune idée philosophique, politique, syndicale ou religieuse et à n'avoir aucune pratique sectaire ?",
      eliminatoire: true,
    },
  ],
  criteres: [
    { code: "enjeux", libelle: "Compréhension des enjeux", poids: 2 },
    { code: "coherence", libelle: "Clarté et cohérence avec l'appel", poids: 2 },
    { code: "faisabilite", libelle: "Faisabilité financière et temporelle", poids: 2 },
    { code: "partenariats", libelle: "Pertinence des partenariats", poids: 1 },
    { code: "droit_commun", libelle: "Articulation avec les dispositifs de droit commun existants", poids: 1 },
    { code: "experience", libelle: "Expérience de la structure auprès des jeunes et des parents", poids: 2 },
    { code: "projet_structure", libelle: "Cohérence avec le projet global de la structure", poids: 1 },
    { code: "capacite", libelle: "Capacité financière et administrative", poids: 1 },
    { code: "profil", libelle: "Profil du coordinateur ou de la coordinatrice", poids: 2 },
  ],
  budgetPropose: true,
};

export const MODELE_RECRUTEMENT: ModeleAppel = {
  type: "recrutement",
  titre: "Devenir promeneur du Net — appel aux structures",
  description:
    "Une structure jeunesse du département propose un ou une professionnelle pour devenir promeneur du Net : une présence éducative en ligne, quelques heures par semaine, avec la formation et l'accompagnement de la coordination.",
  documents: [
    {
      code: "fiche",
      libelle: "Fiche de candidature de la structure, signée",
      obligatoire: true,
      familles: PDF,
      tailleMaxMo: 5,
    },
    {
      code: "accord",
      libelle: "Accord de l'employeur sur le temps dédié",
      obligatoire: true,
      familles: PDF_IMAGE,
      tailleMaxMo: 5,
    },
    {
      code: "cv",
      libelle: "CV du ou de la professionnelle proposée",
      obligatoire: true,
      familles: PDF,
      tailleMaxMo: 5,
    },
    {
      code: "projet",
      libelle: "Projet de présence en ligne (facultatif)",
      obligatoire: false,
      familles: TOUT,
      tailleMaxMo: 10,
    },
  ],
  questions: [
    { code: "jeunesse", question: "La structure accueille-t-elle des jeunes de 12 à 25 ans ?", eliminatoire: true },
    { code: "implantee", question: "La structure est-elle implantée dans le département ?", eliminatoire: true },
    {
      code: "temps",
      question: "L'employeur dédie-t-il du temps de travail à la présence en ligne ?",
      eliminatoire: true,
    },
    {
      code: "formation",
      question: "Le ou la professionnelle suivra-t-elle la formation initiale ?",
      eliminatoire: false,
    },
  ],
  criteres: [
    { code: "motivation", libelle: "Motivation et compréhension de la démarche", poids: 2 },
    { code: "public", libelle: "Public touché et besoins du territoire", poids: 2 },
    { code: "moyens", libelle: "Moyens dédiés par la structure", poids: 1 },
    { code: "couverture", libelle: "Apport à la couverture du territoire", poids: 1 },
  ],
  budgetPropose: false,
};

export const MODELES: Record<TypeAppel, ModeleAppel> = {
  coordination: MODELE_COORDINATION,
  recrutement: MODELE_RECRUTEMENT,
};
