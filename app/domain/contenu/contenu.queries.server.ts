import { actualites, fichiers, medias, pagesPubliques } from "@db/schema";
import { and, asc, count, desc, eq, inArray, isNotNull, lte, ne } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { isPageFixe } from "./contenu.labels";
import { type MediaDimensions, mediaIdsOf, renderMarkdown } from "./markdown.server";

/** What the public may read: published, and the publication date has come. */
const publiee = (departement: string, now: Date) =>
  and(
    eq(actualites.departement, departement),
    eq(actualites.statut, "publie"),
    isNotNull(actualites.publieLe),
    lte(actualites.publieLe, now),
  );

export const ACTUALITES_PAR_PAGE = 10;

/** Published posts of a département whose date has come, newest first, one page of them. */
export async function findActualitesPubliques(
  db: Executor,
  departement: string,
  now: Date,
  { page = 1, parPage = ACTUALITES_PAR_PAGE }: { page?: number; parPage?: number } = {},
) {
  const [total] = await db.select({ n: count() }).from(actualites).where(publiee(departement, now));
  const rows = await db
    .select({
      id: actualites.id,
      slug: actualites.slug,
      titre: actualites.titre,
      resume: actualites.resume,
      publieLe: actualites.publieLe,
      updatedAt: actualites.updatedAt,
    })
    .from(actualites)
    .where(publiee(departement, now))
    .orderBy(desc(actualites.publieLe), desc(actualites.createdAt))
    .limit(parPage)
    .offset((page - 1) * parPage);
  return { actualites: rows.map((r) => ({ ...r, publieLe: r.publieLe as Date })), total: total?.n ?? 0 };
}

/** The latest published posts with their body (the Atom feed). */
export async function findDernieresActualites(db: Executor, departement: string, now: Date, limite = 20) {
  const rows = await db
    .select()
    .from(actualites)
    .where(publiee(departement, now))
    .orderBy(desc(actualites.publieLe), desc(actualites.createdAt))
    .limit(limite);
  return rows.map((r) => ({ ...r, publieLe: r.publieLe as Date }));
}

/** The slugs of the published posts (the sitemap). */
export async function findSlugsActualitesPubliques(db: Executor, departement: string, now: Date) {
  const rows = await db
    .select({ slug: actualites.slug })
    .from(actualites)
    .where(publiee(departement, now))
    .orderBy(desc(actualites.publieLe));
  return rows.map((r) => r.slug);
}

/** One public post by its address, with its image's size; null when absent, a draft or not yet due. */
export async function getActualitePublique(db: Executor, departement: string, slug: string, now: Date) {
  const [row] = await db
    .select({
      actualite: actualites,
      image: { id: medias.id, largeur: medias.largeur, hauteur: medias.hauteur, alt: medias.alt },
    })
    .from(actualites)
    .leftJoin(medias, eq(medias.id, actualites.imageId))
    .where(and(publiee(departement, now), eq(actualites.slug, slug)));
  if (!row) return null;
  return { ...row.actualite, publieLe: row.actualite.publieLe as Date, image: row.image };
}

/** Every post of a département for its coordination, newest first. */
export async function findActualitesGestion(db: Executor, departement: string) {
  return db
    .select({
      id: actualites.id,
      slug: actualites.slug,
      titre: actualites.titre,
      statut: actualites.statut,
      publieLe: actualites.publieLe,
      updatedAt: actualites.updatedAt,
    })
    .from(actualites)
    .where(eq(actualites.departement, departement))
    .orderBy(desc(actualites.createdAt));
}

/** One post for its coordination: 404 when it does not exist, 403/404 as `requireScoped`. */
export async function getActualiteGestion(db: Executor, actor: Actor, id: string) {
  if (!isUuid(id)) notFound();
  const [row] = await db.select().from(actualites).where(eq(actualites.id, id));
  if (!row) notFound();
  requireScoped(actor, "contenu.gerer", { departement: row.departement });
  return row;
}

/** Slugs already taken in a département (optionally but one post's). */
export async function findSlugsActualites(db: Executor, departement: string, saufId?: string) {
  const rows = await db
    .select({ slug: actualites.slug })
    .from(actualites)
    .where(
      saufId
        ? and(eq(actualites.departement, departement), ne(actualites.id, saufId))
        : eq(actualites.departement, departement),
    );
  return new Set(rows.map((r) => r.slug));
}

/** The image library of a département, newest first. */
export async function findMedias(db: Executor, departement: string) {
  return db
    .select({
      id: medias.id,
      largeur: medias.largeur,
      hauteur: medias.hauteur,
      alt: medias.alt,
      createdAt: medias.createdAt,
    })
    .from(medias)
    .where(eq(medias.departement, departement))
    .orderBy(desc(medias.createdAt));
}

export async function getMedia(db: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(medias).where(eq(medias.id, id));
  return row ?? null;
}

/** The stored file of one rendition of an image of the library (and its hash, for the ETag); never another file. */
export async function findMediaFichier(db: Executor, id: string, taille: "grande" | "petite") {
  if (!isUuid(id)) return null;
  const fichierId = taille === "grande" ? medias.fichierId : medias.fichierPetitId;
  const [row] = await db
    .select({ fichierId: fichiers.id, sha256: fichiers.sha256 })
    .from(medias)
    .innerJoin(fichiers, eq(fichiers.id, fichierId))
    .where(eq(medias.id, id));
  return row ?? null;
}

/** The size of the library images a Markdown text points to. */
export async function findMediaDimensions(db: Executor, markdown: string): Promise<MediaDimensions> {
  const ids = mediaIdsOf(markdown);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: medias.id, largeur: medias.largeur, hauteur: medias.hauteur })
    .from(medias)
    .where(inArray(medias.id, ids));
  return new Map(rows.map((r) => [r.id, { largeur: r.largeur, hauteur: r.hauteur }]));
}

/** Markdown → sanitised HTML, library images with their size. */
export async function renderContenu(db: Executor, markdown: string): Promise<string> {
  const [html = ""] = await renderContenus(db, [markdown]);
  return html;
}

/** Several texts at once (a feed): one query for the sizes of every image they show. */
export async function renderContenus(db: Executor, markdowns: readonly string[]): Promise<string[]> {
  const medias = await findMediaDimensions(db, markdowns.join("\n"));
  return markdowns.map((markdown) => renderMarkdown(markdown, { medias }));
}

/** A page's saved row (published or not), or null. */
export async function findPage(db: Executor, departement: string, slug: string) {
  const [row] = await db
    .select()
    .from(pagesPubliques)
    .where(and(eq(pagesPubliques.departement, departement), eq(pagesPubliques.slug, slug)));
  return row ?? null;
}

/** Every saved page of a département (fixed and free), for its coordination. */
export async function findPagesGestion(db: Executor, departement: string) {
  return db
    .select({
      slug: pagesPubliques.slug,
      titre: pagesPubliques.titre,
      statut: pagesPubliques.statut,
      updatedAt: pagesPubliques.updatedAt,
    })
    .from(pagesPubliques)
    .where(eq(pagesPubliques.departement, departement))
    .orderBy(asc(pagesPubliques.titre));
}

/** The published free pages (the plan du site and the sitemap). */
export async function findPagesLibresPubliees(db: Executor, departement: string) {
  const rows = await db
    .select({ slug: pagesPubliques.slug, titre: pagesPubliques.titre })
    .from(pagesPubliques)
    .where(and(eq(pagesPubliques.departement, departement), eq(pagesPubliques.statut, "publie")))
    .orderBy(asc(pagesPubliques.titre));
  return rows.filter((r) => !isPageFixe(r.slug));
}
