import os from "node:os";
import path from "node:path";
import { appels, candidatures } from "@db/schema";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAppel } from "~/domain/appels/appel.queries.server";
import { champLigne } from "~/domain/appels/appel.schema";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { findOutboxMails } from "~/server/mail.server";
import { StockageDisque, setStockage } from "~/server/stockage.server";
import {
  type AppelRow,
  type CandidatureRow,
  champsDesLignes,
  insertAppel,
  insertCandidature,
  insertEvaluation,
  insertPiece,
} from "../../../tests/factories/appel";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./appels";
import * as detail from "./appels.$id";
import * as candidaturePage from "./appels.$id.candidatures.$candidatureId";
import * as exportRoute from "./appels.$id.export.$format";
import * as modifier from "./appels.$id.modifier";
import * as nouveau from "./appels.nouveau";
import * as piece from "./appels.pieces.$pieceId";

type Handler = (args: never) => unknown;
const appel = (handler: Handler, actor: Actor | null, request: Request, params: Record<string, string> = {}) =>
  outcome(() => handler({ request, context: contextFor(actor), params } as never));
/** A download's raw answer (bytes and headers), or the refusal's status. */
async function telecharger(handler: Handler, actor: Actor, params: Record<string, string>) {
  try {
    const r = (await handler({ request: getRequest("/"), context: contextFor(actor), params } as never)) as Response;
    return { status: r.status, headers: r.headers, octets: Buffer.from(await r.arrayBuffer()) };
  } catch (e) {
    const o = await outcome(() => {
      throw e;
    });
    return { status: o.status, headers: o.headers, octets: Buffer.alloc(0) };
  }
}

const stockage = new StockageDisque(path.join(os.tmpdir(), `pdn-appels-routes-${process.pid}-${Date.now()}`));
let c: Awaited<ReturnType<typeof insertCoordination>>;
let evaluateurA: Actor;
let evaluateurB: Actor;
let evaluateurAutreAppel: Actor;
let promeneur: Actor;
let referent: Actor;
let a: AppelRow;
let autreAppel: AppelRow;
let premiere: CandidatureRow & { email: string };
let seconde: CandidatureRow & { email: string };
let brouillon: CandidatureRow;
let candidatureAutreAppel: CandidatureRow;
let pieceDossier: { id: string };
let pieceBrouillon: { id: string };
let pieceAutreAppel: { id: string };

const PDF = Buffer.from("%PDF-1.4\n% le dossier de la Maison des jeunes\n%%EOF\n");

beforeAll(async () => {
  setStockage(stockage);
  const db = getDb();
  c = await insertCoordination(db);
  evaluateurA = await insertActor(db, { role: "evaluateur", departement: "04" });
  evaluateurB = await insertActor(db, { role: "evaluateur", departement: "04" });
  evaluateurAutreAppel = await insertActor(db, { role: "evaluateur", departement: "04" });
  promeneur = await insertActor(db, { role: "promeneur", departement: "04" });
  referent = await insertActor(db, { role: "referent", departement: "04" });
  a = await insertAppel(db, { titre: "Coordination 2026", commission: [evaluateurA.userId, evaluateurB.userId] });
  autreAppel = await insertAppel(db, { titre: "Recrutement 2026", commission: [evaluateurAutreAppel.userId] });

  premiere = await insertCandidature(db, a, {
    statut: "recevable",
    structureNom: "Maison des jeunes / Digne",
    deposeeLe: new Date("2026-03-01T10:00:00Z"),
  });
  seconde = await insertCandidature(db, a, {
    statut: "recevable",
    structureNom: "Centre social du Lac",
    deposeeLe: new Date("2026-03-02T10:00:00Z"),
  });
  brouillon = await insertCandidature(db, a, { statut: "brouillon", structureNom: "Brouillon secret" });
  candidatureAutreAppel = await insertCandidature(db, autreAppel, { statut: "recevable" });

  pieceDossier = await insertPiece(db, stockage, premiere.id, {
    documentCode: "dossier",
    nom: "dossier<final>.pdf",
    contenu: PDF,
  });
  await insertPiece(db, stockage, premiere.id, { documentCode: "cv", nom: "cv.pdf" });
  await insertPiece(db, stockage, seconde.id, { documentCode: "dossier", nom: "dossier.pdf" });
  pieceBrouillon = await insertPiece(db, stockage, brouillon.id, { documentCode: "dossier", nom: "brouillon.pdf" });
  pieceAutreAppel = await insertPiece(db, stockage, candidatureAutreAppel.id, { nom: "autre.pdf" });

  const soumise = new Date("2026-03-25T10:00:00Z");
  // premiere: A submitted (5, 5, 5) = 100; B's draft at 0 does not count.
  await insertEvaluation(
    db,
    premiere.id,
    evaluateurA.userId,
    { enjeux: [5, "Très clair"], faisabilite: [5], profil: [5] },
    soumise,
  );
  await insertEvaluation(db, premiere.id, evaluateurB.userId, { enjeux: [0], faisabilite: [0], profil: [0] });
  // seconde: A submitted (4, 2, 3) → (8 + 2 + 9) / 30 = 63,33; B's draft at 5 does not count.
  await insertEvaluation(
    db,
    seconde.id,
    evaluateurA.userId,
    { enjeux: [4], faisabilite: [2, "Budget fragile"], profil: [3] },
    soumise,
  );
  await insertEvaluation(db, seconde.id, evaluateurB.userId, { enjeux: [5], faisabilite: [5], profil: [5] });
  await insertEvaluation(db, brouillon.id, evaluateurA.userId);
  await insertEvaluation(db, candidatureAutreAppel.id, evaluateurAutreAppel.userId);
});

afterAll(() => setStockage(undefined));

describe("la liste des appels", () => {
  it("montre les appels du département et leurs candidatures par statut ; 403 aux autres rôles, 404 hors département", async () => {
    const r = await appel(liste.loader, c.coordinateur04, getRequest("/espace/appels"));
    expect(r.status).toBe(200);
    const data = r.data as Awaited<ReturnType<typeof liste.loader>>;
    const ligne = data.appels.find((x) => x.id === a.id);
    expect(ligne?.parStatut).toMatchObject({ recevable: 2, brouillon: 1 });
    expect(ligne?.etat).toBe("clos");
    const html = render(page(liste.default)(data));
    expect(html).toContain("Coordination 2026");
    expect(html).toContain("1 brouillon en cours");
    expect((await appel(liste.loader, c.copil04, getRequest("/espace/appels"))).status).toBe(200);
    for (const actor of [evaluateurA, promeneur, referent, c.national]) {
      expect((await appel(liste.loader, actor, getRequest("/espace/appels"))).status).toBe(403);
    }
    expect((await appel(liste.loader, c.coordinateur05, getRequest("/espace/appels?departement=04"))).status).toBe(404);
  });
});

/** The new-call form as the page sends it, from the recruitment template. */
async function formulaireNouveau(modifs: Record<string, string | null> = {}) {
  const r = await appel(nouveau.loader, c.coordinateur04, getRequest("/espace/appels/nouveau?modele=recrutement"));
  const { formulaire: f } = r.data as Awaited<ReturnType<typeof nouveau.loader>>;
  const champs: Record<string, string | string[]> = {
    intent: "enregistrer",
    type: f.type,
    titre: f.titre,
    slug: `recrutement-${Date.now()}`,
    description: f.description,
    ouvertureLe: "2026-05-01T09:00",
    clotureLe: "2026-06-30T12:00",
    decisionLe: "2026-07-15T10:00",
    lignesVides: "2",
    evaluateurs: [evaluateurA.userId],
    ...champsDesLignes(f),
  };
  for (const [nom, valeur] of Object.entries(modifs)) {
    if (valeur === null) delete champs[nom];
    else champs[nom] = valeur;
  }
  return champs;
}

describe("créer et modifier un appel par les pages", () => {
  it("crée un appel depuis le modèle de recrutement et renvoie vers sa page", async () => {
    const champs = await formulaireNouveau();
    const r = await appel(nouveau.action, c.coordinateur04, postRequest("/espace/appels/nouveau", champs));
    expect(r.status).toBe(302);
    const [cree] = await getDb()
      .select()
      .from(appels)
      .where(eq(appels.slug, champs.slug as string));
    expect(r.location).toBe(`/espace/appels/${cree?.id}`);
    expect(cree).toMatchObject({ type: "recrutement", departement: "04", publieLe: null });
    // 12:00 in Paris in June (summer time) is 10:00 UTC.
    expect(cree?.clotureLe.toISOString()).toBe("2026-06-30T10:00:00.000Z");
  });

  it("répond 400 avec le message à côté du champ, sans rien créer ; « Ajouter des lignes » n'enregistre rien", async () => {
    const champs = await formulaireNouveau({ titre: "", [champLigne("criteres", 1, "poids")]: "0" });
    const r = await appel(nouveau.action, c.coordinateur04, postRequest("/espace/appels/nouveau", champs));
    expect(r.status).toBe(400);
    const retour = r.data as { erreurs: Record<string, string[]> };
    expect(retour.erreurs.titre).toEqual(["Donnez un titre à l'appel."]);
    expect(retour.erreurs[champLigne("criteres", 1, "poids")]).toEqual(["Le poids est un nombre entier de 1 à 10."]);
    const html = render(
      page(nouveau.default)(
        (await appel(nouveau.loader, c.coordinateur04, getRequest("/espace/appels/nouveau"))).data,
        r.data,
      ),
    );
    expect(html).toContain("Rien n&#x27;a été enregistré");
    expect(html).toContain('id="criteres-1-poids-erreur"');
    expect(
      await getDb()
        .select()
        .from(appels)
        .where(eq(appels.slug, champs.slug as string)),
    ).toEqual([]);

    const lignes = await appel(
      nouveau.action,
      c.coordinateur04,
      postRequest("/espace/appels/nouveau", { ...(await formulaireNouveau()), intent: "lignes" }),
    );
    expect(lignes.status).toBe(200);
    expect((lignes.data as { formulaire: { lignesVides: number } }).formulaire.lignesVides).toBe(5);
  });

  it("refuse la création aux autres rôles (403) et hors département (404)", async () => {
    const champs = await formulaireNouveau();
    for (const actor of [evaluateurA, promeneur, referent]) {
      expect((await appel(nouveau.action, actor, postRequest("/espace/appels/nouveau", champs))).status).toBe(403);
    }
    expect(
      (await appel(nouveau.action, c.coordinateur05, postRequest("/espace/appels/nouveau?departement=04", champs)))
        .status,
    ).toBe(404);
    expect(
      await getDb()
        .select()
        .from(appels)
        .where(eq(appels.slug, champs.slug as string)),
    ).toEqual([]);
  });

  it("modifie un appel ; une version périmée répond 409 ; un autre département 404 ; un évaluateur 403", async () => {
    const cible = await insertAppel(getDb(), { titre: "À modifier" });
    const r = await appel(modifier.loader, c.coordinateur04, getRequest(`/espace/appels/${cible.id}/modifier`), {
      id: cible.id,
    });
    expect(r.status).toBe(200);
    const loaderData = r.data as Awaited<ReturnType<typeof modifier.loader>>;
    expect(render(page(modifier.default)(loaderData))).toContain("À modifier");
    const f = loaderData.formulaire;
    const champs: Record<string, string | string[]> = {
      intent: "enregistrer",
      version: "1",
      titre: "Modifié par la page",
      slug: f.slug,
      description: f.description,
      ouvertureLe: f.ouvertureLe,
      clotureLe: f.clotureLe,
      decisionLe: f.decisionLe,
      ...champsDesLignes(f),
    };
    const post = (actor: Actor, fields = champs) =>
      appel(modifier.action, actor, postRequest(`/espace/appels/${cible.id}/modifier`, fields), { id: cible.id });
    expect((await post(evaluateurA)).status).toBe(403);
    expect((await post(c.coordinateur05)).status).toBe(404);
    const ok = await post(c.coordinateur04);
    expect(ok.status).toBe(302);
    expect((await getAppel(getDb(), cible.id))?.titre).toBe("Modifié par la page");
    const perime = await post(c.coordinateur04, { ...champs, titre: "Trop tard" });
    expect(perime.status).toBe(409);
    expect((perime.data as { erreurs: Record<string, string[]> }).erreurs[""]?.[0]).toMatch(/modifié entre-temps/);
    expect((await getAppel(getDb(), cible.id))?.titre).toBe("Modifié par la page");
  });
});

describe("l'examen d'un appel", () => {
  it("classe les candidatures déposées sur les seules évaluations soumises, sans ouvrir les brouillons", async () => {
    const r = await appel(detail.loader, c.coordinateur04, getRequest(`/espace/appels/${a.id}`), { id: a.id });
    const data = r.data as Awaited<ReturnType<typeof detail.loader>>;
    expect(data.candidatures.map((x) => [x.structure, x.note, x.rang])).toEqual([
      ["Maison des jeunes / Digne", 100, 1],
      ["Centre social du Lac", 63.33, 2],
    ]);
    expect(data.parStatut.brouillon).toBe(1);
    const html = render(page(detail.default)(data));
    expect(html).toContain("63,33");
    expect(html).not.toContain("Brouillon secret");
    expect(data.candidatures[1]?.evaluateurs).toHaveLength(2);
    expect(data.candidatures[1]?.evaluateurs).toEqual(
      expect.arrayContaining([
        { nom: evaluateurA.nom, soumiseLe: new Date("2026-03-25T10:00:00Z") },
        { nom: evaluateurB.nom, soumiseLe: null },
      ]),
    );
    expect(html).toContain("\u00a0: en cours");
    expect((await appel(detail.loader, evaluateurA, getRequest(`/espace/appels/${a.id}`), { id: a.id })).status).toBe(
      403,
    );
    expect(
      (await appel(detail.loader, c.coordinateur05, getRequest(`/espace/appels/${a.id}`), { id: a.id })).status,
    ).toBe(404);
  });

  it("publie et retire l'appel ; une version périmée répond 409", async () => {
    const cible = await insertAppel(getDb());
    const post = (actor: Actor, fields: Record<string, string>) =>
      appel(detail.action, actor, postRequest(`/espace/appels/${cible.id}`, fields), { id: cible.id });
    expect((await post(promeneur, { intent: "publier", version: "1" })).status).toBe(403);
    expect((await post(c.coordinateur05, { intent: "publier", version: "1" })).status).toBe(404);
    expect((await post(c.coordinateur04, { intent: "publier", version: "1" })).status).toBe(302);
    expect((await getAppel(getDb(), cible.id))?.publieLe).not.toBeNull();
    expect((await post(c.coordinateur04, { intent: "depublier", version: "1" })).status).toBe(409);
    expect((await post(c.copil04, { intent: "depublier", version: "2" })).status).toBe(302);
    expect((await getAppel(getDb(), cible.id))?.publieLe).toBeNull();
  });
});

describe("une candidature", () => {
  const params = (cand: { id: string }, appelId = a.id) => ({ id: appelId, candidatureId: cand.id });
  const chemin = (cand: { id: string }) => `/espace/appels/${a.id}/candidatures/${cand.id}`;

  it("se lit en entier (notes et commentaires de chaque évaluateur) ; un brouillon ne s'ouvre pas", async () => {
    const r = await appel(candidaturePage.loader, c.coordinateur04, getRequest(chemin(premiere)), params(premiere));
    expect(r.status).toBe(200);
    const data = r.data as Awaited<ReturnType<typeof candidaturePage.loader>>;
    expect(data.note).toBe(100);
    expect(data.email).toBe(premiere.email);
    const html = render(page(candidaturePage.default)(data));
    expect(html).toContain("Très clair");
    expect(html).toContain(`/espace/appels/pieces/${pieceDossier.id}`);
    expect(html).toContain("(brouillon, non compté)");
    expect(
      (await appel(candidaturePage.loader, c.coordinateur04, getRequest(chemin(brouillon)), params(brouillon))).status,
    ).toBe(404);
    expect(
      (await appel(candidaturePage.loader, evaluateurA, getRequest(chemin(premiere)), params(premiere))).status,
    ).toBe(403);
    expect(
      (await appel(candidaturePage.loader, c.coordinateur05, getRequest(chemin(premiere)), params(premiere))).status,
    ).toBe(404);
    // Another call's id in the address: 404.
    expect(
      (await appel(candidaturePage.loader, c.coordinateur04, getRequest("/"), params(premiere, autreAppel.id))).status,
    ).toBe(404);
  });

  it("refuse une irrecevabilité sans motif (400, message à côté du champ) et une version périmée (409)", async () => {
    const cand = await insertCandidature(getDb(), a, { statut: "deposee" });
    const post = (actor: Actor, fields: Record<string, string>) =>
      appel(candidaturePage.action, actor, postRequest(chemin(cand), fields), params(cand));
    const sansMotif = await post(c.coordinateur04, { intent: "verifier", recevable: "non", motif: "", version: "1" });
    expect(sansMotif.status).toBe(400);
    expect((sansMotif.data as { erreurs: Record<string, string[]> }).erreurs.motif?.[0]).toMatch(/Dites pourquoi/);
    expect((await post(c.coordinateur04, { intent: "verifier", recevable: "oui", version: "9" })).status).toBe(409);
    expect((await post(evaluateurA, { intent: "verifier", recevable: "oui", version: "1" })).status).toBe(403);
    expect(
      (await post(c.coordinateur05, { intent: "verifier", recevable: "non", motif: "", version: "1" })).status,
    ).toBe(404);
    const [row] = await getDb().select().from(candidatures).where(eq(candidatures.id, cand.id));
    expect(row).toMatchObject({ statut: "deposee", version: 1 });
    expect((await post(c.coordinateur04, { intent: "verifier", recevable: "oui", version: "1" })).status).toBe(302);
  });

  it("attribue et retire un évaluateur ; refuse de retirer une évaluation soumise", async () => {
    const cand = await insertCandidature(getDb(), a, { statut: "recevable" });
    const post = (fields: Record<string, string>) =>
      appel(candidaturePage.action, c.coordinateur04, postRequest(chemin(cand), fields), params(cand));
    expect((await post({ intent: "attribuer", evaluateurId: evaluateurB.userId })).status).toBe(302);
    expect((await post({ intent: "retirer", evaluateurId: evaluateurB.userId })).status).toBe(302);
    const refus = await appel(
      candidaturePage.action,
      c.coordinateur04,
      postRequest(chemin(premiere), { intent: "retirer", evaluateurId: evaluateurA.userId }),
      params(premiere),
    );
    expect(refus.status).toBe(400);
    expect((refus.data as { erreurs: Record<string, string[]> }).erreurs.evaluateurId?.[0]).toMatch(
      /a soumis son évaluation/,
    );
  });

  it("envoie la décision au candidat une fois enregistrée", async () => {
    const cand = await insertCandidature(getDb(), a, { statut: "recevable", structureNom: "Foyer rural" });
    const r = await appel(
      candidaturePage.action,
      c.coordinateur04,
      postRequest(chemin(cand), {
        intent: "decider",
        retenue: "non",
        motif: "Projet hors du territoire.",
        version: "1",
      }),
      params(cand),
    );
    expect(r.status).toBe(302);
    const mail = (await findOutboxMails()).find((m) => m.to === cand.email);
    expect(mail?.subject).toContain("non retenue");
    expect(mail?.text).toContain("Projet hors du territoire.");
    expect(mail?.text).toContain("Foyer rural");
  });
});

describe("les exports", () => {
  it("écrit le classeur des candidatures déposées et des notes de chaque évaluateur", async () => {
    const r = await telecharger(exportRoute.loader, c.copil04, { id: a.id, format: "xlsx" });
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Disposition")).toContain(".xlsx");
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(r.octets as unknown as ArrayBuffer);
    const feuille = classeur.getWorksheet("Candidatures");
    const lignes: unknown[][] = [];
    feuille?.eachRow((row) => lignes.push((row.values as unknown[]).slice(1)));
    const entete = lignes.find((l) => l[0] === "Rang") ?? [];
    const col = (nom: string) => entete.indexOf(nom);
    const donnees = lignes.filter(
      (l) => typeof l[0] === "number" || l[1] === "Centre social du Lac" || l[1] === "Maison des jeunes / Digne",
    );
    expect(donnees.map((l) => [l[col("Rang")], l[col("Structure")], l[col("Note /100")], l[col("E-mail")]])).toEqual([
      [1, "Maison des jeunes / Digne", 100, premiere.email],
      [2, "Centre social du Lac", 63.33, seconde.email],
    ]);
    expect(lignes.flat()).not.toContain("Brouillon secret");
    const notes: unknown[][] = [];
    classeur.getWorksheet("Notes")?.eachRow((row) => notes.push((row.values as unknown[]).slice(1)));
    expect(notes).toContainEqual([
      "Centre social du Lac",
      evaluateurA.nom,
      expect.stringMatching(/^Soumise le/),
      "Faisabilité financière et temporelle",
      1,
      2,
      "Budget fragile",
      63.33,
    ]);
    expect(notes.some((n) => n[1] === evaluateurB.nom && n[2] === "Brouillon (non comptée)")).toBe(true);
  });

  it("met les documents des candidatures déposées dans un ZIP, un dossier par candidature", async () => {
    const r = await telecharger(exportRoute.loader, c.coordinateur04, { id: a.id, format: "zip" });
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("application/zip");
    const zip = await JSZip.loadAsync(r.octets);
    const noms = Object.keys(zip.files)
      .filter((n) => !zip.files[n]?.dir)
      .sort();
    expect(noms).toEqual([
      "Centre social du Lac/Dossier de candidature - dossier.pdf",
      "Maison des jeunes _ Digne/CV de la personne proposée - cv.pdf",
      "Maison des jeunes _ Digne/Dossier de candidature - dossier_final_.pdf",
    ]);
    expect(
      await zip.file("Maison des jeunes _ Digne/Dossier de candidature - dossier_final_.pdf")?.async("nodebuffer"),
    ).toEqual(PDF);
  });

  it("refuse un format inconnu (404), les autres rôles (403) et les autres départements (404)", async () => {
    expect((await telecharger(exportRoute.loader, c.coordinateur04, { id: a.id, format: "csv" })).status).toBe(404);
    expect((await telecharger(exportRoute.loader, evaluateurA, { id: a.id, format: "xlsx" })).status).toBe(403);
    expect((await telecharger(exportRoute.loader, c.coordinateur05, { id: a.id, format: "zip" })).status).toBe(404);
  });
});

describe("le téléchargement d'un document", () => {
  it("sert le document à la coordination, en pièce jointe, jamais interprété ni mis en cache", async () => {
    const r = await telecharger(piece.loader, c.coordinateur04, { pieceId: pieceDossier.id });
    expect(r.status).toBe(200);
    expect(r.octets).toEqual(PDF);
    expect(r.headers.get("Content-Type")).toBe("application/pdf");
    expect(r.headers.get("Content-Disposition")).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent("dossier_final_.pdf")}`,
    );
    expect(r.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(r.headers.get("Content-Security-Policy")).toBe("sandbox");
    expect(r.headers.get("Cache-Control")).toBe("private, no-store");
    // A draft's documents are not opened before it is submitted, as its page.
    expect((await telecharger(piece.loader, c.copil04, { pieceId: pieceBrouillon.id })).status).toBe(404);
  });

  it("sert l'évaluateur attribué à la candidature, et personne d'autre (404)", async () => {
    expect((await telecharger(piece.loader, evaluateurA, { pieceId: pieceDossier.id })).octets).toEqual(PDF);
    // A reviewer assigned only to another call's application: 404 (issue 9's acceptance criterion).
    expect((await telecharger(piece.loader, evaluateurAutreAppel, { pieceId: pieceDossier.id })).status).toBe(404);
    expect((await telecharger(piece.loader, evaluateurAutreAppel, { pieceId: pieceAutreAppel.id })).status).toBe(200);
    expect((await telecharger(piece.loader, evaluateurA, { pieceId: pieceAutreAppel.id })).status).toBe(404);
    // A draft's documents are not served to reviewers, even assigned.
    expect((await telecharger(piece.loader, evaluateurA, { pieceId: pieceBrouillon.id })).status).toBe(404);
    for (const actor of [c.coordinateur05, promeneur, referent, c.national]) {
      expect((await telecharger(piece.loader, actor, { pieceId: pieceDossier.id })).status).toBe(404);
    }
    expect((await telecharger(piece.loader, c.coordinateur04, { pieceId: "inconnu" })).status).toBe(404);
  });
});
