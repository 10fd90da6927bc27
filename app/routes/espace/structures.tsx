import { Form } from "react-router";
import { type StructureType, structureTypeLabels } from "~/domain/structures/structure.labels";
import { findStructuresForActor } from "~/domain/structures/structure.queries.server";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/structures";

export const meta: Route.MetaFunction = () => [{ title: "Structures – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "equipe.lire");
  const departement = pickDepartement(actor, "equipe.lire", request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const structures = await findStructuresForActor(getDb(), actor, { departement, q: q || undefined });
  return { departement, q, structures };
}

export default function StructuresPage({ loaderData }: Route.ComponentProps) {
  return (
    <div>
      <h1>Structures</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-2" role="search">
        <div>
          <label htmlFor="q" className="block font-semibold">
            Rechercher par nom
          </label>
          <input id="q" name="q" type="search" defaultValue={loaderData.q} className="input" />
        </div>
        <button type="submit" className="btn-secondary">
          Rechercher
        </button>
      </Form>
      <DataTable
        caption={`Structures du département ${loaderData.departement}`}
        captionHidden
        rows={loaderData.structures}
        rowKey={(s) => s.id}
        empty="Aucune structure ne correspond."
        columns={[
          { header: "Nom", cell: (s) => s.nom },
          { header: "Type", cell: (s) => structureTypeLabels[s.type as StructureType] ?? s.type },
          { header: "Commune", cell: (s) => s.commune ?? "–" },
          { header: "Statut", cell: (s) => (s.statut === "active" ? "Active" : "Inactive") },
        ]}
      />
    </div>
  );
}
