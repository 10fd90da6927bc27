import { getPageLibrePublique } from "~/domain/contenu/page.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/pages.$slug";

/** A free page written by the coordination, once published. */
export async function loader({ params }: Route.LoaderArgs) {
  const env = getEnv();
  const page = await getPageLibrePublique(getDb(), env.DEFAULT_DEPARTEMENT, params.slug);
  if (!page) notFound("Cette page n'existe pas ou n'est pas publiée.");
  return { ...page, path: `/pages/${encodeURIComponent(params.slug)}` };
}

export const meta: Route.MetaFunction = (args) =>
  args.loaderData
    ? publicMeta(args, {
        title: args.loaderData.titre,
        description: args.loaderData.description,
        path: args.loaderData.path,
      })
    : [{ title: "Page introuvable – Promeneurs du Net" }];

export default function PageLibre({ loaderData }: Route.ComponentProps) {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>{loaderData.titre}</h1>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered and sanitised by renderMarkdown. */}
      <div dangerouslySetInnerHTML={{ __html: loaderData.html }} />
    </div>
  );
}
