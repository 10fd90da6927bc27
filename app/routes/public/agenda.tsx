import { creneauEnLettres, parMois } from "~/domain/regroupements/agenda.format";
import { findAgendaPublic } from "~/domain/regroupements/agenda.queries.server";
import { lieuComplet, type RegroupementType, regroupementTypeLabels } from "~/domain/regroupements/regroupement.labels";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/agenda";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Agenda",
    description:
      "Les rencontres, ateliers et temps d'information ouverts au public du réseau Promeneurs du Net des Alpes-de-Haute-Provence.",
    path: "/agenda",
  });

/** The public gatherings of the deployment's département not yet ended, cancelled ones marked. */
export async function loader() {
  const evenements = await findAgendaPublic(getDb(), getEnv().DEFAULT_DEPARTEMENT, new Date());
  return { evenements };
}

const typeLabel = (type: string) => regroupementTypeLabels[type as RegroupementType] ?? "";

export default function AgendaPage({ loaderData }: Route.ComponentProps) {
  const mois = parMois(loaderData.evenements);
  return (
    <div className="max-w-3xl">
      <h1>Agenda</h1>
      {mois.length === 0 ? (
        <>
          <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-lg">
            Aucun événement public annoncé pour le moment.
          </p>
          <p className="mt-4">
            Les rencontres, ateliers et temps d'information ouverts aux jeunes, aux parents et aux partenaires seront
            annoncés ici, avec leur date et leur lieu.
          </p>
        </>
      ) : (
        <>
          <p className="mt-4">
            Les rencontres, ateliers et temps d'information ouverts aux jeunes, aux parents et aux partenaires.
          </p>
          {mois.map((groupe, i) => (
            <section key={groupe.mois} aria-labelledby={`mois-${i}`} className="mt-8">
              <h2 id={`mois-${i}`}>{groupe.mois}</h2>
              <ul className="mt-3 space-y-4">
                {groupe.evenements.map((e) => {
                  const creneau = creneauEnLettres(e.debut, e.fin);
                  const lieu = lieuComplet(e.lieu, e.communeNom);
                  return (
                    <li key={e.id}>
                      <article
                        id={`evenement-${e.id}`}
                        aria-labelledby={`titre-${e.id}`}
                        className={`rounded-md border px-4 py-3 ${e.annule ? "border-alerte-700" : "border-slate-300"}`}
                      >
                        <h3 id={`titre-${e.id}`} className="text-lg font-semibold">
                          {e.annule ? <span className="text-alerte-700">Annulé&nbsp;: </span> : null}
                          <span className={e.annule ? "line-through" : undefined}>{e.titre}</span>
                        </h3>
                        {typeLabel(e.type) ? <p className="text-sm text-slate-700">{typeLabel(e.type)}</p> : null}
                        <p className="mt-1 first-letter:uppercase">
                          <time dateTime={e.debut.toISOString()}>{creneau.debut}</time> {creneau.liaison}{" "}
                          <time dateTime={e.fin.toISOString()}>{creneau.fin}</time>
                        </p>
                        {lieu || e.enLigne ? (
                          <p className="mt-1">
                            {lieu}
                            {lieu && e.enLigne ? " – et en ligne" : e.enLigne ? "En ligne" : null}
                          </p>
                        ) : null}
                        {e.annule ? (
                          <p className="mt-1 font-semibold text-alerte-700">Cet événement est annulé.</p>
                        ) : null}
                        {e.description ? <p className="mt-2 whitespace-pre-line">{e.description}</p> : null}
                        {e.annule ? null : (
                          <p className="mt-2">
                            <a href={`/agenda/${e.id}.ics`} download>
                              Ajouter à mon agenda<span className="sr-only">&nbsp;: {e.titre}</span>
                            </a>
                          </p>
                        )}
                      </article>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </>
      )}
      <p className="mt-6">
        <a href="/agenda.ics">S'abonner à l'agenda</a> dans votre application d'agenda (adresse au format iCalendar,
        mise à jour automatiquement).
      </p>
      <p className="mt-4">
        Pour organiser une présentation du dispositif dans votre structure ou votre commune,{" "}
        <a href="/contact">contactez la coordination</a>.
      </p>
    </div>
  );
}
