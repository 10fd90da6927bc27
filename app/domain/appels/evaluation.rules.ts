/**
 * The reviewers' side of calls for applications (issue 9), pure: which applications a reviewer
 * scores, when their scores are locked, where their evaluation stands, and the blind rule — a
 * reviewer reads the other reviewers' scores only once they have submitted their own, and then only
 * the submitted ones (never a draft).
 */
import type { StatutCandidature } from "./appel.labels";
import type { Critere } from "./appel.modeles";
import { type Evaluation, evaluer, noteSur100 } from "./appel.rules";

/** An application is scored once the coordination found it receivable; after the decision, read only. */
export const STATUTS_EVALUABLES = ["recevable", "retenue", "refusee"] as const satisfies readonly StatutCandidature[];

export function isEvaluable(statut: StatutCandidature): boolean {
  return (STATUTS_EVALUABLES as readonly string[]).includes(statut);
}

/** A reviewer's evaluation as the rules read it. */
export type EvaluationDe = {
  evaluateurId: string;
  soumiseLe: Date | null;
  notes: readonly { critereCode: string; note: number; commentaire: string }[];
};

/** Why the reviewer may not change their scores now (a French sentence), or null when they may. */
export function refusModification(statut: StatutCandidature, soumiseLe: Date | null): string | null {
  if (statut === "retenue" || statut === "refusee") {
    return "La décision est prise sur cette candidature : les notes ne peuvent plus changer.";
  }
  if (!isEvaluable(statut)) return "Cette candidature n'est pas recevable : elle ne s'évalue pas.";
  if (soumiseLe) return "Votre évaluation est soumise : ses notes et commentaires ne peuvent plus changer.";
  return null;
}

export type EtatEvaluation = "a_noter" | "brouillon" | "soumise";

export const etatEvaluationLabels = {
  a_noter: "Notes à saisir",
  brouillon: "Brouillon enregistré",
  soumise: "Soumise",
} satisfies Record<EtatEvaluation, string>;

/** Submitted; else a draft once a score is saved; else nothing entered yet. `notees`: the scores saved. */
export function etatEvaluation({ soumiseLe, notees }: { soumiseLe: Date | null; notees: number }): EtatEvaluation {
  if (soumiseLe) return "soumise";
  return notees > 0 ? "brouillon" : "a_noter";
}

/**
 * THE BLIND RULE. What a reviewer reads of the others' evaluations of one application: nothing
 * while their own is not submitted (or when they are not among its reviewers); once it is, the
 * others' submitted evaluations only, never a draft.
 */
export function evaluationsVisiblesPar<T extends EvaluationDe>(evaluations: readonly T[], evaluateurId: string): T[] {
  const mienne = evaluations.find((e) => e.evaluateurId === evaluateurId);
  if (!mienne?.soumiseLe) return [];
  return evaluations.filter((e) => e.evaluateurId !== evaluateurId && e.soumiseLe !== null);
}

/** The scores by criterion code. */
export function notesParCritere(notes: EvaluationDe["notes"]): Record<string, number> {
  return Object.fromEntries(notes.map((n) => [n.critereCode, n.note]));
}

/**
 * An evaluation's weighted total (only the call's criteria count: a score of a criterion removed
 * since is ignored) and, once every criterion is scored, its score out of 100.
 */
export function totalEvaluation(
  criteres: readonly Critere[],
  notes: EvaluationDe["notes"],
): Evaluation & { notees: number; sur100: number | null } {
  const parCode = notesParCritere(notes);
  const retenues = Object.fromEntries(criteres.filter((c) => c.code in parCode).map((c) => [c.code, parCode[c.code]]));
  const total = evaluer(criteres, retenues);
  return {
    ...total,
    notees: Object.keys(retenues).length,
    sur100: total.complete ? noteSur100([total]) : null,
  };
}
