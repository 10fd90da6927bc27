import { getActualitePublique, renderContenu } from "~/domain/contenu/contenu.queries.server";
import { LARGEUR_PETITE } from "~/domain/contenu/markdown.server";
import { formatDate } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/actualites.$slug";

const INTROUVABLE = "Cette actualité n'existe pas ou n'est pas publiée.";

/** A published post whose date has come; a draft or a scheduled post is a 404. */
export async function loader({ params }: Route.LoaderArgs) {
  const env = getEnv();
  const db = getDb();
  const actualite = await getActualitePublique(db, env.DEFAULT_DEPARTEMENT, params.slug, new Date());
  if (!actualite) notFound(INTROUVABLE);
  const image = actualite.image
    ? {
        src: `/medias/${actualite.image.id}`,
        petite: `/medias/${actualite.image.id}/petite`,
        largeur: actualite.image.largeur,
        hauteur: actualite.image.hauteur,
        petiteLargeur: Math.min(LARGEUR_PETITE, actualite.image.largeur),
        alt: actualite.image.alt,
      }
    : null;
  return {
    actualite: {
      titre: actualite.titre,
      resume: actualite.resume,
      publieLe: actualite.publieLe,
      updatedAt: actualite.updatedAt,
    },
    html: await renderContenu(db, actualite.corps),
    image,
    path: `/actualites/${encodeURIComponent(actualite.slug)}`,
  };
}

export const meta: Route.MetaFunction = (args) => {
  if (!args.loaderData) return [{ title: "Actualité introuvable – Promeneurs du Net" }];
  const { actualite, image, path } = args.loaderData;
  return [
    ...publicMeta(args, {
      title: actualite.titre,
      description: actualite.resume,
      path,
      type: "article",
      image: image?.src ?? null,
      ...(image?.alt ? { imageAlt: image.alt } : {}),
    }),
    { property: "article:published_time", content: new Date(actualite.publieLe).toISOString() },
  ];
};

export default function ActualitePage({ loaderData }: Route.ComponentProps) {
  const { actualite, html, image } = loaderData;
  return (
    <article className="max-w-3xl">
      <p>
        <a href="/actualites">← Toutes les actualités</a>
      </p>
      <h1 className="mt-2">{actualite.titre}</h1>
      <p className="mt-1 text-sm text-slate-700">
        Publiée le <time dateTime={new Date(actualite.publieLe).toISOString()}>{formatDate(actualite.publieLe)}</time>
      </p>
      {image ? (
        <img
          src={image.src}
          srcSet={`${image.petite} ${image.petiteLargeur}w, ${image.src} ${image.largeur}w`}
          sizes="(max-width: 48rem) 100vw, 48rem"
          width={image.largeur}
          height={image.hauteur}
          alt={image.alt}
          loading="lazy"
          className="mt-4 h-auto max-w-full rounded-md"
        />
      ) : null}
      <p className="mt-4 text-lg">{actualite.resume}</p>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered and sanitised by renderMarkdown. */}
      <div className="prose-pdn" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
