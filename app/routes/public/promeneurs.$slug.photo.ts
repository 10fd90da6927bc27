import { findPhotoPublique } from "~/domain/public/annuaire-public.queries.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, readFichier } from "~/server/fichiers.server";
import type { Route } from "./+types/promeneurs.$slug.photo";

const INTROUVABLE = "Cette photo n'existe pas ou n'est plus en ligne.";

/**
 * The photo of a public promeneur (actif, with a conforming profile): cached an hour by anyone, 304
 * when the browser already has it. Suspended or gone, the photo disappears with the profile.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb();
  const photoId = await findPhotoPublique(db, getEnv().DEFAULT_DEPARTEMENT, params.slug, new Date());
  if (!photoId) notFound(INTROUVABLE);
  const fichier = await readFichier(db, photoId);
  if (!fichier) notFound(INTROUVABLE);
  const response = fichierResponse(fichier, { cache: "public, max-age=3600" });
  const etag = response.headers.get("ETag");
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (etag && ifNoneMatch?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, {
      status: 304,
      headers: { ETag: etag, "Cache-Control": response.headers.get("Cache-Control") ?? "public, max-age=3600" },
    });
  }
  return response;
}
