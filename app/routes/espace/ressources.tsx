import { can, departementsFor } from "~/domain/comptes/policy";
import { ressourceCategorieLabels } from "~/domain/ressources/ressource.labels";
import { findRessourcesReseau } from "~/domain/ressources/ressource.queries.server";
import { fichierLabel, grouperParCategorie } from "~/domain/ressources/ressource.rules";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DepartementLinks } from "~/ui/departement-links";
import type { Route } from "./+types/ressources";

export const meta: Route.MetaFunction = () => [{ title: "Ressources – Promeneurs du Net" }];

/**
 * The resources of the network of a département: public and network-only ones, for promeneurs,
 * referents and the coordination; the coordination also sees the hidden ones and manages them.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "ressource.reseau.lire");
  const departement = pickDepartement(actor, "ressource.reseau.lire", request);
  const gestion = can(actor, "contenu.gerer", { departement });
  const ressources = await findRessourcesReseau(getDb(), departement, { avecMasquees: gestion });
  return {
    departement,
    departements: departementsFor(actor, "ressource.reseau.lire"),
    gestion,
    groupes: grouperParCategorie(
      ressources.map((r) => ({
        id: r.id,
        titre: r.titre,
        description: r.description,
        categorie: r.categorie,
        url: r.url,
        public: r.public,
        publie: r.publie,
        fichier: r.fichier ? fichierLabel(r.fichier.typeMime, r.fichier.taille) : null,
      })),
    ),
  };
}

export default function RessourcesReseauPage({ loaderData }: Route.ComponentProps) {
  const { departement, gestion, groupes } = loaderData;
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1>Ressources du réseau</h1>
        {gestion ? (
          <a href={`/espace/ressources/nouvelle?departement=${departement}`} className="btn">
            Ajouter une ressource
          </a>
        ) : null}
      </div>
      <DepartementLinks path="/espace/ressources" departement={departement} departements={loaderData.departements} />
      <p className="mt-3 max-w-3xl">
        Les ressources publiques sont aussi sur la page <a href="/ressources">Ressources</a> du site&nbsp;; les
        ressources du réseau ne sont visibles qu'ici.
      </p>
      {groupes.length === 0 ? (
        <p className="mt-6">Aucune ressource pour le moment.</p>
      ) : (
        groupes.map((g) => (
          <section key={g.categorie} aria-labelledby={`titre-${g.categorie}`} className="mt-8">
            <h2 id={`titre-${g.categorie}`}>{ressourceCategorieLabels[g.categorie]}</h2>
            <ul className="mt-3 divide-y divide-slate-200 border-y border-slate-200">
              {g.ressources.map((r) => (
                <li key={r.id} className="py-3">
                  <p className="text-lg font-semibold">
                    {r.fichier ? (
                      <a href={`/espace/ressources/${r.id}/fichier`}>
                        {r.titre} <span className="font-normal">({r.fichier})</span>
                      </a>
                    ) : r.url ? (
                      <a href={r.url}>
                        {r.titre} <span className="font-normal">(lien externe)</span>
                      </a>
                    ) : (
                      r.titre
                    )}
                  </p>
                  {r.description ? <p className="mt-1 whitespace-pre-line">{r.description}</p> : null}
                  <p className="mt-1 flex flex-wrap gap-2 text-sm">
                    <span className="rounded bg-slate-100 px-2 py-0.5 text-slate-800">
                      {r.public ? "Publique" : "Réseau seulement"}
                    </span>
                    {r.publie ? null : (
                      <span className="rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-950">Masquée</span>
                    )}
                    {gestion ? (
                      <a href={`/espace/ressources/${r.id}`}>
                        Modifier<span className="sr-only"> « {r.titre} »</span>
                      </a>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
