import { comiteMembres, promeneurs, regroupementInvitations, regroupements } from "@db/schema";
import { and, count, eq, inArray, ne } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { createToken } from "~/domain/comptes/tokens.server";
import { findActiveUsersWithRoles } from "~/domain/comptes/user.queries.server";
import { type AuditActor, recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { Invalid, notFound } from "~/server/errors.server";
import { sendMails } from "~/server/mail.server";
import { requireScoped } from "~/server/request.server";
import type { CandidatKind } from "./invitation.labels";
import { findRegroupementMail, mailInvitation } from "./invitation.mails.server";
import { findInvitationParJeton } from "./invitation.queries.server";
import { type Acces, findRegroupementLisible } from "./regroupement.acces.server";
import { estComite, type RegroupementAudience } from "./regroupement.labels";
import { refusReponse } from "./regroupement.rules";

type Ctx = { db: Database; now: Date; requestId?: string };

export type Candidat = {
  /** The checkbox value: `p:<promeneurId>`, `u:<userId>` or `m:<membreId>`. */
  cle: string;
  kind: CandidatKind;
  nom: string;
  email: string;
  organisation: string | null;
  userId: string | null;
  promeneurId: string | null;
  membreId: string | null;
  /** Proposed by the gathering's audience (pre-checked). */
  propose: boolean;
  dejaInvite: boolean;
};

const PROMENEUR_STATUTS_INVITABLES = ["accepte", "forme", "actif"];

function propose(kind: CandidatKind, audience: RegroupementAudience, comite: boolean): boolean {
  if (kind === "membre") return comite || audience === "copil";
  if (kind === "promeneur") return audience === "promeneurs";
  if (kind === "referent") return audience === "referents";
  return audience === "copil";
}

/**
 * The people the coordinator may invite to a gathering, in its département: promeneurs (accepted,
 * trained or active; their record's e-mail), referents and steering members with an active
 * account, and the active members (with an e-mail) of the gathering's committee. One line per
 * e-mail address (the first kind wins), flagged when already invited and when the audience
 * proposes them.
 */
export async function findCandidats(
  db: Executor,
  r: Pick<typeof regroupements.$inferSelect, "id" | "departement" | "audience" | "comiteId" | "type">,
): Promise<Candidat[]> {
  // One query after the other: `db` may be a transaction, one connection that runs one query at a
  // time (pg 9 will refuse a query sent while another runs).
  const invites = await db
    .select({ email: regroupementInvitations.email })
    .from(regroupementInvitations)
    .where(eq(regroupementInvitations.regroupementId, r.id));
  const lesPromeneurs = await db
    .select({
      id: promeneurs.id,
      prenom: promeneurs.prenom,
      nom: promeneurs.nom,
      email: promeneurs.email,
      userId: promeneurs.userId,
    })
    .from(promeneurs)
    .where(and(eq(promeneurs.departement, r.departement), inArray(promeneurs.statut, PROMENEUR_STATUTS_INVITABLES)))
    .orderBy(promeneurs.nom, promeneurs.prenom);
  const comptes = await findActiveUsersWithRoles(db, { departement: r.departement, roles: ["referent", "copil"] });
  const membres = r.comiteId
    ? await db
        .select()
        .from(comiteMembres)
        .where(and(eq(comiteMembres.comiteId, r.comiteId), eq(comiteMembres.actif, true)))
        .orderBy(comiteMembres.organisation, comiteMembres.nom)
    : [];
  const dejaInvites = new Set(invites.map((i) => i.email.toLowerCase()));
  const comite = estComite(r.type);
  const audience = r.audience as RegroupementAudience;
  const vus = new Set<string>();
  const candidats: Candidat[] = [];
  const ajouter = (c: Omit<Candidat, "propose" | "dejaInvite">) => {
    const email = c.email.trim().toLowerCase();
    if (email === "" || vus.has(email)) return;
    vus.add(email);
    candidats.push({
      ...c,
      email,
      propose: propose(c.kind, audience, comite),
      dejaInvite: dejaInvites.has(email),
    });
  };
  for (const p of lesPromeneurs) {
    ajouter({
      cle: `p:${p.id}`,
      kind: "promeneur",
      nom: `${p.prenom} ${p.nom}`,
      email: p.email,
      organisation: null,
      userId: p.userId,
      promeneurId: p.id,
      membreId: null,
    });
  }
  for (const kind of ["referent", "copil"] as const) {
    for (const u of comptes.filter((c) => c.role === kind)) {
      ajouter({
        cle: `u:${u.userId}`,
        kind,
        nom: u.nom,
        email: u.email,
        organisation: null,
        userId: u.userId,
        promeneurId: null,
        membreId: null,
      });
    }
  }
  for (const m of membres) {
    if (!m.email) continue;
    ajouter({
      cle: `m:${m.id}`,
      kind: "membre",
      nom: m.nom,
      email: m.email,
      organisation: m.organisation,
      userId: m.userId,
      promeneurId: null,
      membreId: m.id,
    });
  }
  return candidats;
}

/**
 * Invites the chosen candidates (their keys from the form) to a gathering: one invitation row per
 * new person — inviting someone already invited changes nothing — and the audit row in one
 * transaction; then each new invitee receives the details, their answer links and the `.ics`.
 * Coordination of the gathering's département only. Returns how many were newly invited.
 */
export async function inviter(
  { db, now, requestId }: Ctx,
  actor: Actor,
  regroupementId: string,
  cles: readonly string[],
): Promise<{ invites: number; envoyes: number }> {
  const nouveaux = await db.transaction(async (tx) => {
    const [r] = await tx.select().from(regroupements).where(eq(regroupements.id, regroupementId)).for("update");
    if (!r) notFound();
    requireScoped(actor, "regroupement.gerer", { departement: r.departement });
    if (r.statut === "annule")
      throw new Invalid("invites", "Ce regroupement est annulé : personne ne peut y être invité.");
    if (r.debut.getTime() <= now.getTime()) {
      throw new Invalid("invites", "Ce regroupement a commencé : il est trop tard pour inviter.");
    }
    const voulues = new Set(cles);
    if (voulues.size === 0) throw new Invalid("invites", "Cochez au moins une personne à inviter.");
    const choisis = (await findCandidats(tx, r)).filter((c) => voulues.has(c.cle) && !c.dejaInvite);
    if (choisis.length === 0) return [];
    const jetons = new Map<string, string>();
    const rows = await tx
      .insert(regroupementInvitations)
      .values(
        choisis.map((c) => {
          const { token, hash } = createToken();
          jetons.set(c.email, token);
          return {
            regroupementId,
            userId: c.userId,
            promeneurId: c.promeneurId,
            membreId: c.membreId,
            nom: c.nom,
            email: c.email,
            organisation: c.organisation,
            jetonHash: hash,
            invitationEnvoyeeLe: now,
            createdAt: now,
          };
        }),
      )
      // A concurrent invitation of the same person: theirs stands.
      .onConflictDoNothing({ target: [regroupementInvitations.regroupementId, regroupementInvitations.email] })
      .returning({ nom: regroupementInvitations.nom, email: regroupementInvitations.email });
    if (rows.length > 0) {
      await recordAudit(
        tx,
        actor,
        {
          action: "regroupement.inviter",
          entityType: "regroupement",
          entityId: regroupementId,
          departement: r.departement,
          changes: { invites: rows.length },
        },
        requestId,
      );
    }
    return rows.map((row) => ({ ...row, jeton: jetons.get(row.email) ?? "" }));
  });
  if (nouveaux.length === 0) return { invites: 0, envoyes: 0 };
  const r = await findRegroupementMail(db, regroupementId);
  if (!r) return { invites: nouveaux.length, envoyes: 0 };
  const publicUrl = getEnv().publicUrl;
  const envoyes = await sendMails(
    nouveaux.map((n) => mailInvitation(r, n, n.jeton, publicUrl, now)),
    { regroupementId },
  );
  return { invites: nouveaux.length, envoyes };
}

export type Reponse = "oui" | "non";

/** Records an answer on the locked gathering, with the capacity counted under the lock. */
async function enregistrerReponse(
  tx: Executor,
  invitation: typeof regroupementInvitations.$inferSelect,
  reponse: Reponse,
  now: Date,
  auteur: AuditActor,
  requestId?: string,
): Promise<void> {
  // Locking the gathering serialises the answers: two last places are never both taken.
  const [r] = await tx
    .select()
    .from(regroupements)
    .where(eq(regroupements.id, invitation.regroupementId))
    .for("update");
  if (!r) notFound();
  const [autres] = await tx
    .select({ n: count() })
    .from(regroupementInvitations)
    .where(
      and(
        eq(regroupementInvitations.regroupementId, r.id),
        eq(regroupementInvitations.reponse, "oui"),
        ne(regroupementInvitations.id, invitation.id),
      ),
    );
  const refus = refusReponse(
    { statut: r.statut, debut: r.debut, capacite: r.capacite, inscritsAutres: autres?.n ?? 0 },
    reponse,
    now,
  );
  if (refus) throw new Invalid("reponse", refus);
  await tx
    .update(regroupementInvitations)
    .set({ reponse, reponduLe: now })
    .where(eq(regroupementInvitations.id, invitation.id));
  await recordAudit(
    tx,
    auteur,
    {
      action: "regroupement.repondre",
      entityType: "regroupement_invitation",
      entityId: invitation.id,
      departement: r.departement,
      changes: { regroupementId: r.id, avant: invitation.reponse, apres: reponse },
    },
    requestId,
  );
}

/**
 * Answers an invitation from its e-mail link (no sign-in): an unknown token is a 404. Answering
 * again changes the answer.
 */
export async function repondreParJeton({ db, now, requestId }: Ctx, jeton: string, reponse: Reponse): Promise<void> {
  await db.transaction(async (tx) => {
    const invitation = await findInvitationParJeton(tx, jeton);
    if (!invitation) notFound("Ce lien de réponse n'existe pas ou plus.");
    await enregistrerReponse(tx, invitation, reponse, now, { system: "lien de réponse de l'invitation" }, requestId);
  });
}

/**
 * Answers one's own invitation from the back office. Not invited (or the gathering out of reach):
 * 404; a role that never answers: 403. `regroupement` is the gathering's id, or the access that
 * `findRegroupementLisible` already gave for it (a page that checked it does not check it twice).
 */
export async function repondre(
  { db, now, requestId }: Ctx,
  actor: Actor,
  regroupement: string | Pick<Acces, "regroupement" | "invitationId">,
  reponse: Reponse,
): Promise<void> {
  const { regroupement: r, invitationId } =
    typeof regroupement === "string" ? await findRegroupementLisible(db, actor, regroupement) : regroupement;
  requireScoped(actor, "regroupement.repondre", { departement: r.departement });
  if (!invitationId) notFound("Vous n'êtes pas invité·e à ce regroupement.");
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(regroupementInvitations)
      .where(eq(regroupementInvitations.id, invitationId));
    if (!invitation) notFound();
    await enregistrerReponse(tx, invitation, reponse, now, actor, requestId);
  });
}
