/**
 * The review of a call's applications by the coordination (issue 9), pure: each submitted
 * application's completeness, eligibility and reviewers, its score out of 100 over the SUBMITTED
 * evaluations only (a draft evaluation never counts) and its rank; the transitions of an
 * application's status (deposee → recevable | irrecevable → retenue | refusee).
 */
import { STATUTS_CANDIDATURE, type StatutCandidature } from "./appel.labels";
import type { Critere } from "./appel.modeles";
import type { CandidatureComplete, EvaluationLue } from "./appel.queries.server";
import {
  type Completude,
  classement,
  completude,
  type Eligibilite,
  type Evaluation,
  eligibilite,
  evaluer,
} from "./appel.rules";

/** A reviewer's evaluation with its weighted total (points out of max), null while not submitted. */
export type EvaluationCalculee = EvaluationLue & { total: Evaluation | null };

/** The weighted total of each evaluation; only a submitted one has a total that counts. */
export function evaluationsCalculees(
  criteres: readonly Critere[],
  evaluations: readonly EvaluationLue[],
): EvaluationCalculee[] {
  return evaluations.map((e) => ({
    ...e,
    total: e.soumiseLe ? evaluer(criteres, Object.fromEntries(e.notes.map((n) => [n.critereCode, n.note]))) : null,
  }));
}

export type LigneInstruction = CandidatureComplete & {
  completude: Completude;
  eligibilite: Eligibilite;
  /** Every assigned reviewer, with the weighted total of those who submitted. */
  evaluationsCalculees: EvaluationCalculee[];
  soumises: number;
  /** Out of 100, over the submitted evaluations only; null without any. */
  note: number | null;
  /** Equal scores share a rank; null when unscored or not receivable. */
  rang: number | null;
};

export type SyntheseAppel = {
  /** The submitted applications, best score first (unscored last, by submission date). */
  lignes: LigneInstruction[];
  /** How many applications per status, drafts included. */
  parStatut: Record<StatutCandidature, number>;
};

/**
 * Every submitted application of a call, ranked by score out of 100 over the submitted
 * evaluations; an application declared not receivable is not ranked. Drafts are only counted.
 */
export function syntheseAppel(completes: readonly CandidatureComplete[]): SyntheseAppel {
  const parStatut = Object.fromEntries(STATUTS_CANDIDATURE.map((s) => [s, 0])) as Record<StatutCandidature, number>;
  for (const c of completes) parStatut[c.candidature.statut] += 1;
  const deposees = completes
    .filter((c) => c.candidature.statut !== "brouillon")
    .sort((a, b) => (a.candidature.deposeeLe?.getTime() ?? 0) - (b.candidature.deposeeLe?.getTime() ?? 0));
  const classees = classement(
    deposees.map((c) => {
      const calculees = evaluationsCalculees(c.appel.criteres, c.evaluations);
      const comptees: Evaluation[] =
        c.candidature.statut === "irrecevable" ? [] : calculees.flatMap((e) => (e.total ? [e.total] : []));
      return { complete: c, calculees, evaluations: comptees };
    }),
  );
  return {
    lignes: classees.map(({ complete, calculees, note, rang }) => ({
      ...complete,
      completude: completude(complete.appel.documents, new Set(complete.pieces.map((p) => p.documentCode))),
      eligibilite: eligibilite(complete.appel.questions, complete.candidature.reponses),
      evaluationsCalculees: calculees,
      soumises: calculees.filter((e) => e.soumiseLe).length,
      note,
      rang,
    })),
    parStatut,
  };
}

/** Why the coordinator may not check (recevable / irrecevable) an application now, or null. */
export function refusVerification(statut: StatutCandidature): string | null {
  if (statut === "brouillon") return "Cette candidature est un brouillon\u00a0: elle n'a pas été déposée.";
  if (statut === "retenue" || statut === "refusee") {
    return "La décision est prise\u00a0: la recevabilité de cette candidature ne change plus.";
  }
  return null;
}

/** Why the coordinator may not decide on an application now, or null. */
export function refusDecision(statut: StatutCandidature): string | null {
  switch (statut) {
    case "recevable":
      return null;
    case "retenue":
    case "refusee":
      return "La décision est déjà prise et a été envoyée au candidat.";
    case "irrecevable":
      return "Une candidature irrecevable ne reçoit pas de décision\u00a0: elle n'est pas examinée.";
    default:
      return "Vérifiez d'abord que la candidature est complète et éligible (recevable).";
  }
}

/** Why reviewers may not be assigned to an application now, or null. */
export function refusAttribution(statut: StatutCandidature): string | null {
  if (statut === "brouillon") return "Cette candidature est un brouillon\u00a0: elle n'a pas été déposée.";
  if (statut === "irrecevable") return "Cette candidature est irrecevable\u00a0: elle n'est pas évaluée.";
  if (statut === "retenue" || statut === "refusee")
    return "La décision est prise\u00a0: les attributions ne changent plus.";
  return null;
}
