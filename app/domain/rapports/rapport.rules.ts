import { RESEAUX } from "~/domain/profils/profil.labels";
import { THEMES } from "~/domain/promeneurs/theme.labels";
import { type JourDeLaSemaine, jourSemaine } from "~/lib/jour";
import { CANAUX, PARTENAIRES, PUBLICATIONS, type Rubrique, TRANCHES_AGE } from "./rapport.labels";
import type { MoisIso } from "./rapport.workflow";

/**
 * The monthly report's figures and their consistency (DESIGN §3), pure. The totals are never typed:
 * they are the sums of the breakdowns (age bands → new young people and active file; channels →
 * exchanges), so that "the channels add up to the exchanges" holds by construction and a promeneur
 * types each number once.
 */

/** The codes each breakdown accepts (the form's fields and the rows of `rapport_comptes`). */
export const CODES_PAR_RUBRIQUE = {
  age_nouveaux: TRANCHES_AGE,
  age_file: TRANCHES_AGE,
  canal: CANAUX,
  theme: THEMES,
  publication: PUBLICATIONS,
  orientation: PARTENAIRES,
  reseau: RESEAUX,
} as const satisfies Record<Rubrique, readonly string[]>;

/** What a promeneur enters for a month: each breakdown by code (absent = 0), and the scalar fields. */
export type SaisieRapport = Record<Rubrique, Partial<Record<string, number>>> & {
  echangesIndividuels: number;
  echangesCollectifs: number;
  heuresEnLigne: number;
  faitMarquant: string;
};

/**
 * Upper bounds, per field, of one promeneur's month. They refuse typing slips (an extra zero, a
 * year typed in a count), not real activity: each is well above what an active promeneur reports
 * (a few dozen new contacts, an active file of tens to a couple of hundred, some hundreds of
 * exchanges, 4 to 35 hours online a week).
 */
export const BORNES = {
  /** New young people in one age band: a live or a school intervention may bring in a few hundred; 500 leaves room. */
  age_nouveaux: 500,
  /** Active file in one age band: a full-time promeneur follows at most a few hundred; 2 000 is far above. */
  age_file: 2_000,
  /** Exchanges on one channel: 10 000 is over 300 a day, every day of the month. */
  canal: 10_000,
  /** Requests on one theme: cannot exceed the exchanges of a channel-sized month. */
  theme: 10_000,
  /** Publications of one type: 300 is ten a day, every day. */
  publication: 300,
  /** Orientations to one type of partner: each one is followed work; 500 a month is already implausible. */
  orientation: 500,
  /** Exchanges on one network: same order as a channel. */
  reseau: 10_000,
  /** Individual or collective exchanges: all six channels at their bound. */
  echanges: 60_000,
  /** Hours online in a month: 300 is about ten hours a day, every day (full time is about 152 h). */
  heuresEnLigne: 300,
} as const satisfies Record<Rubrique | "echanges" | "heuresEnLigne", number>;

/** The highlight's length (a short paragraph). */
export const FAIT_MARQUANT_MAX = 600;

export function somme(valeurs: Partial<Record<string, number>>): number {
  let total = 0;
  for (const v of Object.values(valeurs)) total += v ?? 0;
  return total;
}

export type TotauxRapport = {
  nouveauxJeunes: number;
  fileActive: number;
  echanges: number;
  demandes: number;
  publications: number;
  orientations: number;
  echangesReseaux: number;
  rencontres: number;
};

/** The totals stored with the report and shown as one types, computed from the breakdowns. */
export function totauxDe(saisie: Pick<SaisieRapport, Rubrique>): TotauxRapport {
  return {
    nouveauxJeunes: somme(saisie.age_nouveaux),
    fileActive: somme(saisie.age_file),
    echanges: somme(saisie.canal),
    demandes: somme(saisie.theme),
    publications: somme(saisie.publication),
    orientations: somme(saisie.orientation),
    echangesReseaux: somme(saisie.reseau),
    rencontres: saisie.canal.rencontres ?? 0,
  };
}

/** A consistency problem: the form field it is shown next to, and a French sentence that explains the numbers. */
export type Incoherence = { champ: string; message: string };

const n = (v: number) => v.toLocaleString("fr-FR");
const jeunes = (v: number) => `${n(v)} jeune${v > 1 ? "s" : ""}`;
const echanges = (v: number) => `${n(v)} échange${v > 1 ? "s" : ""}`;

/**
 * The cross-field rules a submitted report obeys (a draft may be inconsistent while it is being
 * filled). Each problem names the field it concerns. The rule "the channels add up to the
 * exchanges" holds by construction (the exchanges total is the channels' sum); and "new young
 * people ≤ active file in total" follows from the same rule per age band, which is what is checked
 * (the message then points at the band to correct).
 */
export function verifierCoherence(
  saisie: Pick<SaisieRapport, Rubrique | "echangesIndividuels" | "echangesCollectifs">,
): Incoherence[] {
  const t = totauxDe(saisie);
  const problemes: Incoherence[] = [];

  const individuelsCollectifs = saisie.echangesIndividuels + saisie.echangesCollectifs;
  if (individuelsCollectifs !== t.echanges) {
    problemes.push({
      champ: "echangesIndividuels",
      message: `Échanges individuels (${n(saisie.echangesIndividuels)}) et collectifs (${n(saisie.echangesCollectifs)}) font ${n(individuelsCollectifs)}, mais les échanges par canal en comptent ${n(t.echanges)} : chaque échange est soit individuel, soit collectif, les deux totaux doivent être égaux.`,
    });
  }

  if (t.demandes > t.echanges) {
    problemes.push({
      champ: "theme",
      message: `Les demandes par thème (${n(t.demandes)}) dépassent les échanges du mois (${echanges(t.echanges)}) : une demande naît d'un échange, comptez au plus un thème par échange.`,
    });
  }

  const enLigne = t.echanges - t.rencontres;
  if (t.echangesReseaux > enLigne) {
    problemes.push({
      champ: "reseau",
      message: `Les échanges par réseau (${n(t.echangesReseaux)}) dépassent les échanges en ligne du mois (${echanges(enLigne)} : ${echanges(t.echanges)} moins ${n(t.rencontres)} rencontre${t.rencontres > 1 ? "s" : ""} en personne).`,
    });
  }

  for (const tranche of TRANCHES_AGE) {
    const nouveaux = saisie.age_nouveaux[tranche] ?? 0;
    const file = saisie.age_file[tranche] ?? 0;
    if (nouveaux > file) {
      problemes.push({
        champ: `age_nouveaux.${tranche}`,
        message: `${jeunes(nouveaux)} nouveaux dans cette tranche d'âge, mais ${jeunes(file)} dans la file active : un nouveau jeune en contact fait partie de la file active du mois.`,
      });
    }
  }
  // Implied by the bands above; kept so that the rule stays true if a band is ever added without its check.
  if (t.nouveauxJeunes > t.fileActive && !problemes.some((p) => p.champ.startsWith("age_nouveaux."))) {
    problemes.push({
      champ: "age_nouveaux",
      message: `${jeunes(t.nouveauxJeunes)} nouveaux, mais ${jeunes(t.fileActive)} dans la file active : la file active compte aussi les nouveaux.`,
    });
  }

  if (t.nouveauxJeunes > 0 && t.echanges === 0) {
    problemes.push({
      champ: "canal",
      message: `${jeunes(t.nouveauxJeunes)} nouveaux en contact, mais aucun échange par canal : indiquez par quels canaux ces contacts ont eu lieu.`,
    });
  }

  if (t.orientations > t.echanges) {
    problemes.push({
      champ: "orientation",
      message: `Les orientations (${n(t.orientations)}) dépassent les échanges du mois (${echanges(t.echanges)}) : une orientation se fait au cours d'un échange.`,
    });
  }

  return problemes;
}

/**
 * The hours online a promeneur's weekly presence suggests for a month: each slot counted on every
 * day of the month that falls on its weekday, rounded to one decimal. Exceptions (leave) are not
 * subtracted: it is a hint the promeneur corrects.
 */
export function heuresSuggerees(
  creneaux: readonly { jour: number; debut: number; fin: number }[],
  mois: MoisIso,
): number {
  const [annee, m] = mois.split("-").map(Number) as [number, number];
  const jours = new Date(Date.UTC(annee, m, 0)).getUTCDate();
  const occurrences = new Map<JourDeLaSemaine, number>();
  for (let jour = 1; jour <= jours; jour++) {
    const js = jourSemaine({ annee, mois: m, jour });
    occurrences.set(js, (occurrences.get(js) ?? 0) + 1);
  }
  let minutes = 0;
  for (const c of creneaux) minutes += (c.fin - c.debut) * (occurrences.get(c.jour as JourDeLaSemaine) ?? 0);
  return Math.round(minutes / 6) / 10;
}

/** "de mars 2026", "d'avril 2026", "d'août 2026": a month label after « bilan », with the elision. */
export function deMois(libelle: string): string {
  return /^[aeiouyhàâäéèêëîïôöûü]/i.test(libelle) ? `d'${libelle}` : `de ${libelle}`;
}
