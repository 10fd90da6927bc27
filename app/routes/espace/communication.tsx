import { type CommunicationType, communicationTypeLabels } from "~/domain/communication/communication.labels";
import {
  findActionsCommunication,
  findAnneesCommunication,
  totalCommunicationAnnee,
} from "~/domain/communication/communication.queries.server";
import { can, departementsFor } from "~/domain/comptes/policy";
import { formatDate, formatNumber, plural } from "~/lib/format";
import { jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DepartementLinks } from "~/ui/departement-links";
import type { Route } from "./+types/communication";

export const meta: Route.MetaFunction = () => [{ title: "Actions de communication – Promeneurs du Net" }];

/** `?annee=2025`: a year from 2015 to next year; the current year otherwise. */
function anneeDemandee(request: Request, courante: number): number {
  const asked = Number(new URL(request.url).searchParams.get("annee"));
  return Number.isInteger(asked) && asked >= 2015 && asked <= courante + 1 ? asked : courante;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "communication.lire");
  const departement = pickDepartement(actor, "communication.lire", request);
  const courante = jourParis(new Date()).annee;
  const annee = anneeDemandee(request, courante);
  const db = getDb();
  const [actions, totaux, annees] = await Promise.all([
    findActionsCommunication(db, departement, annee),
    totalCommunicationAnnee(db, departement, annee),
    findAnneesCommunication(db, departement),
  ]);
  return {
    departement,
    departements: departementsFor(actor, "communication.lire"),
    annee,
    annees: [...new Set([courante, annee, ...annees])].sort((a, b) => b - a),
    gerer: can(actor, "communication.gerer", { departement }),
    actions: actions.map((a) => ({
      id: a.id,
      date: a.date,
      type: a.type as CommunicationType,
      titre: a.titre,
      public: a.public,
      portee: a.portee,
    })),
    totaux,
  };
}

export default function CommunicationPage({ loaderData }: Route.ComponentProps) {
  const { departement, annee, actions, totaux, gerer } = loaderData;
  const total = totaux.reduce((n, t) => n + t.actions, 0);
  const portee = totaux.reduce((n, t) => n + t.portee, 0);
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1>Actions de communication</h1>
        {gerer ? (
          <a href={`/espace/communication/nouvelle?departement=${departement}`} className="btn">
            Ajouter une action
          </a>
        ) : null}
      </div>
      <DepartementLinks path="/espace/communication" departement={departement} departements={loaderData.departements} />
      <p className="mt-3 max-w-3xl">
        Les actions menées par la coordination pour faire connaître les Promeneurs du Net (indicateur 8)&nbsp;: presse,
        affiches, campagnes, présentations, interventions, stands…
        {gerer ? null : " Vous pouvez les consulter\u00a0; la coordination les tient à jour."}
      </p>
      <nav aria-label="Années" className="mt-4">
        <ul className="flex flex-wrap gap-3">
          {loaderData.annees.map((a) => (
            <li key={a}>
              {a === annee ? (
                <span aria-current="page" className="font-bold">
                  {a}
                </span>
              ) : (
                <a href={`/espace/communication?departement=${departement}&annee=${a}`}>{a}</a>
              )}
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="titre-totaux" className="mt-6">
        <h2 id="titre-totaux">Bilan {annee}</h2>
        <p className="mt-1">
          {plural(total, "action")}, {plural(portee, "personne touchée", "personnes touchées")} (quand le nombre est
          connu).
        </p>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Actions de communication {annee} par type</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-3">
                  Type
                </th>
                <th scope="col" className="py-2 pr-3 text-right">
                  Actions
                </th>
                <th scope="col" className="py-2 text-right">
                  Personnes touchées
                </th>
              </tr>
            </thead>
            <tbody>
              {totaux.map((t) => (
                <tr key={t.type} className="border-b border-slate-200">
                  <th scope="row" className="py-2 pr-3 font-normal">
                    {communicationTypeLabels[t.type]}
                  </th>
                  <td className="py-2 pr-3 text-right">{formatNumber(t.actions)}</td>
                  <td className="py-2 text-right">
                    {formatNumber(t.portee)}
                    {t.porteeInconnue > 0 ? (
                      <span className="block text-sm text-slate-700">
                        {plural(t.porteeInconnue, "action", "actions")} sans nombre
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="titre-actions" className="mt-8">
        <h2 id="titre-actions">Actions {annee}</h2>
        {actions.length === 0 ? (
          <p className="mt-2">Aucune action de communication notée pour {annee}.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {actions.map((a) => (
              <li key={a.id} className="py-3">
                <p>
                  <span className="font-semibold">{a.titre}</span>{" "}
                  <span className="text-slate-700">
                    · {formatDate(a.date)} · {communicationTypeLabels[a.type] ?? a.type}
                  </span>
                </p>
                <p className="text-sm text-slate-700">
                  {a.public ? `Public\u00a0: ${a.public}` : "Public non précisé"}
                  {" · "}
                  {a.portee === null
                    ? "nombre de personnes touchées inconnu"
                    : plural(a.portee, "personne touchée", "personnes touchées")}
                </p>
                {gerer ? (
                  <p className="mt-1">
                    <a href={`/espace/communication/${a.id}`}>
                      Modifier<span className="sr-only"> « {a.titre} »</span>
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
