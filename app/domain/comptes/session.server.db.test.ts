import { sessions, signInAttempts, users } from "@db/schema";
import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { actorContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { rootMiddleware } from "~/server/root-middleware.server";
import { insertUser } from "../../../tests/factories/user";
import type { Actor } from "./actor";
import {
  createSession,
  deleteExpiredSessions,
  deleteUserSessions,
  findLiveSession,
  findLiveSessionWithActor,
  loadActor,
  pruneAccountData,
  type SessionPolicy,
} from "./session.server";
import { hashToken } from "./tokens.server";

const policy: SessionPolicy = { idleMinutes: 120, maxHours: 12 };
const T0 = new Date("2025-03-10T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function open(userId: string, options: { pending?: boolean; now?: Date } = {}) {
  return createSession(
    getDb(),
    { userId, ip: "192.0.2.10", userAgent: "Navigateur d'essai", secondFactorPending: options.pending ?? false },
    policy,
    options.now ?? T0,
  );
}

async function sessionRow(token: string) {
  const [row] = await getDb()
    .select()
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return row;
}

/** Runs the root middleware for a GET with this session cookie; the actor the pages would see. */
async function actorThroughMiddleware(token: string): Promise<{ actor: Actor | null; response: Response }> {
  const context = new RouterContextProvider();
  let actor: Actor | null = null;
  const request = new Request("http://localhost:3000/espace", { headers: { cookie: `pdn_session=${token}` } });
  const response = (await rootMiddleware({ request, context, params: {} } as never, async () => {
    actor = context.get(actorContext);
    return new Response("ok");
  })) as Response;
  return { actor, response };
}

describe("sessions", () => {
  it("ne garde en base que l'empreinte du jeton, avec les échéances de la politique", async () => {
    const user = await insertUser(getDb());
    const { token, expiresAt } = await open(user.id);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(expiresAt).toEqual(new Date(T0.getTime() + 12 * 3_600_000));
    const row = await sessionRow(token);
    expect(row).toMatchObject({
      userId: user.id,
      createdAt: T0,
      lastSeenAt: T0,
      expiresAt,
      secondFactorPending: false,
    });
    const [byToken] = await getDb().select().from(sessions).where(eq(sessions.id, token));
    expect(byToken).toBeUndefined();
  });

  it("retrouve une session active et son acteur", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "coordinateur", departement: "04" }] });
    const { token } = await open(user.id);
    const session = await findLiveSession(getDb(), token, policy, minutes(30));
    expect(session).toMatchObject({ id: hashToken(token), userId: user.id, secondFactorPending: false });
    const actor = await loadActor(getDb(), session as NonNullable<typeof session>);
    expect(actor).toMatchObject({
      userId: user.id,
      email: user.email,
      sessionId: hashToken(token),
      totpEnabled: false,
      roles: [{ role: "coordinateur", departement: "04", structureId: null }],
    });
  });

  it("ignore un jeton inconnu, vide ou démesuré", async () => {
    expect(await findLiveSession(getDb(), "inconnu", policy, T0)).toBeNull();
    expect(await findLiveSession(getDb(), "", policy, T0)).toBeNull();
    expect(await findLiveSession(getDb(), "x".repeat(101), policy, T0)).toBeNull();
  });

  it("expire une session inactive depuis idleMinutes et supprime sa ligne", async () => {
    const user = await insertUser(getDb());
    const { token } = await open(user.id);
    expect(await findLiveSession(getDb(), token, policy, minutes(119))).not.toBeNull();
    const other = await open(user.id);
    expect(await findLiveSession(getDb(), other.token, policy, minutes(120))).toBeNull();
    expect(await sessionRow(other.token)).toBeUndefined();
  });

  it("repousse l'inactivité à chaque visite en rafraîchissant lastSeenAt", async () => {
    const user = await insertUser(getDb());
    const { token } = await open(user.id);
    await findLiveSession(getDb(), token, policy, minutes(100));
    expect((await sessionRow(token))?.lastSeenAt).toEqual(minutes(100));
    // 100 + 119 minutes : toujours active, car vue il y a moins de 120 minutes.
    expect(await findLiveSession(getDb(), token, policy, minutes(219))).not.toBeNull();
  });

  it("n'écrit lastSeenAt qu'une fois par minute au plus", async () => {
    const user = await insertUser(getDb());
    const { token } = await open(user.id);
    await findLiveSession(getDb(), token, policy, new Date(T0.getTime() + 30_000));
    expect((await sessionRow(token))?.lastSeenAt).toEqual(T0);
    await findLiveSession(getDb(), token, policy, new Date(T0.getTime() + 61_000));
    expect((await sessionRow(token))?.lastSeenAt).toEqual(new Date(T0.getTime() + 61_000));
  });

  it("expire une session à son échéance absolue, même active", async () => {
    const user = await insertUser(getDb());
    const { token } = await open(user.id);
    for (let hour = 1; hour < 12; hour++) {
      expect(await findLiveSession(getDb(), token, policy, minutes(hour * 60))).not.toBeNull();
    }
    expect(await findLiveSession(getDb(), token, policy, minutes(12 * 60))).toBeNull();
    expect(await sessionRow(token)).toBeUndefined();
  });

  it("ne donne pas d'acteur pour un compte désactivé", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "promeneur" }] });
    const { token } = await open(user.id);
    await getDb().update(users).set({ disabledAt: T0 }).where(eq(users.id, user.id));
    const session = await findLiveSession(getDb(), token, policy, minutes(1));
    expect(session).not.toBeNull();
    expect(await loadActor(getDb(), session as NonNullable<typeof session>)).toBeNull();
  });

  it("supprime toutes les sessions d'une personne, et seulement les siennes", async () => {
    const user = await insertUser(getDb());
    const other = await insertUser(getDb());
    const a = await open(user.id);
    const b = await open(user.id);
    const c = await open(other.id);
    await deleteUserSessions(getDb(), user.id);
    expect(await sessionRow(a.token)).toBeUndefined();
    expect(await sessionRow(b.token)).toBeUndefined();
    expect(await sessionRow(c.token)).toBeDefined();
  });

  it("fait le ménage des sessions expirées ou inactives, sans toucher aux autres", async () => {
    const user = await insertUser(getDb());
    const old = await open(user.id, { now: minutes(-13 * 60) }); // échéance absolue passée
    const idle = await open(user.id, { now: minutes(-121) }); // inactive depuis plus de 120 minutes
    const live = await open(user.id, { now: minutes(-10) });
    await deleteExpiredSessions(getDb(), policy, T0);
    expect(await sessionRow(old.token)).toBeUndefined();
    expect(await sessionRow(idle.token)).toBeUndefined();
    expect(await sessionRow(live.token)).toBeDefined();
  });
});

describe("findLiveSessionWithActor (une requête au lieu de deux, à chaque page)", () => {
  it("donne la même session et le même acteur que findLiveSession puis loadActor, rôles dans l'ordre", async () => {
    const user = await insertUser(getDb(), {
      roles: [
        { role: "coordinateur", departement: "04" },
        { role: "copil", departement: "05" },
      ],
    });
    const { token } = await open(user.id);
    const found = await findLiveSessionWithActor(getDb(), token, policy, minutes(30));
    const session = await findLiveSession(getDb(), token, policy, minutes(30));
    expect(found?.session).toEqual(session);
    expect(found?.actor).toEqual(await loadActor(getDb(), session as NonNullable<typeof session>));
    expect(found?.actor?.roles.map((r) => r.role)).toEqual(["coordinateur", "copil"]);
    // A person without a role is still a person (a single row, no role).
    const seul = await insertUser(getDb());
    const autre = await open(seul.id);
    expect((await findLiveSessionWithActor(getDb(), autre.token, policy, minutes(1)))?.actor).toMatchObject({
      userId: seul.id,
      roles: [],
    });
  });

  it("garde la session sans acteur pour un compte désactivé ou un second facteur attendu", async () => {
    const desactive = await insertUser(getDb(), { roles: [{ role: "promeneur" }] });
    const a = await open(desactive.id);
    await getDb().update(users).set({ disabledAt: T0 }).where(eq(users.id, desactive.id));
    const b = await open((await insertUser(getDb(), { roles: [{ role: "national" }] })).id, { pending: true });
    for (const { token } of [a, b]) {
      const found = await findLiveSessionWithActor(getDb(), token, policy, minutes(1));
      expect(found?.session.id).toBe(hashToken(token));
      expect(found?.actor).toBeNull();
    }
  });

  it("supprime une session expirée et ne rend rien, comme findLiveSession", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "promeneur" }] });
    const { token } = await open(user.id);
    expect(await findLiveSessionWithActor(getDb(), token, policy, minutes(12 * 60))).toBeNull();
    expect(await sessionRow(token)).toBeUndefined();
    expect(await findLiveSessionWithActor(getDb(), "x".repeat(101), policy, T0)).toBeNull();
  });
});

describe("ménage au démarrage", () => {
  it("supprime les tentatives de connexion de plus de 30 jours et garde les récentes", async () => {
    const email = `menage-${Date.now()}@essai.pdn.fr`;
    await getDb()
      .insert(signInAttempts)
      .values([
        { email, ip: "192.0.2.90", success: false, at: new Date(T0.getTime() - 31 * 86_400_000) },
        { email, ip: "192.0.2.90", success: false, at: new Date(T0.getTime() - 29 * 86_400_000) },
      ]);
    await pruneAccountData(getDb(), policy, T0);
    const left = await getDb().select().from(signInAttempts).where(eq(signInAttempts.email, email));
    expect(left.map((a) => a.at)).toEqual([new Date(T0.getTime() - 29 * 86_400_000)]);
  });
});

describe("middleware racine et sessions", () => {
  it("donne l'acteur d'une session ouverte aux pages", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "copil", departement: "04" }] });
    const { token } = await open(user.id, { now: new Date() });
    const { actor, response } = await actorThroughMiddleware(token);
    expect(actor?.userId).toBe(user.id);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("ne donne pas d'acteur pour une session en attente du code de double authentification", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "coordinateur", departement: "04" }] });
    const { token } = await open(user.id, { pending: true, now: new Date() });
    const { actor, response } = await actorThroughMiddleware(token);
    expect(actor).toBeNull();
    // La session reste, pour que la page de vérification la retrouve.
    expect((await sessionRow(token))?.secondFactorPending).toBe(true);
    expect(response.headers.get("Set-Cookie") ?? "").not.toContain("pdn_session=;");
  });

  it("efface le cookie d'une session expirée", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "promeneur" }] });
    const { token } = await open(user.id, { now: new Date(Date.now() - 13 * 3_600_000) });
    const { actor, response } = await actorThroughMiddleware(token);
    expect(actor).toBeNull();
    expect(response.headers.get("Set-Cookie")).toContain("pdn_session=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0");
  });
});
