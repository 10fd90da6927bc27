import { href } from "react-router";
import { type EtatAppel, etatAppelLabels, typeAppelLabels } from "~/domain/appels/appel.labels";
import { findAppelsPublies } from "~/domain/appels/candidature.queries.server";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/appels";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Appels à candidatures",
    description:
      "Les appels à candidatures et à projets du réseau Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: calendrier, pièces à fournir, critères.",
    path: "/appels",
  });

/** The published calls: open ones first (closing soonest), then upcoming, then closed within a year. */
export async function loader() {
  const { ouverts, aVenir, closRecemment } = await findAppelsPublies(getDb(), getEnv().DEFAULT_DEPARTEMENT, new Date());
  const resume = (a: (typeof ouverts)[number]) => ({
    slug: a.slug,
    titre: a.titre,
    type: typeAppelLabels[a.type],
    ouvertureLe: a.ouvertureLe.toISOString(),
    clotureLe: a.clotureLe.toISOString(),
  });
  return { ouverts: ouverts.map(resume), aVenir: aVenir.map(resume), clos: closRecemment.map(resume) };
}

type Resume = Awaited<ReturnType<typeof loader>>["ouverts"][number];

function ListeAppels({ appels, etat }: { appels: Resume[]; etat: EtatAppel }) {
  return (
    <ul className="mt-2 space-y-3">
      {appels.map((a) => (
        <li key={a.slug} className="rounded-md border border-slate-300 px-4 py-3">
          <p className="font-semibold">
            <a href={href("/appels/:slug", { slug: a.slug })}>{a.titre}</a>
          </p>
          <p className="text-sm text-slate-700">
            {a.type} — {etatAppelLabels[etat]}
          </p>
          <p className="text-sm">
            {etat === "a_venir" ? (
              <>
                Ouverture le <time dateTime={a.ouvertureLe}>{formatDateTime(a.ouvertureLe)}</time>, clôture le{" "}
                <time dateTime={a.clotureLe}>{formatDateTime(a.clotureLe)}</time>.
              </>
            ) : etat === "ouvert" ? (
              <>
                Candidatures jusqu'au <time dateTime={a.clotureLe}>{formatDateTime(a.clotureLe)}</time>.
              </>
            ) : (
              <>
                Clos depuis le <time dateTime={a.clotureLe}>{formatDateTime(a.clotureLe)}</time>.
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function AppelsPage({ loaderData }: Route.ComponentProps) {
  const { ouverts, aVenir, clos } = loaderData;
  return (
    <div className="max-w-3xl">
      <h1>Appels à candidatures</h1>
      <p className="mt-4">
        Quand un appel à candidatures ou à projets est lancé, il est publié ici avec son calendrier, les pièces à
        fournir et les critères de sélection. On y candidate en ligne, avec une simple adresse e-mail.
      </p>

      <section aria-labelledby="titre-ouverts" className="mt-6">
        <h2 id="titre-ouverts">Appels ouverts</h2>
        {ouverts.length > 0 ? (
          <ListeAppels appels={ouverts} etat="ouvert" />
        ) : (
          <p className="mt-2 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-lg">
            Aucun appel à candidatures ouvert pour le moment.
          </p>
        )}
      </section>

      {aVenir.length > 0 ? (
        <section aria-labelledby="titre-a-venir" className="mt-6">
          <h2 id="titre-a-venir">Appels à venir</h2>
          <ListeAppels appels={aVenir} etat="a_venir" />
        </section>
      ) : null}

      {clos.length > 0 ? (
        <section aria-labelledby="titre-clos" className="mt-6">
          <h2 id="titre-clos">Appels récemment clos</h2>
          <ListeAppels appels={clos} etat="clos" />
        </section>
      ) : null}

      <p className="mt-6">
        Votre structure souhaite rejoindre le réseau sans attendre un appel&nbsp;? Voir{" "}
        <a href="/devenir-promeneur">devenir promeneur du Net</a>.
      </p>
    </div>
  );
}
