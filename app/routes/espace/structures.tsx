import { Form, href, Link, redirect } from "react-router";
import { structuresReferred } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { STRUCTURE_TYPES, type StructureType, structureTypeLabels } from "~/domain/structures/structure.labels";
import {
  findEpciOptions,
  findStructuresForActor,
  type StructureFilters,
} from "~/domain/structures/structure.queries.server";
import { STRUCTURE_STATUTS, type StructureStatut } from "~/domain/structures/structure.schema";
import { formatDate, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requireActor, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import { ExportLinks } from "~/ui/export-links";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/structures";

export const meta: Route.MetaFunction = () => [{ title: "Structures – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const someone = requireActor(context, request);
  // The list belongs to the coordination (national reads it); a referent goes to their structure.
  if (!can(someone, "equipe.lire")) {
    const own = structuresReferred(someone);
    if (own.length === 1) throw redirect(href("/espace/structures/:id", { id: own[0] as string }));
    if (own.length > 1) throw redirect(href("/espace/structure"));
  }
  const actor = requirePermission(context, request, "equipe.lire");
  const departement = pickDepartement(actor, "equipe.lire", request);
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const epciOptions = await findEpciOptions(db, departement);
  // Unknown values in the address are ignored (a filter never errors).
  const type = params.get("type") ?? "";
  const epci = params.get("epci") ?? "";
  const statut = params.get("statut") ?? "";
  const filters: StructureFilters = {
    departement,
    q: (params.get("q") ?? "").trim().slice(0, 100) || undefined,
    type: (STRUCTURE_TYPES as readonly string[]).includes(type) ? type : undefined,
    epci: epciOptions.some((e) => e.siren === epci) ? epci : undefined,
    statut: (STRUCTURE_STATUTS as readonly string[]).includes(statut) ? (statut as StructureStatut) : undefined,
  };
  const structures = await findStructuresForActor(db, actor, filters);
  return {
    departement,
    filters: { q: filters.q ?? "", type: filters.type ?? "", epci: filters.epci ?? "", statut: filters.statut ?? "" },
    epciOptions,
    structures,
    mayCreate: can(actor, "structure.creer", { departement }),
    mayExport: can(actor, "reseau.exporter", { departement }),
  };
}

const STATUTS = [
  { value: "active", label: "Active" },
  { value: "inactive", label: "Inactive" },
] as const;

export default function StructuresPage({ loaderData }: Route.ComponentProps) {
  const { filters } = loaderData;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1>Structures</h1>
        {loaderData.mayCreate ? (
          <Link to={`${href("/espace/structures/nouvelle")}?departement=${loaderData.departement}`} className="btn">
            Nouvelle structure
          </Link>
        ) : null}
      </div>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      {loaderData.mayExport ? <ExportLinks liste="structures" departement={loaderData.departement} /> : null}

      <Form
        method="get"
        className="mt-4 flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filtrer les structures"
      >
        <input type="hidden" name="departement" value={loaderData.departement} />
        <div>
          <label htmlFor="q" className="block font-semibold">
            Nom
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q} className="input" />
        </div>
        <SelectFiltre
          id="type"
          name="type"
          label="Type"
          defaultValue={filters.type}
          toutes="Tous les types"
          options={STRUCTURE_TYPES.map((t) => ({ value: t, label: structureTypeLabels[t] }))}
        />
        <SelectFiltre
          id="epci"
          name="epci"
          label="Intercommunalité"
          defaultValue={filters.epci}
          toutes="Toutes"
          options={loaderData.epciOptions.map((e) => ({ value: e.siren, label: e.nom }))}
        />
        <SelectFiltre
          id="statut"
          name="statut"
          label="Statut"
          defaultValue={filters.statut}
          toutes="Tous"
          options={STATUTS}
        />
        <button type="submit" className="btn-secondary">
          Filtrer
        </button>
        {filtered ? (
          <Link to={`?departement=${loaderData.departement}`} className="underline">
            Effacer les filtres
          </Link>
        ) : null}
      </Form>

      <p className="mt-4" aria-live="polite">
        {plural(loaderData.structures.length, "structure")}
        {filtered ? " correspondant aux filtres" : ""}
      </p>
      <DataTable
        caption={`Structures du département ${loaderData.departement}`}
        captionHidden
        rows={loaderData.structures}
        rowKey={(s) => s.id}
        empty="Aucune structure ne correspond."
        className="mt-2"
        columns={[
          {
            header: "Nom",
            cell: (s) => (
              <Link to={href("/espace/structures/:id", { id: s.id })} className="underline">
                {s.nom}
              </Link>
            ),
          },
          { header: "Type", cell: (s) => structureTypeLabels[s.type as StructureType] ?? s.type },
          { header: "Commune", cell: (s) => s.commune ?? "–" },
          { header: "Promeneurs actifs", cell: (s) => s.promeneursActifs, align: "right" },
          {
            header: "Charte employeur",
            cell: (s) => (s.charteSigneeLe ? `Signée le ${formatDate(s.charteSigneeLe)}` : "Non signée"),
          },
          { header: "Statut", cell: (s) => (s.statut === "active" ? "Active" : "Inactive") },
        ]}
      />
    </div>
  );
}
