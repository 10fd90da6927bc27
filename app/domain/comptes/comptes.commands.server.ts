import {
  invitations,
  passwordResets,
  promeneurs,
  sessions,
  signInAttempts,
  structures,
  userRoles,
  users,
} from "@db/schema";
import { and, count, eq, gt, isNull, ne, notInArray, or, sql } from "drizzle-orm";
import { isStatutFinal, STATUTS_FINAUX } from "~/domain/promeneurs/promeneur.labels";
import { isUuid } from "~/lib/text";
import { type AuditActor, recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { Invalid, NotFound } from "~/server/errors.server";
import type { Mail } from "~/server/mail.server";
import type { Actor } from "./actor";
import type { InviteInput } from "./comptes.schema";
import { hashPassword, verifyPassword } from "./password.server";
import { invitableRoles } from "./policy";
import { type RoleCode, roleLabels } from "./roles";
import { createSession, deleteUserSessions, type SessionPolicy } from "./session.server";
import { normalizeEmail } from "./sign-in.server";
import { createToken, hashToken } from "./tokens.server";
import { generateTotpSecret, matchTotpStep } from "./totp";

const RESET_TTL_MS = 60 * 60_000;
/** At most this many reset e-mails per account and hour: the form cannot be used to flood a mailbox. */
export const MAX_RESETS_PER_HOUR = 3;
/** How long an invitation link stays valid (also the promeneur's invitation sent on acceptance). */
export const INVITATION_TTL_MS = 14 * 24 * 3_600_000;

type Ctx = { db: Database; now: Date; requestId?: string };

/** Opens a session after a correct password (pending the TOTP code when the account has one). */
export async function startSession(
  { db, now, requestId }: Ctx,
  input: {
    userId: string;
    ip: string;
    userAgent: string | null;
    secondFactorPending: boolean;
    previousSessionId?: string;
  },
  policy: SessionPolicy,
) {
  return db.transaction(async (tx) => {
    // Rotation: the session this browser had before is dropped, a new token is issued.
    if (input.previousSessionId) await tx.delete(sessions).where(eq(sessions.id, input.previousSessionId));
    const session = await createSession(tx, input, policy, now);
    if (!input.secondFactorPending) {
      const [user] = await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, input.userId)).returning();
      if (user)
        await recordAudit(
          tx,
          { userId: user.id, email: user.email, nom: user.nom },
          { action: "compte.connexion", entityType: "user", entityId: user.id, changes: { ip: input.ip } },
          requestId,
        );
    }
    return session;
  });
}

/** Completes a sign-in with the TOTP code; the pending session is replaced by a new one. */
export async function completeSecondFactor(
  ctx: Ctx,
  input: { sessionId: string; code: string; ip: string; userAgent: string | null },
  policy: SessionPolicy,
): Promise<{ ok: true; token: string; userId: string } | { ok: false }> {
  const [row] = await ctx.db
    .select({
      userId: sessions.userId,
      pending: sessions.secondFactorPending,
      secret: users.totpSecret,
      lastStep: users.totpLastStep,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, input.sessionId));
  if (!row?.pending || !row.secret) return { ok: false };
  const step = matchTotpStep(row.secret, input.code, ctx.now, row.lastStep);
  if (step === null || !(await spendTotpStep(ctx.db, row.userId, step))) return { ok: false };
  const { token } = await startSession(
    ctx,
    {
      userId: row.userId,
      ip: input.ip,
      userAgent: input.userAgent,
      secondFactorPending: false,
      previousSessionId: input.sessionId,
    },
    policy,
  );
  return { ok: true, token, userId: row.userId };
}

export async function signOut({ db }: Ctx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Always answers the same way; sends a link only when the account exists and is active. */
export async function requestPasswordReset(
  { db, now, requestId }: Ctx,
  emailInput: string,
  publicUrl: string,
): Promise<Mail | null> {
  const email = normalizeEmail(emailInput);
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  if (!user || user.disabledAt) return null;
  const [recent] = await db
    .select({ n: count() })
    .from(passwordResets)
    .where(
      and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, new Date(now.getTime() - RESET_TTL_MS))),
    );
  if ((recent?.n ?? 0) >= MAX_RESETS_PER_HOUR) return null;
  const { token, hash } = createToken();
  await db.transaction(async (tx) => {
    await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: hash, createdAt: now, expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
    await recordAudit(
      tx,
      { system: "réinitialisation demandée" },
      { action: "compte.reinitialisation.demander", entityType: "user", entityId: user.id },
      requestId,
    );
  });
  return {
    to: user.email,
    subject: "Réinitialisation de votre mot de passe – Promeneurs du Net",
    text: [
      `Bonjour ${user.nom},`,
      "",
      "Vous avez demandé à réinitialiser votre mot de passe. Ce lien est valable une heure et ne sert qu'une fois :",
      `${publicUrl}/reinitialiser/${token}`,
      "",
      "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.",
      "",
      "La coordination Promeneurs du Net",
    ].join("\n"),
  };
}

export async function findValidReset({ db, now }: Ctx, token: string) {
  const [row] = await db
    .select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    );
  return row ?? null;
}

/** Sets the new password, spends the token and closes every session of the account. */
export async function resetPassword(ctx: Ctx, token: string, password: string): Promise<void> {
  const reset = await findValidReset(ctx, token);
  if (!reset) throw new NotFound("Ce lien de réinitialisation n'est plus valable : demandez-en un nouveau.");
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const spent = await tx
      .update(passwordResets)
      .set({ usedAt: ctx.now })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
      .returning();
    if (spent.length === 0) throw new NotFound("Ce lien de réinitialisation a déjà servi.");
    await tx.update(users).set({ passwordHash, passwordChangedAt: ctx.now }).where(eq(users.id, reset.userId));
    await deleteUserSessions(tx, reset.userId);
    // Other links sent before this one stop working too.
    await tx
      .update(passwordResets)
      .set({ usedAt: ctx.now })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    // The lock message offers a reset as the way out: failures before it no longer count.
    await tx
      .delete(signInAttempts)
      .where(and(eq(signInAttempts.email, normalizeEmail(reset.email)), eq(signInAttempts.success, false)));
    await recordAudit(
      tx,
      { system: "réinitialisation par e-mail" },
      { action: "compte.mot_de_passe.reinitialiser", entityType: "user", entityId: reset.userId },
      ctx.requestId,
    );
  });
}

export type InvitationInput = {
  email: string;
  nom: string;
  role: RoleCode;
  departement: string;
  structureId: string | null;
  /** The promeneur's record the account will be linked to on acceptance. */
  promeneurId: string | null;
  invitedBy: string;
};

/**
 * Writes an invitation in the caller's transaction and answers its id and the token of its link
 * (only its hash is stored). A pending invitation of the same person for the same role (or of the
 * same promeneur's record) stops working: the latest link is the one that counts.
 */
export async function insertInvitation(
  tx: Executor,
  input: InvitationInput,
  now: Date,
): Promise<{ id: string; token: string }> {
  const email = normalizeEmail(input.email);
  const memeRole = and(
    eq(invitations.email, email),
    eq(invitations.role, input.role),
    eq(invitations.departement, input.departement),
    input.structureId ? eq(invitations.structureId, input.structureId) : isNull(invitations.structureId),
  );
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        input.promeneurId ? or(memeRole, eq(invitations.promeneurId, input.promeneurId)) : memeRole,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  const { token, hash } = createToken();
  const [row] = await tx
    .insert(invitations)
    .values({
      email,
      nom: input.nom,
      role: input.role,
      departement: input.departement,
      structureId: input.structureId,
      promeneurId: input.promeneurId,
      invitedBy: input.invitedBy,
      tokenHash: hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    })
    .returning({ id: invitations.id });
  if (!row) throw new Error("invitation not inserted");
  return { id: row.id, token };
}

/** A coordinator (or the national role) invites a person with a role in a département. */
export async function inviteUser(
  { db, now, requestId }: Ctx,
  actor: Actor,
  input: InviteInput,
  publicUrl: string,
): Promise<{ invitationId: string; mail: Mail }> {
  if (!invitableRoles(actor, input.departement).includes(input.role)) {
    throw new Invalid("role", "Vous ne pouvez pas attribuer ce rôle dans ce département.");
  }
  // Only a referent is tied to a structure; a structure chosen for another role is dropped.
  const structureId = input.role === "referent" ? (input.structureId ?? null) : null;
  if (input.role === "referent") {
    const [structure] = structureId
      ? await db
          .select()
          .from(structures)
          .where(and(eq(structures.id, structureId), eq(structures.departement, input.departement)))
      : [];
    if (!structure) throw new Invalid("structureId", "Cette structure n'existe pas dans ce département.");
  }
  const email = normalizeEmail(input.email);
  const [existingRole] = await db
    .select({ id: userRoles.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        sql`lower(${users.email}) = ${email}`,
        eq(userRoles.role, input.role),
        eq(userRoles.departement, input.departement),
        structureId ? eq(userRoles.structureId, structureId) : isNull(userRoles.structureId),
      ),
    );
  if (existingRole) throw new Invalid("email", "Cette personne a déjà ce rôle dans ce département.");
  const invitation = await db.transaction(async (tx) => {
    // A promeneur's record created without an account (the network import) with this e-mail: the
    // account created from this invitation becomes theirs.
    const [promeneur] =
      input.role === "promeneur"
        ? await tx
            .select({ id: promeneurs.id })
            .from(promeneurs)
            .where(
              and(
                sql`lower(${promeneurs.email}) = ${email}`,
                eq(promeneurs.departement, input.departement),
                isNull(promeneurs.userId),
                notInArray(promeneurs.statut, [...STATUTS_FINAUX]),
              ),
            )
            .limit(1)
        : [];
    const row = await insertInvitation(
      tx,
      {
        email,
        nom: input.nom,
        role: input.role,
        departement: input.departement,
        structureId,
        promeneurId: promeneur?.id ?? null,
        invitedBy: actor.userId,
      },
      now,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: "invitation.creer",
        entityType: "invitation",
        entityId: row.id,
        departement: input.departement,
        changes: {
          email,
          role: input.role,
          structureId,
          ...(promeneur ? { promeneurId: promeneur.id } : {}),
        },
      },
      requestId,
    );
    return row;
  });
  return {
    invitationId: invitation.id,
    mail: {
      to: email,
      subject: "Invitation à rejoindre l'espace Promeneurs du Net",
      text: [
        `Bonjour ${input.nom},`,
        "",
        `${actor.nom} vous invite à rejoindre l'espace Promeneurs du Net (${input.departement}) avec le rôle « ${roleLabels[input.role]} ».`,
        "Pour accepter et choisir votre mot de passe, ouvrez ce lien (valable 14 jours) :",
        `${publicUrl}/invitation/${invitation.token}`,
        "",
        "Si vous ne vous attendiez pas à cette invitation, ignorez ce message.",
      ].join("\n"),
    },
  };
}

export async function findValidInvitation({ db, now }: Ctx, token: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  if (!row) return null;
  const [user] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${row.email}`);
  return { ...row, existingUserId: user?.id ?? null };
}

/**
 * Accepts an invitation: creates the account with the chosen password, or (when the e-mail already
 * has an account) checks its password and adds the role.
 */
export async function acceptInvitation(ctx: Ctx, token: string, password: string): Promise<{ userId: string }> {
  const invitation = await findValidInvitation(ctx, token);
  if (!invitation)
    throw new NotFound("Cette invitation n'est plus valable : demandez-en une nouvelle à la coordination.");
  let passwordHash: string | null = null;
  if (invitation.existingUserId) {
    const [user] = await ctx.db.select().from(users).where(eq(users.id, invitation.existingUserId));
    if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
      throw new Invalid("password", "Ce n'est pas le mot de passe de votre compte existant.");
    }
  } else {
    passwordHash = await hashPassword(password);
  }
  return ctx.db.transaction(async (tx) => {
    const accepted = await tx
      .update(invitations)
      .set({ acceptedAt: ctx.now })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning();
    if (accepted.length === 0) throw new NotFound("Cette invitation a déjà été acceptée.");
    let userId = invitation.existingUserId;
    if (!userId) {
      const [user] = await tx
        .insert(users)
        .values({ email: invitation.email, nom: invitation.nom, passwordHash, passwordChangedAt: ctx.now })
        .returning();
      if (!user) throw new Error("user not inserted");
      userId = user.id;
    }
    await tx
      .insert(userRoles)
      .values({
        userId,
        role: invitation.role,
        departement: invitation.departement,
        structureId: invitation.structureId,
      })
      .onConflictDoNothing();
    const ancienneFiche = invitation.promeneurId ? await linkPromeneur(tx, invitation.promeneurId, userId) : null;
    const who: AuditActor = { system: `invitation acceptée par ${invitation.email}` };
    await recordAudit(
      tx,
      who,
      {
        action: "invitation.accepter",
        entityType: "user",
        entityId: userId,
        departement: invitation.departement,
        changes: {
          role: invitation.role,
          structureId: invitation.structureId,
          ...(invitation.promeneurId ? { promeneurId: invitation.promeneurId } : {}),
          ...(ancienneFiche ? { ancienneFicheDeliee: ancienneFiche } : {}),
        },
      },
      ctx.requestId,
    );
    return { userId };
  });
}

/**
 * Links a promeneur's record to the account that accepted its invitation. An account is the
 * promeneur of one record at most: an older record of theirs that has left the network (`sorti`,
 * `refuse`) lets go of the account, a live one refuses (a form error). A record already linked to
 * another account is not taken over. Answers the record the account was taken from, if any.
 */
async function linkPromeneur(tx: Executor, promeneurId: string, userId: string): Promise<string | null> {
  const [other] = await tx
    .select({ id: promeneurs.id, statut: promeneurs.statut })
    .from(promeneurs)
    .where(and(eq(promeneurs.userId, userId), ne(promeneurs.id, promeneurId)))
    .for("update");
  if (other && !isStatutFinal(other.statut)) {
    throw new NotFound("Ce compte est déjà celui d'un autre promeneur du réseau : contactez la coordination.");
  }
  if (other) await tx.update(promeneurs).set({ userId: null }).where(eq(promeneurs.id, other.id));
  const linked = await tx
    .update(promeneurs)
    .set({ userId })
    .where(and(eq(promeneurs.id, promeneurId), sql`(${promeneurs.userId} is null or ${promeneurs.userId} = ${userId})`))
    .returning({ id: promeneurs.id });
  if (linked.length === 0) {
    throw new NotFound("Cette invitation ne correspond plus à une fiche de promeneur : contactez la coordination.");
  }
  return other?.id ?? null;
}

export async function revokeInvitation(
  { db, now, requestId }: Ctx,
  actor: Actor,
  invitationId: string,
  allowedDepartements: string[] | "all",
) {
  if (!isUuid(invitationId)) throw new NotFound();
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(invitations).where(eq(invitations.id, invitationId));
    if (!row || (allowedDepartements !== "all" && !allowedDepartements.includes(row.departement ?? "")))
      throw new NotFound();
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, invitationId));
    await recordAudit(
      tx,
      actor,
      { action: "invitation.annuler", entityType: "invitation", entityId: invitationId, departement: row.departement },
      requestId,
    );
  });
}

export async function changePassword(ctx: Ctx, actor: Actor, current: string, password: string): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
    throw new Invalid("current", "Le mot de passe actuel ne correspond pas.");
  }
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: ctx.now }).where(eq(users.id, actor.userId));
    // Other sessions are closed; this one stays.
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), sql`${sessions.id} <> ${actor.sessionId}`));
    await recordAudit(
      tx,
      actor,
      { action: "compte.mot_de_passe.changer", entityType: "user", entityId: actor.userId },
      ctx.requestId,
    );
  });
}

/** Records the step of an accepted code; false if it (or a later one) was already used. */
async function spendTotpStep(db: Database, userId: string, step: number): Promise<boolean> {
  const spent = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step}::int)`))
    .returning({ id: users.id });
  return spent.length > 0;
}

/**
 * Step 1 of TOTP: a new secret, kept on the account but not active until a code confirms it.
 * An active one is only removed by disableTotp, which asks for the password.
 */
export async function prepareTotp({ db }: Ctx, actor: Actor): Promise<string> {
  const secret = generateTotpSecret();
  const updated = await db
    .update(users)
    .set({ totpSecret: secret, totpEnabledAt: null, totpLastStep: null })
    .where(and(eq(users.id, actor.userId), isNull(users.totpEnabledAt)))
    .returning({ id: users.id });
  if (updated.length === 0) {
    throw new Invalid(
      "code",
      "La double authentification est déjà activée : désactivez-la d'abord avec votre mot de passe.",
    );
  }
  return secret;
}

export async function enableTotp(ctx: Ctx, actor: Actor, code: string): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.totpSecret) throw new Invalid("code", "Commencez par générer une clé.");
  const step = matchTotpStep(user.totpSecret, code, ctx.now);
  if (step === null)
    throw new Invalid("code", "Ce code ne correspond pas : vérifiez l'heure de votre téléphone et réessayez.");
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: ctx.now, totpLastStep: step }).where(eq(users.id, actor.userId));
    await recordAudit(
      tx,
      actor,
      { action: "compte.totp.activer", entityType: "user", entityId: actor.userId },
      ctx.requestId,
    );
  });
}

export async function disableTotp(ctx: Ctx, actor: Actor, password: string): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    throw new Invalid("password", "Le mot de passe ne correspond pas.");
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, actor.userId));
    await recordAudit(
      tx,
      actor,
      { action: "compte.totp.desactiver", entityType: "user", entityId: actor.userId },
      ctx.requestId,
    );
  });
}
