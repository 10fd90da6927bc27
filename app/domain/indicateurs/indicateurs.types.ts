/**
 * The shape of the nine indicators (DESIGN §5, issue 7): what the engine computes for a filter, what
 * the dashboards, the steering and national views and the annual report read. One contract, so the
 * pages and the documents show the same numbers.
 *
 * Numbers that a steering member must not see exactly (a theme, a situation category or a commune
 * counted 1 or 2) arrive already withheld: `null` in a `Part.nombre` means « < 3 ». The engine
 * withholds them for the `agregee` view; the pages and the documents never see the true value.
 */
import type { JourCivil } from "~/lib/jour";

export const CODES_INDICATEURS = [
  "conformite",
  "jeunes",
  "reseaux",
  "demandes",
  "echanges",
  "participation",
  "publications",
  "communication",
  "couverture",
] as const;
export type CodeIndicateur = (typeof CODES_INDICATEURS)[number];

/** How the period was asked for (the GET form's `periode` field). */
export const NATURES_PERIODE = ["mois", "trimestre", "annee", "convention", "libre"] as const;
export type NaturePeriode = (typeof NATURES_PERIODE)[number];

/** Whole days, both ends included. Reports count when their month starts within [du, au]. */
export type PeriodeIndicateurs = {
  nature: NaturePeriode;
  du: JourCivil;
  au: JourCivil;
  /** « Année 2025 », « Mars 2026 », « 2e trimestre 2026 », « Convention 2025–2026 », « Du 3 mars au 12 avril 2026 ». */
  libelle: string;
};

/**
 * `coordination`: the département's coordinator on their own département — exact counts, lists
 * of people and profiles. `agregee`: everyone else (steering committee, national role, exports for
 * them) — aggregates only, small counts withheld, no highlight text, no per-person list.
 */
export type VueIndicateurs = "coordination" | "agregee";

export type FiltreIndicateurs = {
  /** One département (its dashboard), or several (the national view). Never empty. */
  departements: readonly string[];
  periode: PeriodeIndicateurs;
  /** Territory: the activity of promeneurs whose structure is in this EPCI / commune. */
  epci?: string | null;
  commune?: string | null;
  /** List A code: the activity of promeneurs of structures of this type. */
  typeStructure?: string | null;
  /** List B code: the activity of promeneurs holding a profile on this network, and that network's figures. */
  reseau?: string | null;
};

/** One bar of a breakdown. `nombre: null` means withheld (« < 3 »). */
export type Part = { code: string; libelle: string; nombre: number | null };

/** One month of a trend. `mois` is « YYYY-MM ». */
export type PointMensuel = { mois: string; valeur: number };

/** A headline value with the same value over the previous period (same length, just before). */
export type Evolution = { valeur: number | null; precedente: number | null };

export type IndicateurConformite = {
  /** Profiles of active promeneurs at the end of the period. */
  profils: number;
  conformes: number;
  nonConformes: number;
  aVerifier: number;
  /** conformes / profils, 0–1; null without profile. */
  taux: Evolution;
  /** Coordination view only (null in the aggregate view): the non-conforming and overdue profiles. */
  aSuivre: Array<{
    profilId: string;
    promeneurId: string;
    promeneur: string;
    reseau: string;
    statut: "non_conforme" | "a_verifier";
    depuis: string | null;
  }> | null;
};

export type IndicateurJeunes = {
  nouveaux: Evolution;
  /** Mean over the months of the period that have a counted report of the month's summed active file. */
  fileActiveMoyenne: Evolution;
  parMois: Array<{ mois: string; nouveaux: number; fileActive: number }>;
  nouveauxParAge: Part[];
  fileActiveParAge: Part[];
};

export type IndicateurReseaux = {
  /** Networks with at least one conforming profile of an active promeneur at the end of the period. */
  reseauxConformes: Evolution;
  parReseau: Array<{ code: string; libelle: string; profilsConformes: number; echanges: number }>;
};

export type IndicateurDemandes = {
  total: Evolution;
  parTheme: Part[];
  themesPresents: number;
  /** Shannon index of the theme counts divided by ln(number of themes of list E), 0–1; null without requests. */
  shannon: Evolution;
  /** Situations of concern recorded in the period, by category (list G). */
  situationsParCategorie: Part[];
  situations: number;
};

export type IndicateurEchanges = {
  total: Evolution;
  parMois: PointMensuel[];
  parCanal: Part[];
  individuels: number;
  collectifs: number;
};

export type IndicateurParticipation = {
  /** present / attendance recorded, 0–1, over the gatherings held in the period. */
  taux: Evolution;
  regroupements: number;
  parType: Array<{
    type: string;
    libelle: string;
    regroupements: number;
    invitations: number;
    presents: number;
    taux: number | null;
    heures: number;
  }>;
  heuresFormation: Evolution;
  /** Coordination view only (null otherwise): each promeneur's attendance rate. */
  parPromeneur: Array<{
    promeneurId: string;
    promeneur: string;
    notees: number;
    presents: number;
    taux: number | null;
  }> | null;
};

export type IndicateurPublications = {
  total: Evolution;
  parType: Part[];
  parMois: PointMensuel[];
};

export type IndicateurCommunication = {
  actions: Evolution;
  parType: Part[];
  /** Sum of the known reach of the actions. */
  portee: number;
  actualitesPubliees: Evolution;
  /** Public site page views in the period (counted without cookies nor IP addresses). */
  vuesSite: Evolution;
  vuesParMois: PointMensuel[];
};

export type Couverture = { total: number; couvertes: number; population: number; populationCouverte: number };

export type IndicateurCouverture = {
  /** Communes of the territory asked and those covered by at least one active promeneur. */
  communes: Couverture;
  /** Share of the population living in a covered commune, 0–1. */
  tauxPopulation: Evolution;
  /** FRR+ communes (frr_statut of the FRR "plus" kind). */
  frr: Couverture;
  /** QPV (total = number of QPV, couvertes = QPV whose commune is covered, population = 0 when unknown). */
  qpv: Couverture;
  parEpci: Array<{ siren: string; nom: string } & Couverture>;
  /** Uncovered communes ranked by population, largest first. */
  nonCouvertes: Array<{ code: string; nom: string; population: number /** The EPCI's name. */; epci: string | null }>;
  /**
   * Per commune, the number of active promeneurs covering it (null = « < 3 » in the aggregate view;
   * 0 shown). One département only: empty over several (the national view has no map).
   */
  parCommune: Array<{ code: string; promeneurs: number | null }>;
};

export type Indicateurs = {
  filtre: FiltreIndicateurs;
  vue: VueIndicateurs;
  /** The previous period the `precedente` values were computed on. */
  periodePrecedente: PeriodeIndicateurs;
  /** Reports counted (submitted or validated) in the period. */
  rapports: number;
  conformite: IndicateurConformite;
  jeunes: IndicateurJeunes;
  reseaux: IndicateurReseaux;
  demandes: IndicateurDemandes;
  echanges: IndicateurEchanges;
  participation: IndicateurParticipation;
  publications: IndicateurPublications;
  communication: IndicateurCommunication;
  couverture: IndicateurCouverture;
};

/** The national view's line per département (headline values only, aggregate view). */
export type LigneDepartement = {
  code: string;
  nom: string;
  promeneursActifs: number;
  rapports: number;
  tauxConformite: number | null;
  nouveaux: number;
  echanges: number;
  demandes: number;
  shannon: number | null;
  tauxParticipation: number | null;
  publications: number;
  actionsCommunication: number;
  tauxPopulationCouverte: number | null;
};
