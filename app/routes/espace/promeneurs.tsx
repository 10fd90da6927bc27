import { Form, href, Link } from "react-router";
import { structuresReferred } from "~/domain/comptes/actor";
import { can, departementsFor } from "~/domain/comptes/policy";
import { PROMENEUR_STATUTS, type PromeneurStatut, promeneurStatutLabels } from "~/domain/promeneurs/promeneur.labels";
import { findPromeneursForActor } from "~/domain/promeneurs/promeneur.queries.server";
import { findStructuresForActor } from "~/domain/structures/structure.queries.server";
import { formatDate, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import { ExportLinks } from "~/ui/export-links";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/promeneurs";

export const meta: Route.MetaFunction = () => [{ title: "Promeneurs – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "promeneur.lire");
  const url = new URL(request.url);
  const filtres = {
    statut: url.searchParams.get("statut") ?? "",
    structureId: url.searchParams.get("structure") ?? "",
    // The dashboard's links name their département; another one than the actor's answers 404 (pickDepartement).
    departement: url.searchParams.get("departement") ?? "",
    q: (url.searchParams.get("q") ?? "").slice(0, 100),
  };
  const db = getDb();
  const referred = structuresReferred(actor);
  const lus = departementsFor(actor, "promeneur.lire");
  // The départements to choose among: the actor's own (national: the one the link asked for).
  const departements = can(actor, "national.lire")
    ? filtres.departement
      ? [filtres.departement]
      : []
    : lus.length > 1 || (filtres.departement && lus.includes(filtres.departement))
      ? lus
      : [];
  const [promeneurs, structures] = await Promise.all([
    findPromeneursForActor(db, actor, filtres),
    findStructuresForActor(db, actor),
  ]);
  return {
    filtres,
    promeneurs,
    // Scoped like the list: a referent filters among their own structures only.
    structures: structures.map((s) => ({ id: s.id, nom: s.nom })),
    departements,
    peutProposer: referred.length > 0,
    // The coordination (and the national role) downloads the list of a département.
    exportDepartement: can(actor, "reseau.exporter") ? pickDepartement(actor, "reseau.exporter", request) : null,
  };
}

export default function PromeneursPage({ loaderData }: Route.ComponentProps) {
  const { filtres, promeneurs, structures, departements, peutProposer, exportDepartement } = loaderData;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Promeneurs</h1>
        {peutProposer ? (
          <Link to={href("/espace/promeneurs/proposer")} className="btn">
            Proposer un promeneur
          </Link>
        ) : null}
      </div>
      {exportDepartement ? <ExportLinks liste="promeneurs" departement={exportDepartement} /> : null}

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label="Filtrer les promeneurs">
        <div>
          <label htmlFor="filtre-q" className="mb-1 block font-semibold">
            Nom
          </label>
          <input id="filtre-q" name="q" type="search" defaultValue={filtres.q} className="input" />
        </div>
        <SelectFiltre
          id="filtre-statut"
          name="statut"
          label="Statut"
          defaultValue={filtres.statut}
          toutes="Tous"
          options={PROMENEUR_STATUTS.map((s) => ({ value: s, label: promeneurStatutLabels[s] }))}
        />
        {departements.length > 0 ? (
          <SelectFiltre
            id="filtre-departement"
            name="departement"
            label="Département"
            defaultValue={filtres.departement}
            toutes="Tous"
            options={departements.map((d) => ({ value: d, label: d }))}
          />
        ) : null}
        {structures.length > 1 ? (
          <SelectFiltre
            id="filtre-structure"
            name="structure"
            label="Structure"
            defaultValue={filtres.structureId}
            toutes="Toutes"
            options={structures.map((s) => ({ value: s.id, label: s.nom }))}
          />
        ) : null}
        <button type="submit" className="btn-secondary">
          Filtrer
        </button>
      </Form>

      <p className="mt-4" aria-live="polite">
        {plural(promeneurs.length, "promeneur")}
      </p>
      <DataTable
        className="mt-2"
        caption="Promeneurs"
        captionHidden
        rows={promeneurs}
        rowKey={(p) => p.id}
        empty="Aucun promeneur ne correspond à ces critères."
        columns={[
          {
            header: "Nom",
            cell: (p) => (
              <Link to={href("/espace/promeneurs/:id", { id: p.id })} className="underline">
                {p.prenom} {p.nom}
              </Link>
            ),
          },
          { header: "Nom public", cell: (p) => p.nomPublic },
          { header: "Fonction", cell: (p) => p.fonction },
          { header: "Structure", cell: (p) => p.structure },
          { header: "Statut", cell: (p) => promeneurStatutLabels[p.statut as PromeneurStatut] ?? p.statut },
          { header: "Depuis le", cell: (p) => formatDate(p.statutDepuis) },
        ]}
      />
    </div>
  );
}
