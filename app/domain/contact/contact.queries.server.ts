import { messagesContact, users } from "@db/schema";
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";

/** The inbox shows at most this many messages. */
export const MESSAGES_MAX = 500;

/** The inbox of a département: unread first, then the most recent; archived messages apart. */
export async function findMessages(db: Executor, departement: string, options: { archives: boolean }) {
  return db
    .select({
      id: messagesContact.id,
      nom: messagesContact.nom,
      email: messagesContact.email,
      qualite: messagesContact.qualite,
      objet: messagesContact.objet,
      recuLe: messagesContact.recuLe,
      luLe: messagesContact.luLe,
      archiveLe: messagesContact.archiveLe,
    })
    .from(messagesContact)
    .where(
      and(
        eq(messagesContact.departement, departement),
        options.archives ? isNotNull(messagesContact.archiveLe) : isNull(messagesContact.archiveLe),
      ),
    )
    .orderBy(sql`${messagesContact.luLe} is not null`, desc(messagesContact.recuLe), asc(messagesContact.id))
    .limit(MESSAGES_MAX);
}

/** One message with who read it first; null when the id is not one (the caller checks the département). */
export async function findMessage(db: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: messagesContact.id,
      departement: messagesContact.departement,
      nom: messagesContact.nom,
      email: messagesContact.email,
      qualite: messagesContact.qualite,
      objet: messagesContact.objet,
      message: messagesContact.message,
      recuLe: messagesContact.recuLe,
      luLe: messagesContact.luLe,
      luParNom: users.nom,
      archiveLe: messagesContact.archiveLe,
    })
    .from(messagesContact)
    .leftJoin(users, eq(users.id, messagesContact.luPar))
    .where(eq(messagesContact.id, id));
  return row ?? null;
}
