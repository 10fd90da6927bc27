import { decisionSuivis, decisions, regroupements } from "@db/schema";
import { and, eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { jourIso } from "~/lib/jour";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { estCloture } from "./decision.rules";
import type { DecisionInput, SuiviInput } from "./decision.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The field of a stale form (another tab saved since): a conflict, 409. */
export const CHAMP_VERSION = "version";

/** A committee meeting the actor manages: 403 for a role that never manages committees, 404 elsewhere. */
async function reunionGeree(db: Database, actor: Actor, id: string | undefined) {
  if (!can(actor, "comite.gerer")) forbidden();
  if (!id || !UUID.test(id)) notFound();
  const [reunion] = await db.select().from(regroupements).where(eq(regroupements.id, id)).limit(1);
  if (!reunion?.comiteId) notFound();
  requireScoped(actor, "comite.gerer", { departement: reunion.departement });
  return { ...reunion, comiteId: reunion.comiteId };
}

/** Records a decision taken at a committee meeting (due date not before the meeting's day). */
export async function createDecision(
  { db, now, requestId }: Ctx,
  actor: Actor,
  regroupementId: string | undefined,
  input: DecisionInput,
): Promise<{ id: string }> {
  const reunion = await reunionGeree(db, actor, regroupementId);
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
      .select({ id: regroupements.id })
      .from(regroupements)
      .where(and(eq(regroupements.id, input.regroupementId), eq(regroupements.comiteId, decision.comiteId)))
      .limit(1);
    if (!reunion) throw new Invalid("regroupementId", "Choisissez une réunion de ce comité.");
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
