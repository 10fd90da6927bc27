import { Form, href, Link } from "react-router";
import { can } from "~/domain/comptes/policy";
import { findProfilsASuivre, type ProfilASuivre } from "~/domain/profils/conformite.queries.server";
import { type CategorieSuivi, categorieSuiviLabels, HORIZON_PAGE_JOURS } from "~/domain/profils/conformite.rules";
import { type Reseau, reseauLabels } from "~/domain/profils/profil.labels";
import { formatDate, formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/conformite";

export const meta: Route.MetaFunction = () => [{ title: "Conformité des profils – Promeneurs du Net" }];

const CATEGORIES: readonly CategorieSuivi[] = ["a_verifier", "non_conforme", "echeance_proche"];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "conformite.lire");
  const departement = pickDepartement(actor, "conformite.lire", request);
  const { profils, delai } = await findProfilsASuivre(getDb(), departement, new Date(), HORIZON_PAGE_JOURS);
  const parCategorie = Object.fromEntries(
    CATEGORIES.map((c) => [c, profils.filter((p) => p.categorie === c)]),
  ) as Record<CategorieSuivi, ProfilASuivre[]>;
  return {
    departement,
    delai,
    parCategorie,
    choisirDepartement: can(actor, "national.lire"),
    may: {
      verifier: can(actor, "profil.verifier", { departement }),
      configurer: can(actor, "conformite.configurer", { departement }),
    },
  };
}

const intro: Record<CategorieSuivi, string> = {
  a_verifier: "Profils jamais vérifiés, ou dont la dernière vérification a dépassé le délai.",
  non_conforme: "Profils dont la dernière vérification a relevé un manque : à revoir une fois corrigés.",
  echeance_proche: `Profils conformes dont la vérification arrive à échéance dans les ${HORIZON_PAGE_JOURS} prochains jours.`,
};

export default function ConformitePage({ loaderData }: Route.ComponentProps) {
  const { departement, delai, parCategorie, may } = loaderData;
  return (
    <div>
      <h1>Conformité des profils</h1>
      <p className="mt-1 text-slate-700">
        Département {departement} · une vérification vaut {delai} mois
        {may.configurer ? (
          <>
            {" · "}
            <Link to={href("/espace/conformite/reglages")}>Liste de contrôle et délai</Link>
          </>
        ) : null}
      </p>

      {loaderData.choisirDepartement ? (
        <Form method="get" className="mt-3 flex items-end gap-2">
          <div>
            <label htmlFor="departement" className="mb-1 block text-sm font-semibold">
              Code du département
            </label>
            <input
              id="departement"
              name="departement"
              defaultValue={departement}
              className="input w-24"
              inputMode="text"
              autoComplete="off"
            />
          </div>
          <button type="submit" className="btn-secondary">
            Afficher
          </button>
        </Form>
      ) : null}

      <ul className="mt-6 grid gap-3 sm:grid-cols-3" aria-label="Nombre de profils par situation">
        {CATEGORIES.map((c) => (
          <li key={c} className="rounded-md border border-slate-300 p-3">
            <a href={`#${c}`} className="block">
              <span className="block text-2xl font-semibold">{formatNumber(parCategorie[c].length)}</span>
              <span className="text-sm">{categorieSuiviLabels[c]}</span>
            </a>
          </li>
        ))}
      </ul>

      {CATEGORIES.map((c) => (
        <section key={c} aria-labelledby={c} className="mt-8">
          <h2 id={c}>
            {categorieSuiviLabels[c]} ({formatNumber(parCategorie[c].length)})
          </h2>
          <p className="mt-1 text-sm text-slate-700">{intro[c]}</p>
          <DataTable
            className="mt-3"
            caption={categorieSuiviLabels[c]}
            captionHidden
            rows={parCategorie[c]}
            rowKey={(p) => p.profilId}
            empty="Aucun profil."
            columns={[
              {
                header: "Promeneur",
                cell: (p) => (
                  <Link to={href("/espace/promeneurs/:id/profils", { id: p.promeneurId })}>{p.promeneur}</Link>
                ),
              },
              { header: "Réseau", cell: (p) => reseauLabels[p.reseau as Reseau] ?? p.reseau },
              {
                header: "Compte",
                cell: (p) => (
                  <a href={p.url} target="_blank" rel="noopener noreferrer" className="break-all">
                    {p.handle}
                    <span className="sr-only"> (nouvel onglet)</span>
                  </a>
                ),
              },
              {
                header: "Dernière vérification",
                cell: (p) => (p.derniereVerificationLe ? formatDate(p.derniereVerificationLe) : "jamais"),
              },
              { header: "Valable jusqu'au", cell: (p) => (p.echeance ? formatDate(p.echeance) : "–") },
              {
                header: "Action",
                cell: (p) =>
                  may.verifier ? (
                    <Link to={href("/espace/profils/:profilId/verifier", { profilId: p.profilId })}>
                      Vérifier<span className="sr-only"> le profil {p.handle}</span>
                    </Link>
                  ) : (
                    <Link to={href("/espace/profils/:profilId", { profilId: p.profilId })}>
                      Historique<span className="sr-only"> du profil {p.handle}</span>
                    </Link>
                  ),
              },
            ]}
          />
        </section>
      ))}
    </div>
  );
}
