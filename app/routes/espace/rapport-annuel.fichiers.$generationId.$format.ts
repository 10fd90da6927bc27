import { can } from "~/domain/comptes/policy";
import { FORMATS_RAPPORT, type FormatRapport } from "~/domain/rapport-annuel/rapport-annuel.labels";
import { getGeneration } from "~/domain/rapport-annuel/rapport-annuel.queries.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { fichierResponse, readFichier } from "~/server/fichiers.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/rapport-annuel.fichiers.$generationId.$format";

/**
 * A document of a finished annual report generation: 403 for a role that never reads the report,
 * 404 for another département's, for a coordination version asked by someone who does not prepare
 * that département's report (steering committee, national team: aggregate versions only), for an
 * unknown format or a generation not finished.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "rapport-annuel.lire");
  const db = getDb();
  const generation = await getGeneration(db, params.generationId);
  if (!generation) notFound();
  const { departement } = generation;
  if (!can(actor, "rapport-annuel.lire", { departement })) notFound();
  if (generation.vue !== "agregee" && !can(actor, "rapport-annuel.preparer", { departement })) notFound();
  const format = params.format as FormatRapport;
  if (!FORMATS_RAPPORT.includes(format)) notFound();
  const id = { docx: generation.docxId, pdf: generation.pdfId, xlsx: generation.xlsxId }[format];
  if (generation.etat !== "terminee" || !id) notFound();
  const fichier = await readFichier(db, id);
  if (!fichier) notFound();
  return fichierResponse(fichier, { attachment: true, request });
}
