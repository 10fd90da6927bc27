import { communes, structures, userRoles } from "@db/schema";
import { sql } from "drizzle-orm";
import { formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
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
      <DataTable
        caption="Départements où le dispositif est déployé"
        rows={loaderData.departements}
        rowKey={(d) => d.code}
        columns={[
          {
            header: "Département",
            cell: (d) => (
              <a href={`/espace/equipe?departement=${d.code}`}>
                {d.code} – {d.nom}
              </a>
            ),
          },
          { header: "Coordinateurs", cell: (d) => formatNumber(d.coordinateurs), align: "right" },
          { header: "Structures", cell: (d) => formatNumber(d.structures), align: "right" },
          { header: "Habitants", cell: (d) => formatNumber(d.population), align: "right" },
        ]}
      />
    </div>
  );
}
