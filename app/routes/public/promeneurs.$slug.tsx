import { findPromeneurPublic } from "~/domain/public/annuaire-public.queries.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { pageMeta, SITE_NAME, shortenDescription } from "~/ui/meta";
import type { Route } from "./+types/promeneurs.$slug";

const INTROUVABLE = "Ce profil n'existe pas ou n'est plus en ligne.";

export async function loader({ params }: Route.LoaderArgs) {
  const env = getEnv();
  const promeneur = await findPromeneurPublic(getDb(), env.DEFAULT_DEPARTEMENT, params.slug, new Date());
  if (!promeneur) notFound(INTROUVABLE);
  const path = `/promeneurs/${encodeURIComponent(promeneur.slug)}`;
  return {
    promeneur,
    canonical: `${env.publicUrl}${path}`,
    image: promeneur.photo ? `${env.publicUrl}${promeneur.photo}` : null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return [{ title: "Profil introuvable – Promeneurs du Net" }];
  const { promeneur, canonical, image } = loaderData;
  // The loader gives absolute URLs (canonical, photo); the default image shares their origin.
  return pageMeta(
    {
      title: promeneur.nomPublic,
      description: shortenDescription(
        `${promeneur.nomPublic}, promeneur du Net à ${promeneur.structure.nom}\u00a0: réseaux sociaux professionnels vérifiés, horaires de présence en ligne et thèmes.`,
      ),
      path: canonical,
      type: "profile",
      image,
      imageAlt: image ? promeneur.nomPublic : SITE_NAME,
    },
    new URL(canonical).origin,
  );
};

export default function PromeneurProfilePage({ loaderData }: Route.ComponentProps) {
  const { promeneur: p } = loaderData;
  return (
    <div className="max-w-4xl">
      <div className="flex flex-wrap items-center gap-4">
        {p.photo ? (
          <img
            src={p.photo}
            alt={p.nomPublic}
            width={160}
            height={160}
            className="h-40 w-40 rounded-full object-cover"
          />
        ) : null}
        <div>
          <h1>{p.nomPublic}</h1>
          <p className="mt-1 text-lg">
            Promeneur du Net à {p.structure.nom}
            {p.structure.commune ? ` (${p.structure.commune})` : ""}
          </p>
          <p className="mt-2 font-semibold">
            {p.enLigne ? (
              <span className="text-green-800">En ligne maintenant.</span>
            ) : p.prochain ? (
              `Prochaine présence en ligne : ${p.prochain}.`
            ) : (
              "Aucune présence en ligne annoncée dans les deux prochaines semaines."
            )}
          </p>
        </div>
      </div>

      <p className="mt-4">
        Un promeneur n'est pas un service d'urgence. En cas de danger ou si vous allez très mal, consultez les{" "}
        <a href="/besoin-d-aide">numéros d'urgence et d'écoute</a>.
      </p>

      <div className="prose-pdn mt-4 max-w-3xl">
        {p.bio ? (
          <section aria-labelledby="titre-presentation">
            <h2 id="titre-presentation">Présentation</h2>
            <p className="whitespace-pre-line">{p.bio}</p>
          </section>
        ) : null}

        <section aria-labelledby="titre-reseaux">
          <h2 id="titre-reseaux">Ses comptes professionnels</h2>
          <ul>
            {p.reseaux.map((r) => (
              <li key={`${r.reseau}-${r.handle}`}>
                <a href={r.url} rel="noopener noreferrer">
                  <strong>{r.label}</strong>&nbsp;: {r.handle}
                </a>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="titre-pour-qui">
          <h2 id="titre-pour-qui">Pour qui, sur quels sujets, où</h2>
          <ul>
            <li>Jeunes {p.ages}, et leurs parents.</li>
            {p.themes.length > 0 ? <li>Thèmes&nbsp;: {p.themes.join(", ")}.</li> : null}
            {p.territoire.length > 0 ? <li>Territoire&nbsp;: {p.territoire.join(", ")}.</li> : null}
          </ul>
        </section>

        <section aria-labelledby="titre-horaires">
          <h2 id="titre-horaires">Horaires de présence en ligne</h2>
          <table className="mt-2">
            <caption className="text-left font-semibold">Horaires de présence de {p.nomPublic} chaque semaine</caption>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                <th scope="col">Horaires</th>
                <th scope="col">Réseaux</th>
              </tr>
            </thead>
            <tbody>
              {p.semaine.map((j) => (
                <tr key={j.jour}>
                  <th scope="row" className="capitalize">
                    {j.jour}
                  </th>
                  <td>{j.plages.length === 0 ? "–" : j.plages.map((pl) => pl.plage).join(", ")}</td>
                  <td>
                    {j.plages.length === 0 ? "–" : [...new Set(j.plages.flatMap((pl) => pl.reseaux))].join(", ") || "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.absences.length > 0 ? (
            <>
              <h3>Absences prévues</h3>
              <ul>
                {p.absences.map((a) => (
                  <li key={a}>Pas de présence en ligne {a}.</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section aria-labelledby="titre-authentique">
          <h2 id="titre-authentique">Comment vérifier que c'est bien ce promeneur</h2>
          <ul>
            <li>
              le nom du compte que vous voyez est <strong>exactement</strong> celui indiqué ci-dessus, au caractère près
              (un point ou un tiret bas de plus, et ce n'est pas le même compte)&nbsp;;
            </li>
            <li>son profil renvoie vers cette page officielle&nbsp;;</li>
            <li>il affiche son prénom, sa photo, sa structure et le visuel «&nbsp;Promeneurs du Net&nbsp;».</li>
          </ul>
          <p>
            En cas de doute, ne donnez pas d'informations personnelles et{" "}
            <a href="/contact">contactez la coordination</a>. <a href="/promeneurs">Retour à l'annuaire</a>.
          </p>
        </section>
      </div>
    </div>
  );
}
