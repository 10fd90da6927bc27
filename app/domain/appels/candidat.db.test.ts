import { candidatLiens, candidatSessions, candidats } from "@db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "~/domain/comptes/tokens.server";
import { getDb } from "~/server/db.server";
import { resetMailTransport, sendMails } from "~/server/mail.server";
import { insertAppelPublie } from "../../../tests/factories/candidat";
import { applyTestEnv } from "../../../tests/setup/test-env";
import { startSmtpServer, type TestSmtpServer } from "../../../tests/support/smtp";
import { demanderLienCandidat, getSessionCandidat, LIEN_DUREE_MS, lireLien, utiliserLien } from "./candidat.server";

const T0 = new Date("2026-02-01T09:00:00Z");
const plus = (ms: number) => new Date(T0.getTime() + ms);
let smtp: TestSmtpServer;
let appel: Awaited<ReturnType<typeof insertAppelPublie>>;
let sequence = 0;

beforeAll(async () => {
  smtp = await startSmtpServer();
  applyTestEnv({ SMTP_URL: smtp.url });
  resetMailTransport();
  appel = await insertAppelPublie(getDb());
});

afterAll(async () => {
  resetMailTransport();
  await smtp.close();
});

/** Asks for a link for a new address, sends it over SMTP and answers the token read in the mail. */
async function lienRecu(email = `Lien${++sequence}@Structure.example`, ip = `198.51.100.${sequence}`) {
  const demande = await demanderLienCandidat(
    { db: getDb(), now: T0 },
    { email: ` ${email} `, appel, ip, publicUrl: "https://pdn.example" },
  );
  if (!demande.ok) throw new Error("lien refusé");
  await sendMails([demande.mail]);
  const recu = await smtp.waitFor((m) => m.to.includes(email.toLowerCase()));
  const jeton = /\/appels\/connexion\/([\w-]{43})/.exec(recu.text)?.[1];
  if (!jeton) throw new Error(`pas de lien dans le texte : ${recu.text}`);
  return { jeton, recu, email: email.toLowerCase() };
}

describe("le lien de connexion d'un candidat", () => {
  it("arrive par e-mail ; seule son empreinte est gardée ; il ouvre une session une seule fois", async () => {
    const { jeton, recu, email } = await lienRecu();
    expect(recu.subject).toBe("Votre lien pour candidater – Promeneurs du Net");
    expect(recu.text).toContain("valable une heure et ne sert qu'une fois");
    const [lien] = await getDb()
      .select()
      .from(candidatLiens)
      .where(eq(candidatLiens.tokenHash, hashToken(jeton)));
    expect(lien).toMatchObject({ appelId: appel.id, usedAt: null, expiresAt: plus(LIEN_DUREE_MS) });
    expect(await getDb().select().from(candidatLiens).where(eq(candidatLiens.tokenHash, jeton))).toEqual([]);

    expect(await lireLien({ db: getDb(), now: plus(60_000) }, jeton)).toEqual({
      etat: "valide",
      email,
      appelSlug: appel.slug,
    });
    const premier = await utiliserLien({ db: getDb(), now: plus(60_000) }, jeton);
    if (!premier.ok) throw new Error("premier usage refusé");
    expect(premier.appelSlug).toBe(appel.slug);
    const session = await getSessionCandidat(getDb(), premier.token, plus(120_000));
    expect(session?.email).toBe(email);
    const [stockee] = await getDb().select().from(candidatSessions).where(eq(candidatSessions.id, premier.token));
    expect(stockee).toBeUndefined();
    const [candidat] = await getDb().select().from(candidats).where(eq(candidats.email, email));
    expect(candidat?.lastSeenAt).toEqual(plus(60_000));

    expect(await utiliserLien({ db: getDb(), now: plus(90_000) }, jeton)).toEqual({
      ok: false,
      etat: "utilise",
      appelSlug: appel.slug,
    });
  });

  it("est refusé une fois expiré (après une heure)", async () => {
    const { jeton } = await lienRecu();
    expect(await utiliserLien({ db: getDb(), now: plus(LIEN_DUREE_MS + 1000) }, jeton)).toEqual({
      ok: false,
      etat: "expire",
      appelSlug: appel.slug,
    });
    // Toujours inutilisé : il n'a pas servi, il a seulement expiré.
    const [lien] = await getDb()
      .select()
      .from(candidatLiens)
      .where(eq(candidatLiens.tokenHash, hashToken(jeton)));
    expect(lien?.usedAt).toBeNull();
  });

  it("refuse un jeton inconnu ou mal formé sans rien chercher", async () => {
    expect(await utiliserLien({ db: getDb(), now: T0 }, "x".repeat(43))).toEqual({
      ok: false,
      etat: "inconnu",
      appelSlug: null,
    });
    expect(await utiliserLien({ db: getDb(), now: T0 }, "court")).toEqual({
      ok: false,
      etat: "inconnu",
      appelSlug: null,
    });
  });

  it("répond de même pour une adresse connue ou nouvelle, et limite les demandes par adresse", async () => {
    const email = `limite${++sequence}@structure.example`;
    const demander = (ip: string) =>
      demanderLienCandidat({ db: getDb(), now: T0 }, { email, appel, ip, publicUrl: "https://pdn.example" });
    const reponses = [];
    for (let i = 0; i < 6; i += 1) reponses.push((await demander(`203.0.113.${i}`)).ok);
    expect(reponses).toEqual([true, true, true, true, true, false]);
    const [candidat] = await getDb().select().from(candidats).where(eq(candidats.email, email));
    const liens = await getDb()
      .select()
      .from(candidatLiens)
      .where(eq(candidatLiens.candidatId, candidat?.id as string));
    expect(liens).toHaveLength(5);
  });

  it("limite les demandes venant d'une même adresse IP", async () => {
    const ip = "192.0.2.77";
    const resultats = [];
    for (let i = 0; i < 21; i += 1) {
      resultats.push(
        (
          await demanderLienCandidat(
            { db: getDb(), now: T0 },
            { email: `ip${i}-${++sequence}@structure.example`, appel, ip, publicUrl: "https://pdn.example" },
          )
        ).ok,
      );
    }
    expect(resultats.filter(Boolean)).toHaveLength(20);
    expect(resultats.at(-1)).toBe(false);
  });
});
