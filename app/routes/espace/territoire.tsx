import { frrLabel } from "~/domain/territoire/territoire.labels";
import { countTerritoire, findCommunes, findQpv } from "~/domain/territoire/territoire.queries.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/territoire";

export const meta: Route.MetaFunction = () => [{ title: "Territoire – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "territoire.lire");
  const departement = pickDepartement(actor, "territoire.lire", request);
  const db = getDb();
  const [summary, communes, qpv] = await Promise.all([
    countTerritoire(db, departement),
    findCommunes(db, departement),
    findQpv(db, departement),
  ]);
  return { departement, summary, communes, qpv };
}

export default function TerritoirePage({ loaderData }: Route.ComponentProps) {
  const { summary } = loaderData;
  return (
    <div>
      <h1>Territoire</h1>
      <p className="mt-1 text-slate-700">
        Département {loaderData.departement} · {formatNumber(summary.communes)} communes ·{" "}
        {formatNumber(summary.population)} habitants · {formatNumber(summary.epci)} EPCI
      </p>
      <ul className="mt-4 list-disc pl-6">
        <li>
          {summary.frrImported
            ? `France Ruralités Revitalisation : ${formatNumber(summary.frrPlus)} communes FRR+, ${formatNumber(summary.frrSocle)} FRR socle.`
            : "Classement FRR non importé : lancez « npm run territoire:import -- <dossier ou URL> »."}
        </li>
        <li>
          {summary.qpv > 0
            ? `${formatNumber(summary.qpv)} quartiers prioritaires (QPV) : ${loaderData.qpv.map((q) => `${q.nom} (${q.commune})`).join(", ")}.`
            : "Liste des quartiers prioritaires non importée."}
        </li>
        <li>
          {summary.withBoundary > 0
            ? `Contours importés pour ${formatNumber(summary.withBoundary)} communes sur ${formatNumber(summary.communes)}.`
            : "Contours des communes non importés : les cartes ne peuvent pas encore être dessinées."}
        </li>
        {summary.dernierImport ? (
          <li>Dernière modification par l'import du territoire : {formatDateTime(summary.dernierImport)}.</li>
        ) : null}
      </ul>
      {summary.withBoundary > 0 ? (
        <p className="mt-4">
          <a href="/carte">Voir la carte publique des communes</a>
        </p>
      ) : null}
      <DataTable
        caption="Communes"
        rows={loaderData.communes}
        rowKey={(c) => c.code}
        columns={[
          { header: "Commune", cell: (c) => c.nom },
          { header: "Code INSEE", cell: (c) => c.code },
          { header: "Habitants", cell: (c) => formatNumber(c.population), align: "right" },
          { header: "EPCI", cell: (c) => c.epci ?? "–" },
          { header: "FRR", cell: (c) => (c.frrStatut ? frrLabel(c.frrStatut) : "–") },
          { header: "QPV", cell: (c) => (c.qpv > 0 ? formatNumber(c.qpv) : "–") },
        ]}
      />
    </div>
  );
}
