import { cheminPage, isPageFixe, PAGES_FIXES, statutContenuLabels } from "~/domain/contenu/contenu.labels";
import { findPagesGestion } from "~/domain/contenu/contenu.queries.server";
import { PAGES_DEFAUT } from "~/domain/contenu/pages-defaut";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/contenus.pages";

export const meta: Route.MetaFunction = () => [{ title: "Pages du site – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const departement = pickDepartement(actor, "contenu.gerer", request);
  const saved = await findPagesGestion(getDb(), departement);
  const bySlug = new Map(saved.map((p) => [p.slug, p]));
  const ligne = (slug: string, titre: string) => {
    const row = bySlug.get(slug);
    return {
      slug,
      titre: row?.titre ?? titre,
      chemin: cheminPage(slug),
      etat: row ? statutContenuLabels[row.statut as "brouillon" | "publie"] : "Texte d'origine",
      majLe: row?.updatedAt.toISOString() ?? null,
    };
  };
  return {
    departement,
    fixes: PAGES_FIXES.map((slug) => ligne(slug, PAGES_DEFAUT[slug].titre)),
    libres: saved.filter((p) => !isPageFixe(p.slug)).map((p) => ligne(p.slug, p.titre)),
  };
}

type Ligne = { slug: string; titre: string; chemin: string; etat: string; majLe: string | null };

const columns = [
  {
    header: "Page",
    cell: (p: Ligne) => <a href={`/espace/contenus/pages/${encodeURIComponent(p.slug)}`}>{p.titre}</a>,
  },
  { header: "Adresse", cell: (p: Ligne) => p.chemin },
  { header: "État", cell: (p: Ligne) => p.etat },
  { header: "Modifiée le", cell: (p: Ligne) => (p.majLe ? formatDateTime(p.majLe) : "–") },
];

export default function PagesGestionPage({ loaderData }: Route.ComponentProps) {
  const { departement, fixes, libres } = loaderData;
  return (
    <div>
      <p>
        <a href={`/espace/contenus?departement=${departement}`}>← Contenus du site</a>
      </p>
      <h1 className="mt-2">Pages du site</h1>
      <p className="mt-1 text-slate-700">Département {departement}</p>
      <p className="mt-3 max-w-3xl">
        Tant que vous n'avez pas publié votre version d'une page, le site montre son texte d'origine. Une version
        repassée en brouillon laisse de nouveau le texte d'origine en ligne.
      </p>
      <DataTable caption="Pages fixes" rows={fixes} rowKey={(p) => p.slug} columns={columns} />
      <div className="mt-10 flex flex-wrap items-baseline justify-between gap-4">
        <h2>Pages libres</h2>
        <a href={`/espace/contenus/pages/nouvelle?departement=${departement}`} className="btn">
          Nouvelle page
        </a>
      </div>
      <DataTable
        caption="Pages libres, publiées à l'adresse /pages/…"
        captionHidden
        rows={libres}
        rowKey={(p) => p.slug}
        empty="Aucune page libre pour le moment."
        columns={columns}
      />
    </div>
  );
}
