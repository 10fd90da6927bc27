import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { CommunicationType } from "~/domain/communication/communication.labels";
import { marquerAgregatsARefaire } from "~/domain/indicateurs/agregats.server";
import type { Reseau } from "~/domain/profils/profil.labels";
import type { ProjetEtat, ProjetForme } from "~/domain/projets/projet.labels";
import { THEMES, type Theme } from "~/domain/promeneurs/theme.labels";
import {
  CANAUX,
  type Canal,
  type Partenaire,
  type Publication,
  type RapportStatut,
  type Rubrique,
  TRANCHES_AGE,
  type TrancheAge,
} from "~/domain/rapports/rapport.labels";
import { ajouterMoisIso, type MoisIso, moisCourant, moisDe } from "~/domain/rapports/rapport.workflow";
import type { SituationAction, SituationCategorie, SituationSuivi } from "~/domain/situations/situation.labels";
import { formatJourIso, instantParis, jourParis } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import {
  actionsCommunication,
  appMeta,
  projetsJeunes,
  promeneurs,
  rapportComptes,
  rapportsMensuels,
  situationsPreoccupantes,
} from "../schema";
import { DEMO_PROMENEURS } from "./demo-reseau";

/**
 * The activity part of the fictional 04 demo (DESIGN §8, issue 5): two years of monthly reports of
 * the promeneurs who were in post (seasonal, varied, each consistent with the report's rules),
 * situations of concern, young people's projects and the coordination's communication actions.
 * Nothing here identifies anyone: counts only, and short professional texts with no name, handle,
 * number or address.
 *
 * Deterministic: the figures of a month come from a small PRNG seeded by the promeneur's slug and
 * the month, so two loads at the same instant `now` give the same data. Which months exist, their
 * statuses and every date are placed relative to `now`, like the network part: the previous month
 * always shows a realistic mix (submitted, sent back, draft, missing), and the demo account
 * promeneur@demo.pdn04.fr has its previous month still to fill.
 *
 * Loaded once, by its marker; the demo's own audit row (`demo.charger`) covers it. Batched: one
 * insert per table.
 */
export const DEMO_ACTIVITE_MARKER = "demo.04.activite";
const DEPARTEMENT = "04";
const DAY_MS = 86_400_000;
/** At most this many months of history before the previous month. */
export const MOIS_HISTORIQUE = 24;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** FNV-1a of a string: the seed of a PRNG. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast PRNG returning numbers in [0, 1). */
export function prng(seed: number | string): () => number {
  let a = typeof seed === "string" ? hash(seed) : seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Splits `total` over codes in proportion to their weights (largest remainder, ties in the order
 * given): the parts always sum to `total`. Zero weights get nothing.
 */
export function repartir<C extends string>(total: number, poids: readonly (readonly [C, number])[]): Record<C, number> {
  const result = {} as Record<C, number>;
  const somme = poids.reduce((s, [, w]) => s + Math.max(0, w), 0);
  if (total <= 0 || somme <= 0) {
    for (const [code] of poids) result[code] = 0;
    return result;
  }
  const parts = poids.map(([code, w], index) => {
    const exact = (total * Math.max(0, w)) / somme;
    return { code, index, base: Math.floor(exact), reste: exact - Math.floor(exact) };
  });
  let restant = total - parts.reduce((s, p) => s + p.base, 0);
  for (const p of [...parts].sort((a, b) => b.reste - a.reste || a.index - b.index)) {
    if (restant <= 0) break;
    p.base += 1;
    restant -= 1;
  }
  for (const p of parts) result[p.code] = p.base;
  return result;
}

/** The weights with some month-to-month variation (each between 60 % and 140 % of itself). */
function varier<C extends string>(poids: readonly (readonly [C, number])[], rand: () => number) {
  return poids.map(([code, w]) => [code, w * (0.6 + 0.8 * rand())] as const);
}

// ---------------------------------------------------------------------------------------------
// Monthly reports

/** Activity relative to a usual month: summer and the December holidays are quieter, September busy. */
const SAISON = [1, 0.95, 1.05, 1, 1.05, 0.95, 0.6, 0.45, 1.15, 1.05, 1, 0.7] as const;

type ProfilActivite = {
  /** The active file of a usual month, once settled. */
  fileActive: number;
  /** Share of the active file that is new in a usual month. */
  partNouveaux: number;
  /** Exchanges per young person followed. */
  echangesParJeune: number;
  canaux: Partial<Record<Canal, number>>;
  /** Share of the exchanges that are collective (groups, lives). */
  partCollectifs: number;
  publications: Partial<Record<Publication, number>>;
  orientations: Partial<Record<Partenaire, number>>;
  /** Orientations per young person followed. */
  tauxOrientation: number;
};

const PROFILS_ACTIVITE: Record<string, ProfilActivite> = {
  "sami-centre-social-digne": {
    fileActive: 22,
    partNouveaux: 0.3,
    echangesParJeune: 2.2,
    canaux: { messages_prives: 6, commentaires: 2, lives_stories: 1.5, groupes: 1, appels: 0.3, rencontres: 0.6 },
    partCollectifs: 0.2,
    publications: { activites_structure: 3, information_prevention: 2, interactive: 1.5, projets_jeunes: 1 },
    orientations: { etablissement_scolaire: 2, maison_adolescents: 1, information_jeunesse: 1, ligne_ecoute: 0.5 },
    tauxOrientation: 0.08,
  },
  "lea-espace-jeunes-manosque": {
    fileActive: 30,
    partNouveaux: 0.35,
    echangesParJeune: 2.5,
    canaux: { messages_prives: 5, commentaires: 3, lives_stories: 2.5, groupes: 2, appels: 0.4, rencontres: 0.8 },
    partCollectifs: 0.3,
    publications: { information_prevention: 3, interactive: 3, live: 1, activites_structure: 2, relais_local: 1 },
    orientations: { maison_adolescents: 2, sante: 2, paej: 1, ligne_ecoute: 1, etablissement_scolaire: 1 },
    tauxOrientation: 0.1,
  },
  "yanis-mission-locale-sisteron": {
    fileActive: 18,
    partNouveaux: 0.4,
    echangesParJeune: 2.8,
    canaux: { messages_prives: 7, commentaires: 1, appels: 1.5, groupes: 0.3, rencontres: 1.5 },
    partCollectifs: 0.08,
    publications: { relais_local: 4, information_prevention: 1, activites_structure: 1 },
    orientations: { mission_locale: 2, service_social: 2, information_jeunesse: 1, autre: 0.5 },
    tauxOrientation: 0.18,
  },
  "chloe-information-jeunesse-oraison": {
    fileActive: 14,
    partNouveaux: 0.45,
    echangesParJeune: 2,
    canaux: { messages_prives: 6, commentaires: 2, lives_stories: 1, groupes: 0.5, rencontres: 1 },
    partCollectifs: 0.12,
    publications: { relais_local: 3, information_prevention: 1.5, interactive: 1, projets_jeunes: 0.5 },
    orientations: { mission_locale: 2, information_jeunesse: 1, etablissement_scolaire: 1 },
    tauxOrientation: 0.12,
  },
  "hugo-lure-luberon-forcalquier": {
    fileActive: 20,
    partNouveaux: 0.3,
    echangesParJeune: 2.1,
    canaux: { messages_prives: 5, commentaires: 3, lives_stories: 1, groupes: 2, rencontres: 0.7 },
    partCollectifs: 0.25,
    publications: { activites_structure: 3, projets_jeunes: 2, information_prevention: 1, relais_local: 1 },
    orientations: { sante: 2, association_specialisee: 1, paej: 1, mission_locale: 0.5 },
    tauxOrientation: 0.07,
  },
  "manon-paej-riez": {
    fileActive: 26,
    partNouveaux: 0.28,
    echangesParJeune: 3,
    canaux: { messages_prives: 8, commentaires: 1, lives_stories: 1, appels: 1.2, groupes: 0.5, rencontres: 1 },
    partCollectifs: 0.1,
    publications: { information_prevention: 4, interactive: 1.5, live: 0.5 },
    orientations: { maison_adolescents: 2, sante: 2, crip_ase: 0.4, ligne_ecoute: 1, service_social: 1 },
    tauxOrientation: 0.12,
  },
  "nathan-maison-jeunes-ubaye": {
    fileActive: 12,
    partNouveaux: 0.3,
    echangesParJeune: 1.8,
    canaux: { messages_prives: 4, commentaires: 2, groupes: 2.5, lives_stories: 0.5, rencontres: 0.5 },
    partCollectifs: 0.3,
    publications: { activites_structure: 3, relais_local: 1, interactive: 0.5 },
    orientations: { etablissement_scolaire: 1, information_jeunesse: 1 },
    tauxOrientation: 0.06,
  },
};

const PROFIL_PAR_DEFAUT: ProfilActivite = {
  fileActive: 15,
  partNouveaux: 0.3,
  echangesParJeune: 2,
  canaux: { messages_prives: 6, commentaires: 2, groupes: 1, rencontres: 0.5 },
  partCollectifs: 0.15,
  publications: { information_prevention: 2, activites_structure: 2 },
  orientations: { maison_adolescents: 1, mission_locale: 1 },
  tauxOrientation: 0.08,
};

/**
 * Short highlights, fictional and non-identifying (no name, handle, number or place a young person
 * could be found by). A few are tied to a season.
 */
export const FAITS_MARQUANTS: { texte: string; mois?: readonly number[] }[] = [
  { texte: "Atelier sur le cyberharcèlement au collège avec 3 classes" },
  { texte: "Quiz en story sur la vie affective : beaucoup de réponses et quelques questions en privé ensuite" },
  { texte: "Présentation de la démarche Promeneurs du Net aux délégués de classe du lycée" },
  { texte: "Campagne de prévention sur les paris sportifs en ligne, relayée par les partenaires" },
  { texte: "Plusieurs jeunes accompagnés dans leur recherche d'apprentissage" },
  { texte: "Un groupe de jeunes a préparé en ligne une sortie au festival de la vallée" },
  { texte: "Échanges en soirée plus nombreux autour du stress des examens", mois: [5, 6] },
  { texte: "Live questions-réponses sur les jobs d'été, bonne participation", mois: [4, 5, 6] },
  { texte: "Moins d'échanges pendant l'été, permanence en ligne maintenue une soirée par semaine", mois: [7, 8] },
  { texte: "Rentrée : beaucoup de nouveaux contacts après la présentation au forum des associations", mois: [9] },
  { texte: "Messages sur la solitude pendant les fêtes : relais vers les lignes d'écoute", mois: [12, 1] },
  { texte: "Rencontre au local de jeunes contactés en ligne pour un projet de mobilité européenne" },
  { texte: "Travail avec l'infirmière scolaire sur les questions de santé mentale" },
  { texte: "Sondage en story sur les transports en commun : les jeunes demandent plus de navettes le soir" },
];

/** The previous month's status of each demo promeneur: null = not started (the demo account's own). */
const STATUT_MOIS_PRECEDENT: Record<string, RapportStatut | null> = {
  "sami-centre-social-digne": null,
  "lea-espace-jeunes-manosque": "soumis",
  "yanis-mission-locale-sisteron": "soumis",
  "manon-paej-riez": "soumis",
  "chloe-information-jeunesse-oraison": "a_corriger",
  "hugo-lure-luberon-forcalquier": "brouillon",
};

export const COMMENTAIRE_A_CORRIGER =
  "Merci de vérifier les heures en ligne, qui paraissent élevées par rapport à vos créneaux, et d'ajouter les orientations du mois s'il y en a eu.";

export type ComptesDemo = Partial<Record<Rubrique, Record<string, number>>>;

export type RapportDemo = {
  nouveauxJeunes: number;
  fileActive: number;
  echanges: number;
  echangesIndividuels: number;
  echangesCollectifs: number;
  heuresEnLigne: number;
  faitMarquant: string;
  comptes: ComptesDemo;
};

type PromeneurActivite = {
  slug: string;
  ageMin: number;
  ageMax: number;
  heuresHebdomadaires: number;
  themes: readonly string[];
  reseaux: readonly Reseau[];
};

const TRANCHE_BORNES: Record<TrancheAge, [number, number]> = {
  "12_14": [12, 14],
  "15_17": [15, 17],
  "18_21": [18, 21],
  "22_25": [22, 25],
  autre: [0, 0],
};

function poidsAges(p: PromeneurActivite): (readonly [TrancheAge, number])[] {
  return TRANCHES_AGE.map((t) => {
    if (t === "autre") return [t, 0.15] as const;
    const [min, max] = TRANCHE_BORNES[t];
    const recouvrement = Math.max(0, Math.min(max, p.ageMax) - Math.max(min, p.ageMin) + 1);
    return [t, recouvrement] as const;
  });
}

/** The promeneur's own themes weigh most; a few others come up some months. */
function poidsThemes(p: PromeneurActivite, rand: () => number): (readonly [Theme, number])[] {
  return THEMES.map((t) => [t, p.themes.includes(t) ? 4 : rand() < 0.3 ? 0.6 : 0] as const);
}

function entries<C extends string>(poids: Partial<Record<C, number>>): (readonly [C, number])[] {
  return Object.entries(poids).map(([code, w]) => [code as C, w as number] as const);
}

function sansZeros(comptes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(comptes).filter(([, n]) => n > 0));
}

/**
 * The figures of one promeneur's month, consistent with the report's rules: age bands sum to the
 * totals, new ≤ active file in each band, channels sum to the exchanges and so do individual +
 * collective, themes and orientations ≤ exchanges, networks ≤ exchanges minus in-person meetings,
 * hours with one decimal. `rang`: months since the entry (0 = the month of entry, partial).
 */
export function rapportDemo(p: PromeneurActivite, mois: MoisIso, rang: number): RapportDemo {
  const profil = PROFILS_ACTIVITE[p.slug] ?? PROFIL_PAR_DEFAUT;
  const rand = prng(`${p.slug}|${mois}`);
  const numeroMois = Number(mois.slice(5, 7));
  const saison = SAISON[numeroMois - 1] ?? 1;
  const montee = rang === 0 ? 0.4 : Math.min(1, 0.55 + 0.15 * rang);
  const croissance = 1 + 0.012 * rang;
  const fileActive = Math.max(0, Math.round(profil.fileActive * saison * montee * croissance * (0.85 + 0.3 * rand())));

  const ageFile = repartir(fileActive, varier(poidsAges(p), rand));
  let partNouveaux = rang === 0 ? 1 : profil.partNouveaux * (0.75 + 0.5 * rand());
  if (numeroMois === 9) partNouveaux *= 1.4;
  partNouveaux = Math.min(1, partNouveaux);
  const ageNouveaux = Object.fromEntries(
    TRANCHES_AGE.map((t) => [t, Math.min(ageFile[t], Math.round(ageFile[t] * partNouveaux))]),
  ) as Record<TrancheAge, number>;
  const nouveauxJeunes = TRANCHES_AGE.reduce((s, t) => s + ageNouveaux[t], 0);

  const echanges =
    fileActive === 0 ? 0 : Math.max(1, Math.round(fileActive * profil.echangesParJeune * (0.85 + 0.3 * rand())));
  const canal = repartir(
    echanges,
    varier(
      CANAUX.map((c) => [c, profil.canaux[c] ?? 0] as const),
      rand,
    ),
  );
  const collectifsVoulus = Math.round(echanges * profil.partCollectifs * (0.7 + 0.6 * rand()));
  const echangesCollectifs = Math.min(echanges, Math.max(canal.groupes, collectifsVoulus));
  const echangesIndividuels = echanges - echangesCollectifs;

  const demandes = Math.round(echanges * (0.45 + 0.3 * rand()));
  const theme = repartir(demandes, varier(poidsThemes(p, rand), rand));
  const enLigne = echanges - canal.rencontres;
  const reseaux = p.reseaux.length > 0 ? p.reseaux : (["instagram"] as const);
  const reseau = repartir(
    enLigne,
    varier(
      reseaux.map((r, i) => [r, i === 0 ? 3 : 1.5] as const),
      rand,
    ),
  );
  const orientationsTotal = Math.min(echanges, Math.round(fileActive * profil.tauxOrientation * (0.5 + rand())));
  const orientation = repartir(orientationsTotal, varier(entries(profil.orientations), rand));
  const publicationsBase = entries(profil.publications).reduce((s, [, w]) => s + w, 0);
  const publicationsTotal = Math.round(publicationsBase * Math.sqrt(saison) * montee * (0.7 + 0.6 * rand()));
  const publication = repartir(publicationsTotal, varier(entries(profil.publications), rand));
  const heuresEnLigne = Math.min(
    300,
    Math.round(p.heuresHebdomadaires * 4.3 * saison * (rang === 0 ? 0.5 : 1) * (0.85 + 0.3 * rand()) * 10) / 10,
  );

  const candidats = FAITS_MARQUANTS.filter((f) => !f.mois || f.mois.includes(numeroMois));
  const avecFait = fileActive > 0 && rand() < 0.35;
  const faitMarquant = avecFait ? (candidats[Math.floor(rand() * candidats.length)]?.texte ?? "") : "";

  return {
    nouveauxJeunes,
    fileActive,
    echanges,
    echangesIndividuels,
    echangesCollectifs,
    heuresEnLigne,
    faitMarquant,
    comptes: {
      age_nouveaux: sansZeros(ageNouveaux),
      age_file: sansZeros(ageFile),
      canal: sansZeros(canal),
      theme: sansZeros(theme),
      publication: sansZeros(publication),
      orientation: sansZeros(orientation),
      reseau: sansZeros(reseau),
    },
  };
}

/** An instant on `jour` of the month after `mois`, at `heure` Europe/Paris. */
function dansMoisSuivant(mois: MoisIso, jour: number, heure: number): Date {
  const suivant = ajouterMoisIso(mois, 1);
  return instantParis({ annee: Number(suivant.slice(0, 4)), mois: Number(suivant.slice(5, 7)), jour }, heure);
}

type DemoPromeneurRow = {
  id: string;
  slug: string;
  structureId: string;
  userId: string | null;
  statut: string;
  statutDepuis: Date;
  entreeLe: Date | null;
};

/** The months a promeneur reports in the demo: from their entry (at most 24 months back) to the previous month. */
export function moisDeRapport(p: Pick<DemoPromeneurRow, "statut" | "statutDepuis" | "entreeLe">, now: Date): MoisIso[] {
  if (!p.entreeLe || !["actif", "suspendu", "sorti"].includes(p.statut)) return [];
  const precedent = ajouterMoisIso(moisCourant(now), -1);
  // A promeneur no longer in post reported until the month before they left it.
  const fin = p.statut === "actif" ? precedent : ajouterMoisIso(moisDe(jourParis(p.statutDepuis)), -1);
  const [dernier] = [fin, precedent].sort() as [MoisIso];
  const entree = moisDe(jourParis(p.entreeLe));
  const plusAncien = ajouterMoisIso(precedent, -(MOIS_HISTORIQUE - 1));
  const premier = [entree, plusAncien].sort()[1] as MoisIso;
  const result: MoisIso[] = [];
  for (let m = premier; m <= dernier; m = ajouterMoisIso(m, 1)) result.push(m);
  return result;
}

function rangDepuisEntree(entreeLe: Date, mois: MoisIso): number {
  const entree = moisDe(jourParis(entreeLe));
  return (
    (Number(mois.slice(0, 4)) - Number(entree.slice(0, 4))) * 12 + Number(mois.slice(5, 7)) - Number(entree.slice(5, 7))
  );
}

// ---------------------------------------------------------------------------------------------
// Situations, projects, communication (placed relative to `now`)

type SituationDemo = {
  slug: string;
  ilYaJours: number;
  categorie: SituationCategorie;
  actions: SituationAction[];
  partenaire?: Partenaire;
  suivi: SituationSuivi;
  note?: string;
};

/** 20 situations over two years; the recent ones still followed. Notes are professional and anonymous, or empty. */
export const DEMO_SITUATIONS: SituationDemo[] = [
  {
    slug: "manon-paej-riez",
    ilYaJours: 12,
    categorie: "detresse_psychologique",
    actions: ["ecoute_conseil", "orientation"],
    partenaire: "maison_adolescents",
    suivi: "en_cours",
    note: "Rendez-vous pris avec la psychologue de la Maison des Adolescents, point prévu la semaine suivante.",
  },
  {
    slug: "lea-espace-jeunes-manosque",
    ilYaJours: 19,
    categorie: "harcelement",
    actions: ["ecoute_conseil", "orientation"],
    partenaire: "ligne_ecoute",
    suivi: "en_cours",
    note: "Captures conservées par le jeune, orientation vers le 3018 et l'infirmière du collège.",
  },
  {
    slug: "sami-centre-social-digne",
    ilYaJours: 26,
    categorie: "conduites_a_risque_en_ligne",
    actions: ["ecoute_conseil", "information_coordination"],
    suivi: "a_suivre",
    note: "",
  },
  {
    slug: "yanis-mission-locale-sisteron",
    ilYaJours: 41,
    categorie: "precarite",
    actions: ["orientation"],
    partenaire: "service_social",
    suivi: "en_cours",
    note: "Hébergement d'urgence trouvé, accompagnement vers un logement en foyer.",
  },
  {
    slug: "manon-paej-riez",
    ilYaJours: 58,
    categorie: "violences",
    actions: ["information_preoccupante", "information_coordination"],
    partenaire: "crip_ase",
    suivi: "close",
    note: "Information préoccupante transmise à la CRIP après échange avec la coordination.",
  },
  {
    slug: "hugo-lure-luberon-forcalquier",
    ilYaJours: 73,
    categorie: "addiction",
    actions: ["ecoute_conseil", "orientation"],
    partenaire: "sante",
    suivi: "close",
    note: "Orientation vers la consultation jeunes consommateurs.",
  },
  {
    slug: "chloe-information-jeunesse-oraison",
    ilYaJours: 95,
    categorie: "rupture",
    actions: ["orientation"],
    partenaire: "mission_locale",
    suivi: "close",
    note: "Décrochage scolaire : mise en lien avec la mission locale.",
  },
  {
    slug: "lea-espace-jeunes-manosque",
    ilYaJours: 121,
    categorie: "conduites_a_risque_en_ligne",
    actions: ["signalement_pharos", "ecoute_conseil"],
    suivi: "close",
    note: "Contenu violent signalé sur Pharos, échange avec le groupe sur le partage d'images.",
  },
  {
    slug: "sami-centre-social-digne",
    ilYaJours: 148,
    categorie: "harcelement",
    actions: ["ecoute_conseil", "orientation"],
    partenaire: "etablissement_scolaire",
    suivi: "close",
    note: "",
  },
  {
    slug: "nathan-maison-jeunes-ubaye",
    ilYaJours: 170,
    categorie: "emprise",
    actions: ["information_coordination", "orientation"],
    partenaire: "association_specialisee",
    suivi: "close",
    note: "Discours d'un influenceur repris par un groupe : échange collectif et relais vers une association spécialisée.",
  },
  {
    slug: "manon-paej-riez",
    ilYaJours: 196,
    categorie: "detresse_psychologique",
    actions: ["appel_urgences", "information_coordination"],
    partenaire: "sante",
    suivi: "close",
    note: "Appel au 15 pendant l'échange, prise en charge le soir même.",
  },
  {
    slug: "yanis-mission-locale-sisteron",
    ilYaJours: 230,
    categorie: "precarite",
    actions: ["orientation"],
    partenaire: "service_social",
    suivi: "close",
  },
  {
    slug: "hugo-lure-luberon-forcalquier",
    ilYaJours: 262,
    categorie: "rupture",
    actions: ["ecoute_conseil"],
    suivi: "close",
    note: "",
  },
  {
    slug: "lea-espace-jeunes-manosque",
    ilYaJours: 290,
    categorie: "violences",
    actions: ["information_preoccupante"],
    partenaire: "crip_ase",
    suivi: "close",
    note: "Information préoccupante rédigée avec l'appui de la coordination.",
  },
  {
    slug: "chloe-information-jeunesse-oraison",
    ilYaJours: 318,
    categorie: "autre",
    actions: ["ecoute_conseil", "orientation"],
    partenaire: "information_jeunesse",
    suivi: "close",
    note: "",
  },
  {
    slug: "sami-centre-social-digne",
    ilYaJours: 347,
    categorie: "addiction",
    actions: ["ecoute_conseil"],
    suivi: "close",
    note: "Usage excessif des jeux en ligne, conseils et lien avec la famille proposé.",
  },
  {
    slug: "manon-paej-riez",
    ilYaJours: 380,
    categorie: "harcelement",
    actions: ["orientation", "autre"],
    partenaire: "etablissement_scolaire",
    suivi: "close",
  },
  {
    slug: "nathan-maison-jeunes-ubaye",
    ilYaJours: 410,
    categorie: "conduites_a_risque_en_ligne",
    actions: ["ecoute_conseil"],
    suivi: "close",
    note: "",
  },
  {
    slug: "lea-espace-jeunes-manosque",
    ilYaJours: 446,
    categorie: "detresse_psychologique",
    actions: ["ecoute_conseil", "orientation"],
    partenaire: "ligne_ecoute",
    suivi: "close",
    note: "Orientation vers le 3114, rappel le lendemain : la situation s'est apaisée.",
  },
  {
    slug: "sami-centre-social-digne",
    ilYaJours: 492,
    categorie: "precarite",
    actions: ["orientation"],
    partenaire: "service_social",
    suivi: "close",
    note: "",
  },
];

type ProjetDemo = {
  slug: string;
  titre: string;
  theme: Theme;
  forme: ProjetForme;
  nombreJeunes: number;
  partenaires: string;
  description: string;
  etat: ProjetEtat;
  debutIlYaJours: number;
  /** The promeneur asked for the coordination's support this many days ago. */
  soutienIlYaJours?: number;
};

export const DEMO_PROJETS: ProjetDemo[] = [
  {
    slug: "sami-centre-social-digne",
    titre: "Court-métrage sur le cyberharcèlement",
    theme: "risques_numeriques",
    forme: "collectif",
    nombreJeunes: 7,
    partenaires: "Médiathèque, collège",
    description:
      "Un groupe de collégiens écrit et tourne un court-métrage de prévention, préparé sur un groupe en ligne.",
    etat: "en_cours",
    debutIlYaJours: 64,
    soutienIlYaJours: 6,
  },
  {
    slug: "sami-centre-social-digne",
    titre: "Séjour d'été en montagne",
    theme: "loisirs",
    forme: "collectif",
    nombreJeunes: 12,
    partenaires: "Centre social, CAF",
    description: "Préparation du budget et du programme avec les jeunes, en ligne et au centre social.",
    etat: "realise",
    debutIlYaJours: 200,
  },
  {
    slug: "lea-espace-jeunes-manosque",
    titre: "Podcast « Parlons-en »",
    theme: "vie_affective",
    forme: "collectif",
    nombreJeunes: 5,
    partenaires: "Planning familial, radio associative",
    description: "Trois épisodes enregistrés par des jeunes sur le consentement et les relations.",
    etat: "en_cours",
    debutIlYaJours: 120,
  },
  {
    slug: "yanis-mission-locale-sisteron",
    titre: "Permis de conduire et mobilité",
    theme: "mobilite",
    forme: "individuel",
    nombreJeunes: 1,
    partenaires: "Mission locale, auto-école solidaire",
    description: "Recherche de financement pour le permis d'un jeune en insertion.",
    etat: "realise",
    debutIlYaJours: 300,
  },
  {
    slug: "chloe-information-jeunesse-oraison",
    titre: "Chantier de jeunes à l'étranger",
    theme: "projets",
    forme: "collectif",
    nombreJeunes: 4,
    partenaires: "Mission locale, médiathèque",
    description: "Montage d'un dossier de mobilité européenne.",
    etat: "emergence",
    debutIlYaJours: 25,
  },
  {
    slug: "hugo-lure-luberon-forcalquier",
    titre: "Tournoi de jeux vidéo intercommunal",
    theme: "loisirs",
    forme: "collectif",
    nombreJeunes: 24,
    partenaires: "Communauté de communes, association de jeux",
    description: "Organisé par des jeunes avec un serveur de discussion dédié.",
    etat: "realise",
    debutIlYaJours: 240,
  },
  {
    slug: "manon-paej-riez",
    titre: "Groupe de parole sur le stress des examens",
    theme: "bien_etre",
    forme: "collectif",
    nombreJeunes: 9,
    partenaires: "Lycée, infirmière scolaire",
    description: "",
    etat: "abandonne",
    debutIlYaJours: 180,
  },
];

type CommunicationDemo = {
  ilYaJours: number;
  type: CommunicationType;
  titre: string;
  public: string;
  portee: number | null;
  commentaire?: string;
};

/** Communication actions of the coordination (list J codes). */
export const DEMO_COMMUNICATION: CommunicationDemo[] = [
  {
    ilYaJours: 8,
    type: "campagne_reseaux",
    titre: "Campagne « Un pro en ligne pour t'écouter »",
    public: "Jeunes de 12 à 25 ans",
    portee: 5400,
    commentaire: "Trois visuels diffusés sur les comptes des structures.",
  },
  {
    ilYaJours: 30,
    type: "lettre_information",
    titre: "Lettre d'information de l'automne",
    public: "Partenaires et structures",
    portee: 320,
  },
  {
    ilYaJours: 55,
    type: "intervention_etablissement",
    titre: "Présentation au conseil de vie lycéenne",
    public: "Lycéens",
    portee: 35,
  },
  {
    ilYaJours: 80,
    type: "stand",
    titre: "Stand au forum des associations de Manosque",
    public: "Familles et jeunes",
    portee: 150,
  },
  {
    ilYaJours: 120,
    type: "presentation_partenaires",
    titre: "Présentation aux travailleurs sociaux du Département",
    public: "Professionnels",
    portee: 40,
  },
  {
    ilYaJours: 160,
    type: "presse",
    titre: "Article dans la presse locale sur le réseau",
    public: "Grand public",
    portee: null,
    commentaire: "Interview de la coordinatrice.",
  },
  {
    ilYaJours: 200,
    type: "flyer_affiche",
    titre: "Affiches dans les collèges et lycées",
    public: "Collégiens et lycéens",
    portee: 600,
  },
  {
    ilYaJours: 250,
    type: "site_internet",
    titre: "Mise en ligne de l'annuaire des promeneurs",
    public: "Grand public",
    portee: 1200,
  },
  {
    ilYaJours: 300,
    type: "lettre_information",
    titre: "Lettre d'information du printemps",
    public: "Partenaires et structures",
    portee: 290,
  },
  {
    ilYaJours: 350,
    type: "intervention_etablissement",
    titre: "Intervention dans une maison familiale rurale",
    public: "Apprentis",
    portee: 28,
  },
  {
    ilYaJours: 420,
    type: "presentation_partenaires",
    titre: "Réunion d'information des structures jeunesse",
    public: "Directions de structures",
    portee: 22,
  },
  {
    ilYaJours: 480,
    type: "campagne_reseaux",
    titre: "Campagne de lancement du réseau",
    public: "Jeunes et familles",
    portee: 3100,
  },
  { ilYaJours: 560, type: "presse", titre: "Communiqué de presse du lancement", public: "Médias locaux", portee: null },
];

// ---------------------------------------------------------------------------------------------

function promeneurActivite(slug: string): PromeneurActivite {
  const spec = DEMO_PROMENEURS.find((p) => p.slug === slug);
  return {
    slug,
    ageMin: spec?.ageMin ?? 12,
    ageMax: spec?.ageMax ?? 25,
    heuresHebdomadaires: spec?.heuresHebdomadaires ?? 4,
    themes: spec?.themes ?? [],
    reseaux: spec?.profils.map((p) => p.reseau) ?? [],
  };
}

/**
 * Loads the activity once (marker `demo.04.activite`), for the demo promeneurs found in 04 by
 * their slug. Returns false, writing nothing, when the marker is there or no demo promeneur is.
 * A month a promeneur already reported (a demo in use) is kept as it is.
 */
export async function seedDemoActivite(tx: Executor, coordinateurId: string | null, now: Date): Promise<boolean> {
  const [marker] = await tx.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, DEMO_ACTIVITE_MARKER));
  if (marker) return false;
  const rows: DemoPromeneurRow[] = await tx
    .select({
      id: promeneurs.id,
      slug: promeneurs.slug,
      structureId: promeneurs.structureId,
      userId: promeneurs.userId,
      statut: promeneurs.statut,
      statutDepuis: promeneurs.statutDepuis,
      entreeLe: promeneurs.entreeLe,
    })
    .from(promeneurs)
    .where(
      and(
        eq(promeneurs.departement, DEPARTEMENT),
        inArray(
          promeneurs.slug,
          DEMO_PROMENEURS.map((p) => p.slug),
        ),
      ),
    );
  if (rows.length === 0) return false;
  const bySlug = new Map(rows.map((r) => [r.slug, r]));

  // Monthly reports.
  const precedent = ajouterMoisIso(moisCourant(now), -1);
  const courant = jourParis(now);
  const debutMoisCourant = instantParis({ ...courant, jour: 1 }, 0);
  // A demo in use keeps the months its promeneurs already reported.
  const dejaFaits = new Set(
    (
      await tx
        .select({ promeneurId: rapportsMensuels.promeneurId, mois: rapportsMensuels.mois })
        .from(rapportsMensuels)
        .where(
          inArray(
            rapportsMensuels.promeneurId,
            rows.map((r) => r.id),
          ),
        )
    ).map((r) => `${r.promeneurId}|${r.mois}`),
  );
  const rapports = rows.flatMap((p) => {
    if (!p.entreeLe) return [];
    const entreeLe = p.entreeLe;
    const activite = promeneurActivite(p.slug);
    return moisDeRapport(p, now).flatMap((mois) => {
      const rand = prng(`${p.slug}|${mois}|dates`);
      let statut: RapportStatut | null = "valide";
      if (mois === precedent)
        statut = p.slug in STATUT_MOIS_PRECEDENT ? (STATUT_MOIS_PRECEDENT[p.slug] ?? null) : "soumis";
      if (statut === null || dejaFaits.has(`${p.id}|${mois}`)) return [];
      const data = rapportDemo(activite, mois, rangDepuisEntree(entreeLe, mois));
      // Within the current month so far for the previous month's reports; the usual calendar otherwise.
      const recent = (part: number) =>
        new Date(debutMoisCourant.getTime() + part * Math.max(0, now.getTime() - debutMoisCourant.getTime()));
      const soumisLe =
        statut === "brouillon"
          ? null
          : mois === precedent
            ? recent(0.2 + 0.5 * rand())
            : dansMoisSuivant(mois, 2 + Math.floor(rand() * 8), 9 + Math.floor(rand() * 9));
      const valideLe =
        statut === "valide" ? dansMoisSuivant(mois, 11 + Math.floor(rand() * 9), 9 + Math.floor(rand() * 8)) : null;
      const createdAt =
        mois === precedent
          ? recent(0.1 * rand())
          : new Date((soumisLe?.getTime() ?? now.getTime()) - rand() * 3 * DAY_MS);
      const updatedAt = valideLe ?? (statut === "a_corriger" ? recent(0.75 + 0.2 * rand()) : (soumisLe ?? createdAt));
      return [
        {
          id: randomUUID(),
          comptes: data.comptes,
          values: {
            departement: DEPARTEMENT,
            promeneurId: p.id,
            structureId: p.structureId,
            mois,
            statut,
            nouveauxJeunes: data.nouveauxJeunes,
            fileActive: data.fileActive,
            echanges: data.echanges,
            echangesIndividuels: data.echangesIndividuels,
            echangesCollectifs: data.echangesCollectifs,
            heuresEnLigne: data.heuresEnLigne,
            faitMarquant: statut === "brouillon" ? "" : data.faitMarquant,
            commentaireCoordination: statut === "a_corriger" ? COMMENTAIRE_A_CORRIGER : null,
            soumisLe,
            valideLe,
            validePar: statut === "valide" ? coordinateurId : null,
            version: { brouillon: 1, soumis: 2, a_corriger: 3, valide: 3 }[statut],
            createdAt,
            updatedAt,
          },
        },
      ];
    });
  });
  if (rapports.length > 0) {
    // Thousands of small rows: a JSON parameter per table rather than one parameter per value, and
    // identifiers made here, so that the reports and their breakdowns go in two plain statements.
    const rapportsJson = rapports.map((r) => ({
      id: r.id,
      departement: r.values.departement,
      promeneur_id: r.values.promeneurId,
      structure_id: r.values.structureId,
      mois: r.values.mois,
      statut: r.values.statut,
      nouveaux_jeunes: r.values.nouveauxJeunes,
      file_active: r.values.fileActive,
      echanges: r.values.echanges,
      echanges_individuels: r.values.echangesIndividuels,
      echanges_collectifs: r.values.echangesCollectifs,
      heures_en_ligne: r.values.heuresEnLigne,
      fait_marquant: r.values.faitMarquant,
      commentaire_coordination: r.values.commentaireCoordination,
      soumis_le: r.values.soumisLe,
      valide_le: r.values.valideLe,
      valide_par: r.values.validePar,
      version: r.values.version,
      created_at: r.values.createdAt,
      updated_at: r.values.updatedAt,
    }));
    await tx.execute(sql`
      insert into ${rapportsMensuels} (id, departement, promeneur_id, structure_id, mois, statut, nouveaux_jeunes,
        file_active, echanges, echanges_individuels, echanges_collectifs, heures_en_ligne, fait_marquant,
        commentaire_coordination, soumis_le, valide_le, valide_par, version, created_at, updated_at)
      select * from jsonb_to_recordset(${JSON.stringify(rapportsJson)}::jsonb) as x(id uuid, departement text,
        promeneur_id uuid, structure_id uuid, mois date, statut text, nouveaux_jeunes integer, file_active integer,
        echanges integer, echanges_individuels integer, echanges_collectifs integer, heures_en_ligne numeric,
        fait_marquant text, commentaire_coordination text, soumis_le timestamptz, valide_le timestamptz,
        valide_par uuid, version integer, created_at timestamptz, updated_at timestamptz)`);
    const lignes = rapports.flatMap((r) =>
      Object.entries(r.comptes).flatMap(([rubrique, codes]) =>
        Object.entries(codes ?? {})
          .filter(([, nombre]) => nombre > 0)
          .map(([code, nombre]) => ({ rapport_id: r.id, rubrique, code, nombre })),
      ),
    );
    if (lignes.length > 0) {
      await tx.execute(sql`
        insert into ${rapportComptes} (rapport_id, rubrique, code, nombre)
        select * from jsonb_to_recordset(${JSON.stringify(lignes)}::jsonb)
          as x(rapport_id uuid, rubrique text, code text, nombre integer)`);
    }
    // The indicators' monthly aggregates of these months are stale (rebuilt at the first reading).
    for (const mois of new Set(rapports.map((r) => r.values.mois))) {
      await marquerAgregatsARefaire(tx, DEPARTEMENT, mois);
    }
  }

  const ilYa = (jours: number) => new Date(now.getTime() - jours * DAY_MS);
  /** Whether the promeneur was in post on that day (after their entry; before a suspension or exit). */
  const enPoste = (p: DemoPromeneurRow, date: Date) =>
    p.entreeLe !== null && date >= p.entreeLe && (p.statut === "actif" || date < p.statutDepuis);

  // Situations of concern.
  const situations = DEMO_SITUATIONS.flatMap((s) => {
    const p = bySlug.get(s.slug);
    const date = ilYa(s.ilYaJours);
    if (!p || !enPoste(p, date)) return [];
    return [
      {
        departement: DEPARTEMENT,
        promeneurId: p.id,
        structureId: p.structureId,
        date: formatJourIso(jourParis(date)),
        categorie: s.categorie,
        actions: s.actions,
        partenaire: s.partenaire ?? null,
        suivi: s.suivi,
        note: s.note ?? "",
        creePar: p.userId,
        createdAt: date,
        updatedAt: s.suivi === "close" ? new Date(date.getTime() + 9 * DAY_MS) : date,
      },
    ];
  });
  if (situations.length > 0) await tx.insert(situationsPreoccupantes).values(situations);

  // Young people's projects.
  const projets = DEMO_PROJETS.flatMap((projet) => {
    const p = bySlug.get(projet.slug);
    const debut = ilYa(projet.debutIlYaJours);
    if (!p || !enPoste(p, debut)) return [];
    const soutienDemandeLe = projet.soutienIlYaJours === undefined ? null : ilYa(projet.soutienIlYaJours);
    return [
      {
        departement: DEPARTEMENT,
        promeneurId: p.id,
        structureId: p.structureId,
        titre: projet.titre,
        theme: projet.theme,
        forme: projet.forme,
        nombreJeunes: projet.nombreJeunes,
        partenaires: projet.partenaires,
        description: projet.description,
        etat: projet.etat,
        debutLe: formatJourIso(jourParis(debut)),
        besoinSoutien: soutienDemandeLe !== null,
        soutienDemandeLe,
        creePar: p.userId,
        createdAt: debut,
        updatedAt: soutienDemandeLe ?? debut,
      },
    ];
  });
  if (projets.length > 0) await tx.insert(projetsJeunes).values(projets);

  // The coordination's communication actions.
  await tx.insert(actionsCommunication).values(
    DEMO_COMMUNICATION.map((a) => ({
      departement: DEPARTEMENT,
      date: formatJourIso(jourParis(ilYa(a.ilYaJours))),
      type: a.type,
      titre: a.titre,
      public: a.public,
      portee: a.portee,
      commentaire: a.commentaire ?? "",
      creePar: coordinateurId,
      createdAt: ilYa(a.ilYaJours),
      updatedAt: ilYa(a.ilYaJours),
    })),
  );

  await tx.insert(appMeta).values({ key: DEMO_ACTIVITE_MARKER, value: now.toISOString() });
  return true;
}
