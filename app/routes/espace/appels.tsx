import { href } from "react-router";
import {
  etatAppelLabels,
  STATUTS_CANDIDATURE,
  statutCandidatureLabels,
  typeAppelLabels,
} from "~/domain/appels/appel.labels";
import { MODELES } from "~/domain/appels/appel.modeles";
import { etatAppel } from "~/domain/appels/appel.rules";
import { findAppelsDuDepartement } from "~/domain/appels/instruction.queries.server";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/appels";

export const meta: Route.MetaFunction = () => [{ title: "Appels à candidatures – Promeneurs du Net" }];

/**
 * The département's calls for applications (the coordination's and the steering committee's):
 * where each stands, whether it is published, its applications by status; a new call starts from
 * a template (the CAF's coordination call, the recruitment of promeneurs).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const departement = pickDepartement(actor, "appels.gerer", request);
  const now = new Date();
  const appels = await findAppelsDuDepartement(getDb(), departement);
  return {
    departement,
    appels: appels.map((a) => ({ ...a, etat: etatAppel(a, now) })),
    modeles: Object.values(MODELES).map((m) => ({ type: m.type, titre: m.titre })),
  };
}

export default function AppelsPage({ loaderData }: Route.ComponentProps) {
  const { departement, appels, modeles } = loaderData;
  return (
    <div>
      <h1>Appels à candidatures</h1>
      <p className="mt-1 text-slate-700">
        Département {departement} · l'appel de la CAF pour la coordination, le recrutement de promeneurs
      </p>

      <section aria-labelledby="nouvel-appel" className="mt-6">
        <h2 id="nouvel-appel">Lancer un appel</h2>
        <ul className="mt-2 flex flex-wrap gap-3">
          {modeles.map((m) => (
            <li key={m.type}>
              <a
                className="btn-secondary"
                href={`${href("/espace/appels/nouveau")}?modele=${m.type}&departement=${departement}`}
              >
                {typeAppelLabels[m.type]}
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-700">
          Le modèle remplit les documents, les questions et les critères&nbsp;; vous les adaptez avant d'enregistrer.
        </p>
      </section>

      <section aria-labelledby="liste-appels" className="mt-8">
        <h2 id="liste-appels">Appels du département</h2>
        {appels.length === 0 ? (
          <p className="mt-2">Aucun appel pour l'instant.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="tableau-donnees">
              <thead>
                <tr>
                  <th scope="col">Appel</th>
                  <th scope="col">État</th>
                  <th scope="col">Site public</th>
                  <th scope="col">Dépôt jusqu'au</th>
                  <th scope="col">Candidatures</th>
                </tr>
              </thead>
              <tbody>
                {appels.map((a) => {
                  const deposees = STATUTS_CANDIDATURE.filter((s) => s !== "brouillon" && a.parStatut[s] > 0);
                  return (
                    <tr key={a.id}>
                      <th scope="row">
                        <a href={href("/espace/appels/:id", { id: a.id })}>{a.titre}</a>
                      </th>
                      <td>{etatAppelLabels[a.etat]}</td>
                      <td>{a.publieLe ? `Publié (/appels/${a.slug})` : "Non publié"}</td>
                      <td>{formatDateTime(a.clotureLe)}</td>
                      <td>
                        {deposees.length === 0 ? (
                          "Aucune déposée"
                        ) : (
                          <ul>
                            {deposees.map((s) => (
                              <li key={s}>
                                {statutCandidatureLabels[s]}&nbsp;: {a.parStatut[s]}
                              </li>
                            ))}
                          </ul>
                        )}
                        {a.parStatut.brouillon > 0 ? (
                          <p className="text-sm text-slate-700">
                            {a.parStatut.brouillon} brouillon{a.parStatut.brouillon > 1 ? "s" : ""} en cours
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
