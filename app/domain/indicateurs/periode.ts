/**
 * The period of the indicators (issue 7): read from the dashboard's GET form, named in French, and
 * the previous period every value is compared with. Pure: the clock is passed in.
 *
 * GET fields: `periode` = mois | trimestre | annee | convention | libre, `annee`, `mois` (1–12),
 * `trimestre` (1–4), `du`, `au` ('YYYY-MM-DD' or 'JJ/MM/AAAA'). Bad input never throws: the default
 * period (the current calendar year) is used and `lirePeriodeEtErreurs` says which field was wrong.
 */
import {
  ajouterJours,
  ajouterMois,
  comparerJours,
  ecartJours,
  formatJourIso,
  type JourCivil,
  jourParis,
  parseJourIso,
} from "~/lib/jour";
import { NATURES_PERIODE, type NaturePeriode, type PeriodeIndicateurs } from "./indicateurs.types";

/** The 2025–2026 convention (DESIGN §5): what « convention » means in the period field. */
export const CONVENTION = { debut: 2025, fin: 2026 } as const;

/** A custom period may not last longer than 5 years (the form would otherwise scan decades). */
export const ANNEES_LIBRE_MAX = 5;

const ANNEE_MIN = 2000;
const ANNEE_MAX = 2100;

/** The months' French names, January first. */
export const MOIS_NOMS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

const majuscule = (texte: string) => texte.charAt(0).toUpperCase() + texte.slice(1);
const nomMois = (mois: number) => MOIS_NOMS[mois - 1] ?? String(mois);
const numeroJour = (jour: number) => (jour === 1 ? "1er" : String(jour));
const dernierJour = (annee: number, mois: number): JourCivil =>
  ajouterJours(ajouterMois({ annee, mois, jour: 1 }, 1), -1);

/** A calendar year. */
export function periodeAnnee(annee: number): PeriodeIndicateurs {
  return {
    nature: "annee",
    du: { annee, mois: 1, jour: 1 },
    au: { annee, mois: 12, jour: 31 },
    libelle: `Année ${annee}`,
  };
}

/** A calendar month (1–12). */
export function periodeMois(annee: number, mois: number): PeriodeIndicateurs {
  return {
    nature: "mois",
    du: { annee, mois, jour: 1 },
    au: dernierJour(annee, mois),
    libelle: `${majuscule(nomMois(mois))} ${annee}`,
  };
}

/** A calendar quarter (1–4). */
export function periodeTrimestre(annee: number, trimestre: number): PeriodeIndicateurs {
  const premier = (trimestre - 1) * 3 + 1;
  return {
    nature: "trimestre",
    du: { annee, mois: premier, jour: 1 },
    au: dernierJour(annee, premier + 2),
    libelle: `${trimestre === 1 ? "1er" : `${trimestre}e`} trimestre ${annee}`,
  };
}

/** A two-year convention starting on 1 January of `debut` (the current one: 2025–2026). */
export function periodeConvention(debut: number = CONVENTION.debut): PeriodeIndicateurs {
  return {
    nature: "convention",
    du: { annee: debut, mois: 1, jour: 1 },
    au: { annee: debut + 1, mois: 12, jour: 31 },
    libelle: `Convention ${debut}–${debut + 1}`,
  };
}

/** « Du 3 mars au 12 avril 2026 », « Du 3 au 12 mars 2026 », « Du 3 mars 2025 au 12 avril 2026 », « Le 3 mars 2026 ». */
export function libellePeriodeLibre(du: JourCivil, au: JourCivil): string {
  const fin = `${numeroJour(au.jour)} ${nomMois(au.mois)} ${au.annee}`;
  if (comparerJours(du, au) === 0) return `Le ${fin}`;
  if (du.annee !== au.annee) return `Du ${numeroJour(du.jour)} ${nomMois(du.mois)} ${du.annee} au ${fin}`;
  if (du.mois !== au.mois) return `Du ${numeroJour(du.jour)} ${nomMois(du.mois)} au ${fin}`;
  return `Du ${numeroJour(du.jour)} au ${fin}`;
}

/** Any days, both included. */
export function periodeLibre(du: JourCivil, au: JourCivil): PeriodeIndicateurs {
  return { nature: "libre", du, au, libelle: libellePeriodeLibre(du, au) };
}

/** The fields of the period form. */
export type ChampPeriode = "periode" | "annee" | "mois" | "trimestre" | "du" | "au";

/** What `lirePeriodeEtErreurs` answers: the period used, and a French message per invalid field. */
export type PeriodeLue = {
  periode: PeriodeIndicateurs;
  /** Empty when the period asked was valid; otherwise the default period is used. */
  erreurs: Partial<Record<ChampPeriode, string>>;
};

function entier(texte: string | null, min: number, max: number): number | null | undefined {
  const valeur = texte?.trim() ?? "";
  if (valeur === "") return undefined;
  if (!/^\d{1,4}$/.test(valeur)) return null;
  const n = Number(valeur);
  return n >= min && n <= max ? n : null;
}

/**
 * The period asked in the query string, with a message per invalid field. Without `periode`, the
 * nature is guessed from the fields present (`du`/`au` → libre, `mois` → mois, `trimestre` →
 * trimestre, else annee). A missing year is `maintenant`'s year, a missing month or quarter is
 * `maintenant`'s. Anything invalid — an unknown nature, a year outside 2000–2100, a month outside
 * 1–12, a quarter outside 1–4, a day that does not exist, `du` after `au`, a custom period longer
 * than 5 years or with a missing bound — gives the default period (`maintenant`'s calendar year).
 */
export function lirePeriodeEtErreurs(params: URLSearchParams, maintenant: Date): PeriodeLue {
  const aujourdhui = jourParis(maintenant);
  const defaut = periodeAnnee(aujourdhui.annee);
  const erreurs: PeriodeLue["erreurs"] = {};
  const brut = (champ: ChampPeriode) => params.get(champ)?.trim() ?? "";

  let nature: NaturePeriode;
  const natureBrute = brut("periode");
  if (natureBrute === "") {
    if (brut("du") || brut("au")) nature = "libre";
    else if (brut("mois")) nature = "mois";
    else if (brut("trimestre")) nature = "trimestre";
    else nature = "annee";
  } else if ((NATURES_PERIODE as readonly string[]).includes(natureBrute)) {
    nature = natureBrute as NaturePeriode;
  } else {
    return { periode: defaut, erreurs: { periode: "Choisissez une période dans la liste." } };
  }

  if (nature === "convention") return { periode: periodeConvention(), erreurs };

  if (nature === "libre") {
    const du = parseJourIso(brut("du"));
    const au = parseJourIso(brut("au"));
    if (!du) erreurs.du = "Saisissez une date de début valide (jj/mm/aaaa).";
    if (!au) erreurs.au = "Saisissez une date de fin valide (jj/mm/aaaa).";
    if (du && au) {
      if (comparerJours(au, du) < 0) erreurs.au = "La date de fin doit être postérieure ou égale à la date de début.";
      else if (comparerJours(au, ajouterJours(ajouterMois(du, ANNEES_LIBRE_MAX * 12), -1)) > 0)
        erreurs.au = `La période ne peut pas dépasser ${ANNEES_LIBRE_MAX} ans : réduisez-la.`;
    }
    if (!du || !au || erreurs.du || erreurs.au) return { periode: defaut, erreurs };
    return { periode: periodeLibre(du, au), erreurs };
  }

  const annee = entier(brut("annee"), ANNEE_MIN, ANNEE_MAX);
  if (annee === null) erreurs.annee = `Saisissez une année entre ${ANNEE_MIN} et ${ANNEE_MAX}.`;
  const an = annee ?? aujourdhui.annee;
  if (nature === "mois") {
    const mois = entier(brut("mois"), 1, 12);
    if (mois === null) erreurs.mois = "Choisissez un mois entre 1 et 12.";
    if (annee === null || mois === null) return { periode: defaut, erreurs };
    return { periode: periodeMois(an, mois ?? aujourdhui.mois), erreurs };
  }
  if (nature === "trimestre") {
    const trimestre = entier(brut("trimestre"), 1, 4);
    if (trimestre === null) erreurs.trimestre = "Choisissez un trimestre entre 1 et 4.";
    if (annee === null || trimestre === null) return { periode: defaut, erreurs };
    return { periode: periodeTrimestre(an, trimestre ?? Math.ceil(aujourdhui.mois / 3)), erreurs };
  }
  if (annee === null) return { periode: defaut, erreurs };
  return { periode: periodeAnnee(an), erreurs };
}

/** The period asked in the query string; the current calendar year when absent or invalid (see `lirePeriodeEtErreurs`). */
export function lirePeriode(params: URLSearchParams, maintenant: Date): PeriodeIndicateurs {
  return lirePeriodeEtErreurs(params, maintenant).periode;
}

/**
 * The period every value is compared with, of the same kind just before: the previous month,
 * quarter, year or convention (2023–2024 for 2025–2026), or as many days just before a custom one.
 */
export function periodePrecedente(p: PeriodeIndicateurs): PeriodeIndicateurs {
  switch (p.nature) {
    case "mois": {
      const avant = ajouterMois({ ...p.du, jour: 1 }, -1);
      return periodeMois(avant.annee, avant.mois);
    }
    case "trimestre": {
      const avant = ajouterMois({ ...p.du, jour: 1 }, -3);
      return periodeTrimestre(avant.annee, Math.ceil(avant.mois / 3));
    }
    case "annee":
      return periodeAnnee(p.du.annee - 1);
    case "convention":
      return periodeConvention(p.du.annee - 2);
    case "libre": {
      const jours = ecartJours(p.du, p.au) + 1;
      const au = ajouterJours(p.du, -1);
      return periodeLibre(ajouterJours(au, -(jours - 1)), au);
    }
  }
}

/** Every month the period touches, « YYYY-MM », in order. */
export function moisDeLaPeriode(p: PeriodeIndicateurs): string[] {
  const mois: string[] = [];
  let courant: JourCivil = { annee: p.du.annee, mois: p.du.mois, jour: 1 };
  while (courant.annee < p.au.annee || (courant.annee === p.au.annee && courant.mois <= p.au.mois)) {
    mois.push(formatJourIso(courant).slice(0, 7));
    courant = ajouterMois(courant, 1);
  }
  return mois;
}

/** The GET form's values for a period (every field filled, so that switching the kind keeps sensible values). */
export function champsPeriode(p: PeriodeIndicateurs): Record<ChampPeriode, string> {
  return {
    periode: p.nature,
    annee: String(p.du.annee),
    mois: String(p.du.mois),
    trimestre: String(Math.ceil(p.du.mois / 3)),
    du: formatJourIso(p.du),
    au: formatJourIso(p.au),
  };
}
