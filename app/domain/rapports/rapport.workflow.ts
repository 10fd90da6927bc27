import { ajouterMois, comparerJours, type JourCivil, jourParis } from "~/lib/jour";
import type { RapportStatut } from "./rapport.labels";

/**
 * The monthly report's workflow and calendar (DESIGN §3), pure. A report is `brouillon` until its
 * promeneur submits it; the coordination validates it (locked) or sends it back `a_corriger` with
 * a comment; the promeneur corrects and submits again; a validated report may be reopened by the
 * coordination with a reason, which puts it back `a_corriger`.
 */
export type RapportEvenement = "enregistrer" | "soumettre" | "renvoyer" | "valider" | "rouvrir";

const TRANSITIONS: Record<RapportEvenement, Partial<Record<RapportStatut | "nouveau", RapportStatut>>> = {
  /** Saving a draft keeps the status: a new report starts as a draft, a sent-back one stays to correct. */
  enregistrer: { nouveau: "brouillon", brouillon: "brouillon", a_corriger: "a_corriger" },
  soumettre: { nouveau: "soumis", brouillon: "soumis", a_corriger: "soumis" },
  renvoyer: { soumis: "a_corriger" },
  valider: { soumis: "valide" },
  rouvrir: { valide: "a_corriger" },
};

/** The status after `evenement`, or null when the report's status does not allow it. `null` statut: no report yet. */
export function statutApres(statut: RapportStatut | null, evenement: RapportEvenement): RapportStatut | null {
  return TRANSITIONS[evenement][statut ?? "nouveau"] ?? null;
}

/** Whether the promeneur may still change the figures (a draft, or a report sent back). */
export function isModifiableParPromeneur(statut: RapportStatut | null): boolean {
  return statutApres(statut, "enregistrer") !== null;
}

/** Why an event is refused, in French, for the message shown to the person. */
export function refusTransition(statut: RapportStatut | null, evenement: RapportEvenement): string {
  if (evenement === "enregistrer" || evenement === "soumettre") {
    if (statut === "soumis")
      return "Ce bilan est déjà soumis : la coordination doit d'abord le renvoyer pour correction.";
    if (statut === "valide") return "Ce bilan est validé et verrouillé : seule la coordination peut le rouvrir.";
  }
  if (evenement === "renvoyer" || evenement === "valider") {
    return statut === "valide"
      ? "Ce bilan est déjà validé."
      : "Seul un bilan soumis peut être validé ou renvoyé pour correction.";
  }
  if (evenement === "rouvrir") return "Seul un bilan validé peut être rouvert.";
  return "Cette action n'est pas possible dans l'état actuel du bilan.";
}

/** A month as stored: the first day, `YYYY-MM-01`. */
export type MoisIso = `${number}-${number}-01`;

const MOIS_ISO = /^(\d{4})-(0[1-9]|1[0-2])-01$/;

/** `"2026-03"` or `"2026-03-01"` → `"2026-03-01"`; anything else → null. */
export function parseMois(text: string | null | undefined): MoisIso | null {
  if (!text) return null;
  const complet = /^\d{4}-\d{2}$/.test(text) ? `${text}-01` : text;
  return MOIS_ISO.test(complet) ? (complet as MoisIso) : null;
}

export function moisDe(jour: JourCivil): MoisIso {
  return `${String(jour.annee).padStart(4, "0")}-${String(jour.mois).padStart(2, "0")}-01` as MoisIso;
}

function jourDe(mois: MoisIso): JourCivil {
  const [annee, m] = mois.split("-").map(Number) as [number, number];
  return { annee, mois: m, jour: 1 };
}

export function ajouterMoisIso(mois: MoisIso, n: number): MoisIso {
  return moisDe(ajouterMois(jourDe(mois), n));
}

/** The current month in Europe/Paris. */
export function moisCourant(now: Date): MoisIso {
  return moisDe(jourParis(now));
}

/** Reports are due by the 10th of the following month (inclusive). */
export const JOUR_ECHEANCE = 10;

/** The last day to submit the report of `mois`: the 10th of the following month. */
export function echeanceDe(mois: MoisIso): JourCivil {
  return { ...jourDe(ajouterMoisIso(mois, 1)), jour: JOUR_ECHEANCE };
}

/** Whether the report of `mois`, not submitted at `now`, is late (the 10th of the next month has passed). */
export function isEnRetard(mois: MoisIso, now: Date): boolean {
  return comparerJours(jourParis(now), echeanceDe(mois)) > 0;
}

/**
 * Why a month cannot be reported, or null: a month that has not started yet (the current month may
 * be drafted, so that a promeneur notes as they go), or a month before the promeneur's entry in the
 * scheme. `entreeLe` null: the entry date is unknown, only the future is refused.
 */
export function refusMois(mois: MoisIso, now: Date, entreeLe: Date | null): string | null {
  if (mois > moisCourant(now)) return "Ce mois n'est pas encore commencé : un bilan ne se fait pas à l'avance.";
  if (entreeLe && mois < moisDe(jourParis(entreeLe))) {
    return "Ce mois est antérieur à votre entrée dans le dispositif : il n'y a pas de bilan à faire.";
  }
  return null;
}

/** Whether a report of the current month may be submitted: only once the month is over. */
export function refusSoumissionMoisEnCours(mois: MoisIso, now: Date): string | null {
  return mois === moisCourant(now)
    ? "Le mois n'est pas terminé : enregistrez un brouillon et soumettez le bilan à partir du 1er du mois suivant."
    : null;
}
