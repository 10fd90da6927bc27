/**
 * The rules of calls for applications (issue 9), pure: where a call stands at an instant (the
 * deadline is an instant: one second after it, a submission is refused), an application's
 * completeness checklist and eligibility, the type of a file against what a document accepts, the
 * reviewers' weighted scores and the ranking.
 */
import { formatDateTime } from "~/lib/format";
import {
  type EtatAppel,
  FAMILLES_FICHIER,
  type FamilleFichier,
  familleFichierLabels,
  NOTE_MAX,
  NOTE_MIN,
  TYPES_MIME_PAR_FAMILLE,
} from "./appel.labels";
import type { Critere, DocumentRequis, QuestionEligibilite } from "./appel.modeles";

export type Calendrier = { ouvertureLe: Date; clotureLe: Date };

/** Before the opening, open until the closing instant included, closed after it. */
export function etatAppel({ ouvertureLe, clotureLe }: Calendrier, maintenant: Date): EtatAppel {
  if (maintenant.getTime() < ouvertureLe.getTime()) return "a_venir";
  if (maintenant.getTime() <= clotureLe.getTime()) return "ouvert";
  return "clos";
}

/** Why an application may not be submitted now (a French sentence), or null when it may. */
export function refusDepot(calendrier: Calendrier, maintenant: Date): string | null {
  switch (etatAppel(calendrier, maintenant)) {
    case "a_venir":
      return `L'appel n'est pas encore ouvert : les candidatures se déposent à partir du ${formatDateTime(calendrier.ouvertureLe)}.`;
    case "clos":
      return `L'appel est clos depuis le ${formatDateTime(calendrier.clotureLe)} : la candidature ne peut plus être déposée.`;
    default:
      return null;
  }
}

/** The family a MIME type read from the bytes belongs to, or null for any other type. */
export function familleDuType(typeMime: string): FamilleFichier | null {
  return FAMILLES_FICHIER.find((f) => TYPES_MIME_PAR_FAMILLE[f].includes(typeMime)) ?? null;
}

/** Why a file does not fit a required document (type read from its bytes, size), or null when it does. */
export function refusFichier(
  document: DocumentRequis,
  fichier: { typeMime: string | null; taille: number },
): string | null {
  if (fichier.taille === 0) return "Le fichier est vide.";
  if (fichier.taille > document.tailleMaxMo * 1024 * 1024) {
    return `Le fichier dépasse ${document.tailleMaxMo}\u00a0Mo : choisissez un fichier plus léger.`;
  }
  const famille = fichier.typeMime ? familleDuType(fichier.typeMime) : null;
  if (!famille || !document.familles.includes(famille)) {
    const acceptes = document.familles.map((f) => familleFichierLabels[f]).join(", ");
    return `Ce fichier n'est pas du type attendu (${acceptes}), quel que soit son nom.`;
  }
  return null;
}

export type LigneCompletude = { document: DocumentRequis; fourni: boolean };
export type Completude = { lignes: LigneCompletude[]; complet: boolean; manquants: DocumentRequis[] };

/** The completeness checklist: each required document, whether it is provided; complete when no mandatory one is missing. */
export function completude(documents: readonly DocumentRequis[], fournis: ReadonlySet<string>): Completude {
  const lignes = documents.map((document) => ({ document, fourni: fournis.has(document.code) }));
  const manquants = lignes.filter((l) => l.document.obligatoire && !l.fourni).map((l) => l.document);
  return { lignes, complet: manquants.length === 0, manquants };
}

export type Eligibilite = {
  /** Null while an eliminatory question has no answer. */
  eligible: boolean | null;
  /** The eliminatory questions answered « non ». */
  eliminee: QuestionEligibilite[];
  sansReponse: QuestionEligibilite[];
};

/** Eligibility from the yes/no answers: a « non » to an eliminatory question makes it ineligible. */
export function eligibilite(
  questions: readonly QuestionEligibilite[],
  reponses: Readonly<Record<string, boolean | undefined>>,
): Eligibilite {
  const eliminee = questions.filter((q) => q.eliminatoire && reponses[q.code] === false);
  const sansReponse = questions.filter((q) => reponses[q.code] === undefined);
  const eligible = eliminee.length > 0 ? false : sansReponse.some((q) => q.eliminatoire) ? null : true;
  return { eligible, eliminee, sansReponse };
}

/** A reviewer's scores of one application: points = Σ note × weight, out of 5 × Σ weights. */
export type Evaluation = { points: number; max: number; complete: boolean };

export function evaluer(criteres: readonly Critere[], notes: Readonly<Record<string, number | undefined>>): Evaluation {
  let points = 0;
  let complete = true;
  for (const c of criteres) {
    const note = notes[c.code];
    if (note === undefined) {
      complete = false;
      continue;
    }
    if (!Number.isInteger(note) || note < NOTE_MIN || note > NOTE_MAX) {
      throw new RangeError(`note hors de ${NOTE_MIN}–${NOTE_MAX} : ${note}`);
    }
    points += note * c.poids;
  }
  return { points, max: NOTE_MAX * criteres.reduce((total, c) => total + c.poids, 0), complete };
}

/** The mean of the submitted evaluations, out of 100, to the hundredth (rounded half up); null without any. */
export function noteSur100(evaluations: readonly Pick<Evaluation, "points" | "max">[]): number | null {
  const prises = evaluations.filter((e) => e.max > 0);
  if (prises.length === 0) return null;
  // Σ points / Σ max is the mean when every reviewer scores the same criteria (same max).
  const points = prises.reduce((t, e) => t + e.points, 0);
  const max = prises.reduce((t, e) => t + e.max, 0);
  return Math.round((points * 10_000) / max) / 100;
}

export type Classee<T> = T & { note: number | null; rang: number | null };

/**
 * The ranking by score out of 100, best first; equal scores share a rank (1, 2, 2, 4); an
 * application without a submitted evaluation comes last, unranked.
 */
export function classement<T extends { evaluations: readonly Pick<Evaluation, "points" | "max">[] }>(
  candidatures: readonly T[],
): Classee<T>[] {
  const notees = candidatures.map((c) => ({ ...c, note: noteSur100(c.evaluations), rang: null as number | null }));
  notees.sort((a, b) => (b.note ?? -1) - (a.note ?? -1));
  let rang = 0;
  notees.forEach((c, i) => {
    if (c.note === null) return;
    if (i === 0 || c.note !== notees[i - 1]?.note) rang = i + 1;
    c.rang = rang;
  });
  return notees;
}

export type ErreursAppel = Partial<Record<"clotureLe" | "decisionLe" | "documents" | "criteres", string>>;

/** The consistency of a call as the coordinator sets it: dates in order, documents and criteria well formed. */
export function verifierAppel(appel: {
  ouvertureLe: Date;
  clotureLe: Date;
  decisionLe: Date | null;
  documents: readonly DocumentRequis[];
  criteres: readonly Critere[];
}): ErreursAppel {
  const erreurs: ErreursAppel = {};
  if (appel.clotureLe.getTime() <= appel.ouvertureLe.getTime()) {
    erreurs.clotureLe = "La clôture doit venir après l'ouverture.";
  }
  if (appel.decisionLe && appel.decisionLe.getTime() < appel.clotureLe.getTime()) {
    erreurs.decisionLe = "La décision ne peut pas précéder la clôture des candidatures.";
  }
  const codes = appel.documents.map((d) => d.code);
  if (appel.documents.length === 0) erreurs.documents = "Demandez au moins un document.";
  else if (new Set(codes).size !== codes.length) erreurs.documents = "Deux documents portent le même code.";
  else if (appel.documents.some((d) => d.familles.length === 0 || d.tailleMaxMo <= 0)) {
    erreurs.documents = "Chaque document accepte au moins un type de fichier et une taille de plus de 0 Mo.";
  }
  if (appel.criteres.length === 0) erreurs.criteres = "Donnez au moins un critère d'évaluation.";
  else if (appel.criteres.some((c) => !Number.isInteger(c.poids) || c.poids < 1 || c.poids > 10)) {
    erreurs.criteres = "Le poids d'un critère est un nombre entier de 1 à 10.";
  }
  return erreurs;
}
