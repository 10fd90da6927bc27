import { auditLog, fichiers, promeneurs } from "@db/schema";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome } from "../../../tests/support/route";
import { action, loader } from "./promeneurs.$id.fiche";
import { loader as photoLoader } from "./promeneurs.$id.photo";

type Reply = { status?: string; error?: Record<string, string[] | null> };

const path = (id: string) => `/espace/promeneurs/${id}/fiche`;

/** A multipart POST, as the browser sends the form (a file input included). */
function multipart(id: string, fields: Record<string, string | string[]>, file?: File) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  body.append("photo", file ?? new File([], "", { type: "application/octet-stream" }));
  return new Request(`http://localhost:3000${path(id)}`, { method: "POST", body });
}

const post = (actor: Actor | null, id: string, fields: Record<string, string | string[]>, file?: File) =>
  outcome(() => action({ request: multipart(id, fields, file), context: contextFor(actor), params: { id } } as never));
const load = (actor: Actor | null, id: string) =>
  outcome(() => loader({ request: getRequest(path(id)), context: contextFor(actor), params: { id } } as never));
const photo = (actor: Actor | null, id: string) =>
  outcome(() =>
    photoLoader({
      request: getRequest(`/espace/promeneurs/${id}/photo`),
      context: contextFor(actor),
      params: { id },
    } as never),
  );
/** The raw Response of the photo route (outcome() reads it as text). */
const photoResponse = (actor: Actor, id: string) =>
  photoLoader({
    request: getRequest(`/espace/promeneurs/${id}/photo`),
    context: contextFor(actor),
    params: { id },
  } as never) as Promise<Response>;

const valide = {
  nomPublic: "Léa, animatrice à Sisteron",
  bio: "J'accompagne les jeunes du Sisteronais sur leurs projets et leurs questions.",
  themes: ["sante", "loisirs"],
  ageMin: "13",
  ageMax: "21",
};

async function row(id: string) {
  const [r] = await getDb().select().from(promeneurs).where(eq(promeneurs.id, id));
  if (!r) throw new Error("promeneur introuvable");
  return r;
}
async function auditsOf(id: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "promeneur.fiche.modifier")));
}

/** A real JPEG carrying EXIF metadata. */
async function jpegAvecExif(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .withMetadata({ exif: { IFD0: { Copyright: "x", Artist: "Appareil de test" } } })
    .jpeg()
    .toBuffer();
}

let promeneur: PromeneurRow;
let lui: Actor;
let autrePromeneur: Actor;
let referent: Actor;
let coordinateur04: Actor;
let coordinateur05: Actor;

beforeAll(async () => {
  const db = getDb();
  ({ promeneur, lui, autrePromeneur, referent, coordinateur04, coordinateur05 } = await insertPromeneurEtEntourage(db));
});

describe("fiche publique : modifier", () => {
  it("enregistre la fiche du promeneur lui-même et l'écrit au journal", async () => {
    const result = await post(lui, promeneur.id, valide);
    expect(result.status).toBe(302);
    expect(result.location).toBe(path(promeneur.id));
    const after = await row(promeneur.id);
    expect(after).toMatchObject({
      nomPublic: "Léa, animatrice à Sisteron",
      bio: valide.bio,
      themes: ["sante", "loisirs"],
      ageMin: 13,
      ageMax: 21,
    });
    const [audit] = await auditsOf(promeneur.id);
    expect(audit).toMatchObject({ actorUserId: lui.userId, departement: "04" });
    expect(audit?.changes).toMatchObject({
      nomPublic: { avant: promeneur.nomPublic, apres: "Léa, animatrice à Sisteron" },
      ageMin: { avant: 12, apres: 13 },
      themes: { avant: [], apres: ["sante", "loisirs"] },
    });
  });

  it("n'écrit rien au journal quand rien ne change", async () => {
    await post(lui, promeneur.id, valide);
    const before = (await auditsOf(promeneur.id)).length;
    expect((await post(lui, promeneur.id, valide)).status).toBe(302);
    expect((await auditsOf(promeneur.id)).length).toBe(before);
  });

  it.each([
    ["un numéro de téléphone", "Écrivez-moi au 06 12 34 56 78 le soir.", "numéro de téléphone"],
    ["un numéro international", "Joignable au +33 6 12 34 56 78.", "numéro de téléphone"],
    ["une adresse e-mail", "Contact : lea.martin@exemple.fr", "adresse e-mail"],
  ])("refuse %s dans la présentation (400), sans rien modifier", async (_, bio, attendu) => {
    const before = await row(promeneur.id);
    const result = await post(lui, promeneur.id, { ...valide, nomPublic: "Autre nom", bio });
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.bio?.[0]).toContain(attendu);
    expect(await row(promeneur.id)).toEqual(before);
  });

  it("refuse un âge minimum supérieur à l'âge maximum, message sur l'âge maximum", async () => {
    const before = await row(promeneur.id);
    const result = await post(lui, promeneur.id, { ...valide, ageMin: "20", ageMax: "15" });
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.ageMax).toEqual([
      "L'âge maximum doit être supérieur ou égal à l'âge minimum.",
    ]);
    expect(await row(promeneur.id)).toEqual(before);
  });

  it("refuse un nom affiché trop court et un thème inconnu", async () => {
    const result = await post(lui, promeneur.id, { ...valide, nomPublic: "L", themes: ["sante", "inconnu"] });
    expect(result.status).toBe(400);
    const errors = (result.data as Reply).error ?? {};
    expect(errors.nomPublic).toEqual(["Le nom affiché doit compter au moins 2 caractères."]);
    expect(Object.keys(errors).some((k) => k.startsWith("themes"))).toBe(true);
  });

  it("accepte qu'aucun thème ne soit coché", async () => {
    const result = await post(coordinateur04, promeneur.id, { ...valide, themes: [] });
    expect(result.status).toBe(302);
    expect((await row(promeneur.id)).themes).toEqual([]);
  });
});

describe("fiche publique : la photo", () => {
  it("ré-encode une photo JPEG en WebP sans ses métadonnées EXIF, et la sert au promeneur", async () => {
    const jpeg = await jpegAvecExif();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const result = await post(
      lui,
      promeneur.id,
      valide,
      new File([new Uint8Array(jpeg)], "vacances.jpg", { type: "image/jpeg" }),
    );
    expect(result.status).toBe(302);
    const after = await row(promeneur.id);
    expect(after.photoId).not.toBeNull();
    const [stored] = await getDb()
      .select()
      .from(fichiers)
      .where(eq(fichiers.id, after.photoId as string));
    expect(stored?.typeMime).toBe("image/webp");
    const meta = await sharp(stored?.contenu).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.exif).toBeUndefined();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 64, height: 48 });
    const [audit] = (await auditsOf(promeneur.id)).slice(-1);
    expect(JSON.stringify(audit?.changes)).not.toContain("contenu");
    expect(audit?.changes).toMatchObject({ photoId: { apres: after.photoId } });

    const response = await photoResponse(lui, promeneur.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    const served = Buffer.from(await response.arrayBuffer());
    expect((await sharp(served).metadata()).exif).toBeUndefined();
  });

  it("refuse un fichier texte renommé en .jpg (400), sans rien modifier", async () => {
    const before = await row(promeneur.id);
    const texte = new File(["Ceci n'est pas une image."], "photo.jpg", { type: "image/jpeg" });
    const result = await post(lui, promeneur.id, { ...valide, nomPublic: "Nouveau nom" }, texte);
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.photo).toEqual(["La photo doit être une image JPEG, PNG ou WebP."]);
    expect(await row(promeneur.id)).toEqual(before);
  });

  it("refuse une photo de plus de 5 Mo (400)", async () => {
    const before = await row(promeneur.id);
    const lourd = new File([new Uint8Array(5 * 1024 * 1024 + 1)], "grande.jpg", { type: "image/jpeg" });
    const result = await post(lui, promeneur.id, valide, lourd);
    expect(result.status).toBe(400);
    expect((result.data as Reply).error?.photo?.[0]).toContain("5 Mo");
    expect(await row(promeneur.id)).toEqual(before);
  });

  it("remplace puis supprime la photo, sans garder l'ancien fichier", async () => {
    const premiere = await post(lui, promeneur.id, valide, new File([new Uint8Array(await jpegAvecExif())], "a.jpg"));
    expect(premiere.status).toBe(302);
    const ancienne = (await row(promeneur.id)).photoId as string;
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: "#00ff00" } })
      .png()
      .toBuffer();
    expect((await post(lui, promeneur.id, valide, new File([new Uint8Array(png)], "b.png"))).status).toBe(302);
    const nouvelle = (await row(promeneur.id)).photoId as string;
    expect(nouvelle).not.toBe(ancienne);
    expect(await getDb().select({ id: fichiers.id }).from(fichiers).where(eq(fichiers.id, ancienne))).toEqual([]);

    expect((await post(lui, promeneur.id, { ...valide, supprimerPhoto: "on" })).status).toBe(302);
    expect((await row(promeneur.id)).photoId).toBeNull();
    expect(await getDb().select({ id: fichiers.id }).from(fichiers).where(eq(fichiers.id, nouvelle))).toEqual([]);
    expect((await photo(lui, promeneur.id)).status).toBe(404);
  });
});

describe("fiche publique et photo : qui peut", () => {
  let avecPhoto: PromeneurRow;
  beforeAll(async () => {
    expect(
      (await post(coordinateur04, promeneur.id, valide, new File([new Uint8Array(await jpegAvecExif())], "p.jpg")))
        .status,
    ).toBe(302);
    avecPhoto = await row(promeneur.id);
  });

  it("montre la fiche au promeneur (modifiable) et au référent (lecture seule)", async () => {
    const self = await load(lui, promeneur.id);
    expect(self.status).toBe(200);
    expect((self.data as { canManage: boolean }).canManage).toBe(true);
    const ref = await load(referent, promeneur.id);
    expect(ref.status).toBe(200);
    expect((ref.data as { canManage: boolean }).canManage).toBe(false);
  });

  it.each([
    ["le référent de la structure", () => referent, 403],
    ["un autre promeneur", () => autrePromeneur, 404],
    ["le coordinateur du 05", () => coordinateur05, 404],
  ])("refuse la modification à %s (%i), sans rien modifier", async (_, who, status) => {
    const result = await post(who(), promeneur.id, { ...valide, nomPublic: "Piratage" });
    expect(result.status).toBe(status);
    expect(await row(promeneur.id)).toEqual(avecPhoto);
  });

  it.each([
    ["le promeneur lui-même", () => lui, 200],
    ["le référent de la structure", () => referent, 200],
    ["le coordinateur du 04", () => coordinateur04, 200],
    ["un autre promeneur", () => autrePromeneur, 404],
    ["le coordinateur du 05", () => coordinateur05, 404],
  ])("sert la photo à %s (%i)", async (_, who, status) => {
    expect((await photo(who(), promeneur.id)).status).toBe(status);
    expect((await load(who(), promeneur.id)).status).toBe(status);
  });

  it("répond 404 pour un promeneur sans photo et pour un identifiant mal formé", async () => {
    const sansPhoto = await insertPromeneur(getDb(), { statut: "actif" });
    expect((await photo(coordinateur04, sansPhoto.id)).status).toBe(404);
    expect((await photo(coordinateur04, "pas-un-id")).status).toBe(404);
  });

  it("renvoie un visiteur non connecté vers la connexion", async () => {
    expect((await photo(null, promeneur.id)).status).toBe(302);
  });
});
