import { auditLog, numerosAide, situationsPreoccupantes } from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import type { PromeneurRow } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as layout from "./_layout";
import * as liste from "./situations";
import * as detail from "./situations.$id";
import * as nouvelle from "./situations.nouvelle";

type Handler = (args: never) => unknown;
const load = (loader: Handler, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));
const post = (
  action: Handler,
  actor: Actor | null,
  path: string,
  fields: Record<string, string | string[]>,
  params: Record<string, string> = {},
) => outcome(() => action({ request: postRequest(path, fields), context: contextFor(actor), params } as never));

const valide = {
  date: "2026-11-03",
  categorie: "detresse_psychologique",
  actions: ["ecoute_conseil", "orientation"],
  partenaire: "maison_adolescents",
  suivi: "a_suivre",
  note: "Propos inquiétants en story ; échange en privé puis orientation vers la Maison des Adolescents.",
};

async function compter() {
  const [s] = await getDb().select({ n: count() }).from(situationsPreoccupantes);
  const [a] = await getDb().select({ n: count() }).from(auditLog);
  return { situations: s?.n ?? 0, audit: a?.n ?? 0 };
}

let promeneur: PromeneurRow;
let lui: Actor;
let autrePromeneur: Actor;
let referent: Actor;
let referentAutre: Actor;
let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let national: Actor;
let situationId: string;

beforeAll(async () => {
  ({ promeneur, lui, autrePromeneur, referent, coordinateur04, coordinateur05 } = await insertPromeneurEtEntourage(
    getDb(),
  ));
  copil04 = await insertActor(getDb(), { role: "copil", departement: "04" });
  national = await insertActor(getDb(), { role: "national" });
  const autreStructure = await insertStructure(getDb(), { departement: "04" });
  referentAutre = await insertActor(getDb(), { role: "referent", departement: "04", structureId: autreStructure.id });
  const r = await post(nouvelle.action, lui, "/espace/situations/nouvelle", valide);
  expect(r.status).toBe(302);
  const [row] = await getDb()
    .select()
    .from(situationsPreoccupantes)
    .where(eq(situationsPreoccupantes.promeneurId, promeneur.id));
  if (!row) throw new Error("no situation");
  situationId = row.id;
});

describe("saisie d'une situation par le promeneur", () => {
  it("enregistre la situation du formulaire et revient à la liste", async () => {
    const [row] = await getDb()
      .select()
      .from(situationsPreoccupantes)
      .where(eq(situationsPreoccupantes.id, situationId));
    expect(row).toMatchObject({ ...valide, departement: "04", structureId: promeneur.structureId });
    const r = await load(liste.loader, lui, "/espace/situations");
    const data = r.data as { vue: string; situations: { id: string }[]; peutSaisir: boolean };
    expect(data.vue).toBe("promeneur");
    expect(data.peutSaisir).toBe(true);
    expect(data.situations.map((s) => s.id)).toEqual([situationId]);
  });

  it("refuse (400) une note identifiante, une date future, aucune action : message sur le champ, rien d'écrit", async () => {
    const cas: [Record<string, string | string[]>, string, RegExp][] = [
      [{ note: "Elle m'a donné son numéro : 06 12 34 56 78" }, "note", /./],
      [{ note: "Son compte Snapchat @lea.du.04" }, "note", /./],
      [{ date: "2999-01-01" }, "date", /dans le futur/],
      [{ actions: [] }, "actions", /au moins une action/],
      [{ actions: ["orientation"], partenaire: "" }, "partenaire", /partenaire alerté/],
    ];
    for (const [changes, champ, message] of cas) {
      const avant = await compter();
      const r = await post(nouvelle.action, lui, "/espace/situations/nouvelle", { ...valide, ...changes });
      expect(r.status, champ).toBe(400);
      const reply = r.data as { error?: Record<string, string[] | null> };
      expect(reply.error?.[champ]?.[0], champ).toMatch(message);
      expect(await compter(), champ).toEqual(avant);
    }
  });

  it("montre à côté du formulaire les numéros de la catégorie choisie et la CRIP du département", async () => {
    await getDb()
      .insert(numerosAide)
      .values({
        departement: "04",
        nom: "CRIP du Département (essai)",
        telephone: "04 92 30 00 00",
        source: "Essai",
        verifieLe: "2026-01-01",
        categories: ["violences"],
      });
    const r = await load(nouvelle.loader, lui, "/espace/situations/nouvelle?categorie=harcelement");
    const data = r.data as {
      categorie: string | null;
      numeros: { nom: string; categories: string[] }[];
      crip: { nom: string } | null;
    };
    expect(data.categorie).toBe("harcelement");
    expect(data.crip?.nom).toBe("CRIP du Département (essai)");
    // Every entry comes with its categories: the page (and the browser) keep those of the category.
    expect(data.numeros.find((n) => n.nom.startsWith("Harcèlement"))?.categories).toContain("harcelement");
    const etape = await load(nouvelle.loader, lui, "/espace/situations/nouvelle?categorie=inconnue");
    expect((etape.data as { categorie: string | null }).categorie).toBeNull();
  });

  it("le promeneur modifie sa situation depuis sa page", async () => {
    const vue = await load(detail.loader, lui, `/espace/situations/${situationId}`, { id: situationId });
    expect(vue.data).toMatchObject({ proprietaire: true, modifiable: true });
    const r = await post(
      detail.action,
      lui,
      `/espace/situations/${situationId}`,
      { ...valide, suivi: "en_cours" },
      { id: situationId },
    );
    expect(r.status).toBe(302);
    const [row] = await getDb()
      .select()
      .from(situationsPreoccupantes)
      .where(eq(situationsPreoccupantes.id, situationId));
    expect(row?.suivi).toBe("en_cours");
    const refus = await post(
      detail.action,
      lui,
      `/espace/situations/${situationId}`,
      { ...valide, note: "Écrire à lea@example.com" },
      { id: situationId },
    );
    expect(refus.status).toBe(400);
    expect((refus.data as { error?: Record<string, string[]> }).error?.note?.[0]).toMatch(/./);
  });
});

describe("qui lit une situation", () => {
  it("la coordination du 04 la lit (sans la modifier) et la retrouve dans la liste filtrée, avec les comptes", async () => {
    const vue = await load(detail.loader, coordinateur04, `/espace/situations/${situationId}`, { id: situationId });
    expect(vue.status).toBe(200);
    expect(vue.data).toMatchObject({ proprietaire: false, modifiable: false });
    const r = await load(
      liste.loader,
      coordinateur04,
      `/espace/situations?mois=2026-11&categorie=detresse_psychologique&structure=${promeneur.structureId}`,
    );
    const data = r.data as {
      vue: string;
      situations: { id: string }[];
      parCategorie: Record<string, number>;
      parSuivi: Record<string, number>;
    };
    expect(data.vue).toBe("coordination");
    expect(data.situations.map((s) => s.id)).toEqual([situationId]);
    expect(data.parCategorie.detresse_psychologique).toBe(1);
    expect(data.parCategorie.violences).toBe(0);
    expect(data.parSuivi.en_cours).toBe(1);
    const autreMois = await load(liste.loader, coordinateur04, "/espace/situations?mois=2026-10");
    expect((autreMois.data as { situations: { id: string }[] }).situations.map((s) => s.id)).not.toContain(situationId);
  });

  it("la coordination ne la modifie pas (403), rien d'écrit", async () => {
    const avant = await compter();
    const r = await post(
      detail.action,
      coordinateur04,
      `/espace/situations/${situationId}`,
      { ...valide, suivi: "close" },
      { id: situationId },
    );
    expect(r.status).toBe(403);
    expect(await compter()).toEqual(avant);
  });

  it("refuse la situation et la liste au COPIL, aux référents (même de sa structure) et au national (403)", async () => {
    for (const actor of [copil04, referent, referentAutre, national]) {
      expect((await load(detail.loader, actor, `/espace/situations/${situationId}`, { id: situationId })).status).toBe(
        403,
      );
      expect((await load(liste.loader, actor, "/espace/situations")).status).toBe(403);
      const avant = await compter();
      expect(
        (await post(detail.action, actor, `/espace/situations/${situationId}`, valide, { id: situationId })).status,
      ).toBe(403);
      expect((await load(nouvelle.loader, actor, "/espace/situations/nouvelle")).status).toBe(403);
      expect((await post(nouvelle.action, actor, "/espace/situations/nouvelle", valide)).status).toBe(403);
      expect(await compter()).toEqual(avant);
    }
  });

  it("répond 404 à un autre promeneur et à la coordination du 05, et ne la leur liste pas", async () => {
    for (const actor of [autrePromeneur, coordinateur05]) {
      expect((await load(detail.loader, actor, `/espace/situations/${situationId}`, { id: situationId })).status).toBe(
        404,
      );
      const avant = await compter();
      expect(
        (await post(detail.action, actor, `/espace/situations/${situationId}`, valide, { id: situationId })).status,
      ).toBe(404);
      expect(await compter()).toEqual(avant);
      const r = await load(liste.loader, actor, "/espace/situations");
      expect(r.status).toBe(200);
      expect((r.data as { situations: { id: string }[] }).situations.map((s) => s.id)).not.toContain(situationId);
    }
    expect((await load(liste.loader, coordinateur05, "/espace/situations?departement=04")).status).toBe(404);
    expect((await load(detail.loader, coordinateur04, "/espace/situations/inconnue", { id: "inconnue" })).status).toBe(
      404,
    );
  });

  it("met « Situations préoccupantes » une fois dans le menu du promeneur et de la coordination, pas du COPIL", async () => {
    const menu = async (actor: Actor) =>
      ((await load(layout.loader, actor, "/espace")).data as { navigation: { to: string }[] }).navigation.filter(
        (e) => e.to === "/espace/situations",
      ).length;
    expect(await menu(lui)).toBe(1);
    expect(await menu(coordinateur04)).toBe(1);
    expect(await menu(copil04)).toBe(0);
    expect(await menu(referent)).toBe(0);
  });
});
