import { signInAttempts, users } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { insertUser } from "../../../tests/factories/user";
import { hashPassword } from "./password.server";
import { checkCredentials, LOCK_MINUTES, MAX_FAILURES_PER_ACCOUNT_AND_IP, MAX_FAILURES_PER_IP } from "./sign-in.server";

const PASSWORD = "le bon mot de passe 04";
// Cheaper scrypt parameters (stored with the hash) keep dozens of attempts fast.
let cheapHash: string;
beforeAll(async () => {
  cheapHash = await hashPassword(PASSWORD, 10);
});

const T0 = new Date("2025-03-10T09:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
// The per-address counter spans accounts: every test takes its own addresses.
let ipCounter = 0;
const freshIp = () => {
  ipCounter += 1;
  return `203.0.113.${ipCounter}`;
};

let counter = 0;
async function account() {
  counter += 1;
  return insertUser(getDb(), {
    email: `connexion${counter}-${Date.now()}@essai.pdn.fr`,
    passwordHash: cheapHash,
    roles: [{ role: "promeneur" }],
  });
}

/** `count` wrong passwords for `email` from `ip`, one second apart from `start`; the answers. */
async function fail(email: string, ip: string, count: number, start: number) {
  const reasons: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await checkCredentials(getDb(), { email, password: "mauvais", ip }, at(start + i));
    reasons.push(result.ok ? "ok" : result.reason);
  }
  return reasons;
}

describe("connexion par mot de passe (checkCredentials)", () => {
  it("accepte le bon mot de passe, quelle que soit la casse de l'adresse", async () => {
    const ip = freshIp();
    const user = await account();
    const result = await checkCredentials(
      getDb(),
      { email: `  ${user.email.toUpperCase()} `, password: PASSWORD, ip: ip },
      at(0),
    );
    expect(result).toEqual({ ok: true, userId: user.id, hasTotp: false });
    const rows = await getDb().select().from(signInAttempts).where(eq(signInAttempts.email, user.email));
    expect(rows.map((r) => ({ ip: r.ip, success: r.success }))).toEqual([{ ip: ip, success: true }]);
  });

  it("bloque le compte après dix mots de passe erronés depuis la même adresse", async () => {
    const ip = freshIp();
    expect(MAX_FAILURES_PER_ACCOUNT_AND_IP).toBe(10);
    const user = await account();
    const reasons = await fail(user.email, ip, 10, 0);
    expect(reasons).toEqual([...Array(9).fill("invalid"), "locked"]);
    // La onzième tentative, avec le BON mot de passe, est refusée.
    const right = await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: ip }, at(11));
    expect(right).toEqual({ ok: false, reason: "locked" });
    // Refusée sans être comptée ni vérifiée.
    const rows = await getDb().select().from(signInAttempts).where(eq(signInAttempts.email, user.email));
    expect(rows).toHaveLength(10);
  });

  it("ne bloque pas le même compte depuis une autre adresse", async () => {
    const ip = freshIp();
    const otherIp = freshIp();
    const user = await account();
    await fail(user.email, ip, 10, 0);
    const result = await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: otherIp }, at(12));
    expect(result.ok).toBe(true);
  });

  it("compte ensemble les erreurs d'une même adresse écrite avec une casse différente", async () => {
    const ip = freshIp();
    const user = await account();
    await fail(user.email, ip, 5, 0);
    const reasons = await fail(user.email.toUpperCase(), ip, 5, 5);
    expect(reasons.at(-1)).toBe("locked");
  });

  it("remet le compteur à zéro après une connexion réussie avant la dixième erreur", async () => {
    const ip = freshIp();
    const user = await account();
    expect(await fail(user.email, ip, 9, 0)).toEqual(Array(9).fill("invalid"));
    const success = await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: ip }, at(10));
    expect(success.ok).toBe(true);
    expect(await fail(user.email, ip, 9, 11)).toEqual(Array(9).fill("invalid"));
    expect((await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: ip }, at(21))).ok).toBe(true);
    // Dix erreurs d'affilée après la réussite bloquent de nouveau.
    expect(await fail(user.email, ip, 10, 22)).toEqual([...Array(9).fill("invalid"), "locked"]);
  });

  it("répond « invalide » de la même façon pour une adresse inconnue, et la bloque de même", async () => {
    const ip = freshIp();
    const known = await account();
    const knownAnswer = await checkCredentials(getDb(), { email: known.email, password: "mauvais", ip: ip }, at(0));
    const unknown = `inconnu-${Date.now()}@essai.pdn.fr`;
    const unknownAnswer = await checkCredentials(getDb(), { email: unknown, password: "mauvais", ip: ip }, at(0));
    expect(unknownAnswer).toEqual({ ok: false, reason: "invalid" });
    expect(unknownAnswer).toEqual(knownAnswer);
    const rows = await getDb().select().from(signInAttempts).where(eq(signInAttempts.email, unknown));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.success).toBe(false);
  });

  it("bloque une adresse inconnue après dix essais, comme un compte existant", { timeout: 60_000 }, async () => {
    const ip = freshIp();
    const unknown = `inconnu-bloque-${Date.now()}@essai.pdn.fr`;
    expect(await fail(unknown, ip, 10, 0)).toEqual([...Array(9).fill("invalid"), "locked"]);
  });

  it("lève le blocage après LOCK_MINUTES minutes", async () => {
    const ip = freshIp();
    expect(LOCK_MINUTES).toBe(15);
    const user = await account();
    await fail(user.email, ip, 10, 0); // erreurs de t0 à t0 + 9 s
    const stillLocked = new Date(T0.getTime() + LOCK_MINUTES * 60_000 - 1000);
    expect(await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: ip }, stillLocked)).toEqual({
      ok: false,
      reason: "locked",
    });
    const lifted = new Date(T0.getTime() + LOCK_MINUTES * 60_000 + 10_000);
    const result = await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: ip }, lifted);
    expect(result.ok).toBe(true);
  });

  it("ne compte pas les erreurs plus anciennes que la fenêtre de blocage", async () => {
    const ip = freshIp();
    const user = await account();
    await fail(user.email, ip, 9, 0);
    // La dixième erreur arrive quand les neuf premières sont sorties de la fenêtre.
    expect(await fail(user.email, ip, 1, LOCK_MINUTES * 60 + 60)).toEqual(["invalid"]);
  });

  it("bloque une adresse IP après cinquante erreurs sur des comptes différents", async () => {
    const stuffingIp = freshIp();
    const otherIp = freshIp();
    expect(MAX_FAILURES_PER_IP).toBe(50);
    const accounts = [];
    for (let i = 0; i < 10; i++) accounts.push(await account());
    const reasons: string[] = [];
    for (const [i, a] of accounts.entries()) reasons.push(...(await fail(a.email, stuffingIp, 5, i * 5)));
    expect(reasons.slice(0, 49)).toEqual(Array(49).fill("invalid"));
    expect(reasons[49]).toBe("locked");
    // Un compte jamais essayé, avec son bon mot de passe, est refusé depuis cette adresse…
    const fresh = await account();
    expect(await checkCredentials(getDb(), { email: fresh.email, password: PASSWORD, ip: stuffingIp }, at(60))).toEqual(
      {
        ok: false,
        reason: "locked",
      },
    );
    // … et accepté depuis une autre.
    expect((await checkCredentials(getDb(), { email: fresh.email, password: PASSWORD, ip: otherIp }, at(61))).ok).toBe(
      true,
    );
  });

  it("refuse le bon mot de passe d'un compte désactivé comme un mot de passe erroné", async () => {
    const ip = freshIp();
    const user = await account();
    await getDb()
      .update(users)
      .set({ disabledAt: at(0) })
      .where(eq(users.id, user.id));
    const result = await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: ip }, at(1));
    expect(result).toEqual({ ok: false, reason: "invalid" });
    const [attempt] = await getDb()
      .select()
      .from(signInAttempts)
      .where(and(eq(signInAttempts.email, user.email), eq(signInAttempts.ip, ip)));
    expect(attempt?.success).toBe(false);
  });

  it("refuse tout mot de passe pour un compte sans mot de passe (invitation non acceptée)", async () => {
    const ip = freshIp();
    const user = await insertUser(getDb(), { passwordHash: null });
    expect(await checkCredentials(getDb(), { email: user.email, password: "", ip: ip }, at(0))).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("signale la double authentification d'un compte qui l'a activée", async () => {
    const ip = freshIp();
    const user = await account();
    await getDb()
      .update(users)
      .set({ totpSecret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", totpEnabledAt: at(0) })
      .where(eq(users.id, user.id));
    expect(await checkCredentials(getDb(), { email: user.email, password: PASSWORD, ip: ip }, at(1))).toEqual({
      ok: true,
      userId: user.id,
      hasTotp: true,
    });
  });
});
