import { auditLog, messagesContact } from "@db/schema";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import { loader as inboxLoader } from "./messages";
import { action as messageAction, loader as messageLoader } from "./messages.$id";

type InboxData = {
  departement: string;
  tronque: boolean;
  messages: { id: string; objet: string; luLe: Date | null }[];
};
type MessageData = { message: { id: string; message: string; luLe: Date | null; luParNom: string | null } };

let counter = 0;
async function insertMessage(values: Partial<typeof messagesContact.$inferInsert> = {}) {
  counter += 1;
  const [row] = await getDb()
    .insert(messagesContact)
    .values({
      departement: "04",
      nom: "Camille Martin",
      email: "camille@exemple.fr",
      qualite: "parent",
      objet: `Message d'essai ${counter}-${Date.now()}`,
      message: "Bonjour,\n<b>pas du HTML</b>\nMerci.",
      ...values,
    })
    .returning();
  if (!row) throw new Error("no message");
  return row;
}

const inbox = (actor: Actor | null, path = "/espace/messages") =>
  outcome(() => inboxLoader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));
const open = (actor: Actor | null, id: string) =>
  outcome(() =>
    messageLoader({
      request: getRequest(`/espace/messages/${id}`),
      context: contextFor(actor),
      params: { id },
    } as never),
  );
const post = (actor: Actor | null, id: string, intent: string) =>
  outcome(() =>
    messageAction({
      request: postRequest(`/espace/messages/${id}`, { intent }),
      context: contextFor(actor),
      params: { id },
    } as never),
  );

async function messageRow(id: string) {
  const [row] = await getDb().select().from(messagesContact).where(eq(messagesContact.id, id));
  return row;
}

let coordinator04: Actor;
let coordinator05: Actor;
const others: Record<string, Actor> = {};

beforeAll(async () => {
  const db = getDb();
  coordinator04 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] })).id);
  coordinator05 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] })).id);
  const structure = await insertStructure(db, {
    nom: "Structure des messages",
    departement: "04",
    communeCode: "04070",
  });
  for (const role of ["copil", "promeneur", "evaluateur"] as const) {
    others[role] = await actorOf((await insertUser(db, { roles: [{ role, departement: "04" }] })).id);
  }
  others.referent = await actorOf(
    (await insertUser(db, { roles: [{ role: "referent", departement: "04", structureId: structure.id }] })).id,
  );
});

describe("boîte de réception des messages : lecture", () => {
  it("montre au coordinateur du 04 les messages du 04, non lus d'abord, jamais ceux du 05", async () => {
    const ancienNonLu = await insertMessage({ recuLe: new Date("2026-01-05T10:00:00Z") });
    const recentLu = await insertMessage({ recuLe: new Date("2026-01-20T10:00:00Z"), luLe: new Date() });
    const archive = await insertMessage({ archiveLe: new Date() });
    const du05 = await insertMessage({ departement: "05" });
    const result = await inbox(coordinator04);
    expect(result.status).toBe(200);
    const data = result.data as InboxData;
    expect(data.departement).toBe("04");
    const ids = data.messages.map((m) => m.id);
    expect(ids).toContain(ancienNonLu.id);
    expect(ids).toContain(recentLu.id);
    expect(ids).not.toContain(archive.id);
    expect(ids).not.toContain(du05.id);
    expect(ids.indexOf(ancienNonLu.id)).toBeLessThan(ids.indexOf(recentLu.id));
    expect(data.tronque).toBe(false);

    const archives = (await inbox(coordinator04, "/espace/messages?archives=1")).data as InboxData;
    expect(archives.messages.map((m) => m.id)).toEqual([archive.id]);
  });

  it("n'affiche que les 500 plus récents et le signale", async () => {
    const values = Array.from({ length: 501 }, (_, i) => ({
      departement: "05",
      nom: "Camille Martin",
      email: "camille@exemple.fr",
      qualite: "parent",
      objet: `Archive en nombre ${i}`,
      message: "Un message assez long pour être valable.",
      recuLe: new Date(Date.UTC(2026, 0, 1, 0, i)),
      archiveLe: new Date(),
    }));
    await getDb().insert(messagesContact).values(values);
    const data = (await inbox(coordinator05, "/espace/messages?archives=1")).data as InboxData;
    expect(data.messages).toHaveLength(500);
    expect(data.tronque).toBe(true);
    expect(data.messages[0]?.objet).toBe("Archive en nombre 500");
  });

  it("répond 404 au coordinateur du 05 qui demande la boîte du 04", async () => {
    expect((await inbox(coordinator05, "/espace/messages?departement=04")).status).toBe(404);
  });

  it.each(["copil", "referent", "promeneur", "evaluateur"])("répond 403 au rôle %s", async (role) => {
    expect((await inbox(others[role] as Actor)).status).toBe(403);
  });

  it("renvoie un visiteur non connecté vers la connexion", async () => {
    expect(await inbox(null)).toMatchObject({ status: 302, location: "/connexion?retour=%2Fespace%2Fmessages" });
  });
});

describe("un message : ouverture", () => {
  it("marque le message lu à la première ouverture seulement, et le rend en texte tel quel", async () => {
    const message = await insertMessage();
    const first = await open(coordinator04, message.id);
    expect(first.status).toBe(200);
    const data = first.data as MessageData;
    expect(data.message.message).toBe("Bonjour,\n<b>pas du HTML</b>\nMerci.");
    expect(data.message.luParNom).toBe(coordinator04.nom);
    const row = await messageRow(message.id);
    expect(row?.luLe).toBeInstanceOf(Date);
    expect(row?.luPar).toBe(coordinator04.userId);

    const otherCoordinator = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "coordinateur", departement: "04" }] })).id,
    );
    await open(otherCoordinator, message.id);
    const again = await messageRow(message.id);
    expect(again?.luLe?.getTime()).toBe(row?.luLe?.getTime());
    expect(again?.luPar).toBe(coordinator04.userId);
  });

  it("répond 404 au coordinateur du 05 sur un message du 04, sans le marquer lu", async () => {
    const message = await insertMessage();
    expect((await open(coordinator05, message.id)).status).toBe(404);
    expect((await messageRow(message.id))?.luLe).toBeNull();
  });

  it("répond 403 au comité de pilotage, sans marquer le message lu", async () => {
    const message = await insertMessage();
    expect((await open(others.copil as Actor, message.id)).status).toBe(403);
    expect((await messageRow(message.id))?.luLe).toBeNull();
  });

  it("répond 404 à un identifiant inconnu ou mal formé", async () => {
    expect((await open(coordinator04, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await open(coordinator04, "pas-un-id")).status).toBe(404);
  });
});

describe("un message : archivage", () => {
  it("archive le message avec une ligne au journal, puis le remet dans la boîte", async () => {
    const message = await insertMessage();
    const archived = await post(coordinator04, message.id, "archiver");
    expect(archived).toMatchObject({ status: 302, location: "/espace/messages?departement=04" });
    expect((await messageRow(message.id))?.archiveLe).toBeInstanceOf(Date);
    const ids = ((await inbox(coordinator04)).data as InboxData).messages.map((m) => m.id);
    expect(ids).not.toContain(message.id);

    expect((await post(coordinator04, message.id, "desarchiver")).status).toBe(302);
    expect((await messageRow(message.id))?.archiveLe).toBeNull();
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, message.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["contact.archiver", "contact.desarchiver"]);
    expect(audit.every((a) => a.actorUserId === coordinator04.userId && a.departement === "04")).toBe(true);
  });

  it("refuse l'archivage au coordinateur du 05 (404) et au comité de pilotage (403), sans rien changer", async () => {
    const message = await insertMessage();
    expect((await post(coordinator05, message.id, "archiver")).status).toBe(404);
    expect((await post(others.copil as Actor, message.id, "archiver")).status).toBe(403);
    expect((await messageRow(message.id))?.archiveLe).toBeNull();
    expect(await getDb().select().from(auditLog).where(eq(auditLog.entityId, message.id))).toEqual([]);
  });

  it("refuse une action inconnue", async () => {
    const message = await insertMessage();
    expect((await post(coordinator04, message.id, "supprimer")).status).toBe(400);
    expect(await messageRow(message.id)).toMatchObject({ archiveLe: null });
  });
});
