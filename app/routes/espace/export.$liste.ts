import { data } from "react-router";
import { EXPORT_FORMATS, type ExportFichier, exportListe, exportModele } from "~/domain/import/export.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/export.$liste";

/**
 * Downloads (resource route): `/espace/export/structures|promeneurs?format=csv|xlsx[&departement=04]`
 * with the import's columns, and the two templates `/espace/export/modele-structures|modele-promeneurs`.
 * Coordinators export their département, national users any département.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "reseau.exporter");
  const asked = new URL(request.url).searchParams.get("format") ?? "csv";
  const format = EXPORT_FORMATS.find((f) => f === asked);
  if (!format) throw data({ message: "Format inconnu : choisissez csv ou xlsx." }, { status: 400 });

  let fichier: ExportFichier;
  switch (params.liste) {
    case "modele-structures":
      fichier = await exportModele("structures", format);
      break;
    case "modele-promeneurs":
      fichier = await exportModele("promeneurs", format);
      break;
    case "structures":
    case "promeneurs": {
      const departement = pickDepartement(actor, "reseau.exporter", request);
      fichier = await exportListe(
        { db: getDb(), now: new Date(), requestId: requestId(context) },
        actor,
        departement,
        params.liste,
        format,
      );
      break;
    }
    default:
      notFound();
  }
  return new Response(fichier.contenu, {
    headers: {
      "Content-Type": fichier.contentType,
      "Content-Disposition": `attachment; filename="${fichier.nom}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
