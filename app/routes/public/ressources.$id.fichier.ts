import { getRessource } from "~/domain/ressources/ressource.queries.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, readFichier } from "~/server/fichiers.server";
import type { Route } from "./+types/ressources.$id.fichier";

const INTROUVABLE = "Ce document n'existe pas ou n'est plus en ligne.";

/**
 * The file of a public resource (not hidden): anyone may download it; a network-only or hidden
 * resource answers 404 here, as if it did not exist. Revalidated at each use (ETag, 304).
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb();
  const ressource = await getRessource(db, params.id);
  if (!ressource?.public || !ressource.publie || !ressource.fichierId) notFound(INTROUVABLE);
  const fichier = await readFichier(db, ressource.fichierId);
  if (!fichier) notFound(INTROUVABLE);
  return fichierResponse(fichier, { request, cache: "public, no-cache" });
}
