/**
 * A reviewer's writes (issue 9): save their scores as a draft (some criteria may wait), submit them
 * (every criterion scored; then locked). Each command checks the reviewer's permission itself,
 * runs in one transaction with the evaluation locked, and writes its audit row in it.
 */
import { candidatures, evaluationNotes, evaluations } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { diffFields } from "~/domain/audit/audit.changes";
import type { Actor } from "~/domain/comptes/actor";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import type { StatutCandidature } from "./appel.labels";
import { getAppel } from "./appel.queries.server";
import { isEvaluable, refusModification } from "./evaluation.rules";
import { champ, erreursSaisie, type ModeEvaluation, type SaisieEvaluation } from "./evaluation.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/** The evaluation can no longer change (submitted, or the decision taken): a conflict, 409. */
export const CHAMP_STATUT = "statut";

export type EvaluationEcrite = { soumise: boolean; changements: number };

/**
 * Saves the reviewer's scores and comments of an application (`saisie`: the whole evaluation, a
 * criterion left out has no score), as a draft or submitted. 404 when the application is not
 * theirs to score; `Invalid` for a bad score or, on submission, a criterion without one.
 */
export async function enregistrerEvaluation(
  { db, now, requestId }: Ctx,
  actor: Actor,
  candidatureId: string,
  saisie: SaisieEvaluation,
  mode: ModeEvaluation,
): Promise<EvaluationEcrite> {
  if (!isUuid(candidatureId)) notFound();
  return db.transaction(async (tx) => {
    const [candidature] = await tx
      .select({
        id: candidatures.id,
        appelId: candidatures.appelId,
        departement: candidatures.departement,
        statut: candidatures.statut,
        structureNom: candidatures.structureNom,
      })
      .from(candidatures)
      .where(eq(candidatures.id, candidatureId));
    if (!candidature) notFound();
    requireScoped(actor, "evaluations.acceder", { departement: candidature.departement });
    const moi = and(eq(evaluations.candidatureId, candidatureId), eq(evaluations.evaluateurId, actor.userId));
    // Locked until the transaction ends: two tabs submitting at once write one after the other.
    const [evaluation] = await tx.select().from(evaluations).where(moi).for("update");
    if (!evaluation) notFound();
    const statut = candidature.statut as StatutCandidature;
    if (!isEvaluable(statut)) notFound("Cette candidature n'est pas (ou pas encore) recevable : elle ne s'évalue pas.");
    const refus = refusModification(statut, evaluation.soumiseLe);
    if (refus) throw new Invalid(CHAMP_STATUT, refus);
    const appel = await getAppel(tx, candidature.appelId);
    if (!appel) notFound();

    // The command applies the rule the form's reading applied: it is the rule, whoever calls it.
    const [erreur] = Object.entries(erreursSaisie(appel.criteres, saisie, mode));
    if (erreur) throw new Invalid(erreur[0], erreur[1].join(" "));
    const notes = appel.criteres.flatMap((c) => {
      const s = saisie[c.code];
      return s && s.note !== null ? [{ critereCode: c.code, note: s.note, commentaire: s.commentaire }] : [];
    });

    const anciennes = await tx
      .select()
      .from(evaluationNotes)
      .where(and(eq(evaluationNotes.candidatureId, candidatureId), eq(evaluationNotes.evaluateurId, actor.userId)));
    const aPlat = (liste: readonly { critereCode: string; note: number; commentaire: string }[]) =>
      Object.fromEntries(
        liste.flatMap((n) => [
          [champ.note(n.critereCode), n.note],
          [champ.commentaire(n.critereCode), n.commentaire],
        ]),
      );
    const avant = aPlat(anciennes);
    const apres = aPlat(notes);
    const champs = [...new Set([...Object.keys(avant), ...Object.keys(apres)])].sort();
    const diff = diffFields(avant, apres, champs);
    const changements = Object.keys(diff).length;
    const soumise = mode === "soumission";
    if (changements === 0 && !soumise) return { soumise, changements };

    await tx
      .delete(evaluationNotes)
      .where(and(eq(evaluationNotes.candidatureId, candidatureId), eq(evaluationNotes.evaluateurId, actor.userId)));
    if (notes.length > 0) {
      await tx.insert(evaluationNotes).values(notes.map((n) => ({ ...n, candidatureId, evaluateurId: actor.userId })));
    }
    await tx
      .update(evaluations)
      .set({ updatedAt: now, ...(soumise ? { soumiseLe: now } : {}) })
      .where(moi);
    await recordAudit(
      tx,
      actor,
      {
        action: soumise ? "evaluation.soumettre" : "evaluation.enregistrer",
        entityType: "evaluation",
        entityId: candidatureId,
        departement: candidature.departement,
        changes: {
          appel: appel.titre,
          structure: candidature.structureNom,
          ...diff,
          ...(soumise ? { soumiseLe: now.toISOString() } : {}),
        },
      },
      requestId,
    );
    return { soumise, changements };
  });
}
