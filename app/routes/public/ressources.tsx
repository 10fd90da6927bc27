import { ressourceCategorieLabels } from "~/domain/ressources/ressource.labels";
import { findRessourcesPubliques, type RessourceListItem } from "~/domain/ressources/ressource.queries.server";
import { fichierLabel, grouperParCategorie } from "~/domain/ressources/ressource.rules";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/ressources";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Ressources",
    description:
      "Fiches pratiques, guides et liens utiles sur les usages numériques des jeunes, pour les jeunes, les parents et les professionnels.",
    path: "/ressources",
  });

/** The public resources of the site's département (network-only and hidden ones never reach this page). */
export async function loader() {
  const ressources = await findRessourcesPubliques(getDb(), getEnv().DEFAULT_DEPARTEMENT);
  return {
    groupes: grouperParCategorie(
      ressources.map((r) => ({
        id: r.id,
        titre: r.titre,
        description: r.description,
        categorie: r.categorie,
        url: r.url,
        fichier: r.fichier ? fichierLabel(r.fichier.typeMime, r.fichier.taille) : null,
      })),
    ),
  };
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

type Item = Pick<RessourceListItem, "id" | "titre" | "description" | "url"> & { fichier: string | null };

function RessourceItem({ ressource }: { ressource: Item }) {
  return (
    <li className="rounded-md border border-slate-300 bg-white p-3 sm:p-4">
      <h3 className="text-lg font-semibold">
        {ressource.fichier ? (
          <a href={`/ressources/${ressource.id}/fichier`}>
            {ressource.titre} <span className="font-normal">({ressource.fichier})</span>
          </a>
        ) : ressource.url ? (
          <a href={ressource.url}>
            {ressource.titre} <span className="font-normal">(site {hostOf(ressource.url)})</span>
          </a>
        ) : (
          ressource.titre
        )}
      </h3>
      {ressource.description ? <p className="mt-1 whitespace-pre-line">{ressource.description}</p> : null}
    </li>
  );
}

export default function RessourcesPage({ loaderData }: Route.ComponentProps) {
  const { groupes } = loaderData;
  return (
    <div className="max-w-3xl">
      <h1>Ressources</h1>
      <p className="mt-4">
        Fiches pratiques, guides et liens utiles sur les usages numériques des jeunes, pour les jeunes, les parents et
        les professionnels. Besoin d'aide tout de suite&nbsp;? Voyez les{" "}
        <a href="/besoin-d-aide">numéros d'urgence et d'écoute</a>.
      </p>
      {groupes.length === 0 ? (
        <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-lg">
          Aucune ressource publiée pour le moment.
        </p>
      ) : (
        <>
          <nav aria-label="Catégories" className="mt-6">
            <ul className="flex flex-wrap gap-x-5 gap-y-2">
              {groupes.map((g) => (
                <li key={g.categorie}>
                  <a href={`#${g.categorie}`}>{ressourceCategorieLabels[g.categorie]}</a>
                </li>
              ))}
            </ul>
          </nav>
          {groupes.map((g) => (
            <section key={g.categorie} id={g.categorie} aria-labelledby={`titre-${g.categorie}`} className="mt-8">
              <h2 id={`titre-${g.categorie}`}>{ressourceCategorieLabels[g.categorie]}</h2>
              <ul className="mt-3 grid gap-3">
                {g.ressources.map((r) => (
                  <RessourceItem key={r.id} ressource={r} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
      <p className="mt-8">
        Voir aussi les <a href="/charte">principes de la charte des Promeneurs du Net</a>.
      </p>
    </div>
  );
}
