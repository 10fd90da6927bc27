import { href } from "react-router";
import { findPersonnesEffacables } from "~/domain/donnees-personnelles/effacement.server";
import { promeneurStatutLabels } from "~/domain/promeneurs/promeneur.labels";
import { formatDate } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/donnees-personnelles";

export const meta: Route.MetaFunction = () => [{ title: "Effacement des données – Promeneurs du Net" }];

/** The people of the coordinator's département whose identity may be erased (RGPD art. 17). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "donnees.effacer");
  const departement = pickDepartement(actor, "donnees.effacer", request);
  const personnes = await findPersonnesEffacables(getDb(), departement, actor);
  return { departement, personnes };
}

export default function DonneesPersonnellesPage({ loaderData }: Route.ComponentProps) {
  const { departement, personnes } = loaderData;
  return (
    <div>
      <h1>Effacement des données personnelles</h1>
      <p className="mt-1 text-slate-700">Département {departement}</p>
      <p className="mt-4 max-w-3xl">
        Quand une personne quitte le réseau, effacez son identité&nbsp;: nom, e-mail, téléphone, photo, présentation,
        profils sur les réseaux sociaux, sessions et accès disparaissent, partout, journal compris. Les nombres de ses
        bilans mensuels et ses présences restent dans les indicateurs, sous «&nbsp;Personne effacée n°&nbsp;…&nbsp;». Un
        promeneur doit d'abord être sorti du réseau.
      </p>
      {personnes.length === 0 ? (
        <p className="mt-6">Aucune personne à effacer dans ce département.</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="tableau-donnees">
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Rôles</th>
                <th scope="col">Fiche promeneur</th>
                <th scope="col">Dernière connexion</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {personnes.map((p) => (
                <tr key={p.userId}>
                  <td>
                    {p.nom}
                    <br />
                    <span className="text-sm text-slate-700">{p.email}</span>
                  </td>
                  <td>{p.roles.join(", ") || "—"}</td>
                  <td>
                    {p.statutPromeneur
                      ? ((promeneurStatutLabels as Record<string, string>)[p.statutPromeneur] ?? p.statutPromeneur)
                      : "—"}
                  </td>
                  <td>{p.derniereConnexion ? formatDate(p.derniereConnexion) : "jamais"}</td>
                  <td>
                    {p.empechement ? (
                      <span className="text-sm">{p.empechement}</span>
                    ) : (
                      <a
                        href={`${href("/espace/donnees-personnelles/:userId", { userId: p.userId })}?departement=${departement}`}
                      >
                        Effacer<span className="sr-only"> {p.nom}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
