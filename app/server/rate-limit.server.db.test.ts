import { limitesDebit } from "@db/schema";
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "./db.server";
import { getRateLimitSecret, hit, rateKey } from "./rate-limit.server";

const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const LIMITS = [
  { max: 2, minutes: 10 },
  { max: 3, minutes: 60 },
];

describe("limite de débit", () => {
  it("accepte jusqu'à la limite de chaque fenêtre, puis refuse sans rien compter", async () => {
    const db = getDb();
    const essai = (at: Date, clientKey = "198.51.100.1") =>
      hit(db, { scope: "essai", clientKey, limits: LIMITS, now: at });
    expect(await essai(minutes(0))).toBe(true);
    expect(await essai(minutes(1))).toBe(true);
    expect(await essai(minutes(2))).toBe(false);
    // Another client is counted apart.
    expect(await essai(minutes(2), "198.51.100.2")).toBe(true);
    // Ten minutes later the burst window is free again; the hour holds 3.
    expect(await essai(minutes(11))).toBe(true);
    expect(await essai(minutes(25))).toBe(false);
    expect(await essai(minutes(61))).toBe(true);
    const key = rateKey(await getRateLimitSecret(db), "essai", "198.51.100.1");
    expect(await db.select().from(limitesDebit).where(eq(limitesDebit.cle, key))).toHaveLength(4);
  });

  it("garde la même clé pour une adresse, une autre pour une autre ou un autre usage, jamais l'adresse en clair", async () => {
    const db = getDb();
    const secret = await getRateLimitSecret(db);
    expect(await getRateLimitSecret(db)).toBe(secret);
    const key = rateKey(secret, "essai", "192.0.2.202");
    expect(rateKey(secret, "essai", "192.0.2.202")).toBe(key);
    expect(rateKey(secret, "essai", "192.0.2.203")).not.toBe(key);
    expect(rateKey(secret, "autre", "192.0.2.202").slice("autre:".length)).not.toBe(key.slice("essai:".length));
    expect(key).toMatch(/^essai:[0-9a-f]{64}$/);
    expect(key).not.toContain("192.0.2");
  });

  it("supprime les compteurs de plus d'un jour de son usage, pas ceux d'un autre usage", async () => {
    const db = getDb();
    const secret = await getRateLimitSecret(db);
    const key = rateKey(secret, "nettoyage", "192.0.2.210");
    const other = rateKey(secret, "autre-usage", "192.0.2.210");
    const old = new Date(T0.getTime() - 25 * 3_600_000);
    const recent = new Date(T0.getTime() - 23 * 3_600_000);
    await db.insert(limitesDebit).values([
      { cle: key, at: old },
      { cle: key, at: recent },
      { cle: other, at: old },
    ]);
    expect(await hit(db, { scope: "nettoyage", clientKey: "192.0.2.210", limits: LIMITS, now: T0 })).toBe(true);
    const rows = await db.select().from(limitesDebit).where(eq(limitesDebit.cle, key));
    expect(rows.map((r) => r.at.getTime()).sort()).toEqual([recent.getTime(), T0.getTime()]);
    expect(await db.select().from(limitesDebit).where(eq(limitesDebit.cle, other))).toHaveLength(1);
    expect(await db.select().from(limitesDebit).where(like(limitesDebit.cle, "%192.0.2%"))).toEqual([]);
  });
});
