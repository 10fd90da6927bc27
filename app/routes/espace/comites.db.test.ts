import { auditLog, comiteMembres, comites, decisionSuivis, decisions } from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import {
  type ComiteRow,
  insertComite,
  insertDecision,
  insertMembre,
  insertRegroupement,
  type RegroupementRow,
} from "../../../tests/factories/regroupement";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./comites";
import * as detail from "./comites.$id";
import * as nouveau from "./comites.nouveau";
import * as decision from "./decisions.$id";
import * as pilotage from "./pilotage";
import * as reunionDecisions from "./regroupements.$id.decisions";

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

const JOUR = 86_400_000;

async function compter() {
  const db = getDb();
  const [c] = await db.select({ n: count() }).from(comites);
  const [m] = await db.select({ n: count() }).from(comiteMembres);
  const [d] = await db.select({ n: count() }).from(decisions);
  const [s] = await db.select({ n: count() }).from(decisionSuivis);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { comites: c?.n, membres: m?.n, decisions: d?.n, suivis: s?.n, audit: a?.n };
}

let coordinateur04: Actor;
let coordinateur05: Actor;
let copilMembre: Actor;
let copilAutre: Actor;
let copil05: Actor;
let promeneur04: Actor;
let copil: ComiteRow;
let operationnel: ComiteRow;
let reunion1: RegroupementRow;
let reunion2: RegroupementRow;
let reunionOp: RegroupementRow;

beforeAll(async () => {
  const db = getDb();
  const c = await insertCoordination(db);
  coordinateur04 = c.coordinateur04;
  coordinateur05 = c.coordinateur05;
  copilMembre = c.copil04;
  copilAutre = await insertActor(db, { role: "copil", departement: "04" });
  copil05 = await insertActor(db, { role: "copil", departement: "05" });
  promeneur04 = await insertActor(db, { role: "promeneur", departement: "04" });
  copil = await insertComite(db, { nom: "Comité de pilotage 04" });
  operationnel = await insertComite(db, { type: "comite_operationnel", nom: "Comité opérationnel Sud" });
  await insertMembre(db, copil, { organisation: "CAF 04", userId: copilMembre.userId });
  // copilAutre sits on the comité opérationnel only.
  await insertMembre(db, operationnel, { organisation: "MSA", userId: copilAutre.userId });
  const debut1 = new Date(Date.now() - 120 * JOUR);
  reunion1 = await insertRegroupement(db, {
    type: "comite_pilotage",
    comiteId: copil.id,
    audience: "copil",
    debut: debut1,
    fin: new Date(debut1.getTime() + 2 * 3_600_000),
  });
  const debut2 = new Date(Date.now() - 10 * JOUR);
  reunion2 = await insertRegroupement(db, {
    type: "comite_pilotage",
    comiteId: copil.id,
    audience: "copil",
    debut: debut2,
    fin: new Date(debut2.getTime() + 2 * 3_600_000),
  });
  reunionOp = await insertRegroupement(db, {
    type: "comite_operationnel",
    comiteId: operationnel.id,
    audience: "copil",
  });
});

describe("comités : lecture", () => {
  it("la coordination voit tous les comités de son département, un membre du COPIL ceux où il siège", async () => {
    const tous = await load(liste.loader, coordinateur04, "/espace/comites");
    const noms = (tous.data as { comites: { nom: string }[] }).comites.map((c) => c.nom);
    expect(noms).toEqual(expect.arrayContaining(["Comité de pilotage 04", "Comité opérationnel Sud"]));
    // The steering committee first, though « opérationnel » sorts before « pilotage ».
    const types = (tous.data as { comites: { type: string }[] }).comites.map((c) => c.type);
    expect(types[0]).toBe("comite_pilotage");
    expect(types.indexOf("comite_operationnel")).toBeGreaterThan(types.lastIndexOf("comite_pilotage"));
    const siens = await load(liste.loader, copilMembre, "/espace/comites");
    expect((siens.data as { comites: { nom: string }[] }).comites.map((c) => c.nom)).toEqual(["Comité de pilotage 04"]);
  });

  it("403 pour un promeneur, 404 pour un autre département", async () => {
    expect((await load(liste.loader, promeneur04, "/espace/comites")).status).toBe(403);
    expect((await load(liste.loader, coordinateur05, "/espace/comites?departement=04")).status).toBe(404);
    expect((await load(detail.loader, promeneur04, "/", { id: copil.id })).status).toBe(403);
    expect((await load(detail.loader, coordinateur05, "/", { id: copil.id })).status).toBe(404);
    expect((await load(detail.loader, copil05, "/", { id: copil.id })).status).toBe(404);
  });

  it("un membre du COPIL lit son comité, pas un comité où il ne siège pas (404)", async () => {
    const lu = await load(detail.loader, copilMembre, "/", { id: copil.id });
    expect(lu.status).toBe(200);
    expect((lu.data as { gere: boolean }).gere).toBe(false);
    expect((await load(detail.loader, copilMembre, "/", { id: operationnel.id })).status).toBe(404);
  });

  it("un membre retiré du comité ne le lit plus", async () => {
    const ancien = await insertActor(getDb(), { role: "copil", departement: "04" });
    await insertMembre(getDb(), copil, { userId: ancien.userId, actif: false });
    expect((await load(detail.loader, ancien, "/", { id: copil.id })).status).toBe(404);
  });
});

describe("comités : création et membres", () => {
  it("la coordination crée un comité, audité", async () => {
    const avant = await compter();
    const r = await post(nouveau.action, coordinateur04, "/espace/comites/nouveau", {
      type: "comite_operationnel",
      nom: "Comité opérationnel Nord (Digne, Sisteron)",
    });
    expect(r.status).toBe(302);
    const apres = await compter();
    expect(apres.comites).toBe((avant.comites ?? 0) + 1);
    expect(apres.audit).toBe((avant.audit ?? 0) + 1);
  });

  it("refuse un comité sans nom (400, rien d'écrit), un copil (403), un autre département (404)", async () => {
    const avant = await compter();
    const vide = await post(nouveau.action, coordinateur04, "/espace/comites/nouveau", {
      type: "comite_pilotage",
      nom: " ",
    });
    expect(vide.status).toBe(400);
    expect((vide.data as { erreurs: Record<string, string[]> }).erreurs.nom?.[0]).toMatch(/nom du comité/);
    const champs = { type: "comite_pilotage", nom: "Un comité" };
    expect((await post(nouveau.action, copilMembre, "/espace/comites/nouveau", champs)).status).toBe(403);
    expect((await post(nouveau.action, coordinateur05, "/espace/comites/nouveau?departement=04", champs)).status).toBe(
      404,
    );
    expect(await compter()).toEqual(avant);
  });

  it("la page de création : 403 pour un copil, 404 pour une autre coordination", async () => {
    expect((await load(nouveau.loader, coordinateur04, "/espace/comites/nouveau")).status).toBe(200);
    expect((await load(nouveau.loader, copilMembre, "/espace/comites/nouveau")).status).toBe(403);
    expect((await load(nouveau.loader, coordinateur05, "/espace/comites/nouveau?departement=04")).status).toBe(404);
  });

  it("ajoute un membre lié à un compte du COPIL du département, le modifie et le retire, chaque fois audité", async () => {
    const db = getDb();
    const compte = await insertActor(db, { role: "copil", departement: "04" });
    const comite = await insertComite(db, { type: "comite_operationnel", nom: "Comité d'essai membres" });
    const avant = await compter();
    const ajout = await post(
      detail.action,
      coordinateur04,
      "/",
      {
        intent: "ajouter",
        organisation: "Conseil départemental 04",
        nom: "Jeanne Essai",
        fonction: "Cheffe de service",
        email: "Jeanne.Essai@essai.pdn.fr",
        userId: compte.userId,
      },
      { id: comite.id },
    );
    expect(ajout.status).toBe(302);
    const [membre] = await db.select().from(comiteMembres).where(eq(comiteMembres.comiteId, comite.id));
    expect(membre).toMatchObject({ organisation: "Conseil départemental 04", email: "jeanne.essai@essai.pdn.fr" });
    expect(membre?.userId).toBe(compte.userId);
    expect((await load(detail.loader, compte, "/", { id: comite.id })).status).toBe(200);

    const modif = await post(
      detail.action,
      coordinateur04,
      "/",
      {
        intent: "modifier",
        membreId: membre?.id ?? "",
        organisation: "Conseil départemental 04",
        nom: "Jeanne Essai",
        fonction: "Directrice",
      },
      { id: comite.id },
    );
    expect(modif.status).toBe(302);
    const retrait = await post(
      detail.action,
      coordinateur04,
      "/",
      { intent: "desactiver", membreId: membre?.id ?? "" },
      { id: comite.id },
    );
    expect(retrait.status).toBe(302);
    const [apres] = await db.select().from(comiteMembres).where(eq(comiteMembres.comiteId, comite.id));
    expect(apres).toMatchObject({ fonction: "Directrice", userId: null, actif: false });
    expect((await compter()).audit).toBe((avant.audit ?? 0) + 3);
    expect((await load(detail.loader, compte, "/", { id: comite.id })).status).toBe(404);
  });

  it("refuse un membre sans organisation, un compte qui n'est pas du COPIL du département (400, rien d'écrit)", async () => {
    const coordinateur = await insertActor(getDb(), { role: "coordinateur", departement: "04" });
    const avant = await compter();
    const sansOrga = await post(
      detail.action,
      coordinateur04,
      "/",
      { intent: "ajouter", organisation: "", nom: "X Y" },
      { id: copil.id },
    );
    expect(sansOrga.status).toBe(400);
    expect((sansOrga.data as { erreurs: Record<string, string[]> }).erreurs.organisation).toBeDefined();
    for (const userId of [coordinateur.userId, copil05.userId]) {
      const r = await post(
        detail.action,
        coordinateur04,
        "/",
        { intent: "ajouter", organisation: "CAF 04", nom: "Un membre", userId },
        { id: copil.id },
      );
      expect(r.status).toBe(400);
      expect((r.data as { erreurs: Record<string, string[]> }).erreurs.userId?.[0]).toMatch(/compte/);
    }
    expect(await compter()).toEqual(avant);
  });

  it("un copil (403) ni une autre coordination (404) ne gèrent les membres", async () => {
    const avant = await compter();
    const champs = { intent: "ajouter", organisation: "CAF 04", nom: "Un membre" };
    expect((await post(detail.action, copilMembre, "/", champs, { id: copil.id })).status).toBe(403);
    expect((await post(detail.action, promeneur04, "/", champs, { id: copil.id })).status).toBe(403);
    expect((await post(detail.action, coordinateur05, "/", champs, { id: copil.id })).status).toBe(404);
    expect(await compter()).toEqual(avant);
  });

  it("une autre coordination ne modifie ni ne retire un membre (404, même avec un formulaire invalide) ; rien ne change", async () => {
    const db = getDb();
    const membre = await insertMembre(db, copil, { organisation: "Conseil départemental 04", nom: "Anne Roux" });
    const avant = await compter();
    const cible = { membreId: membre.id };
    expect(
      (await post(detail.action, coordinateur05, "/", { ...cible, intent: "desactiver" }, { id: copil.id })).status,
    ).toBe(404);
    expect(
      (
        await post(
          detail.action,
          coordinateur05,
          "/",
          { ...cible, intent: "modifier", organisation: "Autre", nom: "Autre nom" },
          { id: copil.id },
        )
      ).status,
    ).toBe(404);
    // An invalid form does not reveal that the committee exists: 404, not 400.
    expect(
      (
        await post(
          detail.action,
          coordinateur05,
          "/",
          { ...cible, intent: "modifier", organisation: "" },
          { id: copil.id },
        )
      ).status,
    ).toBe(404);
    expect(await compter()).toEqual(avant);
    const [apres] = await db.select().from(comiteMembres).where(eq(comiteMembres.id, membre.id));
    expect(apres).toMatchObject({ organisation: "Conseil départemental 04", nom: "Anne Roux", actif: true });
  });
});

describe("décisions d'une réunion et suivi d'une réunion à l'autre", () => {
  it("la coordination enregistre une décision à la réunion 1 ; elle est à suivre à la réunion 2, où son suivi est enregistré", async () => {
    const db = getDb();
    const avant = await compter();
    const prise = await post(
      reunionDecisions.action,
      coordinateur04,
      "/",
      {
        intent: "creer",
        texte: "Lancer une campagne d'affichage dans les collèges",
        responsable: "Coordination",
        echeance: "",
      },
      { id: reunion1.id },
    );
    expect(prise.status).toBe(302);
    const [d] = await db.select().from(decisions).where(eq(decisions.regroupementId, reunion1.id));
    expect(d).toMatchObject({ comiteId: copil.id, etat: "ouverte", echeance: null, departement: "04" });
    expect((await compter()).audit).toBe((avant.audit ?? 0) + 1);

    const aLaReunion2 = await load(reunionDecisions.loader, coordinateur04, "/", { id: reunion2.id });
    const data2 = aLaReunion2.data as { aSuivre: { id: string }[]; prises: { id: string }[] };
    expect(data2.aSuivre.map((x) => x.id)).toContain(d?.id);
    expect(data2.prises.map((x) => x.id)).not.toContain(d?.id);
    // Not to follow at the meeting where it was taken.
    const aLaReunion1 = await load(reunionDecisions.loader, coordinateur04, "/", { id: reunion1.id });
    expect((aLaReunion1.data as { aSuivre: { id: string }[] }).aSuivre.map((x) => x.id)).not.toContain(d?.id);

    const suivi = await post(
      reunionDecisions.action,
      coordinateur04,
      "/",
      { intent: "suivre", decisionId: d?.id ?? "", etat: "realisee", note: "Affiches posées", version: "1" },
      { id: reunion2.id },
    );
    expect(suivi.status).toBe(302);
    const [apres] = await db
      .select()
      .from(decisions)
      .where(eq(decisions.id, d?.id ?? ""));
    expect(apres?.etat).toBe("realisee");
    expect(apres?.clotureeLe).not.toBeNull();
    expect(apres?.version).toBe(2);
    const suivis = await db
      .select()
      .from(decisionSuivis)
      .where(eq(decisionSuivis.decisionId, d?.id ?? ""));
    expect(suivis).toHaveLength(1);
    expect(suivis[0]).toMatchObject({ regroupementId: reunion2.id, etat: "realisee", note: "Affiches posées" });
    // Still shown at meeting 2 as followed up there.
    const ensuite = await load(reunionDecisions.loader, coordinateur04, "/", { id: reunion2.id });
    const ligne = (ensuite.data as { aSuivre: { id: string; suiviIciEtat: string | null }[] }).aSuivre.find(
      (x) => x.id === d?.id,
    );
    expect(ligne?.suiviIciEtat).toBe("realisee");
    // The decision's page shows its history with the meeting.
    const page = await load(decision.loader, copilMembre, "/", { id: d?.id ?? "" });
    expect(page.status).toBe(200);
    expect((page.data as { suivis: { regroupementId: string }[] }).suivis[0]?.regroupementId).toBe(reunion2.id);
    expect((await compter()).audit).toBe((avant.audit ?? 0) + 2);
  });

  it("refuse une échéance avant la réunion et un porteur vide (400, rien d'écrit)", async () => {
    const avant = await compter();
    const tot = await post(
      reunionDecisions.action,
      coordinateur04,
      "/",
      { intent: "creer", texte: "Une décision", responsable: "CAF 04", echeance: "2020-01-01" },
      { id: reunion2.id },
    );
    expect(tot.status).toBe(400);
    expect((tot.data as { erreurs: Record<string, string[]> }).erreurs.echeance?.[0]).toBe(
      "L'échéance ne peut pas précéder la réunion.",
    );
    const sansPorteur = await post(
      reunionDecisions.action,
      coordinateur04,
      "/",
      { intent: "creer", texte: "Une décision", responsable: "  " },
      { id: reunion2.id },
    );
    expect(sansPorteur.status).toBe(400);
    expect((sansPorteur.data as { erreurs: Record<string, string[]> }).erreurs.responsable?.[0]).toMatch(/porte/);
    expect(await compter()).toEqual(avant);
  });

  it("accepte une échéance le jour même de la réunion", async () => {
    const jour = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(reunion2.debut);
    const r = await post(
      reunionDecisions.action,
      coordinateur04,
      "/",
      { intent: "creer", texte: "Décision du jour", responsable: "DDETS", echeance: jour },
      { id: reunion2.id },
    );
    expect(r.status).toBe(302);
  });

  it("un copil (403), un promeneur (403), une autre coordination (404) n'enregistrent pas de décision", async () => {
    const avant = await compter();
    const champs = { intent: "creer", texte: "Une décision", responsable: "CAF 04" };
    expect((await post(reunionDecisions.action, copilMembre, "/", champs, { id: reunion2.id })).status).toBe(403);
    expect((await post(reunionDecisions.action, promeneur04, "/", champs, { id: reunion2.id })).status).toBe(403);
    expect((await post(reunionDecisions.action, coordinateur05, "/", champs, { id: reunion2.id })).status).toBe(404);
    expect(await compter()).toEqual(avant);
  });

  it("un copil (403) ni une autre coordination (404) ne suivent une décision à une réunion ; rien ne change", async () => {
    const d = await insertDecision(getDb(), copil, { regroupementId: reunion1.id });
    const avant = await compter();
    const champs = { intent: "suivre", decisionId: d.id, etat: "realisee", note: "Fait", version: "1" };
    expect((await post(reunionDecisions.action, copilMembre, "/", champs, { id: reunion2.id })).status).toBe(403);
    expect((await post(reunionDecisions.action, coordinateur05, "/", champs, { id: reunion2.id })).status).toBe(404);
    expect(await compter()).toEqual(avant);
    const [apres] = await getDb().select().from(decisions).where(eq(decisions.id, d.id));
    expect(apres).toMatchObject({ etat: "ouverte", version: 1 });
  });

  it("une réunion annulée : ni décision ni suivi n'y sont enregistrés (400, message clair, rien d'écrit)", async () => {
    const db = getDb();
    const annulee = await insertRegroupement(db, {
      type: "comite_pilotage",
      comiteId: copil.id,
      audience: "copil",
      statut: "annule",
    });
    const d = await insertDecision(db, copil, { regroupementId: reunion1.id });
    const avant = await compter();
    const creer = await post(
      reunionDecisions.action,
      coordinateur04,
      "/",
      { intent: "creer", texte: "Une décision", responsable: "CAF 04" },
      { id: annulee.id },
    );
    expect(creer.status).toBe(400);
    expect((creer.data as { erreurs: Record<string, string[]> }).erreurs[""]?.[0]).toMatch(/réunion est annulée/);
    const suivre = await post(
      reunionDecisions.action,
      coordinateur04,
      "/",
      { intent: "suivre", decisionId: d.id, etat: "realisee", note: "", version: "1" },
      { id: annulee.id },
    );
    expect(suivre.status).toBe(400);
    expect((suivre.data as { erreurs: Record<string, string[]> }).erreurs[""]?.[0]).toMatch(/réunion est annulée/);
    // Nor from the decision's own page.
    const page = await post(
      decision.action,
      coordinateur04,
      "/",
      { etat: "realisee", note: "", version: "1", regroupementId: annulee.id },
      { id: d.id },
    );
    expect(page.status).toBe(400);
    expect((page.data as { erreurs: Record<string, string[]> }).erreurs.regroupementId?.[0]).toMatch(
      /réunion est annulée/,
    );
    expect(await compter()).toEqual(avant);
  });

  it("les décisions d'une réunion : lues par un membre du comité, 404 pour un autre copil, 403 pour un promeneur", async () => {
    expect((await load(reunionDecisions.loader, copilMembre, "/", { id: reunion2.id })).status).toBe(200);
    expect((await load(reunionDecisions.loader, copilAutre, "/", { id: reunion2.id })).status).toBe(404);
    expect((await load(reunionDecisions.loader, copilMembre, "/", { id: reunionOp.id })).status).toBe(404);
    expect((await load(reunionDecisions.loader, promeneur04, "/", { id: reunion2.id })).status).toBe(403);
    expect((await load(reunionDecisions.loader, coordinateur05, "/", { id: reunion2.id })).status).toBe(404);
  });
});

describe("page d'une décision", () => {
  it("suivi avec une note seule : l'état reste, rien n'est clôturé ; sans changement ni note : 400", async () => {
    const db = getDb();
    const d = await insertDecision(db, copil, { regroupementId: reunion1.id });
    const avant = await compter();
    const vide = await post(
      decision.action,
      coordinateur04,
      "/",
      { etat: "ouverte", note: "", version: "1" },
      { id: d.id },
    );
    expect(vide.status).toBe(400);
    expect(await compter()).toEqual(avant);
    const note = await post(
      decision.action,
      coordinateur04,
      "/",
      { etat: "ouverte", note: "Relance faite", version: "1", regroupementId: reunion2.id },
      { id: d.id },
    );
    expect(note.status).toBe(302);
    const [apres] = await db.select().from(decisions).where(eq(decisions.id, d.id));
    expect(apres).toMatchObject({ etat: "ouverte", clotureeLe: null, version: 2 });
  });

  it("une version périmée est refusée (409, rien d'écrit)", async () => {
    const d = await insertDecision(getDb(), copil, { version: 3 });
    const avant = await compter();
    const r = await post(
      decision.action,
      coordinateur04,
      "/",
      { etat: "abandonnee", note: "", version: "2" },
      { id: d.id },
    );
    expect(r.status).toBe(409);
    expect(await compter()).toEqual(avant);
  });

  it("refuse une réunion d'un autre comité (400)", async () => {
    const d = await insertDecision(getDb(), copil);
    const r = await post(
      decision.action,
      coordinateur04,
      "/",
      { etat: "realisee", note: "", version: "1", regroupementId: reunionOp.id },
      { id: d.id },
    );
    expect(r.status).toBe(400);
  });

  it("lecture : membre du comité oui, copil d'un autre comité 404, autre département 404, promeneur 403 ; écriture : copil 403", async () => {
    const d = await insertDecision(getDb(), copil);
    const dOp = await insertDecision(getDb(), operationnel);
    expect((await load(decision.loader, copilMembre, "/", { id: d.id })).status).toBe(200);
    expect((await load(decision.loader, copilMembre, "/", { id: dOp.id })).status).toBe(404);
    expect((await load(decision.loader, copilAutre, "/", { id: d.id })).status).toBe(404);
    expect((await load(decision.loader, coordinateur05, "/", { id: d.id })).status).toBe(404);
    expect((await load(decision.loader, copil05, "/", { id: d.id })).status).toBe(404);
    expect((await load(decision.loader, promeneur04, "/", { id: d.id })).status).toBe(403);
    const champs = { etat: "realisee", note: "", version: "1" };
    expect((await post(decision.action, copilMembre, "/", champs, { id: d.id })).status).toBe(403);
    expect((await post(decision.action, coordinateur05, "/", champs, { id: d.id })).status).toBe(404);
    // An invalid form of another département: 404, not 400.
    expect((await post(decision.action, coordinateur05, "/", { etat: "finie" }, { id: d.id })).status).toBe(404);
  });

  it("le comité met en évidence les décisions en retard et filtre par état", async () => {
    const db = getDb();
    const comite = await insertComite(db, { type: "comite_operationnel", nom: "Comité d'essai retards" });
    await insertDecision(db, comite, { texte: "En retard", echeance: "2020-05-01" });
    await insertDecision(db, comite, { texte: "Faite", etat: "realisee", echeance: "2020-05-01" });
    const tout = await load(detail.loader, coordinateur04, "/", { id: comite.id });
    const d = tout.data as { decisions: { texte: string; etat: string }[] };
    expect(d.decisions.map((x) => x.texte)).toEqual(["En retard", "Faite"]);
    const filtre = await load(detail.loader, coordinateur04, "/?etat=realisee", { id: comite.id });
    expect((filtre.data as typeof d).decisions.map((x) => x.texte)).toEqual(["Faite"]);
  });
});

describe("accueil du pilotage : prochaines réunions et décisions à suivre", () => {
  it("montre à un membre les réunions à venir et les décisions en cours de ses comités, pas celles des autres", async () => {
    const db = getDb();
    const prochaine = await insertRegroupement(db, {
      type: "comite_pilotage",
      comiteId: copil.id,
      audience: "copil",
      titre: "Prochain COPIL",
    });
    const ouverte = await insertDecision(db, copil, { texte: "Décision du COPIL en cours" });
    const autre = await insertDecision(db, operationnel, { texte: "Décision du comité opérationnel" });
    type Accueil = { comites: { reunions: { id: string }[]; decisions: { id: string }[] } | null };
    const lu = (await load(pilotage.loader, copilMembre, "/espace/pilotage")).data as Accueil;
    expect(lu.comites?.reunions.map((r) => r.id)).toContain(prochaine.id);
    expect(lu.comites?.reunions.map((r) => r.id)).not.toContain(reunionOp.id);
    expect(lu.comites?.decisions.map((d) => d.id)).toContain(ouverte.id);
    expect(lu.comites?.decisions.map((d) => d.id)).not.toContain(autre.id);
    const national = await insertActor(db, { role: "national" });
    expect(
      ((await load(pilotage.loader, national, "/espace/pilotage?departement=04")).data as Accueil).comites,
    ).toBeNull();
  });

  it("prochaine réunion : une seule règle (prévue, pas encore finie) sur la liste, le comité et l'accueil ; décisions en cours comptées", async () => {
    const db = getDb();
    const comite = await insertComite(db, { type: "comite_operationnel", nom: "Comité d'essai prochaine réunion" });
    await insertMembre(db, comite, { userId: copilMembre.userId });
    const maintenant = Date.now();
    const enCours = await insertRegroupement(db, {
      type: "comite_operationnel",
      comiteId: comite.id,
      audience: "copil",
      titre: "Réunion en cours",
      debut: new Date(maintenant - 3 * 3_600_000),
      fin: new Date(maintenant + 3_600_000),
    });
    const annulee = await insertRegroupement(db, {
      type: "comite_operationnel",
      comiteId: comite.id,
      audience: "copil",
      titre: "Réunion annulée",
      statut: "annule",
      debut: new Date(maintenant - 4 * 3_600_000),
      fin: new Date(maintenant + 2 * 3_600_000),
    });
    await insertDecision(db, comite, { texte: "Ouverte" });
    await insertDecision(db, comite, { texte: "Réalisée", etat: "realisee" });
    type Liste = { comites: { id: string; prochaineReunion: Date | null; decisionsOuvertes: number }[] };
    const liste_ = (await load(liste.loader, copilMembre, "/espace/comites")).data as Liste;
    const ligne = liste_.comites.find((c) => c.id === comite.id);
    expect(ligne?.prochaineReunion?.getTime()).toBe(enCours.debut.getTime());
    expect(ligne?.decisionsOuvertes).toBe(1);
    type Detail = { aVenir: { id: string }[]; passees: { id: string }[] };
    const page = (await load(detail.loader, copilMembre, "/", { id: comite.id })).data as Detail;
    expect(page.aVenir.map((r) => r.id)).toEqual([enCours.id]);
    expect(page.passees.map((r) => r.id)).toEqual([annulee.id]);
    type Accueil = { comites: { reunions: { id: string }[] } };
    const accueil = (await load(pilotage.loader, copilMembre, "/espace/pilotage")).data as Accueil;
    expect(accueil.comites.reunions.map((r) => r.id)).toContain(enCours.id);
    expect(accueil.comites.reunions.map((r) => r.id)).not.toContain(annulee.id);
  });
});
