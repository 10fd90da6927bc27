import { Form } from "react-router";
import { can, departementsFor } from "~/domain/comptes/policy";
import { libelleMois } from "~/domain/rapports/rapport.format";
import { RAPPORT_STATUTS, rapportStatutLabels } from "~/domain/rapports/rapport.labels";
import {
  filtresDepuisUrl,
  findFiltresRapports,
  findRapportsForActor,
} from "~/domain/rapports/rapport-liste.queries.server";
import { formatHeures, formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import { DepartementLinks } from "~/ui/departement-links";
import { ExportLinksVers } from "~/ui/export-links";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/rapports";
import { StatutRapport } from "./rapport.lecture";

export const meta: Route.MetaFunction = () => [{ title: "Bilans mensuels – Promeneurs du Net" }];

/** The coordination's list of monthly reports (counts only), and the referents' list of their structure's. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "rapport.lire");
  const departement = pickDepartement(actor, "rapport.lire", request);
  const url = new URL(request.url);
  const db = getDb();
  const [liste, options] = await Promise.all([
    findRapportsForActor(db, actor, filtresDepuisUrl(url, departement)),
    findFiltresRapports(db, actor, departement),
  ]);
  const f = liste.filtres;
  // The query string of the filters (without the page), for the pages' and the export's links.
  const query = new URLSearchParams({ departement });
  if (f.du) query.set("du", f.du.slice(0, 7));
  if (f.au) query.set("au", f.au.slice(0, 7));
  if (f.structureId) query.set("structure", f.structureId);
  if (f.epci) query.set("epci", f.epci);
  if (f.statut) query.set("statut", f.statut);
  return {
    departement,
    departements: departementsFor(actor, "rapport.lire"),
    coordination: can(actor, "rapport.valider", { departement }),
    exporter: can(actor, "rapport.exporter", { departement }),
    rapports: liste.rapports,
    statuts: liste.statuts,
    total: liste.total,
    page: liste.page,
    pages: liste.pages,
    filtres: {
      du: f.du?.slice(0, 7) ?? "",
      au: f.au?.slice(0, 7) ?? "",
      structure: f.structureId ?? "",
      epci: f.epci ?? "",
      statut: f.statut ?? "",
    },
    query: query.toString(),
    structures: options.structures,
    epci: options.epci,
  };
}

export default function RapportsPage({ loaderData }: Route.ComponentProps) {
  const { departement, rapports, statuts, filtres, query, page, pages, total, coordination } = loaderData;
  const lien = (extra: Record<string, string>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `/espace/rapports?${q.toString()}`;
  };
  return (
    <div>
      <h1>Bilans mensuels</h1>
      <DepartementLinks path="/espace/rapports" departement={departement} departements={loaderData.departements} />
      <p className="mt-2 max-w-3xl">
        {coordination
          ? "Les bilans d'activité des promeneurs du département : validez les bilans soumis ou renvoyez-les pour correction."
          : "Les bilans d'activité des promeneurs de votre structure : les chiffres seulement, le fait marquant reste entre le promeneur et la coordination."}
      </p>
      {coordination ? (
        <p className="mt-2">
          <a href={`/espace/rapports/retards?departement=${departement}`}>Voir les bilans en retard</a>
        </p>
      ) : null}

      <section aria-labelledby="titre-statuts" className="mt-4">
        <h2 id="titre-statuts" className="sr-only">
          Bilans par statut
        </h2>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {RAPPORT_STATUTS.map((s) => (
            <li key={s}>
              <a href={lien({ statut: s })}>
                {rapportStatutLabels[s]}&nbsp;: {formatNumber(statuts[s])}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label="Filtrer les bilans">
        <input type="hidden" name="departement" value={departement} />
        <div>
          <label htmlFor="filtre-du" className="mb-1 block font-semibold">
            Du mois
          </label>
          <input
            id="filtre-du"
            name="du"
            type="month"
            placeholder="AAAA-MM"
            pattern="\d{4}-\d{2}"
            defaultValue={filtres.du}
            className="input"
          />
        </div>
        <div>
          <label htmlFor="filtre-au" className="mb-1 block font-semibold">
            Au mois
          </label>
          <input
            id="filtre-au"
            name="au"
            type="month"
            placeholder="AAAA-MM"
            pattern="\d{4}-\d{2}"
            defaultValue={filtres.au}
            className="input"
          />
        </div>
        {loaderData.structures.length > 1 ? (
          <SelectFiltre
            id="filtre-structure"
            name="structure"
            label="Structure"
            defaultValue={filtres.structure}
            toutes="Toutes"
            options={loaderData.structures.map((s) => ({ value: s.id, label: s.nom }))}
          />
        ) : null}
        {loaderData.epci.length > 1 ? (
          <SelectFiltre
            id="filtre-epci"
            name="epci"
            label="Intercommunalité (EPCI)"
            defaultValue={filtres.epci}
            toutes="Toutes"
            options={loaderData.epci.map((e) => ({ value: e.siren, label: e.nom }))}
          />
        ) : null}
        <SelectFiltre
          id="filtre-statut"
          name="statut"
          label="Statut"
          defaultValue={filtres.statut}
          toutes="Tous"
          options={RAPPORT_STATUTS.map((s) => ({ value: s, label: rapportStatutLabels[s] }))}
        />
        <button type="submit" className="btn-secondary">
          Filtrer
        </button>
      </Form>
      <p className="mt-1 text-sm text-slate-700">Mois au format AAAA-MM (par exemple 2026-03).</p>

      {loaderData.exporter ? (
        <ExportLinksVers href={`/espace/rapports/export?${query}`} libelle="Exporter ces bilans" />
      ) : null}

      <p className="mt-4" aria-live="polite">
        {plural(total, "bilan")}
        {pages > 1 ? ` · page ${page} sur ${pages}` : ""}
      </p>
      <DataTable
        className="mt-2"
        caption="Bilans mensuels"
        captionHidden
        rows={rapports}
        rowKey={(r) => r.id}
        empty="Aucun bilan ne correspond à ces critères."
        columns={[
          {
            header: "Promeneur",
            cell: (r) => (
              <a href={`/espace/rapports/${r.id}`} className="underline">
                {r.prenom} {r.nom}
                <span className="sr-only"> : bilan de {libelleMois(r.mois)}</span>
              </a>
            ),
          },
          { header: "Structure", cell: (r) => r.structure },
          { header: "Mois", cell: (r) => libelleMois(r.mois) },
          { header: "Statut", cell: (r) => <StatutRapport statut={r.statut} /> },
          { header: "Nouveaux jeunes", cell: (r) => formatNumber(r.nouveauxJeunes), align: "right" },
          { header: "File active", cell: (r) => formatNumber(r.fileActive), align: "right" },
          { header: "Échanges", cell: (r) => formatNumber(r.echanges), align: "right" },
          { header: "Heures en ligne", cell: (r) => formatHeures(r.heuresEnLigne), align: "right" },
        ]}
      />
      {pages > 1 ? (
        <nav aria-label="Pages de la liste" className="mt-4 flex gap-4">
          {page > 1 ? <a href={lien({ page: String(page - 1) })}>← Page précédente</a> : null}
          {page < pages ? <a href={lien({ page: String(page + 1) })}>Page suivante →</a> : null}
        </nav>
      ) : null}
    </div>
  );
}
