import { getStructureForActor } from "~/domain/structures/structure.queries.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, readFichier } from "~/server/fichiers.server";
import { requireActor } from "~/server/request.server";
import type { Route } from "./+types/structures.$id.charte.document";

/** The signed employer charter, for whoever may read the structure (404 for anyone else). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  const structure = await getStructureForActor(db, actor, params.id);
  if (!structure?.charteDocumentId) notFound();
  const fichier = await readFichier(db, structure.charteDocumentId);
  if (!fichier) notFound();
  return fichierResponse(fichier, { attachment: true });
}
