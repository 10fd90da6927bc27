import { evenementPublicIcs, findAgendaPublic } from "~/domain/regroupements/agenda.queries.server";
import { calendrierIcs } from "~/domain/regroupements/ics";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";

/** The public feed of the agenda: public gatherings to come and of the last three months. */
export async function loader() {
  const env = getEnv();
  const now = new Date();
  const evenements = await findAgendaPublic(getDb(), env.DEFAULT_DEPARTEMENT, now, { recents: true });
  const ics = calendrierIcs(
    evenements.map((e) => evenementPublicIcs(e, env.publicUrl)),
    { nom: `Agenda des Promeneurs du Net ${env.DEFAULT_DEPARTEMENT}`, maintenant: now },
  );
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="agenda.ics"',
      "Cache-Control": "public, max-age=900",
    },
  });
}
