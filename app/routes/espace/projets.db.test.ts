import { auditLog, projetsJeunes } from "@db/schema";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { countProjets } from "~/domain/projets/projet.queries.server";
import { getDb } from "~/server/db.server";
import { resetMailTransport } from "~/server/mail.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertStructure } from "../../../tests/factories/structure";
import { insertUser } from "../../../tests/factories/user";
import { applyTestEnv } from "../../../tests/setup/test-env";
import { insertActor, insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import { startSmtpServer, type TestSmtpServer } from "../../../tests/support/smtp";
import * as coordination from "./coordination";
import * as liste from "./projets";
import * as detail from "./projets.$id";
import * as nouveau from "./projets.nouveau";

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
  titre: "Court-métrage sur le harcèlement",
  theme: "risques_numeriques",
  forme: "collectif",
  nombreJeunes: "6",
  etat: "en_cours",
  debutLe: "2025-10-01",
  partenaires: "Collège de Digne-les-Bains",
  description: "Six jeunes écrivent et tournent un court-métrage.",
};

type Ligne = { id: string; titre: string };
type ListeData = { vue: string; projets: Ligne[] };

async function compter() {
  const [p] = await getDb().select({ n: count() }).from(projetsJeunes);
  const [a] = await getDb().select({ n: count() }).from(auditLog);
  return { projets: p?.n ?? 0, audit: a?.n ?? 0 };
}

async function projetDe(id: string) {
  const [row] = await getDb().select().from(projetsJeunes).where(eq(projetsJeunes.id, id));
  if (!row) throw new Error("no projet");
  return row;
}

async function creer(actor: Actor, fields: Record<string, string> = {}): Promise<string> {
  const r = await post(nouveau.action, actor, "/espace/projets/nouveau", { ...valide, ...fields });
  expect(r.status, JSON.stringify(r.data)).toBe(302);
  const id = r.location?.split("/").pop();
  if (!id) throw new Error("no id");
  return id;
}

let promeneur: PromeneurRow;
let lui: Actor;
let autrePromeneur: Actor;
let referent: Actor;
let referentAutre: Actor;
let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let promeneur05: Actor;

beforeAll(async () => {
  const db = getDb();
  ({ promeneur, lui, autrePromeneur, referent, coordinateur04, coordinateur05 } = await insertPromeneurEtEntourage(db));
  const autreStructure = await insertStructure(db, { departement: "04" });
  referentAutre = await insertActor(db, { role: "referent", departement: "04", structureId: autreStructure.id });
  copil04 = await insertActor(db, { role: "copil", departement: "04" });
  const user05 = await insertUser(db, { roles: [{ role: "promeneur", departement: "05" }] });
  await insertPromeneur(db, { statut: "actif", departement: "05", userId: user05.id });
  promeneur05 = await actorOf(user05.id);
});

describe("saisie d'un projet par son promeneur", () => {
  it("enregistre le projet dans son département et sa structure, avec sa ligne de journal", async () => {
    const avant = await compter();
    const id = await creer(lui);
    const projet = await projetDe(id);
    expect(projet).toMatchObject({
      departement: "04",
      promeneurId: promeneur.id,
      structureId: promeneur.structureId,
      titre: valide.titre,
      nombreJeunes: 6,
      etat: "en_cours",
      besoinSoutien: false,
      soutienDemandeLe: null,
    });
    expect(await compter()).toEqual({ projets: avant.projets + 1, audit: avant.audit + 1 });
    const journal = await getDb().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(journal.map((a) => a.action)).toEqual(["projet.creer"]);
  });

  it("refuse une saisie invalide (400), le message à côté du champ, rien d'écrit", async () => {
    const cas: [Record<string, string>, string][] = [
      [{ titre: "" }, "titre"],
      [{ nombreJeunes: "0" }, "nombreJeunes"],
      [{ nombreJeunes: "501" }, "nombreJeunes"],
      [{ debutLe: "2999-01-01" }, "debutLe"],
      [{ etat: "termine" }, "etat"],
      [{ description: "Écrire à lea.martin@exemple.fr" }, "description"],
      [{ partenaires: "Son père : 06 12 34 56 78" }, "partenaires"],
    ];
    for (const [changes, champ] of cas) {
      const avant = await compter();
      const r = await post(nouveau.action, lui, "/espace/projets/nouveau", { ...valide, ...changes });
      expect(r.status, champ).toBe(400);
      const reply = r.data as { error?: Record<string, string[] | null> };
      expect(reply.error?.[champ]?.[0], champ).toMatch(/\w/);
      expect(await compter(), champ).toEqual(avant);
    }
  });

  it("refuse la saisie aux autres rôles (403), sans rien écrire", async () => {
    const avant = await compter();
    for (const actor of [coordinateur04, referent, copil04]) {
      expect((await load(nouveau.loader, actor, "/espace/projets/nouveau")).status).toBe(403);
      expect((await post(nouveau.action, actor, "/espace/projets/nouveau", valide)).status).toBe(403);
    }
    expect(await compter()).toEqual(avant);
  });

  it("refuse un compte de promeneur sans fiche (403 qui l'explique)", async () => {
    const sansFiche = await insertActor(getDb(), { role: "promeneur", departement: "04" });
    const r = await post(nouveau.action, sansFiche, "/espace/projets/nouveau", valide);
    expect(r.status).toBe(403);
    expect((r.data as { message: string }).message).toMatch(/fiche de promeneur/);
  });

  it("un promeneur ne modifie pas le projet d'un autre (404), rien ne change", async () => {
    const id = await creer(lui, { titre: "Projet à ne pas toucher" });
    const avant = await compter();
    const r = await post(
      detail.action,
      autrePromeneur,
      `/espace/projets/${id}`,
      { ...valide, titre: "Piraté" },
      { id },
    );
    expect(r.status).toBe(404);
    expect((await projetDe(id)).titre).toBe("Projet à ne pas toucher");
    expect(await compter()).toEqual(avant);
    expect((await load(detail.loader, autrePromeneur, `/espace/projets/${id}`, { id })).status).toBe(404);
    expect((await load(detail.loader, promeneur05, `/espace/projets/${id}`, { id })).status).toBe(404);
  });

  it("son promeneur le modifie : journal des champs changés, et une modification invalide (400) n'écrit rien", async () => {
    const id = await creer(lui, { titre: "Séjour autofinancé" });
    const vue = await load(detail.loader, lui, `/espace/projets/${id}`, { id });
    expect((vue.data as { modifiable: boolean }).modifiable).toBe(true);
    const avant = await compter();
    const refus = await post(detail.action, lui, `/espace/projets/${id}`, { ...valide, nombreJeunes: "-2" }, { id });
    expect(refus.status).toBe(400);
    expect(await compter()).toEqual(avant);
    const r = await post(
      detail.action,
      lui,
      `/espace/projets/${id}`,
      { ...valide, titre: "Séjour autofinancé", etat: "realise" },
      { id },
    );
    expect(r.status).toBe(302);
    expect((await projetDe(id)).etat).toBe("realise");
    const [ligne] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "projet.modifier")));
    expect(ligne?.changes).toEqual({ etat: { avant: "en_cours", apres: "realise" } });
  });
});

describe("lecture des projets", () => {
  let id: string;
  let idAutre: string;

  beforeAll(async () => {
    id = await creer(lui, { titre: "Junior association", etat: "emergence", theme: "loisirs" });
    const autre = await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] });
    await insertPromeneur(getDb(), { statut: "actif", userId: autre.id });
    idAutre = await creer(await actorOf(autre.id), { titre: "Projet d'une autre structure" });
  });

  it("le promeneur voit les siens seulement", async () => {
    const r = await load(liste.loader, lui, "/espace/projets");
    const data = r.data as ListeData;
    expect(data.vue).toBe("miens");
    const ids = data.projets.map((p) => p.id);
    expect(ids).toContain(id);
    expect(ids).not.toContain(idAutre);
  });

  it("la coordination voit ceux du département, filtrés par état et thème sans JavaScript", async () => {
    const tous = (await load(liste.loader, coordinateur04, "/espace/projets")).data as ListeData;
    expect(tous.projets.map((p) => p.id)).toEqual(expect.arrayContaining([id, idAutre]));
    const filtres = (await load(liste.loader, coordinateur04, "/espace/projets?etat=emergence&theme=loisirs"))
      .data as ListeData;
    expect(filtres.projets.map((p) => p.id)).toContain(id);
    expect(filtres.projets.map((p) => p.id)).not.toContain(idAutre);
    expect((await load(detail.loader, coordinateur04, `/espace/projets/${id}`, { id })).status).toBe(200);
  });

  it("un référent voit ceux des promeneurs de sa structure, pas ceux d'une autre (404 sur la fiche)", async () => {
    const sienne = (await load(liste.loader, referent, "/espace/projets")).data as ListeData;
    expect(sienne.projets.map((p) => p.id)).toContain(id);
    expect(sienne.projets.map((p) => p.id)).not.toContain(idAutre);
    const vue = await load(detail.loader, referent, `/espace/projets/${id}`, { id });
    expect((vue.data as { modifiable: boolean }).modifiable).toBe(false);
    const autre = (await load(liste.loader, referentAutre, "/espace/projets")).data as ListeData;
    expect(autre.projets.map((p) => p.id)).not.toContain(id);
    expect((await load(detail.loader, referentAutre, `/espace/projets/${id}`, { id })).status).toBe(404);
  });

  it("la coordination d'un autre département reçoit un 404, le comité de pilotage un 403", async () => {
    expect((await load(liste.loader, coordinateur05, "/espace/projets?departement=04")).status).toBe(404);
    expect((await load(detail.loader, coordinateur05, `/espace/projets/${id}`, { id })).status).toBe(404);
    expect((await load(liste.loader, copil04, "/espace/projets")).status).toBe(403);
    expect((await load(detail.loader, copil04, `/espace/projets/${id}`, { id })).status).toBe(403);
  });

  it("ni la coordination ni un référent ne modifient un projet (403)", async () => {
    const avant = await projetDe(id);
    for (const actor of [coordinateur04, referent]) {
      const r = await post(detail.action, actor, `/espace/projets/${id}`, { ...valide, titre: "Modifié" }, { id });
      expect(r.status).toBe(403);
    }
    expect((await projetDe(id)).titre).toBe(avant.titre);
  });
});

describe("demande de soutien à la coordination", () => {
  let smtp: TestSmtpServer;
  let coordinateurEmail: string;
  let coordinateur05Email: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    applyTestEnv({ SMTP_URL: smtp.url });
    resetMailTransport();
    coordinateurEmail = coordinateur04.email;
    coordinateur05Email = coordinateur05.email;
  });

  afterAll(async () => {
    applyTestEnv();
    resetMailTransport();
    await smtp.close();
  });

  it("prévient par e-mail les coordinateurs du département quand la case passe à « oui », une fois", async () => {
    const id = await creer(lui, { titre: "Festival des jeunes de Manosque" });
    expect(smtp.mails()).toHaveLength(0);
    const avant = await projetDe(id);
    expect(avant.soutienDemandeLe).toBeNull();

    const r = await post(
      detail.action,
      lui,
      `/espace/projets/${id}`,
      { ...valide, titre: "Festival des jeunes de Manosque", besoinSoutien: "on" },
      { id },
    );
    expect(r.status).toBe(302);
    const mail = await smtp.waitFor((m) => m.to.includes(coordinateurEmail));
    expect(mail.subject).toContain("Festival des jeunes de Manosque");
    expect(mail.text).toContain(promeneur.nomPublic);
    expect(mail.text).toContain(`http://localhost:3000/espace/projets/${id}`);
    expect(smtp.mails().some((m) => m.to.includes(coordinateur05Email))).toBe(false);
    const demande = await projetDe(id);
    expect(demande.besoinSoutien).toBe(true);
    expect(demande.soutienDemandeLe).toBeInstanceOf(Date);

    // Saved again with the box still ticked: no new mail, the request keeps its day.
    const envoyes = smtp.mails().length;
    await post(
      detail.action,
      lui,
      `/espace/projets/${id}`,
      { ...valide, titre: "Festival des jeunes de Manosque", besoinSoutien: "on", etat: "realise" },
      { id },
    );
    expect(smtp.mails()).toHaveLength(envoyes);
    expect((await projetDe(id)).soutienDemandeLe).toEqual(demande.soutienDemandeLe);

    // Unticked: the request is withdrawn.
    await post(
      detail.action,
      lui,
      `/espace/projets/${id}`,
      { ...valide, titre: "Festival des jeunes de Manosque" },
      { id },
    );
    expect(await projetDe(id)).toMatchObject({ besoinSoutien: false, soutienDemandeLe: null });
  });

  it("un projet créé avec la case cochée prévient aussi, et le tableau de bord le compte", async () => {
    const compte = async () =>
      ((await load(coordination.loader, coordinateur04, "/espace/coordination")).data as { projetsSoutien: number })
        .projetsSoutien;
    const avant = await compte();
    const id = await creer(lui, { titre: "Radio des jeunes", besoinSoutien: "on" });
    await smtp.waitFor((m) => m.subject.includes("Radio des jeunes"));
    expect(await compte()).toBe(avant + 1);
    const filtre = (await load(liste.loader, coordinateur04, "/espace/projets?soutien=1")).data as ListeData;
    expect(filtre.projets.map((p) => p.id)).toContain(id);
    expect(filtre.projets.every((p) => p.titre !== "Junior association")).toBe(true);
  });
});

describe("comptage pour les indicateurs", () => {
  it("compte les projets commencés dans la période par état, forme et thème, et les jeunes", async () => {
    const departement = "05";
    const base = await countProjets(getDb(), departement, { du: "2024-01-01", au: "2024-12-31" });
    expect(base.projets).toBe(0);
    await creer(promeneur05, { debutLe: "2024-03-01", forme: "individuel", nombreJeunes: "1", theme: "logement" });
    await creer(promeneur05, { debutLe: "2024-11-30", etat: "realise", nombreJeunes: "12", besoinSoutien: "on" });
    await creer(promeneur05, { debutLe: "2025-01-01", nombreJeunes: "40" });
    const c = await countProjets(getDb(), departement, { du: "2024-01-01", au: "2024-12-31" });
    expect(c).toEqual({
      projets: 2,
      jeunes: 13,
      parEtat: { emergence: 0, en_cours: 1, realise: 1, abandonne: 0 },
      parForme: { individuel: 1, collectif: 1 },
      parTheme: { logement: 1, risques_numeriques: 1 },
      soutien: 1,
    });
  });
});
