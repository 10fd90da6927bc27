import { communes, regroupementInvitations, regroupements } from "@db/schema";
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import { hashToken, isTokenFormat } from "~/domain/comptes/tokens.server";
import type { Executor } from "~/server/db.server";
import { invitationDuCompte } from "./regroupement.acces.server";
import { lieuOuEnLigne, type Reponse } from "./regroupement.labels";
import { formatPlage, placesRestantes } from "./regroupement.rules";

export type Invite = {
  id: string;
  nom: string;
  email: string;
  organisation: string | null;
  kind: "promeneur" | "compte" | "membre" | "autre";
  reponse: Reponse;
  reponduLe: Date | null;
  invitationEnvoyeeLe: Date | null;
};

/** The coordinator's view of a gathering's invitees: each answer and date, and the counts. */
export async function findInvites(db: Executor, regroupementId: string, capacite: number | null) {
  const rows = await db
    .select()
    .from(regroupementInvitations)
    .where(eq(regroupementInvitations.regroupementId, regroupementId))
    .orderBy(asc(regroupementInvitations.nom), asc(regroupementInvitations.email));
  const invites: Invite[] = rows.map((r) => ({
    id: r.id,
    nom: r.nom,
    email: r.email,
    organisation: r.organisation,
    kind: r.promeneurId ? "promeneur" : r.membreId ? "membre" : r.userId ? "compte" : "autre",
    reponse: r.reponse as Reponse,
    reponduLe: r.reponduLe,
    invitationEnvoyeeLe: r.invitationEnvoyeeLe,
  }));
  const inscrits = invites.filter((i) => i.reponse === "oui").length;
  const declines = invites.filter((i) => i.reponse === "non").length;
  return {
    invites,
    totaux: {
      invites: invites.length,
      inscrits,
      declines,
      enAttente: invites.length - inscrits - declines,
      placesRestantes: placesRestantes(capacite, inscrits),
    },
  };
}

/** The answer of one invitation (the actor's own, as `findRegroupementLisible` found it), or null. */
export async function findReponseInvitation(db: Executor, invitationId: string): Promise<Reponse | null> {
  const [row] = await db
    .select({ reponse: regroupementInvitations.reponse })
    .from(regroupementInvitations)
    .where(eq(regroupementInvitations.id, invitationId))
    .limit(1);
  return row ? (row.reponse as Reponse) : null;
}

/** The invitation an e-mail answer link's token opens, or null. */
export async function findInvitationParJeton(db: Executor, jeton: string) {
  if (!isTokenFormat(jeton)) return null;
  const [row] = await db
    .select()
    .from(regroupementInvitations)
    .where(eq(regroupementInvitations.jetonHash, hashToken(jeton)))
    .limit(1);
  return row ?? null;
}

/**
 * An invitee's own invitations (by their account, promeneur record or committee membership): upcoming ones (not yet ended) soonest first, or
 * past ones latest first. Never anyone else's.
 */
export async function findMesInvitations(
  db: Executor,
  userId: string,
  options: { now: Date; passees?: boolean; limite?: number },
) {
  return db
    .select({
      invitationId: regroupementInvitations.id,
      reponse: regroupementInvitations.reponse,
      reponduLe: regroupementInvitations.reponduLe,
      id: regroupements.id,
      departement: regroupements.departement,
      type: regroupements.type,
      titre: regroupements.titre,
      debut: regroupements.debut,
      fin: regroupements.fin,
      lieu: regroupements.lieu,
      communeNom: communes.nom,
      lienVisio: regroupements.lienVisio,
      statut: regroupements.statut,
    })
    .from(regroupementInvitations)
    .innerJoin(regroupements, eq(regroupements.id, regroupementInvitations.regroupementId))
    .leftJoin(communes, eq(communes.code, regroupements.communeCode))
    .where(
      and(
        invitationDuCompte(db, userId),
        options.passees ? lt(regroupements.fin, options.now) : gte(regroupements.fin, options.now),
      ),
    )
    .orderBy(options.passees ? desc(regroupements.debut) : asc(regroupements.debut))
    .limit(options.limite ?? 100);
}

/**
 * An invitee's next invitations as a home page block shows them (formatted here, the page stays
 * free of server code): title, when, where, answer, and whether they may still answer.
 */
export async function findProchainesInvitations(db: Executor, userId: string, now: Date, limite = 3) {
  const rows = await findMesInvitations(db, userId, { now, limite });
  return rows.map((r) => ({
    id: r.id,
    titre: r.titre,
    quand: formatPlage(r.debut, r.fin),
    lieu: lieuOuEnLigne(r),
    reponse: r.reponse as Reponse,
    annule: r.statut === "annule",
    ouvert: r.statut !== "annule" && r.debut.getTime() > now.getTime(),
  }));
}
