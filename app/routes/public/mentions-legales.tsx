import { getPageFixePublique } from "~/domain/contenu/page.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/mentions-legales";

/** The coordination's published version of the page, else its built-in text (app/domain/contenu/pages-defaut.ts). */
export async function loader() {
  return getPageFixePublique(getDb(), getEnv().DEFAULT_DEPARTEMENT, "mentions-legales");
}

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: args.loaderData?.onglet ?? "Promeneurs du Net",
    description: args.loaderData?.description ?? "",
    path: "/mentions-legales",
  });

export default function MentionsLegalesPage({ loaderData }: Route.ComponentProps) {
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>{loaderData.titre}</h1>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered and sanitised by renderMarkdown. */}
      <div dangerouslySetInnerHTML={{ __html: loaderData.html }} />
    </div>
  );
}
