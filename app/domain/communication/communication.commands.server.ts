import { actionsCommunication } from "@db/schema";
import { eq } from "drizzle-orm";
import { diffFields } from "~/domain/audit/audit.changes";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { type ActionCommunication, getActionCommunication } from "./communication.queries.server";
import type { CommunicationInput } from "./communication.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

function valeurs(input: CommunicationInput) {
  return {
    date: input.date,
    type: input.type,
    titre: input.titre,
    public: input.public,
    portee: input.portee,
    commentaire: input.commentaire,
  };
}

/**
 * An action the actor may change: a role that never manages them gets a 403 before the lookup
 * (it learns nothing of the action), a missing one or another département's a 404.
 */
export async function getActionModifiable(db: Database, actor: Actor, id: string | undefined) {
  if (!can(actor, "communication.gerer")) forbidden();
  const action = await getActionCommunication(db, id);
  if (!action) notFound();
  requireScoped(actor, "communication.gerer", { departement: action.departement });
  return action;
}

/** Logs a communication action of the coordination of `departement`, with its audit row. */
export async function createActionCommunication(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: CommunicationInput,
): Promise<{ id: string }> {
  requireScoped(actor, "communication.gerer", { departement });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(actionsCommunication)
      .values({ ...valeurs(input), departement, creePar: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: actionsCommunication.id });
    if (!row) throw new Error("action de communication not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "communication.creer",
        entityType: "action_communication",
        entityId: row.id,
        departement,
        changes: { date: input.date, type: input.type, titre: input.titre, portee: input.portee },
      },
      requestId,
    );
    return row;
  });
}

/** Saves the form of an action; the audit row keeps each changed field, before and after. */
export async function updateActionCommunication(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
  input: CommunicationInput,
): Promise<ActionCommunication> {
  const action = await getActionModifiable(db, actor, id);
  const apres = valeurs(input);
  await db.transaction(async (tx) => {
    await tx
      .update(actionsCommunication)
      .set({ ...apres, updatedAt: now })
      .where(eq(actionsCommunication.id, action.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "communication.modifier",
        entityType: "action_communication",
        entityId: action.id,
        departement: action.departement,
        changes: diffFields(action, apres),
      },
      requestId,
    );
  });
  return action;
}

/** Deletes an action; the audit row keeps what it was. */
export async function deleteActionCommunication(
  { db, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
): Promise<ActionCommunication> {
  const action = await getActionModifiable(db, actor, id);
  await db.transaction(async (tx) => {
    await tx.delete(actionsCommunication).where(eq(actionsCommunication.id, action.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "communication.supprimer",
        entityType: "action_communication",
        entityId: action.id,
        departement: action.departement,
        changes: { date: action.date, type: action.type, titre: action.titre, portee: action.portee },
      },
      requestId,
    );
  });
  return action;
}
