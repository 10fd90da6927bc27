import { findEvenementsFlux, ouvrirFluxCalendrier } from "~/domain/regroupements/calendrier.queries.server";
import { calendrierIcs } from "~/domain/regroupements/ics";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import type { Route } from "./+types/calendrier.$fichier";

function introuvable() {
  return new Response("Cette adresse d'agenda n'existe pas ou a été révoquée.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * A user's private calendar feed, `/calendrier/<token>.ics`, read by calendar applications without
 * a session: the token is the key. A malformed, unknown or revoked token (or a disabled account)
 * answers 404; each read records the last access.
 */
export async function loader({ params }: Route.LoaderArgs) {
  const fichier = params.fichier ?? "";
  if (!fichier.endsWith(".ics")) return introuvable();
  const db = getDb();
  const now = new Date();
  const userId = await ouvrirFluxCalendrier(db, fichier.slice(0, -".ics".length), now);
  if (!userId) return introuvable();
  const evenements = await findEvenementsFlux(db, userId, now, getEnv().publicUrl);
  const ics = calendrierIcs(evenements, { nom: "Promeneurs du Net – mon agenda", maintenant: now });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="agenda.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
