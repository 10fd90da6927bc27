import { href, Link } from "react-router";
import { statutCandidatureLabels } from "~/domain/appels/appel.labels";
import { findEvaluationsDe } from "~/domain/appels/evaluation.queries.server";
import { etatEvaluationLabels } from "~/domain/appels/evaluation.rules";
import { formatDate, formatDateTime, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/evaluations";

export const meta: Route.MetaFunction = () => [{ title: "Évaluations – Promeneurs du Net" }];

/** The applications assigned to the signed-in reviewer, by call: only their own, in their département(s). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "evaluations.acceder");
  const appels = await findEvaluationsDe(getDb(), actor);
  return {
    appels: appels.map((a) => ({
      id: a.id,
      titre: a.titre,
      clotureLe: a.clotureLe.toISOString(),
      decisionLe: a.decisionLe?.toISOString() ?? null,
      criteres: a.criteres,
      candidatures: a.candidatures.map((c) => ({
        id: c.candidatureId,
        structureNom: c.structureNom,
        structureCommune: c.structureCommune,
        statut: c.statut,
        evaluable: c.evaluable,
        etat: c.etat,
        soumiseLe: c.soumiseLe?.toISOString() ?? null,
        notees: c.notees,
      })),
    })),
  };
}

type Ligne = Route.ComponentProps["loaderData"]["appels"][number]["candidatures"][number];

function Etat({ c, criteres }: { c: Ligne; criteres: number }) {
  if (c.statut === "deposee") return <>En cours de vérification par la coordination : pas encore à évaluer</>;
  if (c.statut === "irrecevable") return <>Irrecevable : rien à évaluer</>;
  if (c.etat === "soumise") return <>Soumise le {formatDateTime(c.soumiseLe)}</>;
  if (c.etat === "brouillon") {
    return (
      <>
        {etatEvaluationLabels.brouillon} ({plural(c.notees, "critère noté", "critères notés")} sur {criteres})
      </>
    );
  }
  return <>{etatEvaluationLabels.a_noter}</>;
}

export default function EvaluationsHome({ loaderData }: Route.ComponentProps) {
  const { appels } = loaderData;
  return (
    <div>
      <h1>Évaluation des candidatures</h1>
      {appels.length === 0 ? (
        <p className="mt-2">Aucune candidature ne vous est attribuée pour le moment.</p>
      ) : (
        <>
          <p className="mt-2 max-w-3xl text-slate-700">
            Notez chaque critère de 0 à 5 et commentez-le. Vous pouvez enregistrer un brouillon et y revenir ; une fois
            soumise, votre évaluation ne change plus. Les notes des autres membres de la commission vous sont montrées
            seulement après la soumission de la vôtre.
          </p>
          {appels.map((a) => (
            <section key={a.id} aria-labelledby={`appel-${a.id}`} className="mt-8">
              <h2 id={`appel-${a.id}`}>{a.titre}</h2>
              <p className="mt-1 text-slate-700">
                Clôture des candidatures : {formatDateTime(a.clotureLe)}
                {a.decisionLe ? ` · décision prévue le ${formatDate(a.decisionLe)}` : ""}
              </p>
              <div className="mt-3 overflow-x-auto">
                <table className="tableau-donnees">
                  <caption className="sr-only">Candidatures à évaluer : {a.titre}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Structure</th>
                      <th scope="col">Candidature</th>
                      <th scope="col">Mon évaluation</th>
                      <th scope="col">
                        <span className="sr-only">Action</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.candidatures.map((c) => {
                      const verbe = c.etat === "soumise" || c.statut !== "recevable" ? "Consulter" : "Évaluer";
                      return (
                        <tr key={c.id}>
                          <th scope="row">
                            {c.structureNom || "Structure sans nom"}
                            {c.structureCommune ? (
                              <span className="block text-sm font-normal text-slate-700">{c.structureCommune}</span>
                            ) : null}
                          </th>
                          <td>{statutCandidatureLabels[c.statut]}</td>
                          <td>
                            <Etat c={c} criteres={a.criteres} />
                          </td>
                          <td>
                            {c.evaluable ? (
                              <Link
                                to={href("/espace/evaluations/:candidatureId", { candidatureId: c.id })}
                                aria-label={`${verbe} la candidature de ${c.structureNom || "la structure"}`}
                              >
                                {verbe}
                              </Link>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
