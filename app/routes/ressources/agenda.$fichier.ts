import { evenementPublicIcs, findEvenementPublic } from "~/domain/regroupements/agenda.queries.server";
import { calendrierIcs } from "~/domain/regroupements/ics";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import type { Route } from "./+types/agenda.$fichier";

function introuvable() {
  return new Response("Cet événement n'existe pas ou n'est pas public.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** `/agenda/<id>.ics`: one public gathering, to add to one's calendar. A private one is a 404. */
export async function loader({ params }: Route.LoaderArgs) {
  const fichier = params.fichier ?? "";
  if (!fichier.endsWith(".ics")) return introuvable();
  const env = getEnv();
  const evenement = await findEvenementPublic(getDb(), env.DEFAULT_DEPARTEMENT, fichier.slice(0, -".ics".length));
  if (!evenement) return introuvable();
  const ics = calendrierIcs([evenementPublicIcs(evenement, env.publicUrl)], {
    nom: evenement.titre,
    maintenant: new Date(),
  });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="evenement.ics"',
      "Cache-Control": "public, max-age=300",
    },
  });
}
