import { audienceLabels, lectureLabel } from "~/domain/annonces/annonce.labels";
import { findAnnoncesForActor } from "~/domain/annonces/annonce.queries.server";
import { can, departementsFor } from "~/domain/comptes/policy";
import { formatDate, formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DepartementLinks } from "~/ui/departement-links";
import type { Route } from "./+types/annonces";

export const meta: Route.MetaFunction = () => [{ title: "Annonces – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "annonce.lire");
  const departement = pickDepartement(actor, "annonce.lire", request);
  const annonces = await findAnnoncesForActor(getDb(), actor, departement);
  return {
    departement,
    departements: departementsFor(actor, "annonce.lire"),
    coordination: can(actor, "annonce.publier", { departement }),
    annonces,
  };
}

export default function AnnoncesPage({ loaderData }: Route.ComponentProps) {
  const { annonces, coordination, departement } = loaderData;
  const nouvelles = annonces.filter((a) => a.destinataire && !a.luLe).length;
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1>Annonces de la coordination</h1>
        {coordination ? (
          <a href={`/espace/annonces/nouvelle?departement=${departement}`} className="btn">
            Nouvelle annonce
          </a>
        ) : null}
      </div>
      <DepartementLinks path="/espace/annonces" departement={departement} departements={loaderData.departements} />
      {nouvelles > 0 ? (
        <p className="mt-3">
          {nouvelles > 1 ? `${nouvelles} nouvelles annonces à lire.` : "1 nouvelle annonce à lire."}
        </p>
      ) : null}

      {annonces.length === 0 ? (
        <p className="mt-6">
          {coordination
            ? "Aucune annonce envoyée pour le moment."
            : "Vous n'avez reçu aucune annonce de la coordination pour le moment."}
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 border-y border-slate-200">
          {annonces.map((a) => {
            const nouvelle = a.destinataire && !a.luLe;
            return (
              <li key={a.id} className={`py-3 ${nouvelle ? "border-l-4 border-l-sky-700 pl-3" : ""}`}>
                <h2 className="text-lg">
                  <a href={`/espace/annonces/${a.id}`} className={nouvelle ? "font-bold" : "font-normal"}>
                    {a.titre}
                  </a>
                  {nouvelle ? (
                    <span className="ml-2 rounded bg-sky-800 px-2 py-0.5 align-middle text-sm font-semibold text-white">
                      Nouvelle
                    </span>
                  ) : null}
                </h2>
                <p className="text-sm text-slate-700">
                  Envoyée le <time dateTime={new Date(a.publieeLe).toISOString()}>{formatDateTime(a.publieeLe)}</time> ·{" "}
                  {audienceLabels[a.audience]}
                  {a.lues !== null ? ` · ${lectureLabel(a.lues, a.destinataires)}` : null}
                  {a.destinataire && a.luLe ? ` · lue le ${formatDate(a.luLe)}` : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
