import { auditLog, invitations, passwordResets, promeneurs, sessions, userRoles, users } from "@db/schema";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { Invalid, NotFound } from "~/server/errors.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser, type UserInput } from "../../../tests/factories/user";
import { refuserJournal, retablirJournal } from "../../../tests/support/journal";
import { actorOf } from "../../../tests/support/route";
import type { Actor } from "./actor";
import {
  acceptInvitation,
  changePassword,
  completeSecondFactor,
  disableTotp,
  enableTotp,
  findValidInvitation,
  findValidReset,
  insertInvitation,
  inviteUser,
  prepareTotp,
  requestPasswordReset,
  resetPassword,
  revokeInvitation,
  startSession,
} from "./comptes.commands.server";
import type { InviteInput } from "./comptes.schema";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession, findLiveSession, type SessionPolicy } from "./session.server";
import { checkCredentials } from "./sign-in.server";
import { hashToken } from "./tokens.server";
import { totpAt } from "./totp";

const PASSWORD = "ancien mot de passe 04";
const NEW_PASSWORD = "nouvelle phrase de passe";
const PUBLIC_URL = "https://pdn04.fr";
const policy: SessionPolicy = { idleMinutes: 120, maxHours: 12 };
const T0 = new Date("2025-03-10T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const ctx = (now: Date = T0) => ({ db: getDb(), now, requestId: "req-comptes" });

let cheapHash: string;
beforeAll(async () => {
  cheapHash = await hashPassword(PASSWORD, 10);
});

let counter = 0;
function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}${counter}-${Date.now()}@essai.pdn.fr`;
}

async function person(roles: UserInput["roles"] = []) {
  return insertUser(getDb(), { email: uniqueEmail("compte"), passwordHash: cheapHash, roles });
}

async function openSession(userId: string, now = T0) {
  return createSession(getDb(), { userId, ip: "192.0.2.1", userAgent: null, secondFactorPending: false }, policy, now);
}

async function sessionsOf(userId: string) {
  return getDb().select().from(sessions).where(eq(sessions.userId, userId));
}

async function auditFor(action: string, entityId?: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), entityId ? eq(auditLog.entityId, entityId) : undefined))
    .orderBy(asc(auditLog.id));
}

async function passwordHashOf(userId: string) {
  const [row] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.hash ?? null;
}

/** A well-formed code that the secret does not accept at `now` (nor one step either side). */
function wrongCode(secret: string, now: Date): string {
  const accepted = [-1, 0, 1].map((step) => totpAt(secret, now.getTime() + step * 30_000));
  return ["000000", "111111", "222222", "333333"].find((code) => !accepted.includes(code)) ?? "444444";
}

function tokenFrom(text: string, path: "reinitialiser" | "invitation"): string {
  const match = new RegExp(`${PUBLIC_URL}/${path}/([\\w-]{43})`).exec(text);
  if (!match?.[1]) throw new Error(`pas de lien /${path}/ dans le texte`);
  return match[1];
}

const failAuditOf = refuserJournal;

afterEach(retablirJournal);

describe("ouverture de session (startSession)", () => {
  it("enregistre la connexion au journal et la date de dernière connexion", async () => {
    const user = await person([{ role: "promeneur" }]);
    const { token } = await startSession(
      ctx(),
      { userId: user.id, ip: "192.0.2.5", userAgent: "UA", secondFactorPending: false },
      policy,
    );
    const [row] = await getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    expect(row).toMatchObject({ userId: user.id, ip: "192.0.2.5", userAgent: "UA", secondFactorPending: false });
    const [updated] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(updated?.lastSignInAt).toEqual(T0);
    const audit = await auditFor("compte.connexion", user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: user.id, changes: { ip: "192.0.2.5" }, requestId: "req-comptes" });
  });

  it("remplace la session précédente du navigateur (pas de fixation de session)", async () => {
    const user = await person([{ role: "promeneur" }]);
    const before = await openSession(user.id);
    const after = await startSession(
      ctx(),
      {
        userId: user.id,
        ip: "192.0.2.5",
        userAgent: null,
        secondFactorPending: false,
        previousSessionId: hashToken(before.token),
      },
      policy,
    );
    expect(after.token).not.toBe(before.token);
    expect((await sessionsOf(user.id)).map((s) => s.id)).toEqual([hashToken(after.token)]);
  });

  it("n'enregistre pas de connexion tant que le code de double authentification manque", async () => {
    const user = await person([{ role: "promeneur" }]);
    const { token } = await startSession(
      ctx(),
      { userId: user.id, ip: "192.0.2.5", userAgent: null, secondFactorPending: true },
      policy,
    );
    expect(
      (
        await getDb()
          .select()
          .from(sessions)
          .where(eq(sessions.id, hashToken(token)))
      )[0]?.secondFactorPending,
    ).toBe(true);
    expect(await auditFor("compte.connexion", user.id)).toHaveLength(0);
    const [updated] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(updated?.lastSignInAt).toBeNull();
  });
});

describe("mot de passe oublié", () => {
  it("prépare un e-mail avec un lien pour une adresse connue, quelle que soit sa casse", async () => {
    const user = await person([{ role: "promeneur" }]);
    const mail = await requestPasswordReset(ctx(), `  ${user.email.toUpperCase()}  `, PUBLIC_URL);
    expect(mail?.to).toBe(user.email);
    expect(mail?.subject).toBe("Réinitialisation de votre mot de passe – Promeneurs du Net");
    expect(mail?.text).toContain(`Bonjour ${user.nom},`);
    const token = tokenFrom(mail?.text ?? "", "reinitialiser");
    const [row] = await getDb().select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(row?.tokenHash).toBe(hashToken(token));
    expect(row?.expiresAt).toEqual(minutes(60));
    expect(await auditFor("compte.reinitialisation.demander", user.id)).toHaveLength(1);
  });

  it("n'envoie rien et n'écrit rien pour une adresse inconnue ou un compte désactivé", async () => {
    const disabled = await person([{ role: "promeneur" }]);
    await getDb().update(users).set({ disabledAt: T0 }).where(eq(users.id, disabled.id));
    const [{ n: before } = { n: 0 }] = await getDb().select({ n: sql<number>`count(*)::int` }).from(passwordResets);
    expect(await requestPasswordReset(ctx(), uniqueEmail("inconnu"), PUBLIC_URL)).toBeNull();
    expect(await requestPasswordReset(ctx(), disabled.email, PUBLIC_URL)).toBeNull();
    const [{ n: after } = { n: 0 }] = await getDb().select({ n: sql<number>`count(*)::int` }).from(passwordResets);
    expect(after).toBe(before);
  });

  it("change le mot de passe une seule fois par lien, ferme toutes les sessions et l'écrit au journal", async () => {
    const user = await person([{ role: "promeneur" }]);
    await openSession(user.id);
    await openSession(user.id);
    const mail = await requestPasswordReset(ctx(), user.email, PUBLIC_URL);
    const token = tokenFrom(mail?.text ?? "", "reinitialiser");
    expect(await findValidReset(ctx(minutes(10)), token)).toMatchObject({ userId: user.id, email: user.email });

    await resetPassword(ctx(minutes(10)), token, NEW_PASSWORD);

    const hash = await passwordHashOf(user.id);
    expect(await verifyPassword(NEW_PASSWORD, hash ?? "")).toBe(true);
    expect(await verifyPassword(PASSWORD, hash ?? "")).toBe(false);
    expect(await sessionsOf(user.id)).toEqual([]);
    const audit = await auditFor("compte.mot_de_passe.reinitialiser", user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.requestId).toBe("req-comptes");
    // Le lien a servi : il ne sert plus.
    expect(await findValidReset(ctx(minutes(11)), token)).toBeNull();
    await expect(resetPassword(ctx(minutes(11)), token, "encore un autre mot de passe")).rejects.toBeInstanceOf(
      NotFound,
    );
    expect(await verifyPassword(NEW_PASSWORD, (await passwordHashOf(user.id)) ?? "")).toBe(true);
  });

  it("rend inutilisables les autres liens envoyés avant une réinitialisation", async () => {
    const user = await person([{ role: "promeneur" }]);
    const older = tokenFrom((await requestPasswordReset(ctx(), user.email, PUBLIC_URL))?.text ?? "", "reinitialiser");
    const newer = tokenFrom(
      (await requestPasswordReset(ctx(minutes(1)), user.email, PUBLIC_URL))?.text ?? "",
      "reinitialiser",
    );
    await resetPassword(ctx(minutes(2)), newer, NEW_PASSWORD);
    expect(await findValidReset(ctx(minutes(3)), older)).toBeNull();
  });

  it("n'envoie pas plus de trois e-mails de réinitialisation par heure pour un même compte", async () => {
    const user = await person([{ role: "promeneur" }]);
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await requestPasswordReset(ctx(minutes(i)), user.email, PUBLIC_URL));
    expect(sent.map((m) => m !== null)).toEqual([true, true, true, false, false]);
    // An hour after the first one, a new link can be asked for.
    expect(await requestPasswordReset(ctx(minutes(61)), user.email, PUBLIC_URL)).not.toBeNull();
  });

  it("refuse un lien expiré après une heure", async () => {
    const user = await person([{ role: "promeneur" }]);
    const mail = await requestPasswordReset(ctx(), user.email, PUBLIC_URL);
    const token = tokenFrom(mail?.text ?? "", "reinitialiser");
    expect(await findValidReset(ctx(minutes(59)), token)).not.toBeNull();
    expect(await findValidReset(ctx(minutes(60)), token)).toBeNull();
    await expect(resetPassword(ctx(minutes(61)), token, NEW_PASSWORD)).rejects.toBeInstanceOf(NotFound);
    expect(await verifyPassword(PASSWORD, (await passwordHashOf(user.id)) ?? "")).toBe(true);
  });

  it("refuse un jeton inventé", async () => {
    await expect(resetPassword(ctx(), "x".repeat(43), NEW_PASSWORD)).rejects.toBeInstanceOf(NotFound);
  });

  it("lève le blocage de connexion : le message de blocage propose de réinitialiser", async () => {
    const user = await person([{ role: "promeneur" }]);
    const ip = "198.51.100.77";
    for (let i = 0; i < 10; i++) {
      await checkCredentials(getDb(), { email: user.email, password: "mauvais", ip }, minutes(i / 60));
    }
    expect(await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip }, minutes(1))).toEqual({
      ok: false,
      reason: "locked",
    });
    const mail = await requestPasswordReset(ctx(minutes(2)), user.email, PUBLIC_URL);
    await resetPassword(ctx(minutes(3)), tokenFrom(mail?.text ?? "", "reinitialiser"), NEW_PASSWORD);
    const result = await checkCredentials(getDb(), { email: user.email, password: NEW_PASSWORD, ip }, minutes(4));
    expect(result.ok).toBe(true);
  });

  it("n'écrit rien quand le journal refuse la réinitialisation", async () => {
    const user = await person([{ role: "promeneur" }]);
    const session = await openSession(user.id);
    const mail = await requestPasswordReset(ctx(), user.email, PUBLIC_URL);
    const token = tokenFrom(mail?.text ?? "", "reinitialiser");
    await failAuditOf("compte.mot_de_passe.reinitialiser");
    await expect(resetPassword(ctx(minutes(5)), token, NEW_PASSWORD)).rejects.toThrow();
    expect(await verifyPassword(PASSWORD, (await passwordHashOf(user.id)) ?? "")).toBe(true);
    expect((await sessionsOf(user.id)).map((s) => s.id)).toEqual([hashToken(session.token)]);
    expect(await findValidReset(ctx(minutes(5)), token)).not.toBeNull();
  });

  it("n'enregistre pas de demande quand le journal la refuse", async () => {
    const user = await person([{ role: "promeneur" }]);
    await failAuditOf("compte.reinitialisation.demander");
    await expect(requestPasswordReset(ctx(), user.email, PUBLIC_URL)).rejects.toThrow();
    expect(await getDb().select().from(passwordResets).where(eq(passwordResets.userId, user.id))).toEqual([]);
  });
});

describe("invitations", () => {
  let coordinator04: Actor;
  let coordinator05: Actor;
  let national: Actor;

  beforeAll(async () => {
    coordinator04 = await actorOf((await person([{ role: "coordinateur", departement: "04" }])).id);
    coordinator05 = await actorOf((await person([{ role: "coordinateur", departement: "05" }])).id);
    national = await actorOf((await person([{ role: "national" }])).id);
  });

  const input = (overrides: Partial<InviteInput> = {}): InviteInput => ({
    email: uniqueEmail("invite"),
    nom: "Camille Invitée",
    role: "promeneur",
    departement: "04",
    ...overrides,
  });

  async function invitationsTo(email: string) {
    return getDb().select().from(invitations).where(eq(invitations.email, email)).orderBy(asc(invitations.createdAt));
  }

  it("invite une personne : une ligne, son journal et un e-mail avec le lien", async () => {
    const email = uniqueEmail("Invite.Majuscules");
    const { invitationId, mail } = await inviteUser(
      ctx(),
      coordinator04,
      input({ email: ` ${email.toUpperCase()} ` }),
      PUBLIC_URL,
    );
    const lower = email.toLowerCase();
    expect(mail.to).toBe(lower);
    expect(mail.subject).toBe("Invitation à rejoindre l'espace Promeneurs du Net");
    expect(mail.text).toContain("Bonjour Camille Invitée,");
    expect(mail.text).toContain("(04) avec le rôle « Promeneur du Net »");
    const token = tokenFrom(mail.text, "invitation");
    const [row] = await invitationsTo(lower);
    expect(row).toMatchObject({
      id: invitationId,
      email: lower,
      role: "promeneur",
      departement: "04",
      structureId: null,
      invitedBy: coordinator04.userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(T0.getTime() + 14 * 24 * 3_600_000),
      acceptedAt: null,
      revokedAt: null,
    });
    const audit = await auditFor("invitation.creer", invitationId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: coordinator04.userId,
      departement: "04",
      changes: { email: lower, role: "promeneur", structureId: null },
      requestId: "req-comptes",
    });
  });

  it("crée le compte à l'acceptation, avec le rôle dans le département et la structure", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const email = uniqueEmail("referent");
    const { mail } = await inviteUser(
      ctx(),
      coordinator04,
      input({ email, role: "referent", structureId: structure.id }),
      PUBLIC_URL,
    );
    const token = tokenFrom(mail.text, "invitation");
    expect(await findValidInvitation(ctx(minutes(5)), token)).toMatchObject({ email, existingUserId: null });

    const { userId } = await acceptInvitation(ctx(minutes(5)), token, NEW_PASSWORD);

    const [user] = await getDb().select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ email, nom: "Camille Invitée", passwordChangedAt: minutes(5) });
    const roles = await getDb().select().from(userRoles).where(eq(userRoles.userId, userId));
    expect(roles.map((r) => ({ role: r.role, departement: r.departement, structureId: r.structureId }))).toEqual([
      { role: "referent", departement: "04", structureId: structure.id },
    ]);
    expect((await invitationsTo(email))[0]?.acceptedAt).toEqual(minutes(5));
    const audit = await auditFor("invitation.accepter", userId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ departement: "04", changes: { role: "referent", structureId: structure.id } });
    // Le nouveau compte se connecte avec le mot de passe choisi.
    expect(
      await checkCredentials(getDb(), { email, password: NEW_PASSWORD, ip: "192.0.2.50" }, minutes(6)),
    ).toMatchObject({
      ok: true,
      userId,
    });
    // L'invitation ne sert qu'une fois.
    expect(await findValidInvitation(ctx(minutes(7)), token)).toBeNull();
    await expect(acceptInvitation(ctx(minutes(7)), token, NEW_PASSWORD)).rejects.toBeInstanceOf(NotFound);
  });

  it("ajoute le rôle à un compte existant qui accepte avec son mot de passe", async () => {
    const existing = await person([{ role: "promeneur", departement: "04" }]);
    const { mail } = await inviteUser(
      ctx(),
      coordinator04,
      input({ email: existing.email, role: "copil" }),
      PUBLIC_URL,
    );
    const token = tokenFrom(mail.text, "invitation");
    expect(await findValidInvitation(ctx(), token)).toMatchObject({ existingUserId: existing.id });

    await expect(acceptInvitation(ctx(), token, "pas le bon mot de passe")).rejects.toMatchObject({
      field: "password",
    });
    expect((await invitationsTo(existing.email))[0]?.acceptedAt).toBeNull();

    const { userId } = await acceptInvitation(ctx(), token, PASSWORD);
    expect(userId).toBe(existing.id);
    const roles = await getDb().select().from(userRoles).where(eq(userRoles.userId, existing.id));
    expect(roles.map((r) => r.role).sort()).toEqual(["copil", "promeneur"]);
    // Le mot de passe du compte n'a pas changé.
    expect(await passwordHashOf(existing.id)).toBe(cheapHash);
  });

  it("refuse une invitation expirée après quatorze jours", async () => {
    const email = uniqueEmail("expire");
    const { mail } = await inviteUser(ctx(), coordinator04, input({ email }), PUBLIC_URL);
    const token = tokenFrom(mail.text, "invitation");
    const later = new Date(T0.getTime() + 14 * 24 * 3_600_000);
    expect(await findValidInvitation(ctx(later), token)).toBeNull();
    await expect(acceptInvitation(ctx(later), token, NEW_PASSWORD)).rejects.toBeInstanceOf(NotFound);
    expect(await getDb().select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it("exige pour un référent une structure du même département", async () => {
    const structure05 = await insertStructure(getDb(), { departement: "05", communeCode: "05061" });
    const email = uniqueEmail("referent");
    await expect(
      inviteUser(ctx(), coordinator04, input({ email, role: "referent", structureId: structure05.id }), PUBLIC_URL),
    ).rejects.toMatchObject({ field: "structureId" });
    await expect(
      inviteUser(ctx(), coordinator04, input({ email, role: "referent", structureId: undefined }), PUBLIC_URL),
    ).rejects.toMatchObject({ field: "structureId" });
    expect(await invitationsTo(email)).toEqual([]);
  });

  it("ne laisse pas un coordinateur du 05 inviter dans le 04", async () => {
    const email = uniqueEmail("hors-perimetre");
    const error = await inviteUser(ctx(), coordinator05, input({ email, departement: "04" }), PUBLIC_URL).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(Invalid);
    expect(error).toMatchObject({ field: "role" });
    expect(await invitationsTo(email)).toEqual([]);
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "invitation.creer"), sql`${auditLog.changes}->>'email' = ${email}`));
    expect(audit).toEqual([]);
  });

  it("ne laisse inviter ni un membre du comité de pilotage ni un promeneur", async () => {
    const copil = await actorOf((await person([{ role: "copil", departement: "04" }])).id);
    const promeneur = await actorOf((await person([{ role: "promeneur", departement: "04" }])).id);
    for (const actor of [copil, promeneur]) {
      await expect(inviteUser(ctx(), actor, input(), PUBLIC_URL)).rejects.toMatchObject({ field: "role" });
    }
  });

  it("laisse le rôle national inviter un coordinateur dans un autre département", async () => {
    const email = uniqueEmail("coord05");
    await inviteUser(ctx(), national, input({ email, role: "coordinateur", departement: "05" }), PUBLIC_URL);
    expect((await invitationsTo(email))[0]).toMatchObject({ role: "coordinateur", departement: "05" });
  });

  it("refuse d'inviter une personne qui a déjà ce rôle dans ce département", async () => {
    const existing = await person([{ role: "promeneur", departement: "04" }]);
    await expect(
      inviteUser(ctx(), coordinator04, input({ email: existing.email.toUpperCase() }), PUBLIC_URL),
    ).rejects.toMatchObject({ field: "email" });
    // Même si le formulaire a aussi choisi une structure, qu'un promeneur ne garde pas.
    const structure = await insertStructure(getDb(), { departement: "04" });
    await expect(
      inviteUser(ctx(), coordinator04, input({ email: existing.email, structureId: structure.id }), PUBLIC_URL),
    ).rejects.toMatchObject({ field: "email" });
    expect(await invitationsTo(existing.email)).toEqual([]);
  });

  it("remplace une invitation en attente pour la même personne et le même rôle", async () => {
    const email = uniqueEmail("deux-fois");
    const first = await inviteUser(ctx(), coordinator04, input({ email }), PUBLIC_URL);
    const second = await inviteUser(ctx(minutes(1)), coordinator04, input({ email }), PUBLIC_URL);
    const rows = await invitationsTo(email);
    expect(rows.find((r) => r.id === first.invitationId)?.revokedAt).toEqual(minutes(1));
    expect(rows.find((r) => r.id === second.invitationId)?.revokedAt).toBeNull();
    expect(await findValidInvitation(ctx(minutes(2)), tokenFrom(first.mail.text, "invitation"))).toBeNull();
    expect(await findValidInvitation(ctx(minutes(2)), tokenFrom(second.mail.text, "invitation"))).not.toBeNull();
  });

  it("garde l'invitation d'un référent pour une structure quand on l'invite pour une autre", async () => {
    const a = await insertStructure(getDb(), { departement: "04" });
    const b = await insertStructure(getDb(), { departement: "04" });
    const email = uniqueEmail("deux-structures");
    const first = await inviteUser(
      ctx(),
      coordinator04,
      input({ email, role: "referent", structureId: a.id }),
      PUBLIC_URL,
    );
    await inviteUser(ctx(minutes(1)), coordinator04, input({ email, role: "referent", structureId: b.id }), PUBLIC_URL);
    const token = tokenFrom(first.mail.text, "invitation");
    expect(await findValidInvitation(ctx(minutes(2)), token)).toMatchObject({ structureId: a.id });
  });

  it("n'écrit rien, et garde l'invitation précédente, quand le journal refuse la nouvelle", async () => {
    const email = uniqueEmail("echec");
    const first = await inviteUser(ctx(), coordinator04, input({ email }), PUBLIC_URL);
    await failAuditOf("invitation.creer");
    await expect(inviteUser(ctx(minutes(1)), coordinator04, input({ email }), PUBLIC_URL)).rejects.toThrow();
    const rows = await invitationsTo(email);
    expect(rows.map((r) => ({ id: r.id, revokedAt: r.revokedAt }))).toEqual([
      { id: first.invitationId, revokedAt: null },
    ]);
  });

  it("ne crée pas de compte quand le journal refuse l'acceptation", async () => {
    const email = uniqueEmail("echec-acceptation");
    const { mail } = await inviteUser(ctx(), coordinator04, input({ email }), PUBLIC_URL);
    const token = tokenFrom(mail.text, "invitation");
    await failAuditOf("invitation.accepter");
    await expect(acceptInvitation(ctx(), token, NEW_PASSWORD)).rejects.toThrow();
    expect(await getDb().select().from(users).where(eq(users.email, email))).toEqual([]);
    expect((await invitationsTo(email))[0]?.acceptedAt).toBeNull();
  });

  async function promeneurOf(id: string) {
    const [row] = await getDb().select().from(promeneurs).where(eq(promeneurs.id, id));
    return row;
  }

  it("relie l'invitation d'un promeneur à sa fiche importée sans compte (même adresse, quelle que soit la casse)", async () => {
    const email = uniqueEmail("importe");
    const fiche = await insertPromeneur(getDb(), { departement: "04", statut: "actif", email: email.toUpperCase() });
    const { invitationId, mail } = await inviteUser(ctx(), coordinator04, input({ email }), PUBLIC_URL);
    const [invitation] = await getDb().select().from(invitations).where(eq(invitations.id, invitationId));
    expect(invitation?.promeneurId).toBe(fiche.id);
    expect((await auditFor("invitation.creer", invitationId))[0]?.changes).toMatchObject({ promeneurId: fiche.id });
    const { userId } = await acceptInvitation(ctx(minutes(1)), tokenFrom(mail.text, "invitation"), NEW_PASSWORD);
    expect((await promeneurOf(fiche.id))?.userId).toBe(userId);
    const roles = await getDb().select().from(userRoles).where(eq(userRoles.userId, userId));
    expect(roles.map((r) => `${r.role} ${r.departement}`)).toEqual(["promeneur 04"]);
  });

  it("ne relie pas l'invitation à une fiche sortie, ni à celle d'un autre rôle que promeneur", async () => {
    const email = uniqueEmail("sortie");
    await insertPromeneur(getDb(), { departement: "04", statut: "sorti", email });
    const sortie = await inviteUser(ctx(), coordinator04, input({ email }), PUBLIC_URL);
    const email2 = uniqueEmail("copil");
    await insertPromeneur(getDb(), { departement: "04", statut: "actif", email: email2 });
    const copil = await inviteUser(ctx(), coordinator04, input({ email: email2, role: "copil" }), PUBLIC_URL);
    const rows = await getDb()
      .select()
      .from(invitations)
      .where(sql`${invitations.id} in (${sortie.invitationId}, ${copil.invitationId})`);
    expect(rows.map((r) => r.promeneurId)).toEqual([null, null]);
  });

  it("libère la fiche d'un promeneur sorti quand son compte accepte l'invitation d'une nouvelle fiche", async () => {
    const existing = await person();
    const ancienne = await insertPromeneur(getDb(), {
      departement: "04",
      statut: "sorti",
      email: existing.email,
      userId: existing.id,
    });
    const nouvelle = await insertPromeneur(getDb(), { departement: "04", statut: "accepte", email: existing.email });
    const { mail } = await inviteUser(ctx(), coordinator04, input({ email: existing.email }), PUBLIC_URL);
    await acceptInvitation(ctx(minutes(1)), tokenFrom(mail.text, "invitation"), PASSWORD);
    expect((await promeneurOf(nouvelle.id))?.userId).toBe(existing.id);
    expect((await promeneurOf(ancienne.id))?.userId).toBeNull();
    const [audit] = await auditFor("invitation.accepter", existing.id);
    expect(audit?.changes).toMatchObject({ promeneurId: nouvelle.id, ancienneFicheDeliee: ancienne.id });
  });

  it("refuse, par une erreur du formulaire, le compte d'un promeneur encore en activité pour une autre fiche", async () => {
    const existing = await person([{ role: "promeneur", departement: "05" }]);
    const active = await insertPromeneur(getDb(), { departement: "05", statut: "actif", userId: existing.id });
    const autre = await insertPromeneur(getDb(), { departement: "04", statut: "accepte" });
    const { token } = await getDb().transaction((tx) =>
      insertInvitation(
        tx,
        {
          email: existing.email,
          nom: existing.nom,
          role: "promeneur",
          departement: "04",
          structureId: null,
          promeneurId: autre.id,
          invitedBy: coordinator04.userId,
        },
        T0,
      ),
    );
    const error = await acceptInvitation(ctx(minutes(1)), token, PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect((error as Error).message).toContain("déjà celui d'un autre promeneur");
    expect((await promeneurOf(active.id))?.userId).toBe(existing.id);
    expect((await promeneurOf(autre.id))?.userId).toBeNull();
    const roles = await getDb().select().from(userRoles).where(eq(userRoles.userId, existing.id));
    expect(roles.map((r) => `${r.role} ${r.departement}`)).toEqual(["promeneur 05"]);
    expect(await findValidInvitation(ctx(minutes(2)), token)).not.toBeNull();
  });

  it("laisse le coordinateur du département annuler une invitation, pas celui d'un autre", async () => {
    const email = uniqueEmail("annulee");
    const { invitationId, mail } = await inviteUser(ctx(), coordinator04, input({ email }), PUBLIC_URL);
    await expect(revokeInvitation(ctx(), coordinator05, invitationId, ["05"])).rejects.toBeInstanceOf(NotFound);
    expect((await invitationsTo(email))[0]?.revokedAt).toBeNull();
    await revokeInvitation(ctx(minutes(1)), coordinator04, invitationId, ["04"]);
    expect((await invitationsTo(email))[0]?.revokedAt).toEqual(minutes(1));
    expect(await findValidInvitation(ctx(minutes(2)), tokenFrom(mail.text, "invitation"))).toBeNull();
    const audit = await auditFor("invitation.annuler", invitationId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: coordinator04.userId, departement: "04" });
  });
});

describe("changement de mot de passe", () => {
  it("refuse un mot de passe actuel erroné sans rien changer", async () => {
    const user = await person([{ role: "promeneur" }]);
    const actor = await actorOf(user.id);
    await expect(changePassword(ctx(), actor, "erroné", NEW_PASSWORD)).rejects.toMatchObject({ field: "current" });
    expect(await passwordHashOf(user.id)).toBe(cheapHash);
    expect(await auditFor("compte.mot_de_passe.changer", user.id)).toEqual([]);
  });

  it("change le mot de passe, ferme les autres sessions et garde la session courante", async () => {
    const user = await person([{ role: "promeneur" }]);
    const current = await openSession(user.id);
    const other = await openSession(user.id);
    const actor = { ...(await actorOf(user.id)), sessionId: hashToken(current.token) };
    await changePassword(ctx(minutes(1)), actor, PASSWORD, NEW_PASSWORD);
    expect(await verifyPassword(NEW_PASSWORD, (await passwordHashOf(user.id)) ?? "")).toBe(true);
    const remaining = (await sessionsOf(user.id)).map((s) => s.id);
    expect(remaining).toEqual([hashToken(current.token)]);
    expect(remaining).not.toContain(hashToken(other.token));
    const [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordChangedAt).toEqual(minutes(1));
    expect(await auditFor("compte.mot_de_passe.changer", user.id)).toHaveLength(1);
  });

  it("ne change rien quand le journal refuse le changement", async () => {
    const user = await person([{ role: "promeneur" }]);
    const current = await openSession(user.id);
    await openSession(user.id);
    const actor = { ...(await actorOf(user.id)), sessionId: hashToken(current.token) };
    await failAuditOf("compte.mot_de_passe.changer");
    await expect(changePassword(ctx(), actor, PASSWORD, NEW_PASSWORD)).rejects.toThrow();
    expect(await passwordHashOf(user.id)).toBe(cheapHash);
    expect(await sessionsOf(user.id)).toHaveLength(2);
  });
});

describe("double authentification", () => {
  it("prépare une clé inactive, l'active avec un code de l'application, puis la désactive avec le mot de passe", async () => {
    const user = await person([{ role: "coordinateur", departement: "04" }]);
    const actor = await actorOf(user.id);

    const secret = await prepareTotp(ctx(), actor);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    let [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: secret, totpEnabledAt: null });
    // Tant qu'elle n'est pas activée, la connexion ne demande pas de code.
    expect(
      await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: "192.0.2.60" }, T0),
    ).toMatchObject({
      hasTotp: false,
    });

    await expect(enableTotp(ctx(), actor, wrongCode(secret, T0))).rejects.toMatchObject({ field: "code" });
    expect((await getDb().select().from(users).where(eq(users.id, user.id)))[0]?.totpEnabledAt).toBeNull();

    await enableTotp(ctx(), actor, totpAt(secret, T0.getTime()));
    [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(row?.totpEnabledAt).toEqual(T0);
    expect(await auditFor("compte.totp.activer", user.id)).toHaveLength(1);
    expect(
      await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: "192.0.2.60" }, T0),
    ).toMatchObject({
      hasTotp: true,
    });

    await expect(disableTotp(ctx(), actor, "erroné")).rejects.toMatchObject({ field: "password" });
    expect((await getDb().select().from(users).where(eq(users.id, user.id)))[0]?.totpEnabledAt).toEqual(T0);

    await disableTotp(ctx(), actor, PASSWORD);
    [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await auditFor("compte.totp.desactiver", user.id)).toHaveLength(1);
  });

  it("refuse l'activation sans clé préparée", async () => {
    const user = await person([{ role: "promeneur" }]);
    await expect(enableTotp(ctx(), await actorOf(user.id), "123456")).rejects.toMatchObject({ field: "code" });
  });

  it("ne laisse pas remplacer une double authentification active sans le mot de passe", async () => {
    const user = await person([{ role: "coordinateur", departement: "04" }]);
    const actor = await actorOf(user.id);
    const secret = await prepareTotp(ctx(), actor);
    await enableTotp(ctx(), actor, totpAt(secret, T0.getTime()));
    await expect(prepareTotp(ctx(minutes(1)), actor)).rejects.toBeInstanceOf(Invalid);
    const [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: secret, totpEnabledAt: T0 });
  });

  it("termine une connexion en attente avec le bon code et remplace la session", async () => {
    const user = await person([{ role: "coordinateur", departement: "04" }]);
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    await getDb().update(users).set({ totpSecret: secret, totpEnabledAt: T0 }).where(eq(users.id, user.id));
    const pending = await startSession(
      ctx(),
      { userId: user.id, ip: "192.0.2.61", userAgent: null, secondFactorPending: true },
      policy,
    );
    const pendingId = hashToken(pending.token);

    const wrong = wrongCode(secret, T0);
    expect(
      await completeSecondFactor(
        ctx(),
        { sessionId: pendingId, code: wrong, ip: "192.0.2.61", userAgent: null },
        policy,
      ),
    ).toEqual({
      ok: false,
    });
    expect((await sessionsOf(user.id)).map((s) => s.id)).toEqual([pendingId]);

    const result = await completeSecondFactor(
      ctx(),
      { sessionId: pendingId, code: totpAt(secret, T0.getTime()), ip: "192.0.2.61", userAgent: null },
      policy,
    );
    expect(result).toMatchObject({ ok: true, userId: user.id });
    const token = result.ok ? result.token : "";
    const live = await findLiveSession(getDb(), token, policy, minutes(1));
    expect(live).toMatchObject({ userId: user.id, secondFactorPending: false });
    expect((await sessionsOf(user.id)).map((s) => s.id)).toEqual([hashToken(token)]);
    expect(await auditFor("compte.connexion", user.id)).toHaveLength(1);
    // La session en attente a disparu : le même code ne resservira pas avec elle.
    expect(
      await completeSecondFactor(
        ctx(),
        { sessionId: pendingId, code: totpAt(secret, T0.getTime()), ip: "x", userAgent: null },
        policy,
      ),
    ).toEqual({ ok: false });
  });

  it("refuse de compléter une session qui n'attend pas de code", async () => {
    const user = await person([{ role: "coordinateur", departement: "04" }]);
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    await getDb().update(users).set({ totpSecret: secret, totpEnabledAt: T0 }).where(eq(users.id, user.id));
    const open = await openSession(user.id);
    expect(
      await completeSecondFactor(
        ctx(),
        { sessionId: hashToken(open.token), code: totpAt(secret, T0.getTime()), ip: "x", userAgent: null },
        policy,
      ),
    ).toEqual({ ok: false });
  });

  it("n'accepte jamais deux fois le même code, même pour une nouvelle connexion", async () => {
    const user = await person([{ role: "coordinateur", departement: "04" }]);
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    await getDb().update(users).set({ totpSecret: secret, totpEnabledAt: T0 }).where(eq(users.id, user.id));
    const code = totpAt(secret, T0.getTime());
    const pendingSession = async () =>
      hashToken(
        (
          await startSession(
            ctx(),
            { userId: user.id, ip: "192.0.2.62", userAgent: null, secondFactorPending: true },
            policy,
          )
        ).token,
      );
    const first = await completeSecondFactor(
      ctx(),
      { sessionId: await pendingSession(), code, ip: "192.0.2.62", userAgent: null },
      policy,
    );
    expect(first.ok).toBe(true);
    const replay = await completeSecondFactor(
      ctx(),
      { sessionId: await pendingSession(), code, ip: "192.0.2.62", userAgent: null },
      policy,
    );
    expect(replay).toEqual({ ok: false });
    // The next code (30 seconds later) works.
    const next = await completeSecondFactor(
      { ...ctx(), now: new Date(T0.getTime() + 30_000) },
      {
        sessionId: await pendingSession(),
        code: totpAt(secret, T0.getTime() + 30_000),
        ip: "192.0.2.62",
        userAgent: null,
      },
      policy,
    );
    expect(next.ok).toBe(true);
  });
});
