import { structuresReferred } from "~/domain/comptes/actor";
import { type StructureType, structureTypeLabels } from "~/domain/structures/structure.labels";
import { findStructuresForActor } from "~/domain/structures/structure.queries.server";
import { getDb } from "~/server/db.server";
import { forbidden } from "~/server/errors.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/structure";

export const meta: Route.MetaFunction = () => [{ title: "Ma structure – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "structure.lire");
  const own = structuresReferred(actor);
  if (own.length === 0) forbidden("Cette page est celle des référents de structure.");
  const all = await findStructuresForActor(getDb(), actor);
  return { structures: all.filter((s) => own.includes(s.id)) };
}

export default function StructureHome({ loaderData }: Route.ComponentProps) {
  return (
    <div>
      <h1>{loaderData.structures.length > 1 ? "Mes structures" : "Ma structure"}</h1>
      {loaderData.structures.map((s) => (
        <section key={s.id} className="mt-6 rounded-md border border-slate-300 p-4">
          <h2>{s.nom}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-semibold">Type</dt>
            <dd>{structureTypeLabels[s.type as StructureType] ?? s.type}</dd>
            <dt className="font-semibold">Commune</dt>
            <dd>{s.commune ?? "–"}</dd>
            <dt className="font-semibold">Statut</dt>
            <dd>{s.statut === "active" ? "Active" : "Inactive"}</dd>
          </dl>
        </section>
      ))}
    </div>
  );
}
