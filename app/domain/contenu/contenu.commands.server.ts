import { actualites, medias, pagesPubliques } from "@db/schema";
import { and, eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { slugLibre } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database, Executor } from "~/server/db.server";
import { Invalid, notFound, withUniqueGuard } from "~/server/errors.server";
import { type FichierVerifie, storeFichier } from "~/server/fichiers.server";
import { requireScoped } from "~/server/request.server";
import { isPageFixe } from "./contenu.labels";
import { findPage, findSlugsActualites, getActualiteGestion } from "./contenu.queries.server";
import { parseDateHeureParis, SLUGS_RESERVES, slugDepuisTitre, slugSaisi } from "./contenu.rules";
import type { ActualiteInput, PageInput } from "./contenu.schema";

type Ctx = { db: Database; now: Date; requestId?: string | undefined };

export type ImagePreparee = {
  grande: FichierVerifie & { largeur: number; hauteur: number };
  petite: FichierVerifie;
};

/** An image uploaded with its text alternative (empty for a decorative image). */
export type NouvelleImage = { image: ImagePreparee; alt: string };

/** A post's fields; `nouvelleImage`, uploaded with the form, joins the library and becomes its image. */
type ActualiteChamps = Omit<ActualiteInput, "departement"> & { nouvelleImage?: NouvelleImage | null };

async function checkImage(tx: Executor, departement: string, imageId: string | undefined): Promise<string | null> {
  if (!imageId) return null;
  const [row] = await tx
    .select({ id: medias.id })
    .from(medias)
    .where(and(eq(medias.id, imageId), eq(medias.departement, departement)));
  if (!row) throw new Invalid("imageId", "Cette image n'est pas dans la bibliothèque du département.");
  return row.id;
}

const slugPris = () => new Invalid("slug", "Une autre actualité du département a déjà cette adresse.");
/** The unique index that guards the address of a news post in its département. */
const SLUG_UNIQUE = "actualites_departement_slug_index";

/** The post's address: typed (must be free) or derived from the title (first free suffix). */
async function choisirSlug(
  tx: Executor,
  departement: string,
  input: { slug?: string | undefined; titre: string },
  courant?: { id: string; slug: string },
): Promise<string> {
  const pris = await findSlugsActualites(tx, departement, courant?.id);
  if (input.slug) {
    const voulu = slugSaisi(input.slug);
    if (!voulu) throw new Invalid("slug", "L'adresse doit contenir des lettres ou des chiffres.");
    if (pris.has(voulu)) throw slugPris();
    return voulu;
  }
  if (courant) return courant.slug;
  return slugLibre(slugDepuisTitre(input.titre), pris);
}

/** A published post without a date is published now; a later date schedules it. */
function datePublication(input: ActualiteChamps, now: Date): Date | null {
  const date = input.publieLe ? parseDateHeureParis(input.publieLe) : null;
  if (date) return date;
  return input.statut === "publie" ? now : null;
}

/** Creates a news post of the département (its coordination only), audited in the same transaction. */
export async function creerActualite(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: ActualiteChamps,
): Promise<{ id: string; slug: string }> {
  requireScoped(actor, "contenu.gerer", { departement });
  return withUniqueGuard(
    () =>
      db.transaction(async (tx) => {
        const imageId = input.nouvelleImage
          ? await insererMedia(tx, actor, departement, input.nouvelleImage, now, requestId)
          : await checkImage(tx, departement, input.imageId);
        const slug = await choisirSlug(tx, departement, input);
        const publieLe = datePublication(input, now);
        const [row] = await tx
          .insert(actualites)
          .values({
            departement,
            slug,
            titre: input.titre,
            resume: input.resume,
            corps: input.corps,
            imageId,
            statut: input.statut,
            publieLe,
            creePar: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: actualites.id });
        if (!row) throw new Error("actualite not inserted");
        await recordAudit(
          tx,
          actor,
          {
            action: "actualite.creer",
            entityType: "actualite",
            entityId: row.id,
            departement,
            changes: { titre: input.titre, slug, statut: input.statut, publieLe: publieLe?.toISOString() ?? null },
          },
          requestId,
        );
        return { id: row.id, slug };
      }),
    { [SLUG_UNIQUE]: slugPris() },
  );
}

/** Saves a news post; out of scope is a 404, another role a 403. */
export async function modifierActualite(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string,
  input: ActualiteChamps,
): Promise<{ id: string; slug: string }> {
  const courant = await getActualiteGestion(db, actor, id);
  return withUniqueGuard(
    () =>
      db.transaction(async (tx) => {
        const imageId = input.nouvelleImage
          ? await insererMedia(tx, actor, courant.departement, input.nouvelleImage, now, requestId)
          : await checkImage(tx, courant.departement, input.imageId);
        const slug = await choisirSlug(tx, courant.departement, input, courant);
        const publieLe = datePublication(input, now);
        await tx
          .update(actualites)
          .set({
            slug,
            titre: input.titre,
            resume: input.resume,
            corps: input.corps,
            imageId,
            statut: input.statut,
            publieLe,
            updatedAt: now,
          })
          .where(eq(actualites.id, courant.id));
        const changes: Record<string, unknown> = {};
        if (courant.titre !== input.titre) changes.titre = input.titre;
        if (courant.slug !== slug) changes.slug = slug;
        if (courant.statut !== input.statut) changes.statut = input.statut;
        if ((courant.publieLe?.getTime() ?? null) !== (publieLe?.getTime() ?? null))
          changes.publieLe = publieLe?.toISOString() ?? null;
        if (courant.resume !== input.resume) changes.resume = true;
        if (courant.corps !== input.corps) changes.corps = true;
        if (courant.imageId !== imageId) changes.imageId = imageId;
        await recordAudit(
          tx,
          actor,
          {
            action: "actualite.modifier",
            entityType: "actualite",
            entityId: courant.id,
            departement: courant.departement,
            changes,
          },
          requestId,
        );
        return { id: courant.id, slug };
      }),
    { [SLUG_UNIQUE]: slugPris() },
  );
}

export async function supprimerActualite({ db, requestId }: Ctx, actor: Actor, id: string): Promise<string> {
  const courant = await getActualiteGestion(db, actor, id);
  await db.transaction(async (tx) => {
    await tx.delete(actualites).where(eq(actualites.id, courant.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "actualite.supprimer",
        entityType: "actualite",
        entityId: courant.id,
        departement: courant.departement,
        changes: { titre: courant.titre, slug: courant.slug },
      },
      requestId,
    );
  });
  return courant.departement;
}

/** Stores both renditions and the `medias` row, with its audit row, inside the caller's transaction. */
async function insererMedia(
  tx: Executor,
  actor: Actor,
  departement: string,
  input: NouvelleImage,
  now: Date,
  requestId: string | undefined,
): Promise<string> {
  const meta = { departement, creePar: actor.userId };
  const fichierId = await storeFichier(tx, input.image.grande, meta);
  const fichierPetitId = await storeFichier(tx, input.image.petite, meta);
  const [row] = await tx
    .insert(medias)
    .values({
      departement,
      fichierId,
      fichierPetitId,
      largeur: input.image.grande.largeur,
      hauteur: input.image.grande.hauteur,
      alt: input.alt,
      creePar: actor.userId,
      createdAt: now,
    })
    .returning({ id: medias.id });
  if (!row) throw new Error("media not inserted");
  await recordAudit(
    tx,
    actor,
    {
      action: "media.ajouter",
      entityType: "media",
      entityId: row.id,
      departement,
      changes: { alt: input.alt, largeur: input.image.grande.largeur, hauteur: input.image.grande.hauteur },
    },
    requestId,
  );
  return row.id;
}

/** Adds an image (both renditions already re-encoded) to the département's library. */
export async function ajouterMedia(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: NouvelleImage,
): Promise<string> {
  requireScoped(actor, "contenu.gerer", { departement });
  return db.transaction((tx) => insererMedia(tx, actor, departement, input, now, requestId));
}

/**
 * Saves a page of the site (a fixed page's first save creates its row). A free page must exist
 * already (`creerPage`); the conformity fields are kept for the accessibility statement only.
 */
export async function enregistrerPage(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  slug: string,
  input: Omit<PageInput, "departement">,
): Promise<void> {
  requireScoped(actor, "contenu.gerer", { departement });
  const courant = await findPage(db, departement, slug);
  if (!courant && !isPageFixe(slug)) notFound();
  const accessibilite = slug === "accessibilite";
  const values = {
    titre: input.titre,
    description: input.description,
    corps: input.corps,
    statut: input.statut,
    etatConformite: accessibilite ? (input.etatConformite ?? "non_conforme") : null,
    auditLe: accessibilite ? (input.auditLe ?? null) : null,
    tauxConformite: accessibilite ? (input.tauxConformite ?? null) : null,
    majPar: actor.userId,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(pagesPubliques)
      .values({ departement, slug, ...values })
      .onConflictDoUpdate({ target: [pagesPubliques.departement, pagesPubliques.slug], set: values });
    await recordAudit(
      tx,
      actor,
      {
        action: "page.modifier",
        entityType: "page",
        entityId: null,
        departement,
        changes: {
          slug,
          titre: input.titre,
          statut: input.statut,
          ...(accessibilite
            ? { etatConformite: values.etatConformite, auditLe: values.auditLe, tauxConformite: values.tauxConformite }
            : {}),
        },
      },
      requestId,
    );
  });
}

/** Creates a free page (draft, served at `/pages/:slug` once published). */
export async function creerPage(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: { slug: string; titre: string },
): Promise<string> {
  requireScoped(actor, "contenu.gerer", { departement });
  const slug = slugSaisi(input.slug);
  if (!slug) throw new Invalid("slug", "L'adresse doit contenir des lettres ou des chiffres.");
  if (SLUGS_RESERVES.includes(slug)) throw new Invalid("slug", "Cette adresse est réservée : choisissez-en une autre.");
  return db.transaction(async (tx) => {
    if (await findPage(tx, departement, slug)) {
      throw new Invalid("slug", "Une page du département a déjà cette adresse.");
    }
    await tx.insert(pagesPubliques).values({
      departement,
      slug,
      titre: input.titre,
      description: input.titre,
      corps: "Texte de la page à écrire.",
      statut: "brouillon",
      majPar: actor.userId,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      { action: "page.creer", entityType: "page", departement, changes: { slug, titre: input.titre } },
      requestId,
    );
    return slug;
  });
}
