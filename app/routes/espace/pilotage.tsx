import { can } from "~/domain/comptes/policy";
import { indicateursDesPages } from "~/domain/indicateurs/indicateurs.server";
import { periodeAnnee } from "~/domain/indicateurs/periode";
import { agendaDesComites } from "~/domain/regroupements/decision.queries.server";
import { enRetard } from "~/domain/regroupements/decision.rules";
import { documentsDesComites } from "~/domain/regroupements/document.queries.server";
import { documentNatureLabels } from "~/domain/regroupements/regroupement.labels";
import { countStructures } from "~/domain/structures/structure.queries.server";
import { countTerritoire } from "~/domain/territoire/territoire.queries.server";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { jourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { ResumeIndicateurs } from "~/ui/indicateurs/tableau-de-bord";
import type { Route } from "./+types/pilotage";

export const meta: Route.MetaFunction = () => [{ title: "Pilotage – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "pilotage.lire");
  const departement = pickDepartement(actor, "pilotage.lire", request);
  const db = getDb();
  const now = new Date();
  const comitesLisibles = can(actor, "comite.lire", { departement });
  const [structures, territoire, comites, documents, indicateurs] = await Promise.all([
    countStructures(db, departement),
    countTerritoire(db, departement),
    // The meetings and open decisions of the committees the steering member sits on.
    comitesLisibles ? agendaDesComites(db, actor, departement, now) : null,
    comitesLisibles ? documentsDesComites(db, actor, departement) : null,
    // The nine headlines of the current year, always in the aggregate view (no list of people).
    can(actor, "indicateurs.lire", { departement })
      ? indicateursDesPages(
          db,
          { departements: [departement], periode: periodeAnnee(jourParis(now).annee) },
          "agregee",
          now,
        )
      : null,
  ]);
  return { departement, structures, territoire, comites, documents, indicateurs, aujourdhui: jourIso(now) };
}

export default function PilotageHome({ loaderData }: Route.ComponentProps) {
  const { territoire } = loaderData;
  return (
    <div>
      <h1>Pilotage du dispositif</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement} · données agrégées uniquement</p>
      <dl className="mt-6 grid gap-4 sm:grid-cols-3">
        <div className="rounded-md border border-slate-300 p-4">
          <dt>Structures engagées</dt>
          <dd className="text-3xl font-bold">{formatNumber(loaderData.structures)}</dd>
        </div>
        <div className="rounded-md border border-slate-300 p-4">
          <dt>Communes du département</dt>
          <dd className="text-3xl font-bold">{formatNumber(territoire.communes)}</dd>
        </div>
        <div className="rounded-md border border-slate-300 p-4">
          <dt>Habitants</dt>
          <dd className="text-3xl font-bold">{formatNumber(territoire.population)}</dd>
        </div>
      </dl>
      {loaderData.comites ? (
        <section aria-labelledby="comites" className="mt-8">
          <h2 id="comites">Prochaines réunions et décisions à suivre</h2>
          {loaderData.comites.reunions.length === 0 ? (
            <p className="mt-2">Aucune réunion programmée dans vos comités.</p>
          ) : (
            <ul className="mt-2">
              {loaderData.comites.reunions.map((r) => (
                <li key={r.id}>
                  <a href={`/espace/regroupements/${r.id}`}>{r.titre}</a> · {r.comite} · {formatDateTime(r.debut)}
                </li>
              ))}
            </ul>
          )}
          {loaderData.comites.decisions.length === 0 ? (
            <p className="mt-2">Aucune décision en cours.</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-200">
              {loaderData.comites.decisions.map((d) => (
                <li key={d.id} className="py-1">
                  <a href={`/espace/decisions/${d.id}`}>{d.texte}</a>
                  <span className="block text-sm text-slate-700">
                    {d.comite} · porteur : {d.responsable}
                    {d.echeance ? ` · échéance : ${formatDate(d.echeance)}` : ""}
                    {enRetard(d, loaderData.aujourdhui) ? (
                      <strong className="ml-1 text-alerte-700">· en retard</strong>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2">
            <a href={`/espace/comites?departement=${loaderData.departement}`}>Tous mes comités</a>
          </p>
        </section>
      ) : null}
      {loaderData.documents ? (
        <section aria-labelledby="documents-comites" className="mt-8">
          <h2 id="documents-comites">Documents des comités</h2>
          {loaderData.documents.length === 0 ? (
            <p className="mt-2">Aucun document déposé pour les réunions de vos comités.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {loaderData.documents.map((d) => (
                <li key={d.id} className="py-1">
                  <a href={`/espace/regroupements/${d.regroupementId}/documents/${d.id}`}>{d.titre}</a>
                  <span className="block text-sm text-slate-700">
                    {documentNatureLabels[d.nature as keyof typeof documentNatureLabels] ?? d.nature} · {d.reunion} ·{" "}
                    {d.comite} · {formatDate(d.debut)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {loaderData.indicateurs ? (
        <section aria-labelledby="indicateurs" className="mt-8">
          <h2 id="indicateurs">Les neuf indicateurs · {loaderData.indicateurs.filtre.periode.libelle}</h2>
          <p className="mt-1 text-sm text-slate-700">
            Données agrégées&nbsp;: les nombres de 1 ou 2 sont affichés «&nbsp;&lt;&nbsp;3&nbsp;».
          </p>
          <ResumeIndicateurs
            indicateurs={loaderData.indicateurs}
            lien={`/espace/indicateurs?departement=${loaderData.departement}`}
          />
          <p className="mt-3">
            <a href={`/espace/indicateurs?departement=${loaderData.departement}`}>
              Voir le détail des indicateurs, leurs définitions et leurs graphiques
            </a>
          </p>
        </section>
      ) : null}
    </div>
  );
}
