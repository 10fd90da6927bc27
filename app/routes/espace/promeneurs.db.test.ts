import { auditLog, promeneurs, promeneurTerritoires } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { flashContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./promeneurs";
import * as detail from "./promeneurs.$id";
import * as modifier from "./promeneurs.$id.modifier";
import * as territoire from "./promeneurs.$id.territoire";
import * as proposer from "./promeneurs.proposer";

type Module = { loader: (args: never) => unknown; action?: (args: never) => unknown };

const get = (module: Module, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => module.loader({ request: getRequest(path), context: contextFor(actor), params } as never));

function post(
  module: Module,
  actor: Actor | null,
  path: string,
  fields: Record<string, string>,
  params: Record<string, string> = {},
) {
  const context = contextFor(actor);
  const action = module.action as (args: never) => unknown;
  return {
    context,
    result: outcome(() => action({ request: postRequest(path, fields), context, params } as never)),
  };
}

async function rowOf(id: string) {
  const [row] = await getDb().select().from(promeneurs).where(eq(promeneurs.id, id));
  return row;
}

let coordinator04: Actor;
let coordinator05: Actor;
let copil04: Actor;
let national: Actor;

beforeAll(async () => {
  const db = getDb();
  coordinator04 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "04" }] })).id);
  coordinator05 = await actorOf((await insertUser(db, { roles: [{ role: "coordinateur", departement: "05" }] })).id);
  copil04 = await actorOf((await insertUser(db, { roles: [{ role: "copil", departement: "04" }] })).id);
  national = await actorOf((await insertUser(db, { roles: [{ role: "national" }] })).id);
});

async function referentOf(structureId: string) {
  return actorOf((await insertUser(getDb(), { roles: [{ role: "referent", departement: "04", structureId }] })).id);
}

describe("liste des promeneurs", () => {
  it("montre au référent les promeneurs de sa structure seulement", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const referent = await referentOf(structure.id);
    const mine = await insertPromeneur(getDb(), { structureId: structure.id, proposePar: referent.userId });
    const other = await insertPromeneur(getDb(), { departement: "04" });
    const result = await get(liste, referent, "/espace/promeneurs");
    expect(result.status).toBe(200);
    const data = result.data as { promeneurs: { id: string }[]; peutProposer: boolean; structures: { id: string }[] };
    expect(data.promeneurs.map((p) => p.id)).toEqual([mine.id]);
    expect(data.structures.map((s) => s.id)).toEqual([structure.id]);
    expect(data.peutProposer).toBe(true);
    const forCoordinator = (await get(liste, coordinator04, "/espace/promeneurs")).data as typeof data;
    expect(forCoordinator.promeneurs.map((p) => p.id)).toEqual(expect.arrayContaining([mine.id, other.id]));
    expect(forCoordinator.peutProposer).toBe(false);
    const forOther = (await get(liste, coordinator05, "/espace/promeneurs")).data as typeof data;
    expect(forOther.promeneurs.map((p) => p.id)).not.toContain(mine.id);
  });

  it("suit les liens du tableau de bord : statut et département (404 hors du périmètre)", async () => {
    const actif04 = await insertPromeneur(getDb(), { statut: "actif", departement: "04" });
    const actif05 = await insertPromeneur(getDb(), { statut: "actif", departement: "05" });
    const ids = async (actor: Actor, path: string) =>
      ((await get(liste, actor, path)).data as { promeneurs: { id: string }[] }).promeneurs.map((p) => p.id);
    const national04 = await ids(national, "/espace/promeneurs?statut=actif&departement=04");
    expect(national04).toContain(actif04.id);
    expect(national04).not.toContain(actif05.id);
    const coordinateur04 = await ids(coordinator04, "/espace/promeneurs?statut=actif&departement=04");
    expect(coordinateur04).toContain(actif04.id);
    expect(coordinateur04).not.toContain(actif05.id);
    expect((await get(liste, coordinator04, "/espace/promeneurs?statut=actif&departement=05")).status).toBe(404);
  });

  it("filtre par statut", async () => {
    const actif = await insertPromeneur(getDb(), { statut: "actif" });
    const propose = await insertPromeneur(getDb(), { statut: "propose" });
    const data = (await get(liste, coordinator04, "/espace/promeneurs?statut=actif")).data as {
      promeneurs: { id: string }[];
    };
    expect(data.promeneurs.map((p) => p.id)).toContain(actif.id);
    expect(data.promeneurs.map((p) => p.id)).not.toContain(propose.id);
  });

  it("répond 403 au comité de pilotage", async () => {
    expect((await get(liste, copil04, "/espace/promeneurs")).status).toBe(403);
  });
});

describe("fiche d'un promeneur", () => {
  it("montre au coordinateur les actions possibles, au référent seulement la sienne", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const referent = await referentOf(structure.id);
    const promeneur = await insertPromeneur(getDb(), {
      structureId: structure.id,
      proposePar: referent.userId,
      statut: "actif",
      charteSigneeLe: new Date(Date.now() - 20 * 86_400_000),
      formationInitialeLe: new Date(Date.now() - 20 * 86_400_000),
      entreeLe: new Date(Date.now() - 10 * 86_400_000),
    });
    const path = `/espace/promeneurs/${promeneur.id}`;
    const forCoordinator = await get(detail, coordinator04, path, { id: promeneur.id });
    expect((forCoordinator.data as { transitions: string[] }).transitions).toEqual(["suspendre", "enregistrer_sortie"]);
    const forReferent = await get(detail, referent, path, { id: promeneur.id });
    expect((forReferent.data as { transitions: string[] }).transitions).toEqual(["enregistrer_sortie"]);
    const forNational = await get(detail, national, path, { id: promeneur.id });
    expect((forNational.data as { transitions: string[] }).transitions).toEqual([]);
  });

  it("répond 404 hors du périmètre et au comité de pilotage, qui ne lit pas les fiches", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    const otherReferent = await referentOf((await insertStructure(getDb(), { departement: "04" })).id);
    const path = `/espace/promeneurs/${promeneur.id}`;
    expect((await get(detail, coordinator05, path, { id: promeneur.id })).status).toBe(404);
    expect((await get(detail, otherReferent, path, { id: promeneur.id })).status).toBe(404);
    expect((await get(detail, copil04, path, { id: promeneur.id })).status).toBe(404);
    expect((await get(detail, coordinator04, "/espace/promeneurs/x", { id: "x" })).status).toBe(404);
  });

  it("refuse un refus sans motif (400, erreur sur le champ), puis accepte avec une redirection", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    const path = `/espace/promeneurs/${promeneur.id}`;
    const refused = await post(detail, coordinator04, path, { intent: "refuser", motif: " " }, { id: promeneur.id })
      .result;
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ intent: "refuser", fieldErrors: { motif: ["Indiquez le motif du refus."] } });
    expect((await rowOf(promeneur.id))?.statut).toBe("propose");

    const { result, context } = post(detail, coordinator04, path, { intent: "accepter" }, { id: promeneur.id });
    expect(await result).toMatchObject({ status: 302, location: path });
    expect(context.get(flashContext).next).toBe("Accepter : c'est enregistré.");
    expect((await rowOf(promeneur.id))?.statut).toBe("accepte");
  });

  it("signale une date invalide ou future sur le champ date", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04", statut: "accepte" });
    const path = `/espace/promeneurs/${promeneur.id}`;
    const bad = await post(
      detail,
      coordinator04,
      path,
      { intent: "enregistrer_charte", date: "2025-02-30" },
      { id: promeneur.id },
    ).result;
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ fieldErrors: { date: [expect.stringContaining("date valide")] } });
    const future = await post(
      detail,
      coordinator04,
      path,
      { intent: "enregistrer_charte", date: "2999-01-01" },
      { id: promeneur.id },
    ).result;
    expect(future.status).toBe(400);
    expect(future.data).toMatchObject({ fieldErrors: { date: ["La date ne peut pas être dans le futur."] } });
    expect((await rowOf(promeneur.id))?.charteSigneeLe).toBeNull();
  });

  it("montre l'activation impossible comme une erreur du formulaire", async () => {
    const promeneur = await insertPromeneur(getDb(), {
      departement: "04",
      statut: "forme",
      charteSigneeLe: new Date(Date.now() - 20 * 86_400_000),
      formationInitialeLe: new Date(Date.now() - 20 * 86_400_000),
    });
    const reply = await post(
      detail,
      coordinator04,
      `/espace/promeneurs/${promeneur.id}`,
      { intent: "activer" },
      { id: promeneur.id },
    ).result;
    expect(reply.status).toBe(400);
    expect(reply.data).toMatchObject({ intent: "activer", formErrors: [expect.stringContaining("charte employeur")] });
  });

  it("répond 403 au référent qui accepte, 404 au coordinateur du 05 et au comité de pilotage, sans rien changer", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const referent = await referentOf(structure.id);
    const promeneur = await insertPromeneur(getDb(), { structureId: structure.id, proposePar: referent.userId });
    const path = `/espace/promeneurs/${promeneur.id}`;
    const fields = { intent: "accepter" };
    expect((await post(detail, referent, path, fields, { id: promeneur.id }).result).status).toBe(403);
    expect((await post(detail, coordinator05, path, fields, { id: promeneur.id }).result).status).toBe(404);
    expect((await post(detail, copil04, path, fields, { id: promeneur.id }).result).status).toBe(404);
    expect((await rowOf(promeneur.id))?.statut).toBe("propose");
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, promeneur.id));
    expect(audit).toEqual([]);
  });
});

describe("proposer un promeneur", () => {
  it("répond 403 à un coordinateur qui n'est pas référent, en lecture comme en écriture", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    expect((await get(proposer, coordinator04, "/espace/promeneurs/proposer")).status).toBe(403);
    const reply = await post(proposer, coordinator04, "/espace/promeneurs/proposer", {
      structureId: structure.id,
      prenom: "Interdit",
      nom: "Coordinateur",
      email: "interdit.coordinateur@essai.pdn.fr",
      fonction: "Animateur",
      heuresHebdomadaires: "4",
    }).result;
    expect(reply.status).toBe(403);
    expect(await getDb().select().from(promeneurs).where(eq(promeneurs.prenom, "Interdit"))).toEqual([]);
  });

  it("présélectionne la seule structure du référent, refuse des heures hors bornes puis enregistre", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const referent = await referentOf(structure.id);
    const page = await get(proposer, referent, "/espace/promeneurs/proposer");
    expect(page.data).toMatchObject({ structureId: structure.id, structures: [{ id: structure.id }] });
    const fields = {
      structureId: structure.id,
      prenom: "Noé",
      nom: "Proposé",
      email: `noe.${Date.now()}@essai.pdn.fr`,
      fonction: "Animateur",
      heuresHebdomadaires: "50",
    };
    const bad = await post(proposer, referent, "/espace/promeneurs/proposer", fields).result;
    expect(bad.status).toBe(400);
    expect((bad.data as { error: Record<string, string[]> }).error.heuresHebdomadaires?.[0]).toMatch(/entre 0,5 et 35/);
    expect(await getDb().select().from(promeneurs).where(eq(promeneurs.email, fields.email))).toEqual([]);

    const { result, context } = post(proposer, referent, "/espace/promeneurs/proposer", {
      ...fields,
      heuresHebdomadaires: "2,5",
    });
    const ok = await result;
    const [row] = await getDb().select().from(promeneurs).where(eq(promeneurs.email, fields.email));
    expect(ok).toMatchObject({ status: 302, location: `/espace/promeneurs/${row?.id}` });
    expect(row).toMatchObject({ heuresHebdomadaires: 2.5, statut: "propose", nomPublic: "Noé" });
    expect(context.get(flashContext).next).toMatch(/^Proposition enregistrée/);
  });
});

describe("modifier un promeneur", () => {
  it("enregistre les changements du référent, refuse le national (403) et le 05 (404)", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const referent = await referentOf(structure.id);
    const promeneur = await insertPromeneur(getDb(), { structureId: structure.id });
    const path = `/espace/promeneurs/${promeneur.id}/modifier`;
    const params = { id: promeneur.id };
    const page = await get(modifier, referent, path, params);
    expect(page.data).toMatchObject({ identite: false, valeurs: { email: promeneur.email } });
    const fields = { email: promeneur.email, fonction: "Coordinatrice jeunesse", heuresHebdomadaires: "3" };
    expect((await post(modifier, national, path, fields, params).result).status).toBe(403);
    expect((await post(modifier, coordinator05, path, fields, params).result).status).toBe(404);
    expect((await rowOf(promeneur.id))?.fonction).toBe(promeneur.fonction);
    const bad = await post(modifier, referent, path, { ...fields, email: "pas-une-adresse" }, params).result;
    expect(bad.status).toBe(400);
    const ok = await post(modifier, referent, path, fields, params).result;
    expect(ok).toMatchObject({ status: 302, location: `/espace/promeneurs/${promeneur.id}` });
    expect(await rowOf(promeneur.id)).toMatchObject({ fonction: "Coordinatrice jeunesse", heuresHebdomadaires: 3 });
  });
});

describe("territoire d'intervention (page)", () => {
  it("cherche sans accents, ajoute et retire une commune, refuse une commune du 05", async () => {
    const promeneur = await insertPromeneur(getDb(), { departement: "04" });
    const path = `/espace/promeneurs/${promeneur.id}/territoire`;
    const params = { id: promeneur.id };
    const search = await get(territoire, coordinator04, `${path}?q=chateau`, params);
    expect((search.data as { resultats: { nom: string }[] }).resultats.map((c) => c.nom)).toContain(
      "Château-Arnoux-Saint-Auban",
    );
    const digne = await get(territoire, coordinator04, `${path}?q=digne`, params);
    expect((digne.data as { resultats: { code: string }[] }).resultats[0]?.code).toBe("04070");

    const added = await post(
      territoire,
      coordinator04,
      `${path}?q=digne`,
      { intent: "ajouter-commune", communeCode: "04070" },
      params,
    ).result;
    expect(added).toMatchObject({ status: 302, location: `${path}?q=digne` });
    const gap = await post(territoire, coordinator04, path, { intent: "ajouter-commune", communeCode: "05061" }, params)
      .result;
    expect(gap.status).toBe(400);
    expect(gap.data).toMatchObject({ field: "communeCode", message: expect.stringContaining("Gap") });
    const inconnue = await post(
      territoire,
      coordinator04,
      path,
      { intent: "ajouter-commune", communeCode: "x" },
      params,
    ).result;
    expect(inconnue).toMatchObject({ status: 400, data: { field: "communeCode" } });
    const rows = () =>
      getDb().select().from(promeneurTerritoires).where(eq(promeneurTerritoires.promeneurId, promeneur.id));
    expect((await rows()).map((r) => r.communeCode)).toEqual(["04070"]);

    await post(territoire, coordinator04, path, { intent: "retirer-commune", communeCode: "04070" }, params).result;
    expect(await rows()).toEqual([]);
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, promeneur.id), eq(auditLog.action, "promeneur.territoire")));
    expect(audit).toHaveLength(2);
  });

  it("laisse le référent lire sans modifier (403 en écriture) ; 404 au comité de pilotage et au coordinateur du 05", async () => {
    const structure = await insertStructure(getDb(), { departement: "04" });
    const referent = await referentOf(structure.id);
    const promeneur = await insertPromeneur(getDb(), { structureId: structure.id });
    const path = `/espace/promeneurs/${promeneur.id}/territoire`;
    const params = { id: promeneur.id };
    const page = await get(territoire, referent, path, params);
    expect(page.status).toBe(200);
    expect((page.data as { peutModifier: boolean }).peutModifier).toBe(false);
    const fields = { intent: "ajouter-commune", communeCode: "04070" };
    expect((await post(territoire, referent, path, fields, params).result).status).toBe(403);
    expect((await get(territoire, copil04, path, params)).status).toBe(404);
    expect((await post(territoire, copil04, path, fields, params).result).status).toBe(404);
    expect((await get(territoire, coordinator05, path, params)).status).toBe(404);
    expect((await post(territoire, coordinator05, path, fields, params).result).status).toBe(404);
    expect(
      await getDb().select().from(promeneurTerritoires).where(eq(promeneurTerritoires.promeneurId, promeneur.id)),
    ).toEqual([]);
  });

  it("laisse le promeneur lui-même ajouter une intercommunalité entière", async () => {
    const own = await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] });
    const promeneur = await insertPromeneur(getDb(), { departement: "04", statut: "actif", userId: own.id });
    const actor = await actorOf(own.id);
    const path = `/espace/promeneurs/${promeneur.id}/territoire`;
    const params = { id: promeneur.id };
    const page = (await get(territoire, actor, path, params)).data as {
      epci: { siren: string; nom: string }[];
      peutModifier: boolean;
    };
    expect(page.peutModifier).toBe(true);
    const paa = page.epci.find((e) => e.nom === "CA Provence-Alpes-Agglomération");
    expect(paa).toBeDefined();
    const ok = await post(territoire, actor, path, { intent: "ajouter-epci", epciSiren: paa?.siren ?? "" }, params)
      .result;
    expect(ok.status).toBe(302);
    const rows = await getDb()
      .select()
      .from(promeneurTerritoires)
      .where(eq(promeneurTerritoires.promeneurId, promeneur.id));
    expect(rows.map((r) => r.epciSiren)).toEqual([paa?.siren]);
  });
});
