import { auditLog, limitesDebit, messagesContact, users } from "@db/schema";
import { and, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { getRateLimitSecret, rateKey } from "~/server/rate-limit.server";
import { insertUser } from "../../../tests/factories/user";
import { envoyerMessage, supprimerMessagesAnciens } from "./contact.commands.server";

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

  it("compte sous une clé chiffrée propre au formulaire de contact, jamais l'adresse IP en clair", async () => {
    const db = getDb();
    const key = rateKey(await getRateLimitSecret(db), "contact", "192.0.2.202");
    expect((await send("Clé", "192.0.2.202", T0)).ok).toBe(true);
    expect(await db.select().from(limitesDebit).where(eq(limitesDebit.cle, key))).toHaveLength(1);
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

describe("conservation des messages : douze mois", () => {
  it("supprime les messages de plus de douze mois, archivés ou non, et garde les autres, avec une ligne au journal", async () => {
    const db = getDb();
    const now = new Date("2026-01-15T02:00:00Z");
    const message = (objet: string, recuLe: string, extra: Partial<typeof messagesContact.$inferInsert> = {}) => ({
      departement: "04",
      nom: "Camille Martin",
      email: "camille@exemple.fr",
      qualite: "parent",
      objet,
      message: "Un message assez long pour être valable.",
      recuLe: new Date(recuLe),
      ...extra,
    });
    const rows = await db
      .insert(messagesContact)
      .values([
        message("Conservation : vieux", "2025-01-14T10:00:00Z"),
        message("Conservation : vieux archivé", "2024-01-01T10:00:00Z", {
          archiveLe: new Date("2024-01-02T10:00:00Z"),
        }),
        message("Conservation : vieux du 05", "2024-05-01T10:00:00Z", { departement: "05" }),
        message("Conservation : presque un an", "2025-01-15T10:00:00Z"),
        message("Conservation : récent archivé", "2025-12-01T10:00:00Z", {
          archiveLe: new Date("2025-12-02T10:00:00Z"),
        }),
      ])
      .returning({ id: messagesContact.id, objet: messagesContact.objet });
    expect(await supprimerMessagesAnciens(db, now)).toBe(3);
    const left = await db
      .select({ objet: messagesContact.objet })
      .from(messagesContact)
      .where(
        inArray(
          messagesContact.id,
          rows.map((r) => r.id),
        ),
      );
    expect(left.map((r) => r.objet).sort()).toEqual(["Conservation : presque un an", "Conservation : récent archivé"]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "contact.supprimer-anciens"), eq(auditLog.departement, "05")));
    expect(audit.at(-1)?.changes).toMatchObject({ nombre: 1, conservationMois: 12 });
    expect(audit.at(-1)?.actorLabel).toBe("Suppression automatique");
  });
});
