import { actualites, auditLog, fichiers, medias, pagesPubliques } from "@db/schema";
import { and, count, eq } from "drizzle-orm";
import { SaxesParser } from "saxes";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { storeFichier } from "~/server/fichiers.server";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, type Outcome, outcome, postRequest } from "../../../tests/support/route";
import * as accessibilitePublique from "../public/accessibilite";
import * as listePublique from "../public/actualites";
import * as actualitePublique from "../public/actualites.$slug";
import * as chartePublique from "../public/charte";
import * as media from "../public/medias.$id";
import * as mediaPetite from "../public/medias.$id.petite";
import * as pageLibre from "../public/pages.$slug";
import * as plan from "../public/plan-du-site";
import * as feed from "../ressources/actualites.atom";
import * as sitemap from "../ressources/sitemap.xml";
import * as liste from "./contenus.actualites";
import * as edition from "./contenus.actualites.$id";
import * as nouvelle from "./contenus.actualites.nouvelle";
import * as medias_ from "./contenus.medias";
import * as pageEdition from "./contenus.pages.$slug";
import * as pageNouvelle from "./contenus.pages.nouvelle";

type Loader = (args: never) => unknown;
type Reply = { result?: { status: string; error?: Record<string, string[] | null> } };

const db = () => getDb();
const JOUR = 86_400_000;

const load = (loader: Loader, actor: Actor | null, path: string, params: Record<string, string> = {}) =>
  outcome(() => loader({ request: getRequest(path), context: contextFor(actor), params } as never));

const post = (action: Loader, actor: Actor | null, path: string, fields: Record<string, string>, params = {}) =>
  outcome(() => action({ request: postRequest(path, fields), context: contextFor(actor), params } as never));

function multipart(path: string, fields: Record<string, string>, files: Record<string, File> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, f] of Object.entries(files)) form.append(k, f);
  return new Request(`http://localhost:3000${path}`, { method: "POST", body: form });
}

const upload = (actor: Actor | null, fields: Record<string, string>, files: Record<string, File>) =>
  outcome(() =>
    medias_.action({
      request: multipart("/espace/contenus/medias", fields, files),
      context: contextFor(actor),
      params: {},
    } as never),
  );

async function countRows(table: typeof actualites | typeof medias | typeof fichiers | typeof pagesPubliques) {
  const [row] = await db().select({ n: count() }).from(table);
  return row?.n ?? 0;
}

async function auditOf(action: string, entityId?: string) {
  return db()
    .select()
    .from(auditLog)
    .where(entityId ? and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)) : eq(auditLog.action, action));
}

const champs = (overrides: Record<string, string> = {}) => ({
  departement: "04",
  titre: "Rencontre du réseau à Manosque",
  resume: "Les promeneurs du département se retrouvent pour une journée d'échanges.",
  corps: "## Programme\n\nUne journée **d'échanges**.",
  statut: "publie",
  ...overrides,
});

function errorsOf(o: Outcome, field: string) {
  const data = o.data as Reply & { error?: Record<string, string[] | null> };
  return (data.result?.error ?? data.error)?.[field] ?? null;
}

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let referent04: Actor;

beforeAll(async () => {
  ({ coordinateur04, coordinateur05, copil04 } = await insertCoordination(db()));
  const structure = await insertStructure(db(), { departement: "04" });
  referent04 = await insertActor(db(), { role: "referent", departement: "04", structureId: structure.id });
});

async function creer(fields: Record<string, string>) {
  const o = await outcome(() =>
    nouvelle.action({
      request: multipart("/espace/contenus/actualites/nouvelle", fields),
      context: contextFor(coordinateur04),
      params: {},
    } as never),
  );
  expect(o.status, JSON.stringify(o.data)).toBe(302);
  const id = o.location?.split("/").pop() ?? "";
  const [row] = await db().select().from(actualites).where(eq(actualites.id, id));
  if (!row) throw new Error("not created");
  return row;
}

describe("actualités : droits", () => {
  let id04: string;
  beforeAll(async () => {
    id04 = (await creer(champs({ titre: "Actualité réservée à la coordination 04" }))).id;
  });

  it("refuse le COPIL et le référent (403), au chargement comme à l'enregistrement", async () => {
    for (const actor of [copil04, referent04]) {
      expect((await load(liste.loader, actor, "/espace/contenus/actualites")).status).toBe(403);
      expect((await load(edition.loader, actor, `/espace/contenus/actualites/${id04}`, { id: id04 })).status).toBe(403);
      const o = await post(nouvelle.action, actor, "/espace/contenus/actualites/nouvelle", champs({ titre: "Intrus" }));
      expect(o.status).toBe(403);
      const e = await post(edition.action, actor, `/espace/contenus/actualites/${id04}`, champs({ titre: "Intrus" }), {
        id: id04,
      });
      expect(e.status).toBe(403);
    }
    expect(await db().select().from(actualites).where(eq(actualites.titre, "Intrus"))).toHaveLength(0);
  });

  it("répond 404 à la coordination d'un autre département, au chargement et à l'enregistrement", async () => {
    expect((await load(edition.loader, coordinateur05, "/x", { id: id04 })).status).toBe(404);
    const e = await post(edition.action, coordinateur05, "/x", champs({ departement: "05", titre: "Intrus 05" }), {
      id: id04,
    });
    expect(e.status).toBe(404);
    const n = await post(nouvelle.action, coordinateur05, "/x", champs({ titre: "Intrus 05" }));
    expect(n.status).toBe(404);
    const s = await post(edition.action, coordinateur05, "/x", { intent: "supprimer", confirmer: "oui" }, { id: id04 });
    expect(s.status).toBe(404);
    expect(await db().select().from(actualites).where(eq(actualites.id, id04))).toHaveLength(1);
    expect(await db().select().from(actualites).where(eq(actualites.titre, "Intrus 05"))).toHaveLength(0);
    expect((await load(liste.loader, coordinateur05, "/espace/contenus/actualites?departement=04")).status).toBe(404);
  });
});

describe("actualités : saisie", () => {
  it("refuse un titre vide (400, message sous le champ) sans rien écrire", async () => {
    const avant = await countRows(actualites);
    const audits = (await auditOf("actualite.creer")).length;
    const o = await post(nouvelle.action, coordinateur04, "/x", champs({ titre: "   " }));
    expect(o.status).toBe(400);
    expect(errorsOf(o, "titre")?.join(" ")).toMatch(/titre/i);
    expect(await countRows(actualites)).toBe(avant);
    expect(await auditOf("actualite.creer")).toHaveLength(audits);
  });

  it("refuse une adresse déjà prise dans le département", async () => {
    await creer(champs({ titre: "Adresse unique", slug: "adresse-unique" }));
    const avant = await countRows(actualites);
    const o = await post(nouvelle.action, coordinateur04, "/x", champs({ titre: "Autre", slug: "adresse-unique" }));
    expect(o.status).toBe(400);
    expect(errorsOf(o, "slug")?.join(" ")).toContain("déjà cette adresse");
    expect(await countRows(actualites)).toBe(avant);
  });

  it("crée l'actualité, tire une adresse libre du titre et écrit la ligne d'audit", async () => {
    const a = await creer(champs({ titre: "Journée portes ouvertes" }));
    const b = await creer(champs({ titre: "Journée portes ouvertes" }));
    expect(a.slug).toBe("journee-portes-ouvertes");
    expect(b.slug).toBe("journee-portes-ouvertes-2");
    const [audit] = await auditOf("actualite.creer", a.id);
    expect(audit?.actorUserId).toBe(coordinateur04.userId);
    expect(audit?.departement).toBe("04");
  });

  it("prévisualise le texte sans rien enregistrer", async () => {
    const avant = await countRows(actualites);
    const o = await post(nouvelle.action, coordinateur04, "/x", {
      ...champs({ corps: "# Titre\n\n<b>x</b>" }),
      intent: "apercu",
    });
    expect(o.status).toBe(200);
    expect((o.data as { apercu: string }).apercu).toContain("<h2>Titre</h2>");
    expect((o.data as { apercu: string }).apercu).toContain("&lt;b&gt;");
    expect(await countRows(actualites)).toBe(avant);
  });

  it("modifie puis supprime après confirmation, chaque fois audité", async () => {
    const a = await creer(champs({ titre: "À modifier" }));
    const m = await post(edition.action, coordinateur04, "/x", champs({ titre: "Modifiée", statut: "brouillon" }), {
      id: a.id,
    });
    expect(m.status).toBe(302);
    const [row] = await db().select().from(actualites).where(eq(actualites.id, a.id));
    expect(row?.titre).toBe("Modifiée");
    expect(row?.slug).toBe(a.slug);
    expect(await auditOf("actualite.modifier", a.id)).toHaveLength(1);

    const sansConfirmation = await post(edition.action, coordinateur04, "/x", { intent: "supprimer" }, { id: a.id });
    expect(sansConfirmation.status).toBe(400);
    expect(await db().select().from(actualites).where(eq(actualites.id, a.id))).toHaveLength(1);
    const s = await post(edition.action, coordinateur04, "/x", { intent: "supprimer", confirmer: "oui" }, { id: a.id });
    expect(s.status).toBe(302);
    expect(await db().select().from(actualites).where(eq(actualites.id, a.id))).toHaveLength(0);
    expect(await auditOf("actualite.supprimer", a.id)).toHaveLength(1);
  });
});

describe("actualités : ce que voit le public", () => {
  let publiee: typeof actualites.$inferSelect;
  let brouillon: typeof actualites.$inferSelect;
  let future: typeof actualites.$inferSelect;
  let xss: typeof actualites.$inferSelect;

  beforeAll(async () => {
    publiee = await creer(champs({ titre: "Publiée & visible" }));
    brouillon = await creer(champs({ titre: "Brouillon caché", statut: "brouillon" }));
    const demain = new Date(Date.now() + 2 * JOUR);
    const local = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Europe/Paris",
      dateStyle: "short",
      timeStyle: "short",
    })
      .format(demain)
      .replace(" ", "T");
    future = await creer(champs({ titre: "Programmée plus tard", publieLe: local }));
    xss = await creer(
      champs({
        titre: "<script>alert('titre')</script> & co",
        resume: "Résumé <img src=x onerror=alert(1)>",
        corps: "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[clic](javascript:alert(3))",
      }),
    );
  });

  it("montre la publiée, cache le brouillon et la programmée (404, absentes de la liste, du plan et du flux)", async () => {
    expect((await load(actualitePublique.loader, null, "/x", { slug: publiee.slug })).status).toBe(200);
    for (const cachee of [brouillon, future]) {
      expect((await load(actualitePublique.loader, null, "/x", { slug: cachee.slug })).status).toBe(404);
    }
    const listeData = (await load(listePublique.loader, null, "/actualites")).data as {
      actualites: { slug: string }[];
    };
    const slugs = listeData.actualites.map((a) => a.slug);
    expect(slugs).toContain(publiee.slug);
    expect(slugs).not.toContain(brouillon.slug);
    expect(slugs).not.toContain(future.slug);

    const xml = String((await outcome(() => sitemap.loader())).data);
    expect(xml).toContain(`http://localhost:3000/actualites/${publiee.slug}`);
    expect(xml).not.toContain(brouillon.slug);
    expect(xml).not.toContain(future.slug);

    const atom = String((await outcome(() => feed.loader())).data);
    expect(atom).toContain(`/actualites/${publiee.slug}`);
    expect(atom).not.toContain(brouillon.slug);
    expect(atom).not.toContain(future.slug);
  });

  it("rend une actualité piégée comme du texte inoffensif", async () => {
    const o = await load(actualitePublique.loader, null, "/x", { slug: xss.slug });
    expect(o.status).toBe(200);
    const html = render(page(actualitePublique.default)(o.data));
    expect(html).not.toContain("<script");
    // No element carries an event handler (attribute values emptied first).
    expect(/<[^>]*\son\w+\s*=/i.test(html.replace(/="[^"]*"/g, '=""'))).toBe(false);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("&lt;script&gt;alert(&#x27;titre&#x27;)&lt;/script&gt; &amp; co");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("clic");
  });

  it("donne à la page publique son adresse canonique et ses balises Open Graph d'article", async () => {
    const o = await load(actualitePublique.loader, null, "/x", { slug: publiee.slug });
    const tags = actualitePublique.meta({
      loaderData: o.data,
      matches: [{ loaderData: { publicUrl: "http://localhost:3000" } }],
    } as never) as Record<string, string>[];
    expect(tags).toContainEqual({
      tagName: "link",
      rel: "canonical",
      href: `http://localhost:3000/actualites/${publiee.slug}`,
    });
    expect(tags).toContainEqual({ property: "og:type", content: "article" });
  });

  it("publie un flux Atom bien formé, titres échappés, adresses absolues", async () => {
    const o = await outcome(() => feed.loader());
    expect(o.headers.get("Content-Type")).toContain("application/atom+xml");
    const xml = String(o.data);
    const parser = new SaxesParser({ xmlns: true });
    const entries: { title: string; link: string }[] = [];
    let path: string[] = [];
    let texte = "";
    let courant: { title: string; link: string } | null = null;
    let racine = "";
    parser.on("opentag", (tag) => {
      if (path.length === 0) racine = `${tag.uri} ${tag.local}`;
      path.push(tag.local);
      texte = "";
      if (tag.local === "entry") courant = { title: "", link: "" };
      if (tag.local === "link" && courant) courant.link = String(tag.attributes.href?.value ?? "");
    });
    parser.on("text", (t) => {
      texte += t;
    });
    parser.on("closetag", (tag) => {
      if (tag.local === "title" && courant) courant.title = texte;
      if (tag.local === "entry" && courant) {
        entries.push(courant);
        courant = null;
      }
      path = path.slice(0, -1);
    });
    parser.write(xml).close();
    expect(racine).toBe("http://www.w3.org/2005/Atom feed");
    const piegee = entries.find((e) => e.title.includes("alert('titre')"));
    expect(piegee?.title).toBe("<script>alert('titre')</script> & co");
    expect(xml).toContain("<title type=\"text\">&lt;script&gt;alert('titre')&lt;/script&gt; &amp; co</title>");
    for (const e of entries) expect(e.link).toMatch(/^http:\/\/localhost:3000\/actualites\//);
    expect(entries.length).toBeLessThanOrEqual(20);
  });

  it("pagine la liste publique par dix, des plus récentes aux plus anciennes", async () => {
    await db()
      .insert(actualites)
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          departement: "04",
          slug: `ancienne-${i}`,
          titre: `Ancienne ${i}`,
          resume: "Une actualité plus ancienne.",
          corps: "Texte.",
          statut: "publie",
          publieLe: new Date(Date.now() - (30 + i) * JOUR),
        })),
      );
    type Liste = { actualites: { slug: string; publieLe: Date }[]; page: number; pages: number };
    const premiere = (await load(listePublique.loader, null, "/actualites")).data as Liste;
    expect(premiere.actualites).toHaveLength(10);
    const dates = premiere.actualites.map((a) => new Date(a.publieLe).getTime());
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(premiere.pages).toBeGreaterThanOrEqual(2);
    const derniere = (await load(listePublique.loader, null, `/actualites?page=${premiere.pages}`)).data as Liste;
    expect(derniere.actualites.map((a) => a.slug)).toContain("ancienne-11");
    const html = render(page(listePublique.default)(premiere));
    expect(html).toContain('href="/actualites?page=2"');
    for (const mauvaise of ["/actualites?page=0", "/actualites?page=abc", `/actualites?page=${premiere.pages + 1}`]) {
      expect((await load(listePublique.loader, null, mauvaise)).status, mauvaise).toBe(404);
    }
  });

  it("annonce le flux dans l'en-tête de /actualites", () => {
    const tags = listePublique.meta({ loaderData: undefined, matches: [] } as never) as Record<string, string>[];
    expect(tags).toContainEqual(
      expect.objectContaining({ rel: "alternate", type: "application/atom+xml", href: "/actualites.atom" }),
    );
  });
});

async function imageFile(largeur: number, hauteur: number, type: "png" | "jpeg" = "png") {
  const bytes = await sharp({ create: { width: largeur, height: hauteur, channels: 3, background: "#3a7ca5" } })
    [type]()
    .withMetadata({ exif: { IFD0: { Copyright: "Secret GPS" } } })
    .toBuffer();
  return new File([new Uint8Array(bytes)], `photo.${type}`, { type: `image/${type}` });
}

describe("images", () => {
  it("refuse un fichier qui n'est pas une image, et une image trop lourde, sans rien écrire", async () => {
    const avant = { medias: await countRows(medias), fichiers: await countRows(fichiers) };
    const texte = new File(["<script>alert(1)</script>"], "image.png", { type: "image/png" });
    const o = await upload(coordinateur04, { departement: "04", alt: "Une image" }, { image: texte });
    expect(o.status).toBe(400);
    expect(errorsOf(o, "image")?.join(" ")).toContain("JPEG, PNG ou WebP");
    const lourd = new File([new Uint8Array(5 * 1024 * 1024 + 1)], "lourde.png", { type: "image/png" });
    const l = await upload(coordinateur04, { departement: "04", alt: "Une image" }, { image: lourd });
    expect(l.status).toBe(400);
    expect(errorsOf(l, "image")?.join(" ")).toContain("5 Mo");
    expect(await countRows(medias)).toBe(avant.medias);
    expect(await countRows(fichiers)).toBe(avant.fichiers);
  });

  it("exige une description, sauf pour une image décorative", async () => {
    const avant = await countRows(medias);
    const o = await upload(coordinateur04, { departement: "04", alt: "" }, { image: await imageFile(50, 50) });
    expect(o.status).toBe(400);
    expect(errorsOf(o, "alt")?.join(" ")).toContain("décorative");
    expect(await countRows(medias)).toBe(avant);
    const d = await upload(coordinateur04, { departement: "04", decorative: "on" }, { image: await imageFile(50, 50) });
    expect(d.status).toBe(302);
    expect(await countRows(medias)).toBe(avant + 1);
  });

  it("refuse le COPIL (403) et la coordination d'un autre département (404)", async () => {
    const avant = await countRows(medias);
    expect((await upload(copil04, { departement: "04", alt: "x" }, { image: await imageFile(20, 20) })).status).toBe(
      403,
    );
    expect(
      (await upload(coordinateur05, { departement: "04", alt: "x" }, { image: await imageFile(20, 20) })).status,
    ).toBe(404);
    expect(await countRows(medias)).toBe(avant);
  });

  it("réenregistre en WebP à deux largeurs sans métadonnées, sert chaque version avec ETag et 304", async () => {
    const o = await upload(
      coordinateur04,
      { departement: "04", alt: "Un ciel bleu" },
      { image: await imageFile(2000, 1000, "jpeg") },
    );
    expect(o.status).toBe(302);
    const [row] = await db().select().from(medias).where(eq(medias.alt, "Un ciel bleu"));
    if (!row) throw new Error("no media");
    expect([row.largeur, row.hauteur]).toEqual([1200, 600]);
    expect(await auditOf("media.ajouter", row.id)).toHaveLength(1);

    const grande = await outcome(() =>
      media.loader({ request: getRequest(`/medias/${row.id}`), params: { id: row.id } } as never),
    );
    expect(grande.status).toBe(200);
    expect(grande.headers.get("Content-Type")).toBe("image/webp");
    expect(grande.headers.get("Cache-Control")).toContain("max-age=31536000");
    const etag = grande.headers.get("ETag") ?? "";
    expect(etag).not.toBe("");
    const [fichierGrand] = await db().select().from(fichiers).where(eq(fichiers.id, row.fichierId));
    const meta = await sharp(fichierGrand?.contenu).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.exif).toBeUndefined();

    const revalidation = await outcome(() =>
      media.loader({
        request: new Request(`http://localhost:3000/medias/${row.id}`, { headers: { "If-None-Match": etag } }),
        params: { id: row.id },
      } as never),
    );
    expect(revalidation.status).toBe(304);

    const petite = await outcome(() =>
      mediaPetite.loader({ request: getRequest(`/medias/${row.id}/petite`), params: { id: row.id } } as never),
    );
    expect(petite.status).toBe(200);
    const [fichierPetit] = await db().select().from(fichiers).where(eq(fichiers.id, row.fichierPetitId));
    expect((await sharp(fichierPetit?.contenu).metadata()).width).toBe(480);
  });

  it("ne sert jamais un autre fichier que ceux d'une image de la bibliothèque", async () => {
    const autre = await storeFichier(
      db(),
      { nom: "secret.pdf", typeMime: "application/pdf", contenu: Buffer.from("%PDF-secret") },
      { departement: "04", creePar: null },
    );
    const o = await outcome(() =>
      media.loader({ request: getRequest(`/medias/${autre}`), params: { id: autre } } as never),
    );
    expect(o.status).toBe(404);
    const n = await outcome(() =>
      media.loader({ request: getRequest("/medias/pas-un-uuid"), params: { id: "pas-un-uuid" } } as never),
    );
    expect(n.status).toBe(404);
  });

  it("donne sa taille et ses deux versions à une image placée dans le texte d'une actualité", async () => {
    const [row] = await db().select().from(medias).where(eq(medias.alt, "Un ciel bleu"));
    const a = await creer(champs({ titre: "Avec une image", corps: `![Un ciel bleu](/medias/${row?.id})` }));
    const o = await load(actualitePublique.loader, null, "/x", { slug: a.slug });
    const html = (o.data as { html: string }).html;
    expect(html).toContain('width="1200"');
    expect(html).toContain('height="600"');
    expect(html).toContain(`/medias/${row?.id}/petite 480w`);
  });
});

describe("pages du site", () => {
  it("montre le texte d'origine tant qu'aucune version n'est publiée, puis la version de la coordination", async () => {
    const avant = await load(chartePublique.loader, null, "/charte");
    expect((avant.data as { html: string }).html).toContain("Une posture professionnelle");
    const o = await post(
      pageEdition.action,
      coordinateur04,
      "/x",
      {
        departement: "04",
        titre: "Notre charte",
        description: "La charte, réécrite par la coordination.",
        corps: "Texte de la **coordination**.",
        statut: "publie",
      },
      { slug: "charte" },
    );
    expect(o.status).toBe(302);
    const apres = (await load(chartePublique.loader, null, "/charte")).data as { titre: string; html: string };
    expect(apres.titre).toBe("Notre charte");
    expect(apres.html).toContain("<strong>coordination</strong>");
    expect(await auditOf("page.modifier")).not.toHaveLength(0);

    await post(
      pageEdition.action,
      coordinateur04,
      "/x",
      {
        departement: "04",
        titre: "Notre charte",
        description: "La charte, en brouillon.",
        corps: "Brouillon.",
        statut: "brouillon",
      },
      { slug: "charte" },
    );
    const brouillon = (await load(chartePublique.loader, null, "/charte")).data as { html: string };
    expect(brouillon.html).toContain("Une posture professionnelle");
  });

  it("déclare « non conforme » sans audit, et l'état audité quand il est enregistré", async () => {
    const defaut = (await load(accessibilitePublique.loader, null, "/accessibilite")).data as { html: string };
    expect(defaut.html).toContain("<strong>non conforme</strong>");
    expect(defaut.html).toContain("29\u00a0novembre\u00a02026");
    expect(defaut.html).toContain("Défenseur des droits");

    const incoherent = await post(
      pageEdition.action,
      coordinateur04,
      "/x",
      {
        departement: "04",
        titre: "Déclaration d'accessibilité",
        description: "La déclaration d'accessibilité du site.",
        corps: "{{etat-de-conformite}}\n\n## Suite",
        statut: "publie",
        etatConformite: "totalement_conforme",
        auditLe: "2026-10-15",
        tauxConformite: "80",
      },
      { slug: "accessibilite" },
    );
    expect(incoherent.status).toBe(400);
    expect(errorsOf(incoherent, "etatConformite")).not.toBeNull();

    const ok = await post(
      pageEdition.action,
      coordinateur04,
      "/x",
      {
        departement: "04",
        titre: "Déclaration d'accessibilité",
        description: "La déclaration d'accessibilité du site.",
        corps: "{{etat-de-conformite}}\n\n## Suite",
        statut: "publie",
        etatConformite: "partiellement_conforme",
        auditLe: "2026-10-15",
        tauxConformite: "80",
      },
      { slug: "accessibilite" },
    );
    expect(ok.status).toBe(302);
    const audite = (await load(accessibilitePublique.loader, null, "/accessibilite")).data as { html: string };
    expect(audite.html).toContain("<strong>partiellement conforme</strong>");
    expect(audite.html).toContain("80\u00a0% des critères");
  });

  it("refuse la modification d'une page au COPIL (403) et à la coordination 05 (404)", async () => {
    const fields = {
      departement: "04",
      titre: "Piratée",
      description: "Une description assez longue.",
      corps: "x",
      statut: "publie",
    };
    expect((await post(pageEdition.action, copil04, "/x", fields, { slug: "mentions-legales" })).status).toBe(403);
    expect((await post(pageEdition.action, coordinateur05, "/x", fields, { slug: "mentions-legales" })).status).toBe(
      404,
    );
    expect(
      (await load(pageEdition.loader, coordinateur05, "/x?departement=04", { slug: "mentions-legales" })).status,
    ).toBe(404);
    expect(await db().select().from(pagesPubliques).where(eq(pagesPubliques.titre, "Piratée"))).toHaveLength(0);
  });

  it("crée une page libre en brouillon, la publie à /pages/:slug, dans le plan du site et le sitemap", async () => {
    const reservee = await post(pageNouvelle.action, coordinateur04, "/x", {
      departement: "04",
      titre: "Charte bis",
      slug: "charte",
    });
    expect(reservee.status).toBe(400);
    const o = await post(pageNouvelle.action, coordinateur04, "/x", {
      departement: "04",
      titre: "Nos partenaires",
      slug: "Nos partenaires",
    });
    expect(o.status).toBe(302);
    expect((await load(pageLibre.loader, null, "/pages/nos-partenaires", { slug: "nos-partenaires" })).status).toBe(
      404,
    );
    await post(
      pageEdition.action,
      coordinateur04,
      "/x",
      {
        departement: "04",
        titre: "Nos partenaires",
        description: "Les partenaires du réseau dans le département.",
        corps: "La CAF et la MSA.",
        statut: "publie",
      },
      { slug: "nos-partenaires" },
    );
    expect((await load(pageLibre.loader, null, "/pages/nos-partenaires", { slug: "nos-partenaires" })).status).toBe(
      200,
    );
    const planData = (await load(plan.loader, null, "/plan-du-site")).data as { pagesLibres: { to: string }[] };
    expect(planData.pagesLibres.map((p) => p.to)).toContain("/pages/nos-partenaires");
    expect(String((await outcome(() => sitemap.loader())).data)).toContain("/pages/nos-partenaires");
  });
});
