import { auditLog, fichiers, ressources } from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome } from "../../../tests/support/route";
import * as publicListe from "../public/ressources";
import * as publicFichier from "../public/ressources.$id.fichier";
import * as liste from "./ressources";
import * as detail from "./ressources.$id";
import * as reseauFichier from "./ressources.$id.fichier";
import * as nouvelle from "./ressources.nouvelle";

type Handler = (args: never) => unknown;

/** A tiny but well-formed PDF (its type is read from its first bytes). */
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function multipart(
  path: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer; type?: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file)
    form.append("fichier", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/pdf" }));
  return new Request(`http://localhost:3000${path}`, { method: "POST", body: form });
}

const load = (
  loader: Handler,
  actor: Actor | null,
  path: string,
  params: Record<string, string> = {},
  request?: Request,
) => outcome(() => loader({ request: request ?? getRequest(path), context: contextFor(actor), params } as never));
const send = (action: Handler, actor: Actor | null, request: Request, params: Record<string, string> = {}) =>
  outcome(() => action({ request, context: contextFor(actor), params } as never));

async function compter() {
  const db = getDb();
  const [r] = await db.select({ n: count() }).from(ressources);
  const [f] = await db.select({ n: count() }).from(fichiers);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { ressources: r?.n ?? 0, fichiers: f?.n ?? 0, audit: a?.n ?? 0 };
}

async function insertRessource(values: Partial<typeof ressources.$inferInsert> & { departement: string }) {
  const [row] = await getDb()
    .insert(ressources)
    .values({ titre: `Ressource ${Math.random()}`, categorie: "guides", url: "https://www.exemple.fr", ...values })
    .returning();
  if (!row) throw new Error("not inserted");
  return row;
}

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let promeneur04: Actor;
let referent04: Actor;

const valide = { titre: "Guide du promeneur (essai)", categorie: "guides", visibilite: "public", description: "" };

beforeAll(async () => {
  ({ coordinateur04, coordinateur05, copil04 } = await insertCoordination(getDb()));
  promeneur04 = await insertActor(getDb(), { role: "promeneur", departement: "04" });
  const structure = await insertStructure(getDb(), { departement: "04" });
  referent04 = await insertActor(getDb(), { role: "referent", departement: "04", structureId: structure.id });
});

describe("ressources : ajout par la coordination", () => {
  it("ajoute un fichier PDF et le sert sur le site public, avec ETag et 304", async () => {
    const r = await send(
      nouvelle.action,
      coordinateur04,
      multipart("/espace/ressources/nouvelle", valide, { name: "guide.pdf", bytes: PDF }),
    );
    expect(r.status).toBe(302);
    const [row] = await getDb().select().from(ressources).where(eq(ressources.titre, valide.titre));
    expect(row?.fichierId).not.toBeNull();
    expect(row?.url).toBeNull();
    const journal = await getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, row?.id ?? ""));
    expect(journal.map((a) => a.action)).toEqual(["ressource.creer"]);

    const page = (await load(publicListe.loader, null, "/ressources")).data as {
      groupes: { categorie: string; ressources: { id: string; fichier: string | null }[] }[];
    };
    const item = page.groupes.flatMap((g) => g.ressources).find((x) => x.id === row?.id);
    expect(item?.fichier).toMatch(/^PDF, \d+ octets$/);

    const id = row?.id ?? "";
    const download = await load(publicFichier.loader, null, `/ressources/${id}/fichier`, { id });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    const etag = download.headers.get("ETag") ?? "";
    const again = await load(
      publicFichier.loader,
      null,
      "",
      { id },
      new Request(`http://localhost:3000/ressources/${id}/fichier`, { headers: { "If-None-Match": etag } }),
    );
    expect(again.status).toBe(304);
  });

  it("ajoute un lien", async () => {
    const r = await send(
      nouvelle.action,
      coordinateur04,
      multipart("/espace/ressources/nouvelle", {
        ...valide,
        titre: "Site national (essai)",
        url: "https://www.promeneursdunet.fr",
      }),
    );
    expect(r.status).toBe(302);
    const [row] = await getDb().select().from(ressources).where(eq(ressources.titre, "Site national (essai)"));
    expect(row?.url).toBe("https://www.promeneursdunet.fr");
  });

  it("refuse une saisie invalide (400) sans rien écrire", async () => {
    const cas: [Record<string, string>, { name: string; bytes: Buffer } | undefined, string][] = [
      [{ ...valide, titre: "" }, { name: "g.pdf", bytes: PDF }, "titre"],
      [{ ...valide, url: "https://www.exemple.fr" }, { name: "g.pdf", bytes: PDF }, "url"],
      [valide, undefined, "fichier"],
      [{ ...valide, url: "javascript:alert(1)" }, undefined, "url"],
      [valide, { name: "faux.pdf", bytes: Buffer.from("<html><script>alert(1)</script></html>") }, "fichier"],
    ];
    for (const [fields, file, champ] of cas) {
      const avant = await compter();
      const r = await send(nouvelle.action, coordinateur04, multipart("/espace/ressources/nouvelle", fields, file));
      expect(r.status, champ).toBe(400);
      expect((r.data as { error?: Record<string, string[]> }).error?.[champ]?.[0], champ).toMatch(/\w/);
      expect(await compter(), champ).toEqual(avant);
    }
  });

  it("refuse l'ajout au COPIL et aux promeneurs (403), à la coordination du 05 dans le 04 (404)", async () => {
    const avant = await compter();
    for (const actor of [copil04, promeneur04, referent04]) {
      const r = await send(
        nouvelle.action,
        actor,
        multipart("/espace/ressources/nouvelle", { ...valide, url: "https://www.exemple.fr" }),
      );
      expect(r.status).toBe(403);
    }
    const r = await send(
      nouvelle.action,
      coordinateur05,
      multipart("/espace/ressources/nouvelle?departement=04", { ...valide, url: "https://www.exemple.fr" }),
    );
    expect(r.status).toBe(404);
    expect(await compter()).toEqual(avant);
  });
});

describe("ressources du réseau", () => {
  it("sont listées pour les promeneurs et référents du 04, pas pour le COPIL (403)", async () => {
    const reseau = await insertRessource({ departement: "04", public: false, titre: "Fiche réseau (essai)" });
    for (const actor of [promeneur04, referent04, coordinateur04]) {
      const data = (await load(liste.loader, actor, "/espace/ressources")).data as {
        groupes: { ressources: { id: string }[] }[];
      };
      expect(data.groupes.flatMap((g) => g.ressources).map((r) => r.id)).toContain(reseau.id);
    }
    expect((await load(liste.loader, copil04, "/espace/ressources")).status).toBe(403);
    const publique = (await load(publicListe.loader, null, "/ressources")).data as {
      groupes: { ressources: { id: string }[] }[];
    };
    expect(publique.groupes.flatMap((g) => g.ressources).map((r) => r.id)).not.toContain(reseau.id);
  });

  it("répond 404 sur la route publique pour un fichier du réseau ou masqué, et le sert au réseau du département", async () => {
    const db = getDb();
    const [fichier] = await db
      .insert(fichiers)
      .values({
        departement: "05",
        nom: "n.pdf",
        typeMime: "application/pdf",
        taille: PDF.length,
        sha256: "ab".repeat(32),
        contenu: PDF,
      })
      .returning();
    const reseau05 = await insertRessource({
      departement: "05",
      public: false,
      url: null,
      fichierId: fichier?.id ?? null,
    });
    const id = reseau05.id;
    expect((await load(publicFichier.loader, null, "", { id })).status).toBe(404);
    // A promeneur of 04 cannot download a network resource of 05; the COPIL has no access at all.
    expect((await load(reseauFichier.loader, promeneur04, "", { id })).status).toBe(404);
    expect((await load(reseauFichier.loader, copil04, "", { id })).status).toBe(403);
    expect((await load(reseauFichier.loader, coordinateur05, "", { id })).status).toBe(200);

    const masquee = await insertRessource({
      departement: "05",
      public: true,
      publie: false,
      url: null,
      fichierId: fichier?.id ?? null,
    });
    expect((await load(publicFichier.loader, null, "", { id: masquee.id })).status).toBe(404);
  });
});

describe("ressources : gestion", () => {
  it("masque, puis supprime une ressource et son fichier dans la même transaction", async () => {
    await send(
      nouvelle.action,
      coordinateur04,
      multipart(
        "/espace/ressources/nouvelle",
        { ...valide, titre: "À supprimer (essai)" },
        { name: "s.pdf", bytes: PDF },
      ),
    );
    const [row] = await getDb().select().from(ressources).where(eq(ressources.titre, "À supprimer (essai)"));
    const id = row?.id ?? "";
    const fichierId = row?.fichierId ?? "";

    expect((await send(detail.action, coordinateur05, multipart("", { intent: "masquer" }), { id })).status).toBe(404);
    expect((await send(detail.action, promeneur04, multipart("", { intent: "supprimer" }), { id })).status).toBe(403);

    expect((await send(detail.action, coordinateur04, multipart("", { intent: "masquer" }), { id })).status).toBe(302);
    expect((await load(publicFichier.loader, null, "", { id })).status).toBe(404);
    const promeneurVoit = (await load(liste.loader, promeneur04, "/espace/ressources")).data as {
      groupes: { ressources: { id: string }[] }[];
    };
    expect(promeneurVoit.groupes.flatMap((g) => g.ressources).map((r) => r.id)).not.toContain(id);

    expect((await send(detail.action, coordinateur04, multipart("", { intent: "supprimer" }), { id })).status).toBe(
      302,
    );
    expect(await getDb().select().from(ressources).where(eq(ressources.id, id))).toHaveLength(0);
    expect(await getDb().select().from(fichiers).where(eq(fichiers.id, fichierId))).toHaveLength(0);
    const actions = (await getDb().select().from(auditLog).where(eq(auditLog.entityId, id))).map((a) => a.action);
    expect(actions.sort()).toEqual(["ressource.creer", "ressource.masquer", "ressource.supprimer"]);
  });

  it("modifie une ressource lien ; refuse un fichier sur une ressource lien (400)", async () => {
    const lien = await insertRessource({ departement: "04", titre: "Lien à modifier (essai)" });
    const ok = await send(
      detail.action,
      coordinateur04,
      multipart("", {
        ...valide,
        titre: "Lien modifié (essai)",
        visibilite: "reseau",
        url: "https://www.exemple.fr/b",
      }),
      { id: lien.id },
    );
    expect(ok.status).toBe(302);
    const [apres] = await getDb().select().from(ressources).where(eq(ressources.id, lien.id));
    expect(apres).toMatchObject({ titre: "Lien modifié (essai)", public: false, url: "https://www.exemple.fr/b" });

    const avant = await compter();
    const ko = await send(
      detail.action,
      coordinateur04,
      multipart("", { ...valide, url: "https://www.exemple.fr/b" }, { name: "x.pdf", bytes: PDF }),
      { id: lien.id },
    );
    expect(ko.status).toBe(400);
    expect(await compter()).toEqual(avant);
  });
});
