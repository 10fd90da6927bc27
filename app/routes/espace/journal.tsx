import { auditActionLabel } from "~/domain/audit/audit.labels";
import { findAuditForActor } from "~/domain/audit/audit.queries.server";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/journal";

export const meta: Route.MetaFunction = () => [{ title: "Journal des modifications – Promeneurs du Net" }];

const PAGE = 50;

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "journal.lire");
  const departement = pickDepartement(actor, "journal.lire", request);
  const beforeParam = Number(new URL(request.url).searchParams.get("avant"));
  const before = Number.isSafeInteger(beforeParam) && beforeParam > 0 ? beforeParam : undefined;
  const entries = await findAuditForActor(getDb(), actor, { departement, before, limit: PAGE + 1 });
  return {
    departement,
    entries: entries.slice(0, PAGE).map((e) => ({ ...e, changes: e.changes ? JSON.stringify(e.changes) : null })),
    next: entries.length > PAGE ? entries[PAGE - 1]?.id : undefined,
  };
}

export default function JournalPage({ loaderData }: Route.ComponentProps) {
  return (
    <div>
      <h1>Journal des modifications</h1>
      <p className="mt-1 text-slate-700">Qui a changé quoi, et quand · département {loaderData.departement}</p>
      <table className="mt-6 w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-2 pr-3">
              Date
            </th>
            <th scope="col" className="py-2 pr-3">
              Auteur
            </th>
            <th scope="col" className="py-2 pr-3">
              Action
            </th>
            <th scope="col" className="py-2">
              Détail
            </th>
          </tr>
        </thead>
        <tbody>
          {loaderData.entries.map((e) => (
            <tr key={e.id} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(e.at)}</td>
              <td className="py-2 pr-3">{e.actorLabel}</td>
              <td className="py-2 pr-3">{auditActionLabel(e.action)}</td>
              <td className="py-2 break-all">{e.changes ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {loaderData.entries.length === 0 ? <p className="mt-4">Aucune modification enregistrée.</p> : null}
      {loaderData.next ? (
        <p className="mt-4">
          <a href={`?departement=${loaderData.departement}&avant=${loaderData.next}`}>Entrées plus anciennes</a>
        </p>
      ) : null}
    </div>
  );
}
