import { exporterDonnees } from "~/domain/donnees-personnelles/export.server";
import { recordAudit } from "~/server/audit.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requestId, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/mes-donnees.export";

/** The signed-in person's data as one JSON file (resource route); the download is audited. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const now = new Date();
  const db = getDb();
  const donnees = await exporterDonnees(db, actor.userId, now);
  if (!donnees) notFound();
  await recordAudit(
    db,
    actor,
    { action: "donnees.exporter", entityType: "user", entityId: actor.userId, departement: null },
    requestId(context),
  );
  const jour = now.toISOString().slice(0, 10);
  return new Response(JSON.stringify(donnees, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="mes-donnees-pdn-${jour}.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
