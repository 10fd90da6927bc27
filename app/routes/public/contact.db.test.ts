import { auditLog, limitesDebit, messagesContact } from "@db/schema";
import { eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { flashContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { findOutboxMails } from "~/server/mail.server";
import { insertUser, type UserRow } from "../../../tests/factories/user";
import { contextFor, outcome, postRequest } from "../../../tests/support/route";
import { action } from "./contact";

type Reply = { status: string; error?: Record<string, string[] | null> };

let counter = 0;
/** A fresh address per test: the rate limit counts per connection. */
function freshIp() {
  counter += 1;
  return `203.0.113.${counter}`;
}
function uniqueObjet(label: string) {
  counter += 1;
  return `${label} ${counter}-${Date.now()}`;
}

function fields(objet: string, extra: Record<string, string> = {}) {
  return {
    nom: "Camille Martin",
    email: "camille.parent@exemple.fr",
    qualite: "parent",
    objet,
    message: "Bonjour,\nje cherche un promeneur du Net près de Manosque pour mon fils.",
    site_web: "",
    ...extra,
  };
}

function send(form: Record<string, string>, ip: string) {
  const context = contextFor(null, { ip });
  return {
    context,
    result: outcome(() => action({ request: postRequest("/contact", form), context, params: {} } as never)),
  };
}

async function messagesWithObjet(objet: string) {
  return getDb().select().from(messagesContact).where(eq(messagesContact.objet, objet));
}

let coordinator04: UserRow;
let coordinator04b: UserRow;
let coordinator05: UserRow;

beforeAll(async () => {
  const db = getDb();
  coordinator04 = await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] });
  coordinator04b = await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] });
  coordinator05 = await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] });
});

describe("formulaire de contact public : envoi", () => {
  it("enregistre le message pour le 04, prévient chaque coordinateur du 04 par e-mail et confirme", async () => {
    const objet = uniqueObjet("Trouver un promeneur");
    const { context, result } = send(fields(objet), freshIp());
    const reply = await result;
    expect(reply).toMatchObject({ status: 302, location: "/contact" });
    expect(context.get(flashContext).next).toBe("Votre message a bien été envoyé à la coordination.");

    const [stored, ...others] = await messagesWithObjet(objet);
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      departement: "04",
      nom: "Camille Martin",
      email: "camille.parent@exemple.fr",
      qualite: "parent",
      luLe: null,
      archiveLe: null,
    });
    expect(stored?.message).toBe("Bonjour,\nje cherche un promeneur du Net près de Manosque pour mon fils.");

    const mails = (await findOutboxMails(1000)).filter((m) => m.subject.includes(objet));
    expect(mails.map((m) => m.to).sort()).toEqual([coordinator04.email, coordinator04b.email].sort());
    expect(mails.map((m) => m.to)).not.toContain(coordinator05.email);
    expect(mails[0]?.text).toContain("Pour répondre, écrivez à camille.parent@exemple.fr");
    expect(mails[0]?.text).toContain(`/espace/messages/${stored?.id}`);

    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, stored?.id ?? ""));
    expect(audit.map((a) => a.action)).toEqual(["contact.recevoir"]);
  });

  it("refuse un message vide avec l'erreur à côté du champ, sans rien enregistrer ni envoyer", async () => {
    const objet = uniqueObjet("Message vide");
    const reply = await send(fields(objet, { message: "" }), freshIp()).result;
    expect(reply.status).toBe(400);
    expect((reply.data as Reply).error?.message).toEqual(["Écrivez votre message."]);
    expect(await messagesWithObjet(objet)).toEqual([]);
    expect((await findOutboxMails(1000)).filter((m) => m.subject.includes(objet))).toEqual([]);
  });

  it("refuse un message de 3 001 caractères en donnant la limite, sans rien enregistrer", async () => {
    const objet = uniqueObjet("Message trop long");
    const reply = await send(fields(objet, { message: "a".repeat(3001) }), freshIp()).result;
    expect(reply.status).toBe(400);
    expect((reply.data as Reply).error?.message?.[0]).toMatch(/3\s000 caractères au plus, il en compte 3\s001/);
    expect(await messagesWithObjet(objet)).toEqual([]);
  });

  it("refuse une qualité inconnue et une adresse mal formée", async () => {
    const objet = uniqueObjet("Qualité inconnue");
    const reply = await send(fields(objet, { qualite: "robot", email: "ecrire-moi" }), freshIp()).result;
    expect(reply.status).toBe(400);
    const error = (reply.data as Reply).error;
    expect(error?.qualite).toEqual(["Indiquez qui vous êtes."]);
    expect(error?.email).toEqual(["Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."]);
    expect(await messagesWithObjet(objet)).toEqual([]);
  });

  it("répond au robot qui remplit le champ piège comme si tout allait bien, sans rien enregistrer ni compter", async () => {
    const objet = uniqueObjet("Offre spéciale");
    const ip = freshIp();
    const before = await getDb().select().from(limitesDebit);
    const { context, result } = send(fields(objet, { site_web: "https://spam.example" }), ip);
    expect(await result).toMatchObject({ status: 302, location: "/contact" });
    expect(context.get(flashContext).next).toBe("Votre message a bien été envoyé à la coordination.");
    expect(await messagesWithObjet(objet)).toEqual([]);
    expect((await findOutboxMails(1000)).filter((m) => m.subject.includes(objet))).toEqual([]);
    expect(await getDb().select().from(limitesDebit)).toHaveLength(before.length);
  });
});

describe("formulaire de contact public : limite d'envoi", () => {
  it("refuse le 6e message en 10 minutes depuis la même adresse (429, rien enregistré) mais accepte une autre adresse", async () => {
    const ip = freshIp();
    const label = uniqueObjet("Rafale");
    for (let i = 1; i <= 5; i += 1) {
      expect((await send(fields(`${label} n°${i}`), ip).result).status).toBe(302);
    }
    const sixth = await send(fields(`${label} n°6`), ip).result;
    expect(sixth.status).toBe(429);
    expect((sixth.data as Reply).error?.[""]?.[0]).toMatch(
      /^Trop de messages envoyés depuis cette connexion\..*réessayez dans quelques minutes\.$/,
    );
    expect(await messagesWithObjet(`${label} n°6`)).toEqual([]);
    expect((await findOutboxMails(1000)).filter((m) => m.subject.includes(`${label} n°6`))).toEqual([]);

    const other = await send(fields(`${label} autre adresse`), freshIp()).result;
    expect(other.status).toBe(302);
    expect(await messagesWithObjet(`${label} autre adresse`)).toHaveLength(1);
  });

  it("20 envois en une minute depuis la même adresse : 5 enregistrés, les 15 autres freinés (429)", async () => {
    const ip = freshIp();
    const label = uniqueObjet("Vingt");
    const statuts: number[] = [];
    for (let i = 1; i <= 20; i += 1) statuts.push((await send(fields(`${label} n°${i}`), ip).result).status);
    expect(statuts.filter((s) => s === 302)).toHaveLength(5);
    expect(statuts.slice(5).every((s) => s === 429)).toBe(true);
    const stored = await getDb()
      .select()
      .from(messagesContact)
      .where(like(messagesContact.objet, `${label} n°%`));
    expect(stored).toHaveLength(5);
  });

  it("ne garde jamais l'adresse IP en clair dans les compteurs", async () => {
    const ip = "198.18.7.42";
    expect((await send(fields(uniqueObjet("Adresse cachée")), ip).result).status).toBe(302);
    const rows = await getDb().select().from(limitesDebit).where(like(limitesDebit.cle, "contact:%"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.cle).not.toContain(ip);
      expect(row.cle).toMatch(/^contact:[0-9a-f]{64}$/);
    }
  });
});
