import { vuesPages } from "@db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome } from "../../../tests/support/route";
import { loader } from "./audience";

type LoaderData = {
  departement: string;
  periode: { du: string; au: string; errors: { du?: string[]; au?: string[] } };
  total: number;
  parJour: { jour: string; vues: number }[];
  pages: { chemin: string; vues: number }[];
};

const load = (actor: Actor | null, path: string) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params: {} } as never));

const PERIODE = "du=2018-02-01&au=2018-02-03";

let copil04: Actor;
let copil05: Actor;
let coordinateur04: Actor;
let national: Actor;
let referent04: Actor;
let promeneur04: Actor;

beforeAll(async () => {
  const db = getDb();
  const user = async (role: string, departement: string, structureId?: string) =>
    actorOf((await insertUser(db, { roles: [{ role, departement, structureId }] } as never)).id);
  copil04 = await user("copil", "04");
  copil05 = await user("copil", "05");
  coordinateur04 = await user("coordinateur", "04");
  national = await user("national", "04");
  const structure = await insertStructure(db, { departement: "04" });
  referent04 = await user("referent", "04", structure.id);
  promeneur04 = await user("promeneur", "04");
  await db.insert(vuesPages).values([
    { jour: "2018-02-01", departement: "04", chemin: "/", vues: 5 },
    { jour: "2018-02-03", departement: "04", chemin: "/promeneurs", vues: 7 },
    { jour: "2018-02-03", departement: "04", chemin: "/", vues: 2 },
    { jour: "2018-02-04", departement: "04", chemin: "/", vues: 50 },
    { jour: "2018-02-02", departement: "05", chemin: "/carte", vues: 40 },
  ]);
});

describe("audience du site public : permissions", () => {
  it("montre au COPIL du 04 l'audience du 04 sur la période demandée", async () => {
    const result = await load(copil04, `/espace/audience?${PERIODE}`);
    expect(result.status).toBe(200);
    const data = result.data as LoaderData;
    expect(data.departement).toBe("04");
    expect(data.total).toBe(14);
    expect(data.parJour).toEqual([
      { jour: "2018-02-01", vues: 5 },
      { jour: "2018-02-02", vues: 0 },
      { jour: "2018-02-03", vues: 9 },
    ]);
    expect(data.pages).toEqual([
      { chemin: "/", vues: 7 },
      { chemin: "/promeneurs", vues: 7 },
    ]);
  });

  it("l'ouvre au coordinateur du 04 et au national, qui choisit le département", async () => {
    expect((await load(coordinateur04, `/espace/audience?${PERIODE}`)).status).toBe(200);
    const result = await load(national, `/espace/audience?departement=05&${PERIODE}`);
    expect(result.status).toBe(200);
    expect((result.data as LoaderData).total).toBe(40);
  });

  it("répond 404 au COPIL du 05 qui demande le 04, sans rien montrer", async () => {
    const result = await load(copil05, `/espace/audience?departement=04&${PERIODE}`);
    expect(result.status).toBe(404);
    expect(result.data).not.toHaveProperty("total");
  });

  it("refuse les référents et les promeneurs (403)", async () => {
    expect((await load(referent04, "/espace/audience")).status).toBe(403);
    expect((await load(promeneur04, "/espace/audience?departement=04")).status).toBe(403);
  });

  it("renvoie vers la connexion sans session", async () => {
    const result = await load(null, "/espace/audience");
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/connexion\?retour=/);
  });
});

describe("audience du site public : période", () => {
  it("montre par défaut les 30 derniers jours", async () => {
    const data = (await load(copil04, "/espace/audience")).data as LoaderData;
    expect(data.parJour).toHaveLength(30);
    expect(data.periode.errors).toEqual({});
  });

  it("répond 400 avec un message en français pour une période inversée", async () => {
    const result = await load(copil04, "/espace/audience?du=2018-02-03&au=2018-02-01");
    expect(result.status).toBe(400);
    expect((result.data as LoaderData).periode.errors.au?.[0]).toMatch(/postérieure ou égale/);
  });
});
