import { communes, regroupementInvitations, regroupements } from "@db/schema";
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { Reponse } from "./regroupement.labels";
import { lieuComplet } from "./regroupement.labels";
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

/**
 * An invitee's own invitations (by their account): upcoming ones (not yet ended) soonest first, or
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
        eq(regroupementInvitations.userId, userId),
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
    lieu: lieuComplet(r.lieu, r.communeNom) || (r.lienVisio ? "En ligne" : ""),
    reponse: r.reponse as Reponse,
    annule: r.statut === "annule",
    ouvert: r.statut !== "annule" && r.debut.getTime() > now.getTime(),
  }));
}
