import { data } from "react-router";
import { EXPORT_FORMATS } from "~/domain/import/export.server";
import { exportRapports } from "~/domain/rapports/rapport-export.server";
import { filtresDepuisUrl } from "~/domain/rapports/rapport-liste.queries.server";
import { getDb } from "~/server/db.server";
import { pickDepartement, requestId, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/rapports.export";

/**
 * Download (resource route) of the monthly reports: `/espace/rapports/export?format=csv|xlsx` with
 * the list's filters; the coordination of the département only.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "rapport.exporter");
  const departement = pickDepartement(actor, "rapport.exporter", request);
  const url = new URL(request.url);
  const asked = url.searchParams.get("format") ?? "csv";
  const format = EXPORT_FORMATS.find((f) => f === asked);
  if (!format) throw data({ message: "Format inconnu : choisissez csv ou xlsx." }, { status: 400 });
  const fichier = await exportRapports(
    { db: getDb(), now: new Date(), requestId: requestId(context) },
    actor,
    filtresDepuisUrl(url, departement),
    format,
  );
  return new Response(fichier.contenu, {
    headers: {
      "Content-Type": fichier.contentType,
      "Content-Disposition": `attachment; filename="${fichier.nom}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
