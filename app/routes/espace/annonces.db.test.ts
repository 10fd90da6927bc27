import { annonceDestinataires, annonces, auditLog, users } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { publierAnnonce } from "~/domain/annonces/annonce.commands.server";
import { findAnnoncesNonLues } from "~/domain/annonces/annonce.queries.server";
import type { Actor } from "~/domain/comptes/actor";
import { flashContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { findOutboxMails } from "~/server/mail.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { actorOf, contextFor, expectRefus, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as list from "./annonces";
import * as detail from "./annonces.$id";
import * as nouvelle from "./annonces.nouvelle";
import * as coordination from "./coordination";

type Loader = (args: never) => unknown;
type ListData = {
  departement: string;
  coordination: boolean;
  annonces: {
    id: string;
    titre: string;
    lues: number | null;
    destinataires: number;
    destinataire: boolean;
    luLe: Date | null;
  }[];
};
type DetailData = {
  annonce: { id: string; titre: string; corps: string };
  luLe: Date | null;
  accuses: { userId: string; nom: string; luLe: Date | null }[] | null;
  totaux: { lues: number; total: number } | null;
};
type Reply = { status: string; error?: Record<string, string[] | null> };

const load = (loader: Loader, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));

function publish(actor: Actor | null, fields: Record<string, string>) {
  const context = contextFor(actor);
  const result = outcome(() =>
    nouvelle.action({ request: postRequest("/espace/annonces/nouvelle", fields), context, params: {} } as never),
  );
  return { context, result };
}

async function annoncesTitled(titre: string) {
  return getDb().select().from(annonces).where(eq(annonces.titre, titre));
}

async function mailsOf(annonceId: string) {
  return (await findOutboxMails(10_000)).filter((m) => m.text.includes(`/espace/annonces/${annonceId}`));
}

const corps = "Bonjour à toutes et à tous,\n\nLa prochaine réunion du réseau a lieu jeudi à 14 h.\n<b>À bientôt</b>";

let coordinateur04: Actor;
let coordinateur05: Actor;
let promeneurA: Actor;
let promeneurB: Actor;
let referent04: Actor;
let double04: Actor;
let desactive04: Actor;
let copil04: Actor;
let national: Actor;
let promeneur05: Actor;
let referent05: Actor;

beforeAll(async () => {
  const structure = await insertStructure(getDb(), { nom: "Structure des annonces", departement: "04" });
  const structure05 = await insertStructure(getDb(), { departement: "05", communeCode: "05061" });
  ({ coordinateur04, coordinateur05, copil04, national } = await insertCoordination(getDb()));
  promeneurA = await insertActor(getDb(), { role: "promeneur", departement: "04" });
  promeneurB = await insertActor(getDb(), { role: "promeneur", departement: "04" });
  referent04 = await insertActor(getDb(), { role: "referent", departement: "04", structureId: structure.id });
  // Both roles: receives a « tous » announcement once.
  const double = await insertUser(getDb(), {
    roles: [
      { role: "promeneur", departement: "04" },
      { role: "referent", departement: "04", structureId: structure.id },
    ],
  });
  double04 = await actorOf(double.id);
  desactive04 = await insertActor(getDb(), { role: "promeneur", departement: "04" });
  await getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, desactive04.userId));
  promeneur05 = await insertActor(getDb(), { role: "promeneur", departement: "05" });
  referent05 = await insertActor(getDb(), { role: "referent", departement: "05", structureId: structure05.id });
});

async function publishOk(titre: string, audience: string, actor = coordinateur04) {
  const { result, context } = publish(actor, { departement: "04", titre, audience, corps });
  const reply = await result;
  expect(reply.status).toBe(302);
  const [annonce] = await annoncesTitled(titre);
  if (!annonce) throw new Error("annonce absente");
  return { annonce, reply, context };
}

async function recipientsOf(annonceId: string) {
  const rows = await getDb()
    .select({ userId: annonceDestinataires.userId })
    .from(annonceDestinataires)
    .where(eq(annonceDestinataires.annonceId, annonceId));
  return rows.map((r) => r.userId).sort();
}

describe("annonces : publier", () => {
  it("envoie à tous les promeneurs et référents actifs du 04, une fois chacun, avec journal et e-mails", async () => {
    const titre = `Réunion du réseau ${Date.now()}`;
    const { annonce, reply, context } = await publishOk(titre, "tous");
    expect(reply.location).toBe(`/espace/annonces/${annonce.id}`);
    expect(context.get(flashContext).next).toBe("Annonce envoyée à 4 personnes.");
    const expected = [promeneurA, promeneurB, referent04, double04].map((a) => a.userId).sort();
    expect(await recipientsOf(annonce.id)).toEqual(expected);
    expect(annonce).toMatchObject({
      departement: "04",
      audience: "tous",
      corps,
      destinataires: 4,
      auteurId: coordinateur04.userId,
    });
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "annonce.publier"), eq(auditLog.entityId, annonce.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: coordinateur04.userId, departement: "04", requestId: "test" });
    const mails = await mailsOf(annonce.id);
    expect(mails.map((m) => m.to).sort()).toEqual(
      [promeneurA, promeneurB, referent04, double04].map((a) => a.email).sort(),
    );
    expect(mails[0]?.subject).toBe(`[Promeneurs du Net 04] ${titre}`);
    expect(mails[0]?.text).toContain(corps);
    expect(mails[0]?.text).toContain(`http://localhost:3000/espace/annonces/${annonce.id}`);
  });

  it("n'envoie une annonce pour les référents qu'aux référents (ni promeneurs, ni 05, ni comptes désactivés)", async () => {
    const { annonce } = await publishOk(`Pour les référents ${Date.now()}`, "referents");
    expect(await recipientsOf(annonce.id)).toEqual([referent04.userId, double04.userId].sort());
    expect(annonce.destinataires).toBe(2);
    const to = (await mailsOf(annonce.id)).map((m) => m.to);
    expect(to.sort()).toEqual([referent04.email, double04.email].sort());
    for (const outsider of [promeneurA, promeneurB, desactive04, referent05, promeneur05, copil04, coordinateur04]) {
      expect(to).not.toContain(outsider.email);
    }
  });

  it("n'envoie une annonce pour les promeneurs qu'aux promeneurs actifs du département", async () => {
    const { annonce } = await publishOk(`Pour les promeneurs ${Date.now()}`, "promeneurs");
    expect(await recipientsOf(annonce.id)).toEqual([promeneurA.userId, promeneurB.userId, double04.userId].sort());
    expect((await mailsOf(annonce.id)).map((m) => m.to)).not.toContain(desactive04.email);
  });

  it("refuse un titre trop court et un texte vide avec les erreurs des champs, sans rien écrire ni envoyer", async () => {
    const { result } = publish(coordinateur04, { departement: "04", titre: "Ré", audience: "tous", corps: "" });
    const reply = await result;
    expect(reply.status).toBe(400);
    const error = (reply.data as Reply).error;
    expect(error?.titre).toEqual(["Le titre compte au moins 3 caractères."]);
    expect(error?.corps).toEqual(["Écrivez le texte de l'annonce."]);
    expect(await annoncesTitled("Ré")).toEqual([]);
  });

  it("refuse un public inconnu sur le champ des destinataires", async () => {
    const titre = `Public inconnu ${Date.now()}`;
    const { result } = publish(coordinateur04, { departement: "04", titre, audience: "copil", corps });
    const reply = await result;
    expect(reply.status).toBe(400);
    expect((reply.data as Reply).error?.audience).toEqual(["Choisissez à qui envoyer l'annonce."]);
    expect(await annoncesTitled(titre)).toEqual([]);
  });

  it("refuse d'envoyer une annonce que personne ne recevrait, sans rien écrire", async () => {
    const coordinateur06 = await insertActor(getDb(), { role: "coordinateur", departement: "06" });
    const titre = `Personne ${Date.now()}`;
    const { result } = publish(coordinateur06, { departement: "06", titre, audience: "tous", corps });
    const reply = await result;
    expect(reply.status).toBe(400);
    expect((reply.data as Reply).error?.audience?.[0]).toMatch(/^Personne ne recevrait cette annonce/);
    expect(await annoncesTitled(titre)).toEqual([]);
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.departement, "06"));
    expect(audit.filter((a) => a.action === "annonce.publier")).toEqual([]);
  });

  it.each(["copil", "referent", "promeneur"] as const)("répond 403 au rôle %s, sans rien écrire", async (role) => {
    const actor = { copil: () => copil04, referent: () => referent04, promeneur: () => promeneurA }[role]();
    const titre = `Par ${role} ${Date.now()}`;
    const { result } = publish(actor, { departement: "04", titre, audience: "tous", corps });
    expect((await result).status).toBe(403);
    // Even an invalid form is refused before its errors are shown.
    expect((await publish(actor, { departement: "04", titre: "", audience: "", corps: "" }).result).status).toBe(403);
    expect(await annoncesTitled(titre)).toEqual([]);
    expect((await load(nouvelle.loader, actor, "/espace/annonces/nouvelle")).status).toBe(403);
  });

  it("répond 404 au coordinateur du 05 qui publie pour le 04, comme au formulaire du 04", async () => {
    const titre = `Intrusion ${Date.now()}`;
    const { result } = publish(coordinateur05, { departement: "04", titre, audience: "tous", corps });
    expect((await result).status).toBe(404);
    expect(await annoncesTitled(titre)).toEqual([]);
    expect((await load(nouvelle.loader, coordinateur05, "/espace/annonces/nouvelle?departement=04")).status).toBe(404);
  });

  it("refuse la commande : 404 hors du département, 403 à un rôle qui ne publie pas, sans rien écrire", async () => {
    const titre = `Commande refusée ${Date.now()}`;
    const ctx = { db: getDb(), now: new Date() };
    const input = { titre, corps, audience: "tous" as const };
    await expectRefus(publierAnnonce(ctx, coordinateur05, "04", input), 404);
    await expectRefus(publierAnnonce(ctx, referent04, "04", input), 403);
    expect(await annoncesTitled(titre)).toEqual([]);
  });

  it("propose au coordinateur le formulaire avec le nombre de destinataires de chaque public", async () => {
    const result = await load(nouvelle.loader, coordinateur04, "/espace/annonces/nouvelle");
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ departement: "04", effectifs: { promeneurs: 3, referents: 2, tous: 4 } });
  });
});

describe("annonces : lire", () => {
  let pourReferents: { id: string; titre: string };
  let pourTous: { id: string; titre: string };

  beforeAll(async () => {
    pourReferents = (await publishOk(`Lecture référents ${Date.now()}`, "referents")).annonce;
    pourTous = (await publishOk(`Lecture tous ${Date.now()}`, "tous")).annonce;
  });

  it("enregistre la lecture à la première ouverture et ne la change plus ensuite", async () => {
    const path = `/espace/annonces/${pourTous.id}`;
    const before = await findAnnoncesNonLues(getDb(), promeneurB.userId, 50);
    expect(before.map((a) => a.id)).toContain(pourTous.id);
    const first = await load(detail.loader, promeneurB, path, { id: pourTous.id });
    expect(first.status).toBe(200);
    const data = first.data as DetailData;
    expect(data.annonce.corps).toBe(corps);
    expect(data.accuses).toBeNull();
    expect(data.totaux).toBeNull();
    const [row] = await getDb()
      .select()
      .from(annonceDestinataires)
      .where(and(eq(annonceDestinataires.annonceId, pourTous.id), eq(annonceDestinataires.userId, promeneurB.userId)));
    expect(row?.luLe).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await load(detail.loader, promeneurB, path, { id: pourTous.id });
    expect((second.data as DetailData).luLe).toEqual(row?.luLe);
    const [again] = await getDb()
      .select()
      .from(annonceDestinataires)
      .where(and(eq(annonceDestinataires.annonceId, pourTous.id), eq(annonceDestinataires.userId, promeneurB.userId)));
    expect(again?.luLe).toEqual(row?.luLe);
    const after = await findAnnoncesNonLues(getDb(), promeneurB.userId, 50);
    expect(after.map((a) => a.id)).not.toContain(pourTous.id);
  });

  it("montre au coordinateur qui a lu, sans compter sa propre consultation comme une lecture", async () => {
    await load(detail.loader, referent04, `/espace/annonces/${pourReferents.id}`, { id: pourReferents.id });
    const result = await load(detail.loader, coordinateur04, `/espace/annonces/${pourReferents.id}`, {
      id: pourReferents.id,
    });
    expect(result.status).toBe(200);
    const data = result.data as DetailData;
    expect(data.totaux).toEqual({ lues: 1, total: 2 });
    const byUser = new Map(data.accuses?.map((a) => [a.userId, a.luLe]));
    expect(byUser.get(referent04.userId)).toBeInstanceOf(Date);
    expect(byUser.get(double04.userId)).toBeNull();
    expect(byUser.has(coordinateur04.userId)).toBe(false);
  });

  it("répond 404 à un promeneur du 04 qui n'est pas destinataire (annonce pour les référents)", async () => {
    const result = await load(detail.loader, promeneurA, `/espace/annonces/${pourReferents.id}`, {
      id: pourReferents.id,
    });
    expect(result.status).toBe(404);
    const rows = await getDb()
      .select()
      .from(annonceDestinataires)
      .where(eq(annonceDestinataires.userId, promeneurA.userId));
    expect(rows.map((r) => r.annonceId)).not.toContain(pourReferents.id);
  });

  it.each([
    ["le coordinateur du 05", () => coordinateur05],
    ["un promeneur du 05", () => promeneur05],
    ["un compte désactivé du 04 qui n'a rien reçu", () => desactive04],
  ])("répond 404 à %s", async (_label, actor) => {
    const result = await load(detail.loader, actor(), `/espace/annonces/${pourTous.id}`, { id: pourTous.id });
    expect(result.status).toBe(404);
  });

  it("répond 404 pour un identifiant qui n'en est pas un ou qui n'existe pas", async () => {
    for (const id of ["pas-un-uuid", "00000000-0000-4000-8000-000000000000"]) {
      expect((await load(detail.loader, coordinateur04, `/espace/annonces/${id}`, { id })).status).toBe(404);
    }
  });

  it("répond 403 au comité de pilotage et au national", async () => {
    for (const actor of [copil04, national]) {
      expect((await load(list.loader, actor, "/espace/annonces")).status).toBe(403);
      expect((await load(detail.loader, actor, `/espace/annonces/${pourTous.id}`, { id: pourTous.id })).status).toBe(
        403,
      );
    }
  });

  it("liste au promeneur ses seules annonces, les nouvelles marquées non lues", async () => {
    const result = await load(list.loader, promeneurA, "/espace/annonces");
    expect(result.status).toBe(200);
    const data = result.data as ListData;
    expect(data.coordination).toBe(false);
    const ids = data.annonces.map((a) => a.id);
    expect(ids).toContain(pourTous.id);
    expect(ids).not.toContain(pourReferents.id);
    expect(data.annonces.every((a) => a.destinataire && a.lues === null)).toBe(true);
    expect(data.annonces.find((a) => a.id === pourTous.id)?.luLe).toBeNull();
  });

  it("liste au coordinateur toutes les annonces du 04 avec le compte des lectures", async () => {
    const data = (await load(list.loader, coordinateur04, "/espace/annonces")).data as ListData;
    expect(data.coordination).toBe(true);
    const referents = data.annonces.find((a) => a.id === pourReferents.id);
    expect(referents).toMatchObject({ lues: 1, destinataires: 2, destinataire: false });
    expect(data.annonces.map((a) => a.id)).toContain(pourTous.id);
  });

  it("ne montre pas les annonces du 04 au coordinateur du 05 (et 404 s'il demande le 04)", async () => {
    const data = (await load(list.loader, coordinateur05, "/espace/annonces")).data as ListData;
    expect(data.departement).toBe("05");
    expect(data.annonces.map((a) => a.id)).not.toContain(pourTous.id);
    expect((await load(list.loader, coordinateur05, "/espace/annonces?departement=04")).status).toBe(404);
    expect((await load(list.loader, referent05, "/espace/annonces?departement=04")).status).toBe(404);
  });

  it("montre au tableau de bord de la coordination les dernières annonces et leurs lectures", async () => {
    const result = await load(coordination.loader, coordinateur04, "/espace/coordination");
    const data = result.data as { annonces: { id: string; lues: number }[] };
    expect(data.annonces).toHaveLength(3);
    expect(data.annonces[0]?.id).toBe(pourTous.id);
  });
});
