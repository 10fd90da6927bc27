import { messagesContact } from "@db/schema";
import { and, eq, isNotNull, isNull, lt } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { findActiveUsersWithRoles } from "~/domain/comptes/user.queries.server";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import type { Mail } from "~/server/mail.server";
import { hit, type Limite } from "~/server/rate-limit.server";
import { qualiteLabel } from "./contact.labels";
import { CONSERVATION_MESSAGES_MOIS, limiteConservationMessages } from "./contact.rules";
import type { ContactInput } from "./contact.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/** Limits per connection: a short burst, then a ceiling per hour. */
export const CONTACT_LIMITS: readonly Limite[] = [
  { max: 5, minutes: 10 },
  { max: 20, minutes: 60 },
];
/** The rate-limit scope of the contact form (`limites_debit.cle` starts with `contact:`). */
export const CONTACT_SCOPE = "contact";

export type EnvoiResult = { ok: true; id: string; mails: Mail[] } | { ok: false; reason: "limite" };

/**
 * Stores a message of the public contact form for the coordination of `departement`, unless this
 * connection (`clientKey`, its IP address) sent too many lately. Returns the mails to send to the
 * département's coordinators once the transaction has committed.
 */
export async function envoyerMessage(
  { db, now, requestId }: Ctx,
  input: ContactInput & { departement: string },
  clientKey: string,
  publicUrl: string,
): Promise<EnvoiResult> {
  return db.transaction(async (tx) => {
    if (!(await hit(tx, { scope: CONTACT_SCOPE, clientKey, limits: CONTACT_LIMITS, now }))) {
      return { ok: false, reason: "limite" } as const;
    }
    const [message] = await tx
      .insert(messagesContact)
      .values({
        departement: input.departement,
        nom: input.nom,
        email: input.email,
        qualite: input.qualite,
        objet: input.objet,
        message: input.message,
        recuLe: now,
      })
      .returning({ id: messagesContact.id });
    if (!message) throw new Error("message not stored");
    await recordAudit(
      tx,
      { system: "Formulaire de contact public" },
      {
        action: "contact.recevoir",
        entityType: "message_contact",
        entityId: message.id,
        departement: input.departement,
        changes: { qualite: input.qualite },
      },
      requestId,
    );
    const coordinateurs = await findActiveUsersWithRoles(tx, {
      roles: ["coordinateur"],
      departement: input.departement,
    });
    const mails = coordinateurs.map((c) => mailNouveauMessage(c.email, { ...input, id: message.id }, publicUrl));
    return { ok: true, id: message.id, mails } as const;
  });
}

function mailNouveauMessage(to: string, m: ContactInput & { id: string }, publicUrl: string): Mail {
  return {
    to,
    subject: `Formulaire de contact : ${m.objet}`,
    text: [
      "Un message est arrivé par le formulaire de contact du site public.",
      "",
      `De : ${m.nom} <${m.email}>`,
      `Qualité : ${qualiteLabel(m.qualite)}`,
      `Objet : ${m.objet}`,
      "",
      m.message,
      "",
      "—",
      `Pour répondre, écrivez à ${m.email} (ne répondez pas à cet e-mail).`,
      `Le message dans l'espace professionnel : ${publicUrl}/espace/messages/${m.id}`,
    ].join("\n"),
  };
}

type Target = { id: string; departement: string };

/** Records the first opening by a coordinator; later openings change nothing. */
export async function marquerMessageLu(db: Executor, id: string, actor: Actor, now: Date): Promise<boolean> {
  const updated = await db
    .update(messagesContact)
    .set({ luLe: now, luPar: actor.userId })
    .where(and(eq(messagesContact.id, id), isNull(messagesContact.luLe)))
    .returning({ id: messagesContact.id });
  return updated.length > 0;
}

/** Moves a message out of the inbox (`archiver: true`) or back into it. */
export async function archiverMessage(
  { db, now, requestId }: Ctx,
  actor: Actor,
  message: Target,
  archiver: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(messagesContact)
      .set({ archiveLe: archiver ? now : null })
      .where(
        and(
          eq(messagesContact.id, message.id),
          archiver ? isNull(messagesContact.archiveLe) : isNotNull(messagesContact.archiveLe),
        ),
      )
      .returning({ id: messagesContact.id });
    if (updated.length === 0) return;
    await recordAudit(
      tx,
      actor,
      {
        action: archiver ? "contact.archiver" : "contact.desarchiver",
        entityType: "message_contact",
        entityId: message.id,
        departement: message.departement,
      },
      requestId,
    );
  });
}

/** The scheduler's name of the daily deletion of old messages. */
export const SUPPRESSION_MESSAGES_ANCIENS = "contact.suppression-messages-anciens";

/**
 * Deletes the messages received more than twelve months before `now`, archived or not, with one
 * audit row per département (how many, never who wrote). Returns how many were deleted.
 */
export async function supprimerMessagesAnciens(db: Database, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(messagesContact)
      .where(lt(messagesContact.recuLe, limiteConservationMessages(now)))
      .returning({ departement: messagesContact.departement });
    const parDepartement = new Map<string, number>();
    for (const row of deleted) parDepartement.set(row.departement, (parDepartement.get(row.departement) ?? 0) + 1);
    for (const [departement, nombre] of parDepartement) {
      await recordAudit(
        tx,
        { system: "Suppression automatique" },
        {
          action: "contact.supprimer-anciens",
          entityType: "message_contact",
          departement,
          changes: { nombre, conservationMois: CONSERVATION_MESSAGES_MOIS },
        },
      );
    }
    return deleted.length;
  });
}
