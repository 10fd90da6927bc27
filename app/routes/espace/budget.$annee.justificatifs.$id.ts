import { budgetLisible } from "~/domain/budget/budget.acces.server";
import { findJustificatif } from "~/domain/budget/budget.queries.server";
import { isUuid } from "~/lib/text";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, readFichier } from "~/server/fichiers.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/budget.$annee.justificatifs.$id";

/** A supporting document of a budget line, for whoever may read the budget (checked again here). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "budget.lire");
  const db = getDb();
  const { departement, annee } = await budgetLisible(db, actor, request, params.annee);
  if (!isUuid(params.id)) notFound();
  const justificatif = await findJustificatif(db, departement, annee, params.id);
  if (!justificatif) notFound();
  const fichier = await readFichier(db, justificatif.fichierId);
  if (!fichier) notFound();
  return fichierResponse(fichier, { request });
}
