import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import {
  checkUpload,
  type FichierVerifie,
  fichierResponse,
  fileFrom,
  notModifiedResponse,
  readFichier,
  reencodeWebp,
} from "~/server/fichiers.server";
import type { ImagePreparee } from "./contenu.commands.server";
import { findMediaFichier } from "./contenu.queries.server";
import { LARGEUR_GRANDE, LARGEUR_PETITE } from "./markdown.server";

/** An image id never changes its bytes: browsers and caches may keep it a year. */
const CACHE = "public, max-age=31536000, immutable";
const INTROUVABLE = "Cette image n'existe pas.";

/**
 * Serves one rendition of an image of the library, and only that: the file is found through its
 * `medias` row, never by a `fichiers` id. A 304 before reading the bytes when the browser has it.
 */
export async function serveMedia(request: Request, id: string, taille: "grande" | "petite"): Promise<Response> {
  const db = getDb();
  const media = await findMediaFichier(db, id, taille);
  if (!media) notFound(INTROUVABLE);
  const notModified = notModifiedResponse(media, { request, cache: CACHE });
  if (notModified) return notModified;
  const fichier = await readFichier(db, media.fichierId);
  if (!fichier) notFound(INTROUVABLE);
  return fichierResponse(fichier, { cache: CACHE });
}

/**
 * The uploaded image of a form: checked from its bytes (JPEG, PNG or WebP, 5 Mo at most), then
 * re-encoded as WebP at two widths, metadata dropped. Null when no file was chosen; throws
 * `Invalid(field, …)` otherwise.
 */
export async function prepareImage(form: FormData, field: string): Promise<ImagePreparee | null> {
  const file = fileFrom(form, field);
  if (!file) return null;
  await checkUpload(file, "photo", field);
  const bytes = Buffer.from(await file.arrayBuffer());
  const grande = await reencodeWebp(bytes, { width: LARGEUR_GRANDE }, { field });
  const petite = await reencodeWebp(bytes, { width: LARGEUR_PETITE }, { field });
  const fichier = (contenu: Buffer, nom: string): FichierVerifie => ({ nom, typeMime: "image/webp", contenu });
  return {
    grande: { ...fichier(grande.contenu, "image.webp"), largeur: grande.largeur, hauteur: grande.hauteur },
    petite: fichier(petite.contenu, "image-petite.webp"),
  };
}
