import { Form } from "react-router";
import { type StructureType, structureTypeLabels } from "~/domain/structures/structure.labels";
import { findStructuresForActor } from "~/domain/structures/structure.queries.server";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
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
      <table className="mt-6 w-full border-collapse text-left">
        <caption className="sr-only">Structures du département {loaderData.departement}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-2 pr-4">
              Nom
            </th>
            <th scope="col" className="py-2 pr-4">
              Type
            </th>
            <th scope="col" className="py-2 pr-4">
              Commune
            </th>
            <th scope="col" className="py-2">
              Statut
            </th>
          </tr>
        </thead>
        <tbody>
          {loaderData.structures.map((s) => (
            <tr key={s.id} className="border-b border-slate-200">
              <th scope="row" className="py-2 pr-4 font-normal">
                {s.nom}
              </th>
              <td className="py-2 pr-4">{structureTypeLabels[s.type as StructureType] ?? s.type}</td>
              <td className="py-2 pr-4">{s.commune ?? "–"}</td>
              <td className="py-2">{s.statut === "active" ? "Active" : "Inactive"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaderData.structures.length === 0 ? <p className="mt-4">Aucune structure ne correspond.</p> : null}
    </div>
  );
}
