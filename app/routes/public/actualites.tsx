import { ACTUALITES_PAR_PAGE, findActualitesPubliques } from "~/domain/contenu/contenu.queries.server";
import { formatDate } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/actualites";

/** Published posts whose date has come, newest first, ten per page (`?page=`). */
export async function loader({ request }: Route.LoaderArgs) {
  const env = getEnv();
  const asked = new URL(request.url).searchParams.get("page");
  const page = asked === null ? 1 : Number(asked);
  if (!Number.isInteger(page) || page < 1) notFound();
  const { actualites, total } = await findActualitesPubliques(getDb(), env.DEFAULT_DEPARTEMENT, new Date(), { page });
  const pages = Math.max(1, Math.ceil(total / ACTUALITES_PAR_PAGE));
  if (page > pages) notFound();
  return {
    actualites: actualites.map((a) => ({ slug: a.slug, titre: a.titre, resume: a.resume, publieLe: a.publieLe })),
    page,
    pages,
  };
}

export const meta: Route.MetaFunction = (args) => [
  ...publicMeta(args, {
    title: `Actualités${args.loaderData && args.loaderData.page > 1 ? ` (page ${args.loaderData.page})` : ""}`,
    description:
      "Les actualités du réseau Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: nouveaux promeneurs, projets de jeunes, temps forts.",
    path: args.loaderData && args.loaderData.page > 1 ? `/actualites?page=${args.loaderData.page}` : "/actualites",
  }),
  {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: "Actualités des Promeneurs du Net 04",
    href: "/actualites.atom",
  },
];

export default function ActualitesPage({ loaderData }: Route.ComponentProps) {
  const { actualites, page, pages } = loaderData;
  return (
    <div className="max-w-3xl">
      <h1>Actualités</h1>
      {actualites.length === 0 ? (
        <>
          <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-lg">
            Aucune actualité publiée pour le moment.
          </p>
          <p className="mt-4">
            La coordination départementale publiera ici les nouvelles du réseau&nbsp;: nouveaux promeneurs, projets
            menés avec des jeunes, temps forts dans le département.
          </p>
          <p className="mt-4">
            En attendant, découvrez <a href="/">ce que font les promeneurs du Net</a> ou, si vous avez besoin d'aide
            maintenant, les <a href="/besoin-d-aide">numéros d'urgence et d'écoute</a>.
          </p>
        </>
      ) : (
        <ul className="mt-6 space-y-6">
          {actualites.map((a) => (
            <li key={a.slug}>
              <article aria-labelledby={`actualite-${a.slug}`}>
                <h2 id={`actualite-${a.slug}`}>
                  <a href={`/actualites/${encodeURIComponent(a.slug)}`}>{a.titre}</a>
                </h2>
                <p className="mt-1 text-sm text-slate-700">
                  Publiée le <time dateTime={new Date(a.publieLe).toISOString()}>{formatDate(a.publieLe)}</time>
                </p>
                <p className="mt-2">{a.resume}</p>
              </article>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages des actualités" className="mt-8 flex flex-wrap items-center gap-4">
          {page > 1 ? (
            <a href={page === 2 ? "/actualites" : `/actualites?page=${page - 1}`} rel="prev">
              ← Actualités plus récentes
            </a>
          ) : null}
          <span>
            Page {page} sur {pages}
          </span>
          {page < pages ? (
            <a href={`/actualites?page=${page + 1}`} rel="next">
              Actualités plus anciennes →
            </a>
          ) : null}
        </nav>
      ) : null}
      <p className="mt-8 text-sm">
        <a href="/actualites.atom">S'abonner au flux des actualités (Atom)</a>
      </p>
    </div>
  );
}
