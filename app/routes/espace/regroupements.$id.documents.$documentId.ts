import { documentDe } from "~/domain/regroupements/document.queries.server";
import { findRegroupementLisible } from "~/domain/regroupements/regroupement.acces.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, readFichier } from "~/server/fichiers.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/regroupements.$id.documents.$documentId";

/** A document of a gathering, for whoever may read the gathering (checked again here). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "regroupement.lire");
  const db = getDb();
  const { regroupement } = await findRegroupementLisible(db, actor, params.id);
  const document = await documentDe(db, regroupement.id, params.documentId);
  if (!document) notFound();
  const fichier = await readFichier(db, document.fichierId);
  if (!fichier) notFound();
  return fichierResponse(fichier, { request });
}
