/**
 * The coordination's writes on an application (issue 9): the check (receivable, or not with a
 * reason), the reviewers assigned among the call's commission, and the decision (retained, or not
 * with reasons) e-mailed to the applicant once committed. Status flow:
 * deposee → recevable | irrecevable → retenue | refusee. Each command checks the permission
 * itself (403 / 404), locks the application's row and writes its audit row in the same transaction.
 */
import { appelEvaluateurs, appels, candidats, candidatures, evaluations, users } from "@db/schema";
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { formatDate } from "~/lib/format";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import type { Mail } from "~/server/mail.server";
import { requireScoped } from "~/server/request.server";
import { type Appel, appelDepuisLigne, type Candidature, candidatureDepuisLigne } from "./appel.queries.server";
import { CHAMP_EVALUATEUR, CHAMP_VERSION, type Decision, type Verification } from "./appel.schema";
import { refusAttribution, refusDecision, refusVerification } from "./instruction.rules";

type Ctx = { db: Database; now: Date; requestId?: string };

const INTROUVABLE = "Cette candidature n'existe pas ou n'est pas accessible.";
const MESSAGE_VERSION =
  "La candidature a changé entre-temps (dans un autre onglet ou par une autre personne)\u00a0: rechargez la page pour partir de son dernier état.";

/**
 * Runs a write on an application of a call: the permission first (403 for a role that never
 * manages calls, 404 for another département or an unknown application, or one of another call
 * than `appelId` when given), then one transaction with the application's row locked.
 */
async function dansLaCandidature<T>(
  db: Database,
  actor: Actor,
  candidatureId: string | undefined,
  appelId: string | undefined,
  ecrire: (tx: Executor, candidature: Candidature, appel: Appel) => Promise<T>,
): Promise<T> {
  if (!can(actor, "appels.gerer")) forbidden();
  if (!isUuid(candidatureId)) notFound(INTROUVABLE);
  const [avant] = await db
    .select({ departement: candidatures.departement, appelId: candidatures.appelId })
    .from(candidatures)
    .where(eq(candidatures.id, candidatureId));
  if (!avant) notFound(INTROUVABLE);
  requireScoped(actor, "appels.gerer", { departement: avant.departement });
  if (appelId !== undefined && avant.appelId !== appelId) notFound(INTROUVABLE);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(candidatures).where(eq(candidatures.id, candidatureId)).for("update");
    const [appel] = row ? await tx.select().from(appels).where(eq(appels.id, row.appelId)) : [];
    if (!row || !appel) notFound(INTROUVABLE);
    return ecrire(tx, candidatureDepuisLigne(row), appelDepuisLigne(appel));
  });
}

function verifierVersion(candidature: Candidature, version: number | undefined): void {
  if (version !== undefined && version !== candidature.version) throw new Invalid(CHAMP_VERSION, MESSAGE_VERSION);
}

async function journal(
  tx: Executor,
  actor: Actor,
  candidature: Candidature,
  action: string,
  changes: Record<string, unknown>,
  requestId: string | undefined,
) {
  await recordAudit(
    tx,
    actor,
    {
      action,
      entityType: "candidature",
      entityId: candidature.id,
      departement: candidature.departement,
      changes: { appelId: candidature.appelId, structure: candidature.structureNom, ...changes },
    },
    requestId,
  );
}

/**
 * The coordinator's check of completeness and eligibility: « recevable », or « irrecevable » with
 * a mandatory reason. It may be corrected until the decision.
 */
export async function verifierCandidature(
  { db, now, requestId }: Ctx,
  actor: Actor,
  ids: { appelId?: string; candidatureId: string | undefined },
  verification: Verification,
  version: number | undefined,
): Promise<{ statut: "recevable" | "irrecevable" }> {
  return dansLaCandidature(db, actor, ids.candidatureId, ids.appelId, async (tx, candidature) => {
    verifierVersion(candidature, version);
    const refus = refusVerification(candidature.statut);
    if (refus) throw new Invalid("recevable", refus);
    if (!verification.recevable && !verification.motif?.trim()) {
      throw new Invalid("motif", "Dites pourquoi la candidature est irrecevable.");
    }
    const statut = verification.recevable ? "recevable" : "irrecevable";
    const motif = verification.recevable ? null : (verification.motif?.trim() ?? null);
    await tx
      .update(candidatures)
      .set({
        statut,
        verifieeLe: now,
        verifieePar: actor.userId,
        motifIrrecevabilite: motif,
        version: sql`${candidatures.version} + 1`,
        updatedAt: now,
      })
      .where(eq(candidatures.id, candidature.id));
    await journal(
      tx,
      actor,
      candidature,
      "candidature.instruire",
      { statut: { avant: candidature.statut, apres: statut }, ...(motif ? { motif } : {}) },
      requestId,
    );
    return { statut };
  });
}

/** Assigns a reviewer of the call's commission to an application (submitted, not yet decided). */
export async function attribuerEvaluateur(
  { db, now, requestId }: Ctx,
  actor: Actor,
  ids: { appelId?: string; candidatureId: string | undefined },
  evaluateurId: string,
): Promise<{ nom: string }> {
  return dansLaCandidature(db, actor, ids.candidatureId, ids.appelId, async (tx, candidature) => {
    const refus = refusAttribution(candidature.statut);
    if (refus) throw new Invalid(CHAMP_EVALUATEUR, refus);
    if (!isUuid(evaluateurId)) throw new Invalid(CHAMP_EVALUATEUR, "Choisissez un membre de la commission.");
    const [membre] = await tx
      .select({ nom: users.nom })
      .from(appelEvaluateurs)
      .innerJoin(users, eq(users.id, appelEvaluateurs.userId))
      .where(and(eq(appelEvaluateurs.appelId, candidature.appelId), eq(appelEvaluateurs.userId, evaluateurId)));
    if (!membre) {
      throw new Invalid(
        CHAMP_EVALUATEUR,
        "Choisissez un membre de la commission de l'appel (ajoutez-le à la commission en modifiant l'appel).",
      );
    }
    const [deja] = await tx
      .select({ at: evaluations.attribueeLe })
      .from(evaluations)
      .where(and(eq(evaluations.candidatureId, candidature.id), eq(evaluations.evaluateurId, evaluateurId)));
    if (deja) throw new Invalid(CHAMP_EVALUATEUR, `${membre.nom} évalue déjà cette candidature.`);
    await tx
      .insert(evaluations)
      .values({ candidatureId: candidature.id, evaluateurId, attribueeLe: now, updatedAt: now });
    await journal(
      tx,
      actor,
      candidature,
      "candidature.evaluateur.attribuer",
      { evaluateur: membre.nom, evaluateurId },
      requestId,
    );
    return { nom: membre.nom };
  });
}

/**
 * Withdraws a reviewer's assignment, their draft scores with it. A reviewer who submitted keeps
 * their evaluation: it counts in the ranking, and is not withdrawn silently (refused).
 */
export async function retirerEvaluateur(
  { db, requestId }: Ctx,
  actor: Actor,
  ids: { appelId?: string; candidatureId: string | undefined },
  evaluateurId: string,
): Promise<{ nom: string }> {
  return dansLaCandidature(db, actor, ids.candidatureId, ids.appelId, async (tx, candidature) => {
    if (candidature.statut === "retenue" || candidature.statut === "refusee") {
      throw new Invalid(CHAMP_EVALUATEUR, "La décision est prise\u00a0: les attributions ne changent plus.");
    }
    const [evaluation] = isUuid(evaluateurId)
      ? await tx
          .select({ soumiseLe: evaluations.soumiseLe, nom: users.nom })
          .from(evaluations)
          .innerJoin(users, eq(users.id, evaluations.evaluateurId))
          .where(and(eq(evaluations.candidatureId, candidature.id), eq(evaluations.evaluateurId, evaluateurId)))
      : [];
    if (!evaluation) throw new Invalid(CHAMP_EVALUATEUR, "Ce membre n'évalue pas cette candidature.");
    if (evaluation.soumiseLe) {
      throw new Invalid(
        CHAMP_EVALUATEUR,
        `${evaluation.nom} a soumis son évaluation le ${formatDate(evaluation.soumiseLe)}\u00a0: elle compte dans le classement et ne peut pas être retirée.`,
      );
    }
    await tx
      .delete(evaluations)
      .where(and(eq(evaluations.candidatureId, candidature.id), eq(evaluations.evaluateurId, evaluateurId)));
    await journal(
      tx,
      actor,
      candidature,
      "candidature.evaluateur.retirer",
      { evaluateur: evaluation.nom, evaluateurId },
      requestId,
    );
    return { nom: evaluation.nom };
  });
}

function mailDecision(appel: Appel, candidature: Candidature, email: string, decision: Decision): Mail {
  const structure = candidature.structureNom || "votre structure";
  const lien = `${getEnv().publicUrl}/appels/${appel.slug}/candidature`;
  const lignes = decision.retenue
    ? [
        "Bonjour,",
        "",
        `La candidature de ${structure} à l'appel «\u00a0${appel.titre}\u00a0» a été retenue.`,
        ...(decision.motif ? ["", decision.motif] : []),
        "",
        "La coordination vous contactera pour la suite.",
      ]
    : [
        "Bonjour,",
        "",
        `La candidature de ${structure} à l'appel «\u00a0${appel.titre}\u00a0» n'a pas été retenue.`,
        "",
        "Motifs\u00a0:",
        decision.motif ?? "",
      ];
  return {
    to: email,
    subject: `Votre candidature à «\u00a0${appel.titre}\u00a0»\u00a0: ${decision.retenue ? "retenue" : "non retenue"}`,
    text: [...lignes, "", `Votre candidature\u00a0: ${lien}`, "", "Promeneurs du Net"].join("\n"),
  };
}

/**
 * The decision on a receivable application: retained, or not retained with reasons (mandatory).
 * Answers the e-mail to the applicant, to send once this has committed.
 */
export async function deciderCandidature(
  { db, now, requestId }: Ctx,
  actor: Actor,
  ids: { appelId?: string; candidatureId: string | undefined },
  decision: Decision,
  version: number | undefined,
): Promise<{ statut: "retenue" | "refusee"; mail: Mail }> {
  return dansLaCandidature(db, actor, ids.candidatureId, ids.appelId, async (tx, candidature, appel) => {
    verifierVersion(candidature, version);
    const refus = refusDecision(candidature.statut);
    if (refus) throw new Invalid("retenue", refus);
    if (!decision.retenue && !decision.motif?.trim()) {
      throw new Invalid("motif", "Donnez les motifs du refus\u00a0: ils sont envoyés au candidat.");
    }
    const statut = decision.retenue ? "retenue" : "refusee";
    const motif = decision.motif?.trim() || null;
    await tx
      .update(candidatures)
      .set({
        statut,
        decideeLe: now,
        decideePar: actor.userId,
        motifDecision: motif,
        version: sql`${candidatures.version} + 1`,
        updatedAt: now,
      })
      .where(eq(candidatures.id, candidature.id));
    const [candidat] = await tx
      .select({ email: candidats.email })
      .from(candidats)
      .where(eq(candidats.id, candidature.candidatId));
    if (!candidat) throw new Error("candidat missing");
    await journal(
      tx,
      actor,
      candidature,
      "candidature.decider",
      {
        statut: { avant: candidature.statut, apres: statut },
        ...(motif ? { motif } : {}),
      },
      requestId,
    );
    return { statut, mail: mailDecision(appel, candidature, candidat.email, { retenue: decision.retenue, motif }) };
  });
}
