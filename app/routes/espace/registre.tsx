import { TRAITEMENTS } from "~/domain/donnees-personnelles/registre";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/registre";

export const meta: Route.MetaFunction = () => [{ title: "Registre des traitements – Promeneurs du Net" }];

/** The register of processing activities (RGPD art. 30): the coordination's, read by the steering committee. */
export function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "registre.lire");
  return { traitements: TRAITEMENTS };
}

const rubriques = [
  ["finalite", "Finalité"],
  ["baseLegale", "Base légale"],
  ["personnes", "Personnes concernées"],
  ["donnees", "Données"],
  ["destinataires", "Destinataires"],
  ["conservation", "Durée de conservation"],
  ["securite", "Mesures de sécurité"],
] as const;

export default function RegistrePage({ loaderData }: Route.ComponentProps) {
  return (
    <div className="max-w-4xl">
      <h1>Registre des activités de traitement</h1>
      <p className="mt-2">
        Tenu par la coordination départementale, responsable de traitement (article&nbsp;30 du RGPD). Aucun jeune n'a de
        compte ni n'est enregistré&nbsp;: les traitements ci-dessous concernent les professionnels du réseau et les
        personnes qui écrivent à la coordination. Les durées de conservation sont celles qu'appliquent les tâches
        automatiques de la plateforme.
      </p>
      <nav aria-label="Traitements" className="mt-4">
        <ul className="list-disc pl-6">
          {loaderData.traitements.map((t) => (
            <li key={t.code}>
              <a href={`#${t.code}`}>{t.nom}</a>
            </li>
          ))}
        </ul>
      </nav>
      {loaderData.traitements.map((t) => (
        <section key={t.code} id={t.code} aria-labelledby={`${t.code}-titre`} className="mt-8">
          <h2 id={`${t.code}-titre`}>{t.nom}</h2>
          <dl className="mt-2 grid gap-x-4 gap-y-2 sm:grid-cols-[14rem_1fr]">
            {rubriques.map(([cle, libelle]) => (
              <div key={cle} className="contents">
                <dt className="font-semibold">{libelle}</dt>
                <dd>{t[cle]}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
