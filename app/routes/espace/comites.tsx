import { can } from "~/domain/comptes/policy";
import { comitesLisibles } from "~/domain/regroupements/comite.queries.server";
import { regroupementTypeLabels } from "~/domain/regroupements/regroupement.labels";
import { formatDateTime, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/comites";

export const meta: Route.MetaFunction = () => [{ title: "Comités – Promeneurs du Net" }];

/**
 * The committees of the governance (the steering committee first): the coordination sees every
 * committee of its département, a steering member those they sit on (linked, active member).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "comite.lire");
  const departement = pickDepartement(actor, "comite.lire", request);
  const comites = await comitesLisibles(getDb(), actor, departement, new Date());
  return { departement, comites, gere: can(actor, "comite.gerer", { departement }) };
}

export default function ComitesPage({ loaderData }: Route.ComponentProps) {
  const { departement, comites, gere } = loaderData;
  return (
    <div>
      <h1>Comités</h1>
      <p className="mt-1 text-slate-700">
        Département {departement} · comité de pilotage et comités opérationnels, leurs membres, leurs réunions et leurs
        décisions
      </p>
      {gere ? (
        <p className="mt-4">
          <a className="btn" href={`/espace/comites/nouveau?departement=${departement}`}>
            Créer un comité
          </a>
        </p>
      ) : null}
      {comites.length === 0 ? (
        <p className="mt-6">
          {gere
            ? "Aucun comité pour l'instant."
            : "Vous ne siégez dans aucun comité de ce département. La coordination vous y rattache quand vous en êtes membre."}
        </p>
      ) : (
        <ul className="mt-6 grid gap-4 sm:grid-cols-2">
          {comites.map((c) => (
            <li key={c.id} className="rounded-md border border-slate-300 p-4">
              <h2 className="text-lg">
                <a href={`/espace/comites/${c.id}`}>{c.nom}</a>
              </h2>
              <p className="text-sm text-slate-700">
                {regroupementTypeLabels[c.type as keyof typeof regroupementTypeLabels] ?? c.type}
                {c.actif ? "" : " · inactif"}
              </p>
              <p className="mt-2">
                Prochaine réunion : {c.prochaineReunion ? formatDateTime(c.prochaineReunion) : "non programmée"}
              </p>
              <p>
                {c.decisionsOuvertes} {plural(c.decisionsOuvertes, "décision")} en cours
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
