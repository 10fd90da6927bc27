import {
  comiteMembres,
  communes,
  jetonsCalendrier,
  regroupementInvitations,
  regroupements,
  userRoles,
  users,
} from "@db/schema";
import { and, asc, desc, eq, gte, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { hashToken, isTokenFormat } from "~/domain/comptes/tokens.server";
import { ajouterMois, debutJourParis, jourParis } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import { evenementDe, type IcsEvenement } from "./ics";
import { invitationDuCompte } from "./regroupement.acces.server";

/** A feed's last access is written again only once this old: a feed polled every few minutes is not a write each time. */
const INTERVALLE_ACCES_MS = 60 * 60 * 1000;

/** How far back a private feed goes: the last six months, and everything to come. */
const MOIS_PASSES_FLUX = 6;

/** The actor's live feed address (its dates; the token itself is never kept), or null. */
export async function findJetonCalendrier(db: Executor, userId: string) {
  const [jeton] = await db
    .select({
      id: jetonsCalendrier.id,
      createdAt: jetonsCalendrier.createdAt,
      dernierAccesLe: jetonsCalendrier.dernierAccesLe,
    })
    .from(jetonsCalendrier)
    .where(and(eq(jetonsCalendrier.userId, userId), isNull(jetonsCalendrier.revoqueLe)))
    .orderBy(desc(jetonsCalendrier.createdAt))
    .limit(1);
  return jeton ?? null;
}

/**
 * The account a feed token opens, recording the access (at most once an hour); null for a
 * malformed, unknown or revoked token, or an account that was disabled.
 */
export async function ouvrirFluxCalendrier(db: Executor, jeton: string, now: Date): Promise<string | null> {
  if (!isTokenFormat(jeton)) return null;
  const [ligne] = await db
    .select({
      id: jetonsCalendrier.id,
      userId: jetonsCalendrier.userId,
      dernierAccesLe: jetonsCalendrier.dernierAccesLe,
    })
    .from(jetonsCalendrier)
    .innerJoin(users, eq(users.id, jetonsCalendrier.userId))
    .where(
      and(
        eq(jetonsCalendrier.jetonHash, hashToken(jeton)),
        isNull(jetonsCalendrier.revoqueLe),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  if (!ligne) return null;
  if (!ligne.dernierAccesLe || now.getTime() - ligne.dernierAccesLe.getTime() >= INTERVALLE_ACCES_MS) {
    await db.update(jetonsCalendrier).set({ dernierAccesLe: now }).where(eq(jetonsCalendrier.id, ligne.id));
  }
  return ligne.userId;
}

const ROLES_LECTURE = ["coordinateur", "copil", "referent", "promeneur"];

/**
 * The gatherings of a user's private feed, from six months ago on:
 * - those they are invited to (through their account, their promeneur record or their committee
 *   membership) in a département where they read gatherings, unless they answered no;
 * - for the coordination, every gathering of their département(s);
 * - for a linked active member of a committee (steering role), its meetings, unless they declined.
 * Cancelled gatherings stay, marked CANCELLED.
 */
export async function findEvenementsFlux(
  db: Executor,
  userId: string,
  now: Date,
  publicUrl: string,
): Promise<IcsEvenement[]> {
  const roles = await db
    .select({ role: userRoles.role, departement: userRoles.departement })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  const departementsDe = (codes: string[]) => [
    ...new Set(roles.filter((r) => codes.includes(r.role) && r.departement).map((r) => r.departement as string)),
  ];
  const lecture = departementsDe(ROLES_LECTURE);
  const coordination = departementsDe(["coordinateur"]);
  const comite = departementsDe(["coordinateur", "copil"]);

  const duCompte = invitationDuCompte(db, userId);
  const invitations = (condition: SQL) =>
    sql`exists (${db
      .select({ un: sql`1` })
      .from(regroupementInvitations)
      .where(and(eq(regroupementInvitations.regroupementId, regroupements.id), duCompte, condition))})`;

  const branches: SQL[] = [];
  if (coordination.length > 0) branches.push(inArray(regroupements.departement, coordination));
  if (lecture.length > 0) {
    branches.push(
      and(inArray(regroupements.departement, lecture), invitations(ne(regroupementInvitations.reponse, "non"))) as SQL,
    );
  }
  if (comite.length > 0) {
    branches.push(
      and(
        inArray(regroupements.departement, comite),
        inArray(
          regroupements.comiteId,
          db
            .select({ id: comiteMembres.comiteId })
            .from(comiteMembres)
            .where(and(eq(comiteMembres.userId, userId), eq(comiteMembres.actif, true))),
        ),
        sql`not ${invitations(eq(regroupementInvitations.reponse, "non"))}`,
      ) as SQL,
    );
  }
  if (branches.length === 0) return [];

  const depuis = debutJourParis(ajouterMois(jourParis(now), -MOIS_PASSES_FLUX));
  const lignes = await db
    .select({
      id: regroupements.id,
      titre: regroupements.titre,
      description: regroupements.description,
      debut: regroupements.debut,
      fin: regroupements.fin,
      lieu: regroupements.lieu,
      communeNom: communes.nom,
      lienVisio: regroupements.lienVisio,
      sequence: regroupements.sequence,
      statut: regroupements.statut,
      updatedAt: regroupements.updatedAt,
    })
    .from(regroupements)
    .leftJoin(communes, eq(communes.code, regroupements.communeCode))
    .where(and(gte(regroupements.fin, depuis), or(...branches)))
    .orderBy(asc(regroupements.debut), asc(regroupements.id));
  return lignes.map((l) => evenementDe(l, publicUrl));
}
