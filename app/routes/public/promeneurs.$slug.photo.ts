import { findPhotoPublique } from "~/domain/public/annuaire-public.queries.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, notModifiedResponse, readFichier } from "~/server/fichiers.server";
import type { Route } from "./+types/promeneurs.$slug.photo";

const INTROUVABLE = "Cette photo n'existe pas ou n'est plus en ligne.";
const CACHE = "public, max-age=3600";

/**
 * The photo of a public promeneur (actif, with a conforming profile): cached an hour by anyone, 304
 * before reading the bytes when the browser already has it. Suspended or gone, the photo disappears
 * with the profile.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb();
  const photo = await findPhotoPublique(db, getEnv().DEFAULT_DEPARTEMENT, params.slug, new Date());
  if (!photo) notFound(INTROUVABLE);
  const notModified = notModifiedResponse(photo, { request, cache: CACHE });
  if (notModified) return notModified;
  const fichier = await readFichier(db, photo.fichierId);
  if (!fichier) notFound(INTROUVABLE);
  return fichierResponse(fichier, { cache: CACHE });
}
