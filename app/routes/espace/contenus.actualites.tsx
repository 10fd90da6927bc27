import { findActualitesGestion } from "~/domain/contenu/contenu.queries.server";
import { etatActualite, etatActualiteLabels } from "~/domain/contenu/contenu.rules";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/contenus.actualites";

export const meta: Route.MetaFunction = () => [{ title: "Actualités du site – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const departement = pickDepartement(actor, "contenu.gerer", request);
  const now = new Date();
  const actualites = await findActualitesGestion(getDb(), departement);
  return {
    departement,
    actualites: actualites.map((a) => ({
      id: a.id,
      slug: a.slug,
      titre: a.titre,
      publieLe: a.publieLe?.toISOString() ?? null,
      etat: etatActualite(a, now),
    })),
  };
}

export default function ActualitesGestionPage({ loaderData }: Route.ComponentProps) {
  const { actualites, departement } = loaderData;
  return (
    <div>
      <p>
        <a href={`/espace/contenus?departement=${departement}`}>← Contenus du site</a>
      </p>
      <div className="mt-2 flex flex-wrap items-baseline justify-between gap-4">
        <h1>Actualités</h1>
        <a href={`/espace/contenus/actualites/nouvelle?departement=${departement}`} className="btn">
          Nouvelle actualité
        </a>
      </div>
      <p className="mt-1 text-slate-700">Département {departement}</p>
      <DataTable
        caption="Actualités du département, des plus récentes aux plus anciennes"
        captionHidden
        rows={actualites}
        rowKey={(a) => a.id}
        empty="Aucune actualité pour le moment."
        columns={[
          { header: "Titre", cell: (a) => <a href={`/espace/contenus/actualites/${a.id}`}>{a.titre}</a> },
          { header: "État", cell: (a) => etatActualiteLabels[a.etat] },
          { header: "Publication", cell: (a) => (a.publieLe ? formatDateTime(a.publieLe) : "–") },
          {
            header: "Page publique",
            cell: (a) =>
              a.etat === "en_ligne" ? (
                <a href={`/actualites/${encodeURIComponent(a.slug)}`}>/actualites/{a.slug}</a>
              ) : (
                "–"
              ),
          },
        ]}
      />
    </div>
  );
}
