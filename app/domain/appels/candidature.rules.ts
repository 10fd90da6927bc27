/**
 * Whether an application may be submitted now (issue 9), pure: the deadline (refusDepot), the
 * form's fields, the mandatory documents, an answer to every eligibility question and, when the
 * call asks for one, a proposed budget keeping the funding rules. An eliminatory question answered
 * « non » does not block: the coordination decides eligibility; the applicant is warned.
 */
import { peutEtreSoumis, type Verification } from "~/domain/budget/budget.rules";
import type { DocumentRequis, QuestionEligibilite } from "./appel.modeles";
import { type Calendrier, type Completude, completude, type Eligibilite, eligibilite, refusDepot } from "./appel.rules";
import { type BudgetPropose, verifierBudgetPropose } from "./budget-propose";
import { CHAMPS_TEXTE, type ChampTexte, NOMS_CHAMPS_TEXTE } from "./candidature.schema";

export type VerificationDepot = {
  /** Why the calendar refuses the submission now (a French sentence), or null. */
  cloture: string | null;
  /** The labels of the form's fields left empty. */
  champsManquants: string[];
  completude: Completude;
  eligibilite: Eligibilite;
  /** The funding rules on the proposed budget; null when the call asks for none. */
  budget: Verification[] | null;
  budgetManquant: boolean;
  /** What blocks the submission, in French, in the order the page lists them. */
  motifs: string[];
  /** Warnings that do not block (an eliminatory question answered « non »). */
  avertissements: string[];
  peutDeposer: boolean;
};

export function verifierDepot(input: {
  appel: Calendrier & {
    documents: readonly DocumentRequis[];
    questions: readonly QuestionEligibilite[];
    budgetPropose: boolean;
  };
  candidature: Record<ChampTexte, string> & { reponses: Record<string, boolean>; budget: BudgetPropose | null };
  documentsFournis: ReadonlySet<string>;
  maintenant: Date;
}): VerificationDepot {
  const { appel, candidature } = input;
  const cloture = refusDepot(appel, input.maintenant);
  const champsManquants = NOMS_CHAMPS_TEXTE.filter((c) => candidature[c].trim() === "").map((c) => CHAMPS_TEXTE[c]);
  const pieces = completude(appel.documents, input.documentsFournis);
  const elig = eligibilite(appel.questions, candidature.reponses);
  const budget = appel.budgetPropose && candidature.budget ? verifierBudgetPropose(candidature.budget) : null;
  const budgetManquant = appel.budgetPropose && !candidature.budget;

  const motifs: string[] = [];
  if (cloture) motifs.push(cloture);
  if (champsManquants.length > 0) motifs.push(`Champs à remplir : ${champsManquants.join(", ")}.`);
  if (pieces.manquants.length > 0) {
    motifs.push(`Documents obligatoires manquants : ${pieces.manquants.map((d) => d.libelle).join(", ")}.`);
  }
  if (elig.sansReponse.length > 0) {
    motifs.push(
      `Questions d'éligibilité sans réponse : ${elig.sansReponse.map((q) => `« ${q.question} »`).join(", ")}.`,
    );
  }
  if (budgetManquant) motifs.push("Le budget prévisionnel annuel n'est pas rempli.");
  else if (budget && !peutEtreSoumis(budget)) {
    const regles = budget.filter((v) => v.statut !== "respectee").map((v) => v.message);
    motifs.push(
      `Le budget prévisionnel ne respecte pas les règles de financement${regles.length > 0 ? ` : ${regles.join(" ")}` : "."}`,
    );
  }
  const avertissements = elig.eliminee.map(
    (q) =>
      `Vous avez répondu « non » à une question éliminatoire (« ${q.question} ») : vous pouvez déposer la candidature, mais la coordination la jugera probablement irrecevable.`,
  );
  return {
    cloture,
    champsManquants,
    completude: pieces,
    eligibilite: elig,
    budget,
    budgetManquant,
    motifs,
    avertissements,
    peutDeposer: motifs.length === 0,
  };
}
