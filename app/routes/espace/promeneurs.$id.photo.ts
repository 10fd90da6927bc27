import { getPromeneurPublic } from "~/domain/promeneurs/fiche.queries.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, readFichier } from "~/server/fichiers.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/promeneurs.$id.photo";

/**
 * The photo of a promeneur in the back office: for whoever may read the promeneur (national,
 * coordinator of the département, referent of the structure) and for the promeneur themselves.
 * Anyone else, and a promeneur without a photo, gets a 404.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const db = getDb();
  const { promeneur } = await getPromeneurPublic(db, actor, params.id);
  if (!promeneur.photoId) notFound("Ce promeneur n'a pas de photo.");
  const fichier = await readFichier(db, promeneur.photoId);
  if (!fichier) notFound("Ce promeneur n'a pas de photo.");
  return fichierResponse(fichier);
}
