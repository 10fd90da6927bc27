import { frrLabel } from "~/domain/territoire/territoire.labels";
import { countTerritoire, findCommunes, findQpv } from "~/domain/territoire/territoire.queries.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
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
      <table className="mt-6 w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left font-semibold">Communes</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-2 pr-3">
              Commune
            </th>
            <th scope="col" className="py-2 pr-3">
              Code INSEE
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Habitants
            </th>
            <th scope="col" className="py-2 pr-3">
              EPCI
            </th>
            <th scope="col" className="py-2 pr-3">
              FRR
            </th>
            <th scope="col" className="py-2">
              QPV
            </th>
          </tr>
        </thead>
        <tbody>
          {loaderData.communes.map((c) => (
            <tr key={c.code} className="border-b border-slate-200">
              <th scope="row" className="py-1 pr-3 font-normal">
                {c.nom}
              </th>
              <td className="py-1 pr-3">{c.code}</td>
              <td className="py-1 pr-3 text-right">{formatNumber(c.population)}</td>
              <td className="py-1 pr-3">{c.epci ?? "–"}</td>
              <td className="py-1 pr-3">{c.frrStatut ? frrLabel(c.frrStatut) : "–"}</td>
              <td className="py-1">{c.qpv > 0 ? formatNumber(c.qpv) : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
