import { countStructures } from "~/domain/structures/structure.queries.server";
import { countTerritoire } from "~/domain/territoire/territoire.queries.server";
import { formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/pilotage";

export const meta: Route.MetaFunction = () => [{ title: "Pilotage – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "pilotage.lire");
  const departement = pickDepartement(actor, "pilotage.lire", request);
  const db = getDb();
  const [structures, territoire] = await Promise.all([
    countStructures(db, departement),
    countTerritoire(db, departement),
  ]);
  return { departement, structures, territoire };
}

export default function PilotageHome({ loaderData }: Route.ComponentProps) {
  const { territoire } = loaderData;
  return (
    <div>
      <h1>Pilotage du dispositif</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement} · données agrégées uniquement</p>
      <dl className="mt-6 grid gap-4 sm:grid-cols-3">
        <div className="rounded-md border border-slate-300 p-4">
          <dt>Structures engagées</dt>
          <dd className="text-3xl font-bold">{formatNumber(loaderData.structures)}</dd>
        </div>
        <div className="rounded-md border border-slate-300 p-4">
          <dt>Communes du département</dt>
          <dd className="text-3xl font-bold">{formatNumber(territoire.communes)}</dd>
        </div>
        <div className="rounded-md border border-slate-300 p-4">
          <dt>Habitants</dt>
          <dd className="text-3xl font-bold">{formatNumber(territoire.population)}</dd>
        </div>
      </dl>
      <p className="mt-6">
        Les neuf indicateurs d'évaluation et le rapport annuel apparaîtront ici dès que les bilans mensuels seront
        saisis.
      </p>
    </div>
  );
}
