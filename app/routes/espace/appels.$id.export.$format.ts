import { Readable } from "node:stream";
import {
  entreesZip,
  isFormatExport,
  nomFichierExport,
  xlsxCandidatures,
  zipDocuments,
} from "~/domain/appels/appel.export.server";
import { candidaturesDeLAppel } from "~/domain/appels/appel.queries.server";
import { emailsDesCandidats, getAppelGere } from "~/domain/appels/instruction.queries.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/appels.$id.export.$format";

/**
 * The exports of a call's submitted applications, for its département's coordination and steering
 * committee: `xlsx` (applications, scores per reviewer and criterion, total, rank, decision) or
 * `zip` (their documents, one folder per application, streamed). Any other format is a 404.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const db = getDb();
  const appel = await getAppelGere(db, actor, params.id);
  if (!isFormatExport(params.format)) notFound();
  const completes = await candidaturesDeLAppel(db, appel);
  const entetes = {
    "Content-Disposition": `attachment; filename="${nomFichierExport(appel, params.format)}"`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  };
  if (params.format === "xlsx") {
    const deposees = completes.filter((c) => c.candidature.statut !== "brouillon");
    const emails = await emailsDesCandidats(
      db,
      deposees.map((c) => c.candidature.candidatId),
    );
    const classeur = await xlsxCandidatures(appel, deposees, emails, new Date());
    return new Response(new Uint8Array(classeur), {
      headers: {
        ...entetes,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Length": String(classeur.length),
      },
    });
  }
  const archive = await zipDocuments(entreesZip(appel, completes));
  return new Response(Readable.toWeb(archive) as ReadableStream<Uint8Array>, {
    headers: { ...entetes, "Content-Type": "application/zip" },
  });
}
