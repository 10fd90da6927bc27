import { limitesDebit, messagesContact, users } from "@db/schema";
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { insertUser } from "../../../tests/factories/user";
import { contactRateKey, envoyerMessage, getRateLimitSecret } from "./contact.commands.server";

const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function input(objet: string) {
  return {
    nom: "Dominique Partenaire",
    email: "dominique@exemple.fr",
    qualite: "partenaire" as const,
    objet,
    message: "Nous aimerions une présentation du dispositif à notre conseil.",
    departement: "04",
  };
}

const send = (objet: string, ip: string, now: Date) =>
  envoyerMessage({ db: getDb(), now, requestId: "test" }, input(objet), ip, "http://localhost:3000");

describe("envoi d'un message de contact : limites par connexion", () => {
  it("accepte 20 messages par heure en rafales de 5 par 10 minutes, puis refuse le 21e de l'heure", async () => {
    const ip = "192.0.2.201";
    for (const start of [0, 11, 22, 33]) {
      for (let i = 0; i < 5; i += 1) {
        expect((await send(`Heure ${start}-${i}`, ip, minutes(start + i / 10))).ok).toBe(true);
      }
    }
    // 44 minutes: the 10-minute window is empty again, the hour holds 20 messages.
    expect(await send("Heure 21e", ip, minutes(44))).toEqual({ ok: false, reason: "limite" });
    expect(await getDb().select().from(messagesContact).where(eq(messagesContact.objet, "Heure 21e"))).toEqual([]);
    // Once the first burst is more than an hour old, room again.
    expect((await send("Heure suivante", ip, minutes(61))).ok).toBe(true);
  });

  it("garde la même clé pour une adresse, une autre pour une autre, et supprime les compteurs de plus d'un jour", async () => {
    const db = getDb();
    const secret = await getRateLimitSecret(db);
    expect(await getRateLimitSecret(db)).toBe(secret);
    const key = contactRateKey(secret, "192.0.2.202");
    expect(contactRateKey(secret, "192.0.2.202")).toBe(key);
    expect(contactRateKey(secret, "192.0.2.203")).not.toBe(key);

    await db.insert(limitesDebit).values({ cle: key, at: new Date(T0.getTime() - 25 * 3_600_000) });
    const recent = new Date(T0.getTime() - 23 * 3_600_000);
    await db.insert(limitesDebit).values({ cle: key, at: recent });
    const result = await send("Nettoyage", "192.0.2.202", T0);
    expect(result.ok).toBe(true);
    const rows = await db.select().from(limitesDebit).where(eq(limitesDebit.cle, key));
    expect(rows.map((r) => r.at.getTime()).sort()).toEqual([recent.getTime(), T0.getTime()]);
    expect(await db.select().from(limitesDebit).where(like(limitesDebit.cle, "%192.0.2%"))).toEqual([]);
  });

  it("prévient les coordinateurs actifs du département du message, pas ceux d'un autre ni les comptes désactivés", async () => {
    const db = getDb();
    const coordinator05 = await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] });
    const disabled05 = await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] });
    await db.update(users).set({ disabledAt: T0 }).where(eq(users.id, disabled05.id));
    const coordinator04 = await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] });
    const result = await envoyerMessage(
      { db: getDb(), now: T0, requestId: "test" },
      { ...input("Pour le 05"), departement: "05" },
      "192.0.2.204",
      "http://localhost:3000",
    );
    if (!result.ok) throw new Error("refusé");
    const [row] = await getDb().select().from(messagesContact).where(eq(messagesContact.id, result.id));
    expect(row?.departement).toBe("05");
    const recipients = result.mails.map((m) => m.to);
    expect(recipients).toContain(coordinator05.email);
    expect(recipients).not.toContain(disabled05.email);
    expect(recipients).not.toContain(coordinator04.email);
    expect(result.mails[0]?.text).toContain("De : Dominique Partenaire <dominique@exemple.fr>");
  });
});
