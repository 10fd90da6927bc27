/**
 * Pure rules of the report-based indicators (2, 3's exchanges, 4, 5, 7): the months a period
 * counts, the normalised Shannon index, means, and the assembly of the figures from monthly sums
 * (`LigneMensuelle`), whether those sums come from the reports or from `agregats_mensuels`.
 */
import { retenirPetitsEffectifs } from "~/domain/confidentialite/petits-effectifs";
import { THEMES, themeLabels } from "~/domain/promeneurs/theme.labels";
import {
  CANAUX,
  canalLabels,
  PUBLICATIONS,
  publicationLabels,
  TRANCHES_AGE,
  trancheAgeLabels,
} from "~/domain/rapports/rapport.labels";
import { SITUATION_CATEGORIES, situationCategorieLabels } from "~/domain/situations/situation.labels";
import type { JourCivil } from "~/lib/jour";
import type {
  Evolution,
  IndicateurDemandes,
  IndicateurEchanges,
  IndicateurJeunes,
  IndicateurPublications,
  Part,
  PeriodeIndicateurs,
  VueIndicateurs,
} from "./indicateurs.types";

/** Report statuses the indicators count. */
export const STATUTS_COMPTES = ["soumis", "valide"] as const;

/**
 * Rubrique `total` of `agregats_mensuels`: the report totals, by code (`rapports` = number of
 * reports; `heures_dixiemes` = online hours in tenths, an integer).
 */
export const CODES_TOTAL = [
  "rapports",
  "nouveaux_jeunes",
  "file_active",
  "echanges",
  "echanges_individuels",
  "echanges_collectifs",
  "heures_dixiemes",
] as const;
export type CodeTotal = (typeof CODES_TOTAL)[number];

/** One monthly sum: a month (« YYYY-MM »), a rubrique (`total` or a `rapport_comptes` rubrique), a code. */
export type LigneMensuelle = { mois: string; rubrique: string; code: string; nombre: number };

const deux = (n: number) => String(n).padStart(2, "0");

/** « YYYY-MM » of a day. */
export function moisDe(jour: JourCivil): string {
  return `${jour.annee}-${deux(jour.mois)}`;
}

/**
 * The months a period counts, « YYYY-MM », in order: every month that overlaps [du, au]. A report
 * is of a month (dated its first day); a month cut by either end of the period counts whole — a
 * period from 3 March to 12 April counts the reports of March and April. For the usual periods
 * (month, quarter, year, convention) these are exactly the months whose first day is within it.
 */
export function moisDeLaPeriodeRapports(du: JourCivil, au: JourCivil): string[] {
  const mois: string[] = [];
  let annee = du.annee;
  let m = du.mois;
  while (annee < au.annee || (annee === au.annee && m <= au.mois)) {
    mois.push(`${annee}-${deux(m)}`);
    m += 1;
    if (m > 12) {
      m = 1;
      annee += 1;
    }
  }
  return mois;
}

/** First and last month (first days, « YYYY-MM-01 ») of the reports a period counts, or null when it has none. */
export function bornesMois(
  periode: Pick<PeriodeIndicateurs, "du" | "au">,
): { premier: string; dernier: string } | null {
  const mois = moisDeLaPeriodeRapports(periode.du, periode.au);
  const premier = mois[0];
  const dernier = mois[mois.length - 1];
  return premier && dernier ? { premier: `${premier}-01`, dernier: `${dernier}-01` } : null;
}

/**
 * Normalised Shannon index of counts over `categories` possible categories: H / ln(K) with
 * H = −Σ pᵢ ln pᵢ over the counts above zero. 0 when all requests are of one theme, 1 when they are
 * spread evenly over all K. Null without any count (or with fewer than two categories).
 */
export function indiceShannon(comptes: readonly number[], categories: number): number | null {
  const total = comptes.reduce((s, n) => s + Math.max(n, 0), 0);
  if (total === 0 || categories < 2) return null;
  let h = 0;
  for (const n of comptes) {
    if (n <= 0) continue;
    const p = n / total;
    h -= p * Math.log(p);
  }
  return h / Math.log(categories);
}

/** Arithmetic mean, or null for no value. */
export function moyenne(valeurs: readonly number[]): number | null {
  if (valeurs.length === 0) return null;
  return valeurs.reduce((s, n) => s + n, 0) / valeurs.length;
}

/** The parts of a breakdown: every code of the list, in list order, with its label; zero when absent. */
export function partsDe(
  codes: readonly string[],
  labels: Readonly<Record<string, string>>,
  comptes: ReadonlyMap<string, number>,
): Part[] {
  return codes.map((code) => ({ code, libelle: labels[code] ?? code, nombre: comptes.get(code) ?? 0 }));
}

/** Sums of monthly lines, indexed by rubrique then code, and by month for the totals. */
class Sommes {
  readonly parRubrique = new Map<string, Map<string, number>>();
  readonly totalParMois = new Map<string, Map<string, number>>();
  readonly moisAvecRapport = new Set<string>();

  constructor(lignes: readonly LigneMensuelle[]) {
    for (const l of lignes) {
      const rubrique = this.parRubrique.get(l.rubrique) ?? new Map<string, number>();
      rubrique.set(l.code, (rubrique.get(l.code) ?? 0) + l.nombre);
      this.parRubrique.set(l.rubrique, rubrique);
      if (l.rubrique === "total" || l.rubrique === "publication") {
        const cle = l.rubrique === "total" ? l.code : "publications";
        const mois = this.totalParMois.get(l.mois) ?? new Map<string, number>();
        mois.set(cle, (mois.get(cle) ?? 0) + l.nombre);
        this.totalParMois.set(l.mois, mois);
        if (l.rubrique === "total" && l.code === "rapports" && l.nombre > 0) this.moisAvecRapport.add(l.mois);
      }
    }
  }

  rubrique(nom: string): ReadonlyMap<string, number> {
    return this.parRubrique.get(nom) ?? new Map();
  }

  total(code: CodeTotal): number {
    return this.rubrique("total").get(code) ?? 0;
  }

  somme(rubrique: string): number {
    let s = 0;
    for (const n of this.rubrique(rubrique).values()) s += n;
    return s;
  }

  duMois(mois: string, cle: CodeTotal | "publications"): number {
    return this.totalParMois.get(mois)?.get(cle) ?? 0;
  }

  fileActiveMoyenne(): number | null {
    return moyenne([...this.moisAvecRapport].map((m) => this.duMois(m, "file_active")));
  }

  shannon(): number | null {
    const themes = this.rubrique("theme");
    return indiceShannon(
      THEMES.map((t) => themes.get(t) ?? 0),
      THEMES.length,
    );
  }
}

export type IndicateursDesRapports = {
  rapports: number;
  jeunes: IndicateurJeunes;
  demandes: IndicateurDemandes;
  echanges: IndicateurEchanges;
  publications: IndicateurPublications;
  echangesParReseau: Record<string, number>;
};

/**
 * The report-based indicators from the monthly sums of the period and of the previous period, and
 * the situations of concern of the period by category. In the `agregee` view the request themes
 * and the situation categories go through `retenirPetitsEffectifs` (counts of 1 or 2 withheld,
 * and the next smallest when only one is); the coordination view keeps every exact value.
 * `reseau`: when the filter names a network, only that network's exchanges are returned.
 */
export function assemblerIndicateurs(entree: {
  periode: Pick<PeriodeIndicateurs, "du" | "au">;
  lignes: readonly LigneMensuelle[];
  lignesPrecedentes: readonly LigneMensuelle[];
  situations: ReadonlyMap<string, number>;
  vue: VueIndicateurs;
  reseau?: string | null;
}): IndicateursDesRapports {
  const s = new Sommes(entree.lignes);
  const p = new Sommes(entree.lignesPrecedentes);
  const mois = moisDeLaPeriodeRapports(entree.periode.du, entree.periode.au);
  const evolution = (valeur: number | null, precedente: number | null): Evolution => ({ valeur, precedente });
  const agregee = entree.vue === "agregee";
  const retenir = (parts: Part[]) => (agregee ? retenirPetitsEffectifs(parts) : parts);

  const themes = s.rubrique("theme");
  const parTheme = partsDe(THEMES, themeLabels, themes);
  const situationsParCategorie = partsDe(SITUATION_CATEGORIES, situationCategorieLabels, entree.situations);
  let situations = 0;
  for (const n of entree.situations.values()) situations += n;

  const echangesParReseau: Record<string, number> = {};
  for (const [code, n] of s.rubrique("reseau")) {
    if (n > 0 && (!entree.reseau || code === entree.reseau)) echangesParReseau[code] = n;
  }

  return {
    rapports: s.total("rapports"),
    jeunes: {
      nouveaux: evolution(s.total("nouveaux_jeunes"), p.total("nouveaux_jeunes")),
      fileActiveMoyenne: evolution(s.fileActiveMoyenne(), p.fileActiveMoyenne()),
      parMois: mois.map((m) => ({
        mois: m,
        nouveaux: s.duMois(m, "nouveaux_jeunes"),
        fileActive: s.duMois(m, "file_active"),
      })),
      nouveauxParAge: partsDe(TRANCHES_AGE, trancheAgeLabels, s.rubrique("age_nouveaux")),
      fileActiveParAge: partsDe(TRANCHES_AGE, trancheAgeLabels, s.rubrique("age_file")),
    },
    demandes: {
      total: evolution(s.somme("theme"), p.somme("theme")),
      parTheme: retenir(parTheme),
      themesPresents: THEMES.filter((t) => (themes.get(t) ?? 0) > 0).length,
      shannon: evolution(s.shannon(), p.shannon()),
      situationsParCategorie: retenir(situationsParCategorie),
      situations,
    },
    echanges: {
      total: evolution(s.total("echanges"), p.total("echanges")),
      parMois: mois.map((m) => ({ mois: m, valeur: s.duMois(m, "echanges") })),
      parCanal: partsDe(CANAUX, canalLabels, s.rubrique("canal")),
      individuels: s.total("echanges_individuels"),
      collectifs: s.total("echanges_collectifs"),
    },
    publications: {
      total: evolution(s.somme("publication"), p.somme("publication")),
      parType: partsDe(PUBLICATIONS, publicationLabels, s.rubrique("publication")),
      parMois: mois.map((m) => ({ mois: m, valeur: s.duMois(m, "publications") })),
    },
    echangesParReseau,
  };
}

/** The national line's report figures of one département from its sums over the period. */
export function ligneDepartementDesSommes(lignes: readonly LigneMensuelle[]): {
  rapports: number;
  nouveaux: number;
  echanges: number;
  demandes: number;
  shannon: number | null;
  publications: number;
} {
  const s = new Sommes(lignes);
  return {
    rapports: s.total("rapports"),
    nouveaux: s.total("nouveaux_jeunes"),
    echanges: s.total("echanges"),
    demandes: s.somme("theme"),
    shannon: s.shannon(),
    publications: s.somme("publication"),
  };
}
