import { auditLog, fichiers, regroupementDocuments, regroupements } from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import {
  type ComiteRow,
  insertComite,
  insertMembre,
  insertRegroupement,
  invitePromeneur,
  type RegroupementRow,
} from "../../../tests/factories/regroupement";
import { insertUser } from "../../../tests/factories/user";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { actorOf, contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as documents from "./regroupements.$id.documents";
import * as telechargement from "./regroupements.$id.documents.$documentId";

type Handler = (args: never) => unknown;
const load = (loader: Handler, actor: Actor | null, params: Record<string, string>, request?: Request) =>
  outcome(() => loader({ request: request ?? getRequest("/"), context: contextFor(actor), params } as never));
const send = (action: Handler, actor: Actor | null, request: Request, params: Record<string, string>) =>
  outcome(() => action({ request, context: contextFor(actor), params } as never));

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function upload(fields: Record<string, string>, fichier?: { bytes: Buffer; name: string; type: string }): Request {
  const form = new FormData();
  form.set("intent", "ajouter");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (fichier) form.set("fichier", new File([new Uint8Array(fichier.bytes)], fichier.name, { type: fichier.type }));
  return new Request("http://localhost:3000/espace/regroupements/x/documents", { method: "POST", body: form });
}

async function compter() {
  const db = getDb();
  const [d] = await db.select({ n: count() }).from(regroupementDocuments);
  const [f] = await db.select({ n: count() }).from(fichiers);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { documents: d?.n, fichiers: f?.n, audit: a?.n };
}

let coordinateur04: Actor;
let coordinateur05: Actor;
let membre: Actor;
let autreCopil: Actor;
let promeneurInvite: Actor;
let promeneurAutre: Actor;
let copil: ComiteRow;
let reunionCopil: RegroupementRow;
let reunionOp: RegroupementRow;
let analyse: RegroupementRow;

beforeAll(async () => {
  const db = getDb();
  const c = await insertCoordination(db);
  coordinateur04 = c.coordinateur04;
  coordinateur05 = c.coordinateur05;
  membre = c.copil04;
  autreCopil = await insertActor(db, { role: "copil", departement: "04" });
  copil = await insertComite(db);
  const operationnel = await insertComite(db, { type: "comite_operationnel" });
  await insertMembre(db, copil, { userId: membre.userId });
  await insertMembre(db, operationnel, { userId: autreCopil.userId });
  reunionCopil = await insertRegroupement(db, { type: "comite_pilotage", comiteId: copil.id, audience: "copil" });
  reunionOp = await insertRegroupement(db, {
    type: "comite_operationnel",
    comiteId: operationnel.id,
    audience: "copil",
  });
  analyse = await insertRegroupement(db);
  const user = await insertUser(db, { roles: [{ role: "promeneur", departement: "04" }] });
  const promeneur = await insertPromeneur(db, { statut: "actif", userId: user.id });
  await invitePromeneur(db, analyse, promeneur);
  promeneurInvite = await actorOf(user.id);
  promeneurAutre = await insertActor(db, { role: "promeneur", departement: "04" });
});

describe("documents d'un regroupement", () => {
  it("la coordination ajoute un PDF (audité) ; un invité le lit et le télécharge ; la coordination le supprime (audité)", async () => {
    const avant = await compter();
    const r = await send(
      documents.action,
      coordinateur04,
      upload(
        { nature: "support", titre: "Support de l'analyse" },
        { bytes: PDF, name: "support.pdf", type: "application/pdf" },
      ),
      { id: analyse.id },
    );
    expect(r.status).toBe(302);
    expect(await compter()).toEqual({
      documents: (avant.documents ?? 0) + 1,
      fichiers: (avant.fichiers ?? 0) + 1,
      audit: (avant.audit ?? 0) + 1,
    });
    const lu = await load(documents.loader, promeneurInvite, { id: analyse.id });
    const docs = (lu.data as { documents: { id: string; titre: string; nature: string }[] }).documents;
    expect(docs).toEqual([expect.objectContaining({ titre: "Support de l'analyse", nature: "support" })]);
    const id = docs[0]?.id ?? "";
    const fichier = await load(telechargement.loader, promeneurInvite, { id: analyse.id, documentId: id });
    expect(fichier.status).toBe(200);
    expect(fichier.headers.get("Content-Type")).toBe("application/pdf");
    expect(String(fichier.data).startsWith("%PDF-1.4")).toBe(true);
    // A promeneur not invited: neither the page nor the file.
    expect((await load(documents.loader, promeneurAutre, { id: analyse.id })).status).toBe(404);
    expect((await load(telechargement.loader, promeneurAutre, { id: analyse.id, documentId: id })).status).toBe(404);
    expect((await load(telechargement.loader, coordinateur05, { id: analyse.id, documentId: id })).status).toBe(404);
    // The document of another gathering is not reachable through this one.
    expect((await load(telechargement.loader, coordinateur04, { id: reunionCopil.id, documentId: id })).status).toBe(
      404,
    );

    const suppression = await send(
      documents.action,
      coordinateur04,
      postRequest("/", { intent: "supprimer", documentId: id }),
      { id: analyse.id },
    );
    expect(suppression.status).toBe(302);
    expect(await compter()).toEqual({ ...avant, audit: (avant.audit ?? 0) + 2 });
  });

  it("refuse un fichier dont les octets ne sont pas d'un type permis, même nommé .pdf (400, rien d'écrit)", async () => {
    const avant = await compter();
    const r = await send(
      documents.action,
      coordinateur04,
      upload(
        { nature: "autre", titre: "Faux PDF" },
        { bytes: Buffer.from("#!/bin/sh\necho bonjour\n"), name: "faux.pdf", type: "application/pdf" },
      ),
      { id: analyse.id },
    );
    expect(r.status).toBe(400);
    expect((r.data as { erreurs: Record<string, string[]> }).erreurs.fichier?.[0]).toMatch(/PDF/);
    const sansFichier = await send(documents.action, coordinateur04, upload({ nature: "autre", titre: "Rien" }), {
      id: analyse.id,
    });
    expect(sansFichier.status).toBe(400);
    expect(await compter()).toEqual(avant);
  });

  it("un copil ou un promeneur (403), une autre coordination (404) n'ajoutent pas de document", async () => {
    const avant = await compter();
    const fichier = { bytes: PDF, name: "a.pdf", type: "application/pdf" };
    const champs = { nature: "autre", titre: "Essai" };
    expect((await send(documents.action, membre, upload(champs, fichier), { id: reunionCopil.id })).status).toBe(403);
    expect((await send(documents.action, promeneurInvite, upload(champs, fichier), { id: analyse.id })).status).toBe(
      403,
    );
    expect((await send(documents.action, coordinateur05, upload(champs, fichier), { id: analyse.id })).status).toBe(
      404,
    );
    expect(await compter()).toEqual(avant);
  });

  it("un membre du COPIL lit les documents et le compte rendu de son comité, pas ceux d'un comité où il ne siège pas", async () => {
    const db = getDb();
    await send(
      documents.action,
      coordinateur04,
      upload(
        { nature: "ordre_du_jour", titre: "Ordre du jour" },
        { bytes: PDF, name: "odj.pdf", type: "application/pdf" },
      ),
      { id: reunionCopil.id },
    );
    const cr = await send(
      documents.action,
      coordinateur04,
      postRequest("/", {
        intent: "compte-rendu",
        compteRendu: "## Relevé\n\n- Bilan validé\n<script>alert(1)</script>",
        version: String(reunionCopil.version),
      }),
      { id: reunionCopil.id },
    );
    expect(cr.status).toBe(302);
    const lu = await load(documents.loader, membre, { id: reunionCopil.id });
    expect(lu.status).toBe(200);
    const d = lu.data as { documents: unknown[]; compteRenduHtml: string; gere: boolean };
    expect(d.documents).toHaveLength(1);
    expect(d.gere).toBe(false);
    expect(d.compteRenduHtml).toContain("<h2>Relevé</h2>");
    expect(d.compteRenduHtml).not.toContain("<script>");
    expect((await load(documents.loader, membre, { id: reunionOp.id })).status).toBe(404);
    expect((await load(documents.loader, autreCopil, { id: reunionCopil.id })).status).toBe(404);
    const [row] = await db.select().from(regroupements).where(eq(regroupements.id, reunionCopil.id));
    expect(row?.version).toBe(reunionCopil.version + 1);
  });

  it("le compte rendu : une version périmée est refusée (409), un copil ne l'écrit pas (403)", async () => {
    const [row] = await getDb().select().from(regroupements).where(eq(regroupements.id, analyse.id));
    const avant = await compter();
    const perime = await send(
      documents.action,
      coordinateur04,
      postRequest("/", {
        intent: "compte-rendu",
        compteRendu: "Texte",
        version: String((row?.version ?? 1) + 5),
      }),
      { id: analyse.id },
    );
    expect(perime.status).toBe(409);
    const copil = await send(
      documents.action,
      membre,
      postRequest("/", { intent: "compte-rendu", compteRendu: "Texte", version: String(row?.version) }),
      { id: reunionCopil.id },
    );
    expect(copil.status).toBe(403);
    expect(await compter()).toEqual(avant);
    const [apres] = await getDb().select().from(regroupements).where(eq(regroupements.id, analyse.id));
    expect(apres?.compteRendu).toBe("");
  });

  it("une autre coordination (404, avant de lire le formulaire) ni un copil (403) ne suppriment de document ni n'écrivent le compte rendu ; rien ne change", async () => {
    const db = getDb();
    await send(
      documents.action,
      coordinateur04,
      upload({ nature: "support", titre: "Support à garder" }, { bytes: PDF, name: "s.pdf", type: "application/pdf" }),
      { id: analyse.id },
    );
    const [doc] = await db
      .select()
      .from(regroupementDocuments)
      .where(eq(regroupementDocuments.titre, "Support à garder"));
    expect(doc).toBeDefined();
    const [ligneAvant] = await db.select().from(regroupements).where(eq(regroupements.id, analyse.id));
    const avant = await compter();
    const supprimer = () => postRequest("/", { intent: "supprimer", documentId: doc?.id ?? "" });
    expect((await send(documents.action, coordinateur05, supprimer(), { id: analyse.id })).status).toBe(404);
    expect((await send(documents.action, membre, supprimer(), { id: reunionCopil.id })).status).toBe(403);
    const compteRendu = postRequest("/", {
      intent: "compte-rendu",
      compteRendu: "Écrit d'ailleurs",
      version: String(ligneAvant?.version),
    });
    expect((await send(documents.action, coordinateur05, compteRendu, { id: analyse.id })).status).toBe(404);
    // A refused form (no title, no file) of another département: 404, not 400.
    expect((await send(documents.action, coordinateur05, upload({ nature: "autre" }), { id: analyse.id })).status).toBe(
      404,
    );
    expect(await compter()).toEqual(avant);
    const [ligneApres] = await db.select().from(regroupements).where(eq(regroupements.id, analyse.id));
    expect(ligneApres?.compteRendu).toBe(ligneAvant?.compteRendu);
    expect(ligneApres?.version).toBe(ligneAvant?.version);
  });

  it("la page des documents : 404 pour une autre coordination, 403 pour le national", async () => {
    const national = await insertActor(getDb(), { role: "national" });
    expect((await load(documents.loader, coordinateur05, { id: analyse.id })).status).toBe(404);
    expect((await load(documents.loader, national, { id: analyse.id })).status).toBe(403);
    expect((await load(documents.loader, coordinateur04, { id: analyse.id })).status).toBe(200);
  });
});
