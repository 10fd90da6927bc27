import { decisionSuivis, decisions, regroupements } from "@db/schema";
import { and, eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { CHAMP_VERSION } from "~/domain/rapports/rapport.commands.server";
import { jourIso } from "~/lib/jour";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { estCloture } from "./decision.rules";
import type { DecisionInput, SuiviInput } from "./decision.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

export type ReunionGeree = Awaited<ReturnType<typeof reunionGeree>>;

/**
 * A committee meeting the actor manages: 403 for a role that never manages committees, 404 for
 * another département, an unknown id or a gathering that is not a committee meeting.
 */
export async function reunionGeree(db: Executor, actor: Actor, id: string | undefined) {
  if (!can(actor, "comite.gerer")) forbidden();
  if (!isUuid(id)) notFound();
  const [reunion] = await db.select().from(regroupements).where(eq(regroupements.id, id)).limit(1);
  if (!reunion?.comiteId) notFound();
  requireScoped(actor, "comite.gerer", { departement: reunion.departement });
  return { ...reunion, comiteId: reunion.comiteId };
}

/**
 * Records a decision taken at a committee meeting (`reunionGeree` has read it): not at a cancelled
 * meeting, due date not before the meeting's day.
 */
export async function createDecision(
  { db, now, requestId }: Ctx,
  actor: Actor,
  reunion: ReunionGeree,
  input: DecisionInput,
): Promise<{ id: string }> {
  requireScoped(actor, "comite.gerer", { departement: reunion.departement });
  if (reunion.statut === "annule") {
    throw new Invalid("", "Cette réunion est annulée : on n'y enregistre pas de décision.");
  }
  if (input.echeance && input.echeance < jourIso(reunion.debut)) {
    throw new Invalid("echeance", "L'échéance ne peut pas précéder la réunion.");
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(decisions)
      .values({
        departement: reunion.departement,
        comiteId: reunion.comiteId,
        regroupementId: reunion.id,
        texte: input.texte,
        responsable: input.responsable,
        echeance: input.echeance,
        creePar: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: decisions.id });
    if (!row) throw new Error("decision not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "decision.creer",
        entityType: "decision",
        entityId: row.id,
        departement: reunion.departement,
        changes: { reunion: reunion.id, texte: input.texte, responsable: input.responsable, echeance: input.echeance },
      },
      requestId,
    );
    return row;
  });
}

/**
 * Follows a decision up: a new state and/or a note, optionally at a meeting of its committee.
 * Réalisée or abandonnée sets « clôturée le », reopening clears it. A form read at an older
 * version is refused (409); a follow-up that changes nothing and says nothing is refused (400).
 */
export async function suivreDecision({ db, now, requestId }: Ctx, actor: Actor, input: SuiviInput): Promise<void> {
  if (!can(actor, "comite.gerer")) forbidden();
  const [decision] = await db.select().from(decisions).where(eq(decisions.id, input.decisionId)).limit(1);
  if (!decision) notFound();
  requireScoped(actor, "comite.gerer", { departement: decision.departement });
  if (input.regroupementId) {
    const [reunion] = await db
      .select({ statut: regroupements.statut })
      .from(regroupements)
      .where(and(eq(regroupements.id, input.regroupementId), eq(regroupements.comiteId, decision.comiteId)))
      .limit(1);
    if (!reunion) throw new Invalid("regroupementId", "Choisissez une réunion de ce comité.");
    if (reunion.statut === "annule") {
      throw new Invalid("regroupementId", "Cette réunion est annulée : on n'y enregistre pas de suivi.");
    }
  }
  if (input.etat === decision.etat && input.note === "") {
    throw new Invalid("note", "Changez l'état ou écrivez une note de suivi.");
  }
  await db.transaction(async (tx) => {
    const changeEtat = input.etat !== decision.etat;
    const [updated] = await tx
      .update(decisions)
      .set({
        etat: input.etat,
        clotureeLe: changeEtat ? (estCloture(input.etat) ? now : null) : decision.clotureeLe,
        version: decision.version + 1,
        updatedAt: now,
      })
      .where(and(eq(decisions.id, decision.id), eq(decisions.version, input.version)))
      .returning({ id: decisions.id });
    if (!updated) {
      throw new Invalid(
        CHAMP_VERSION,
        "Cette décision a été suivie entre-temps, dans un autre onglet ou par une autre personne : rechargez la page pour voir son dernier état.",
      );
    }
    await tx.insert(decisionSuivis).values({
      decisionId: decision.id,
      regroupementId: input.regroupementId,
      etat: input.etat,
      note: input.note,
      auteurId: actor.userId,
      createdAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "decision.suivre",
        entityType: "decision",
        entityId: decision.id,
        departement: decision.departement,
        changes: {
          ...(changeEtat ? { etat: { avant: decision.etat, apres: input.etat } } : {}),
          ...(input.note ? { note: input.note } : {}),
          reunion: input.regroupementId,
        },
      },
      requestId,
    );
  });
}
