import { auditActionLabel } from "~/domain/audit/audit.labels";
import { findAuditForActor } from "~/domain/audit/audit.queries.server";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
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
      <DataTable
        caption="Modifications, de la plus récente à la plus ancienne"
        captionHidden
        rows={loaderData.entries}
        rowKey={(e) => e.id}
        empty="Aucune modification enregistrée."
        columns={[
          { header: "Date", cell: (e) => <span className="whitespace-nowrap">{formatDateTime(e.at)}</span> },
          { header: "Auteur", cell: (e) => e.actorLabel },
          { header: "Action", cell: (e) => auditActionLabel(e.action) },
          { header: "Détail", cell: (e) => <span className="break-all">{e.changes ?? "–"}</span> },
        ]}
      />
      {loaderData.next ? (
        <p className="mt-4">
          <a href={`?departement=${loaderData.departement}&avant=${loaderData.next}`}>Entrées plus anciennes</a>
        </p>
      ) : null}
    </div>
  );
}
