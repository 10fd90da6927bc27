import { actionsCommunication, auditLog } from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { totalCommunicationParType } from "~/domain/communication/communication.queries.server";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./communication";
import * as detail from "./communication.$id";
import * as nouvelle from "./communication.nouvelle";

type Handler = (args: never) => unknown;
const load = (loader: Handler, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));
const post = (
  action: Handler,
  actor: Actor | null,
  path: string,
  fields: Record<string, string>,
  params: Record<string, string> = {},
) => outcome(() => action({ request: postRequest(path, fields), context: contextFor(actor), params } as never));

const valide = {
  date: "2025-05-12",
  type: "stand",
  titre: "Stand au forum des associations de Sisteron",
  public: "Jeunes et familles",
  portee: "350",
  commentaire: "",
};

type ListeData = {
  gerer: boolean;
  actions: { id: string; titre: string }[];
  totaux: { type: string; actions: number; portee: number; porteeInconnue: number }[];
};

async function compter() {
  const [c] = await getDb().select({ n: count() }).from(actionsCommunication);
  const [a] = await getDb().select({ n: count() }).from(auditLog);
  return { actions: c?.n ?? 0, audit: a?.n ?? 0 };
}

async function actionDe(id: string) {
  const [row] = await getDb().select().from(actionsCommunication).where(eq(actionsCommunication.id, id));
  return row ?? null;
}

async function ajouter(actor: Actor, fields: Record<string, string> = {}, departement = "04"): Promise<string> {
  const r = await post(nouvelle.action, actor, `/espace/communication/nouvelle?departement=${departement}`, {
    ...valide,
    ...fields,
  });
  expect(r.status, JSON.stringify(r.data)).toBe(302);
  const [row] = await getDb()
    .select({ id: actionsCommunication.id })
    .from(actionsCommunication)
    .where(eq(actionsCommunication.titre, fields.titre ?? valide.titre));
  if (!row) throw new Error("not inserted");
  return row.id;
}

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let national: Actor;
let promeneur04: Actor;
let referent04: Actor;

beforeAll(async () => {
  ({ coordinateur04, coordinateur05, copil04, national } = await insertCoordination(getDb()));
  promeneur04 = await insertActor(getDb(), { role: "promeneur", departement: "04" });
  const structure = await insertStructure(getDb(), { departement: "04" });
  referent04 = await insertActor(getDb(), { role: "referent", departement: "04", structureId: structure.id });
});

describe("actions de communication de la coordination", () => {
  it("la coordination ajoute une action : ligne et journal dans la même écriture", async () => {
    const avant = await compter();
    const id = await ajouter(coordinateur04, { titre: "Affiches dans les collèges de Digne" });
    expect(await actionDe(id)).toMatchObject({ departement: "04", type: "stand", portee: 350, date: "2025-05-12" });
    expect(await compter()).toEqual({ actions: avant.actions + 1, audit: avant.audit + 1 });
    const journal = await getDb().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(journal.map((a) => a.action)).toEqual(["communication.creer"]);
  });

  it("refuse une saisie invalide (400), le message à côté du champ, rien d'écrit", async () => {
    const cas: [Record<string, string>, string][] = [
      [{ titre: "" }, "titre"],
      [{ type: "tract" }, "type"],
      [{ date: "2099-01-01" }, "date"],
      [{ date: "2014-06-01" }, "date"],
      [{ portee: "-5" }, "portee"],
      [{ portee: "2000000" }, "portee"],
    ];
    for (const [changes, champ] of cas) {
      const avant = await compter();
      const r = await post(nouvelle.action, coordinateur04, "/espace/communication/nouvelle", {
        ...valide,
        ...changes,
      });
      expect(r.status, champ).toBe(400);
      const reply = r.data as { error?: Record<string, string[] | null> };
      expect(reply.error?.[champ]?.[0], champ).toMatch(/\w/);
      expect(await compter(), champ).toEqual(avant);
    }
  });

  it("le comité de pilotage, l'équipe nationale, un référent ou un promeneur ne peuvent pas en ajouter (403)", async () => {
    const avant = await compter();
    for (const actor of [copil04, national, referent04, promeneur04]) {
      expect((await load(nouvelle.loader, actor, "/espace/communication/nouvelle")).status).toBe(403);
      expect((await post(nouvelle.action, actor, "/espace/communication/nouvelle", valide)).status).toBe(403);
    }
    expect(await compter()).toEqual(avant);
  });

  it("la coordination d'un autre département reçoit un 404 et n'écrit rien", async () => {
    const id = await ajouter(coordinateur04, { titre: "Intervention au lycée de Manosque" });
    const avant = await compter();
    const r = await post(nouvelle.action, coordinateur05, "/espace/communication/nouvelle?departement=04", {
      ...valide,
      titre: "Action glissée dans le 04",
    });
    expect(r.status).toBe(404);
    expect((await load(detail.loader, coordinateur05, `/espace/communication/${id}`, { id })).status).toBe(404);
    const modif = await post(
      detail.action,
      coordinateur05,
      `/espace/communication/${id}`,
      { ...valide, titre: "Modifiée" },
      { id },
    );
    expect(modif.status).toBe(404);
    const suppr = await post(
      detail.action,
      coordinateur05,
      `/espace/communication/${id}`,
      { intent: "supprimer" },
      { id },
    );
    expect(suppr.status).toBe(404);
    expect((await actionDe(id))?.titre).toBe("Intervention au lycée de Manosque");
    expect(await compter()).toEqual(avant);
    expect((await load(liste.loader, coordinateur05, "/espace/communication?departement=04")).status).toBe(404);
  });

  it("la coordination modifie puis supprime une action, chaque fois journalisé", async () => {
    const id = await ajouter(coordinateur04, {
      titre: "Lettre d'information de printemps",
      type: "lettre_information",
    });
    const refus = await post(
      detail.action,
      coordinateur04,
      `/espace/communication/${id}`,
      { ...valide, portee: "beaucoup" },
      { id },
    );
    expect(refus.status).toBe(400);
    const r = await post(
      detail.action,
      coordinateur04,
      `/espace/communication/${id}`,
      { ...valide, titre: "Lettre d'information de printemps", type: "lettre_information", portee: "" },
      { id },
    );
    expect(r.status).toBe(302);
    expect((await actionDe(id))?.portee).toBeNull();
    const confirmation = await load(detail.loader, coordinateur04, `/espace/communication/${id}?supprimer`, { id });
    expect((confirmation.data as { confirmerSuppression: boolean }).confirmerSuppression).toBe(true);
    const avant = await compter();
    const suppr = await post(
      detail.action,
      coordinateur04,
      `/espace/communication/${id}`,
      { intent: "supprimer" },
      { id },
    );
    expect(suppr.status).toBe(302);
    expect(await actionDe(id)).toBeNull();
    expect(await compter()).toEqual({ actions: avant.actions - 1, audit: avant.audit + 1 });
    const journal = await getDb().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(journal.map((a) => a.action).sort()).toEqual([
      "communication.creer",
      "communication.modifier",
      "communication.supprimer",
    ]);
  });

  it("le comité de pilotage et l'équipe nationale lisent la liste sans pouvoir la modifier", async () => {
    const id = await ajouter(coordinateur04, { titre: "Campagne Instagram de rentrée", date: "2025-09-01" });
    for (const actor of [copil04, national]) {
      const r = await load(liste.loader, actor, "/espace/communication?departement=04&annee=2025");
      expect(r.status).toBe(200);
      const data = r.data as ListeData;
      expect(data.gerer).toBe(false);
      expect(data.actions.map((a) => a.id)).toContain(id);
      expect((await load(detail.loader, actor, `/espace/communication/${id}`, { id })).status).toBe(403);
      const modif = await post(
        detail.action,
        actor,
        `/espace/communication/${id}`,
        { ...valide, titre: "Non" },
        { id },
      );
      expect(modif.status).toBe(403);
    }
    expect((await actionDe(id))?.titre).toBe("Campagne Instagram de rentrée");
    const coord = (await load(liste.loader, coordinateur04, "/espace/communication?annee=2025")).data as ListeData;
    expect(coord.gerer).toBe(true);
    for (const actor of [referent04, promeneur04]) {
      expect((await load(liste.loader, actor, "/espace/communication")).status).toBe(403);
    }
  });
});

describe("totaux par type (indicateur 8)", () => {
  it("compte les actions et additionne les personnes touchées connues, par type et par année", async () => {
    const departement = "05";
    await ajouter(
      coordinateur05,
      { titre: "Presse 1", type: "presse", portee: "1000", date: "2024-02-01" },
      departement,
    );
    await ajouter(coordinateur05, { titre: "Presse 2", type: "presse", portee: "", date: "2024-12-31" }, departement);
    await ajouter(
      coordinateur05,
      { titre: "Stand 2024", type: "stand", portee: "80", date: "2024-06-01" },
      departement,
    );
    await ajouter(
      coordinateur05,
      { titre: "Presse 2025", type: "presse", portee: "500", date: "2025-01-01" },
      departement,
    );
    const totaux = await totalCommunicationParType(getDb(), departement, { du: "2024-01-01", au: "2024-12-31" });
    expect(totaux).toHaveLength(8);
    expect(totaux.find((t) => t.type === "presse")).toEqual({
      type: "presse",
      actions: 2,
      portee: 1000,
      porteeInconnue: 1,
    });
    expect(totaux.find((t) => t.type === "stand")).toEqual({
      type: "stand",
      actions: 1,
      portee: 80,
      porteeInconnue: 0,
    });
    expect(totaux.find((t) => t.type === "site_internet")).toEqual({
      type: "site_internet",
      actions: 0,
      portee: 0,
      porteeInconnue: 0,
    });
    const page = (await load(liste.loader, coordinateur05, "/espace/communication?annee=2024")).data as ListeData;
    expect(page.actions.map((a) => a.titre)).toEqual(["Presse 2", "Stand 2024", "Presse 1"]);
    expect(page.totaux.find((t) => t.type === "presse")?.actions).toBe(2);
  });
});
