import { createHash } from "node:crypto";
import { findPhotoPublique } from "~/domain/public/annuaire-public.queries.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, notModifiedResponse, readFichier, reencodeWebp } from "~/server/fichiers.server";
import type { Route } from "./+types/promeneurs.$slug.photo";

const INTROUVABLE = "Cette photo n'existe pas ou n'est plus en ligne.";
const CACHE = "public, max-age=3600";

/**
 * Sides of the small renditions (`?taille=96`, `?taille=192`): the directory's 96 px slot, at 1× and
 * at 2× density (srcset).
 */
export const TAILLES_PETITES = [96, 192] as const;
type TaillePetite = (typeof TAILLES_PETITES)[number];
/** How many small renditions one instance keeps in memory (2 to 5 Ko each). */
const PETITES_MAX = 1000;

/**
 * Small renditions by content hash of the original and side: made on first request, kept in memory
 * (derived data: every instance can make it again), so that the directory does not send 800 px
 * photos into 96 px slots.
 */
const petites = new Map<string, Buffer>();

async function petiteRendition(sha256: string, cote: TaillePetite, original: Buffer): Promise<Buffer> {
  const key = `${sha256}:${cote}`;
  const cached = petites.get(key);
  if (cached) {
    // Most recently used last: the oldest entry is evicted first.
    petites.delete(key);
    petites.set(key, cached);
    return cached;
  }
  // A thumbnail: quality 60 does not show at 96 or 192 px, and weighs a sixth less than 75.
  const { contenu } = await reencodeWebp(original, { width: cote, height: cote, fit: "cover" }, { quality: 60 });
  petites.set(key, contenu);
  if (petites.size > PETITES_MAX) petites.delete(petites.keys().next().value as string);
  return contenu;
}

/** The hash a small rendition is known by (its ETag differs from the original's and the other size's). */
const petiteHash = (sha256: string, cote: number) =>
  createHash("sha256").update(`${sha256}:petite:${cote}`).digest("hex");

function tailleOf(request: Request): TaillePetite | null {
  const taille = Number(new URL(request.url).searchParams.get("taille"));
  return (TAILLES_PETITES as readonly number[]).includes(taille) ? (taille as TaillePetite) : null;
}

/**
 * The photo of a public promeneur (actif, with a conforming profile): cached an hour by anyone, 304
 * before reading the bytes when the browser already has it. `?taille=96` or `?taille=192` answer a
 * small square for the directory's cards (any other value: the original). Suspended or gone, the
 * photo disappears with the profile.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb();
  const photo = await findPhotoPublique(db, getEnv().DEFAULT_DEPARTEMENT, params.slug, new Date());
  if (!photo) notFound(INTROUVABLE);
  const taille = tailleOf(request);
  const version = taille ? { sha256: petiteHash(photo.sha256, taille) } : photo;
  const notModified = notModifiedResponse(version, { request, cache: CACHE });
  if (notModified) return notModified;
  const fichier = await readFichier(db, photo.fichierId);
  if (!fichier) notFound(INTROUVABLE);
  if (!taille) return fichierResponse(fichier, { cache: CACHE });
  const contenu = await petiteRendition(photo.sha256, taille, fichier.contenu).catch(() => null);
  // A stored file sharp cannot read (never an accepted upload): the original, rather than an error.
  if (!contenu) return fichierResponse(fichier, { cache: CACHE });
  return fichierResponse(
    { nom: `photo-${taille}.webp`, typeMime: "image/webp", contenu, sha256: version.sha256 },
    { cache: CACHE },
  );
}
