import { annonceDestinataires, annonces, users } from "@db/schema";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import type { Audience } from "./annonce.labels";

export type AnnonceListItem = {
  id: string;
  titre: string;
  audience: Audience;
  publieeLe: Date;
  /** How many people it was sent to (its read-receipt rows). */
  destinataires: number;
  /** How many recipients read it: only for the coordination of the département, null otherwise. */
  lues: number | null;
  /** Whether the actor is a recipient, and when they read it. */
  destinataire: boolean;
  luLe: Date | null;
};

/**
 * Recipients and readers of each announcement, both counted from its read-receipt rows (the one
 * source: `annonces.destinataires` is written at sending time but never read back).
 */
const destinatairesCount = sql<number>`(select count(*)::int from ${annonceDestinataires} ad where ad.annonce_id = ${annonces.id})`;
const luesCount = sql<number>`(select count(*)::int from ${annonceDestinataires} ad where ad.annonce_id = ${annonces.id} and ad.lu_le is not null)`;

/**
 * The announcements of a département an actor sees: all of them with their read counts for its
 * coordination, only those sent to them otherwise (with when they read each one).
 */
export async function findAnnoncesForActor(
  db: Executor,
  actor: Actor,
  departement: string,
  options: { limit?: number } = {},
): Promise<AnnonceListItem[]> {
  const coordination = can(actor, "annonce.publier", { departement });
  const own = and(eq(annonceDestinataires.annonceId, annonces.id), eq(annonceDestinataires.userId, actor.userId));
  const query = db
    .select({
      id: annonces.id,
      titre: annonces.titre,
      audience: annonces.audience,
      publieeLe: annonces.publieeLe,
      destinataires: destinatairesCount,
      lues: luesCount,
      recipientId: annonceDestinataires.userId,
      luLe: annonceDestinataires.luLe,
    })
    .from(annonces);
  const joined = coordination ? query.leftJoin(annonceDestinataires, own) : query.innerJoin(annonceDestinataires, own);
  const rows = await joined
    .where(eq(annonces.departement, departement))
    .orderBy(desc(annonces.publieeLe), desc(annonces.id))
    .limit(options.limit ?? 200);
  return rows.map((r) => ({
    id: r.id,
    titre: r.titre,
    audience: r.audience as Audience,
    publieeLe: r.publieeLe,
    destinataires: r.destinataires,
    lues: coordination ? r.lues : null,
    destinataire: r.recipientId !== null,
    luLe: r.luLe,
  }));
}

export type AnnonceDetail = {
  id: string;
  departement: string;
  titre: string;
  corps: string;
  audience: Audience;
  publieeLe: Date;
  auteur: string | null;
  /** The actor's own read receipt, when they are a recipient. */
  destinataire: { luLe: Date | null } | null;
  /** The actor is the coordination of the announcement's département (sees every receipt). */
  coordination: boolean;
};

/**
 * One announcement, if the actor may read it: a recipient, or the coordination of its
 * département. Null otherwise (the page answers 404, as for anything out of scope).
 */
export async function findAnnonce(db: Executor, actor: Actor, id: string): Promise<AnnonceDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: annonces.id,
      departement: annonces.departement,
      titre: annonces.titre,
      corps: annonces.corps,
      audience: annonces.audience,
      publieeLe: annonces.publieeLe,
      auteur: users.nom,
      recipientId: annonceDestinataires.userId,
      luLe: annonceDestinataires.luLe,
    })
    .from(annonces)
    .leftJoin(users, eq(users.id, annonces.auteurId))
    .leftJoin(
      annonceDestinataires,
      and(eq(annonceDestinataires.annonceId, annonces.id), eq(annonceDestinataires.userId, actor.userId)),
    )
    .where(eq(annonces.id, id));
  if (!row) return null;
  const coordination = can(actor, "annonce.publier", { departement: row.departement });
  const destinataire = row.recipientId !== null ? { luLe: row.luLe } : null;
  if (!coordination && !destinataire) return null;
  return {
    id: row.id,
    departement: row.departement,
    titre: row.titre,
    corps: row.corps,
    audience: row.audience as Audience,
    publieeLe: row.publieeLe,
    auteur: row.auteur,
    destinataire,
    coordination,
  };
}

/** Every recipient of an announcement and when they read it (for its coordination only; the counts come from these rows). */
export async function findAccusesLecture(db: Executor, annonceId: string) {
  return db
    .select({ userId: users.id, nom: users.nom, email: users.email, luLe: annonceDestinataires.luLe })
    .from(annonceDestinataires)
    .innerJoin(users, eq(users.id, annonceDestinataires.userId))
    .where(eq(annonceDestinataires.annonceId, annonceId))
    .orderBy(asc(users.nom), asc(users.id));
}

/**
 * Records that a recipient opened an announcement. Only the first reading counts: later ones
 * change nothing. Returns whether this call recorded it.
 */
export async function marquerLue(db: Executor, annonceId: string, userId: string, now: Date): Promise<boolean> {
  const updated = await db
    .update(annonceDestinataires)
    .set({ luLe: now })
    .where(
      and(
        eq(annonceDestinataires.annonceId, annonceId),
        eq(annonceDestinataires.userId, userId),
        isNull(annonceDestinataires.luLe),
      ),
    )
    .returning({ annonceId: annonceDestinataires.annonceId });
  return updated.length > 0;
}

export type AnnonceNonLue = { id: string; titre: string; publieeLe: Date; departement: string };

/** The latest announcements a person received and has not opened yet (back-office home feed). */
export async function findAnnoncesNonLues(db: Executor, userId: string, limit = 5): Promise<AnnonceNonLue[]> {
  return db
    .select({
      id: annonces.id,
      titre: annonces.titre,
      publieeLe: annonces.publieeLe,
      departement: annonces.departement,
    })
    .from(annonceDestinataires)
    .innerJoin(annonces, eq(annonces.id, annonceDestinataires.annonceId))
    .where(and(eq(annonceDestinataires.userId, userId), isNull(annonceDestinataires.luLe)))
    .orderBy(desc(annonces.publieeLe), desc(annonces.id))
    .limit(limit);
}
