import { budgetLisible } from "~/domain/budget/budget.acces.server";
import { produireRapportFinancier } from "~/domain/budget/rapport-financier.documents.server";
import {
  estFormatRapportFinancier,
  nomFichierRapportFinancier,
  typeMimeRapportFinancier,
} from "~/domain/budget/rapport-financier.labels";
import { rapportFinancierDuBudget } from "~/domain/budget/rapport-financier.queries.server";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/budget.$annee.bilan.$format";

/**
 * The financial report of a year, written on request (a few pages: no background job) in Word,
 * PDF or Excel, for whoever may read the budget: 403 for a role that never does, 404 for another
 * département, a year without a budget or an unknown format.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "budget.lire");
  const db = getDb();
  const { departement, annee, budget } = await budgetLisible(db, actor, request, params.annee);
  if (!estFormatRapportFinancier(params.format)) notFound();
  const contenu = await rapportFinancierDuBudget(db, budget, new Date());
  const document = await produireRapportFinancier(contenu, params.format);
  return new Response(new Uint8Array(document), {
    headers: {
      "Content-Type": typeMimeRapportFinancier(params.format),
      "Content-Disposition": `attachment; filename="${nomFichierRapportFinancier(departement, annee, params.format)}"`,
      "Content-Length": String(document.length),
      "Cache-Control": "private, no-store",
    },
  });
}
