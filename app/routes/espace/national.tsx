import { communes, structures, userRoles } from "@db/schema";
import { sql } from "drizzle-orm";
import { formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/national";

export const meta: Route.MetaFunction = () => [{ title: "Vue nationale – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "national.lire");
  const db = getDb();
  // Départements where the scheme is running: at least one coordinator or structure.
  const rows = await db.execute<{
    code: string;
    nom: string;
    coordinateurs: number;
    structures: number;
    population: number;
  }>(sql`
    select d.code, d.nom,
      (select count(*)::int from ${userRoles} r where r.departement = d.code and r.role = 'coordinateur') as coordinateurs,
      (select count(*)::int from ${structures} s where s.departement = d.code) as structures,
      (select coalesce(sum(c.population), 0)::int from ${communes} c where c.departement = d.code) as population
    from departements d
    where exists (select 1 from ${userRoles} r where r.departement = d.code)
       or exists (select 1 from ${structures} s where s.departement = d.code)
    order by d.code`);
  return { departements: rows.rows };
}

export default function NationalHome({ loaderData }: Route.ComponentProps) {
  return (
    <div>
      <h1>Vue nationale</h1>
      <table className="mt-6 w-full border-collapse text-left">
        <caption className="mb-2 text-left font-semibold">Départements où le dispositif est déployé</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-2 pr-4">
              Département
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              Coordinateurs
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              Structures
            </th>
            <th scope="col" className="py-2 text-right">
              Habitants
            </th>
          </tr>
        </thead>
        <tbody>
          {loaderData.departements.map((d) => (
            <tr key={d.code} className="border-b border-slate-200">
              <th scope="row" className="py-2 pr-4 font-normal">
                {d.code} – {d.nom}
              </th>
              <td className="py-2 pr-4 text-right">{formatNumber(d.coordinateurs)}</td>
              <td className="py-2 pr-4 text-right">{formatNumber(d.structures)}</td>
              <td className="py-2 text-right">{formatNumber(d.population)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
