import { Form } from "react-router";
import { findAnnuaire, findAnnuaireStructures } from "~/domain/annuaire/annuaire.queries.server";
import { ANNUAIRE_ROLES, annuaireRoleLabels, parseAnnuaireFiltres } from "~/domain/annuaire/annuaire.rules";
import { departementsFor } from "~/domain/comptes/policy";
import { plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/annuaire";

export const meta: Route.MetaFunction = () => [{ title: "Annuaire du réseau – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "annuaire.lire");
  const url = new URL(request.url);
  const departement = pickDepartement(actor, "annuaire.lire", request);
  const filtres = parseAnnuaireFiltres(url.searchParams);
  const db = getDb();
  const [annuaire, structures] = await Promise.all([
    findAnnuaire(db, departement, filtres),
    findAnnuaireStructures(db, departement),
  ]);
  return {
    departement,
    departements: departementsFor(actor, "annuaire.lire"),
    filtres,
    structures,
    ...annuaire,
  };
}

export default function AnnuairePage({ loaderData }: Route.ComponentProps) {
  const { filtres, promeneurs, referents, coordination } = loaderData;
  const filtered = Boolean(filtres.q || filtres.structureId || filtres.role);
  return (
    <div>
      <h1>Annuaire du réseau</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <p className="mt-3 max-w-3xl">
        Les coordonnées professionnelles des promeneurs en activité, des référents de structure et de la coordination,
        pour échanger sur vos pratiques. Elles sont réservées au réseau : ne les transmettez pas à l'extérieur.
      </p>

      <search aria-label="Filtrer l'annuaire" className="mt-6 block">
        <Form method="get" className="flex flex-wrap items-end gap-4 rounded-md border border-slate-300 p-4">
          {loaderData.departements.length > 1 ? (
            <div>
              <label htmlFor="annuaire-departement" className="mb-1 block font-semibold">
                Département
              </label>
              <select
                id="annuaire-departement"
                name="departement"
                defaultValue={loaderData.departement}
                className="input"
              >
                {loaderData.departements.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label htmlFor="annuaire-q" className="mb-1 block font-semibold">
              Nom ou structure
            </label>
            <input id="annuaire-q" name="q" type="search" defaultValue={filtres.q ?? ""} className="input" />
          </div>
          <SelectFiltre
            id="annuaire-structure"
            name="structure"
            label="Structure"
            defaultValue={filtres.structureId}
            toutes="Toutes les structures"
            options={loaderData.structures.map((s) => ({ value: s.id, label: s.nom }))}
          />
          <SelectFiltre
            id="annuaire-role"
            name="role"
            label="Qui"
            defaultValue={filtres.role}
            toutes="Tout le réseau"
            options={ANNUAIRE_ROLES.map((role) => ({ value: role, label: annuaireRoleLabels[role] }))}
          />
          <button type="submit" className="btn">
            Filtrer
          </button>
          {filtered ? <a href={`/espace/annuaire?departement=${loaderData.departement}`}>Effacer les filtres</a> : null}
        </Form>
      </search>

      {coordination ? (
        <section aria-labelledby="annuaire-coordination" className="mt-8">
          <h2 id="annuaire-coordination">Coordination départementale</h2>
          {coordination.length === 0 ? (
            <p className="mt-2">Personne ne correspond à la recherche.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {coordination.map((c) => (
                <li key={c.userId} className="py-2">
                  {c.nom} ·{" "}
                  <a href={`mailto:${c.email}`} className="break-all">
                    {c.email}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {promeneurs ? (
        <section aria-labelledby="annuaire-promeneurs" className="mt-8">
          <h2 id="annuaire-promeneurs">Promeneurs ({plural(promeneurs.length, "personne")})</h2>
          <DataTable
            className="mt-3"
            caption="Promeneurs en activité du département"
            captionHidden
            rows={promeneurs}
            rowKey={(p) => p.id}
            empty="Aucun promeneur ne correspond à la recherche."
            columns={[
              {
                header: "Nom",
                cell: (p) => (
                  <>
                    {p.prenom} {p.nom}
                    {p.nomPublic !== p.prenom ? (
                      <span className="block text-slate-700">Nom public : {p.nomPublic}</span>
                    ) : null}
                  </>
                ),
              },
              { header: "Fonction", cell: (p) => p.fonction },
              {
                header: "Structure",
                cell: (p) => (
                  <>
                    {p.structure}
                    {p.commune ? <span className="block text-slate-700">{p.commune}</span> : null}
                  </>
                ),
              },
              {
                header: "Contact",
                cell: (p) => (
                  <>
                    <a href={`mailto:${p.email}`} className="break-all">
                      {p.email}
                    </a>
                    {p.telephone ? (
                      <span className="block">
                        <a href={`tel:${p.telephone.replace(/[^\d+]/g, "")}`}>{p.telephone}</a>
                      </span>
                    ) : null}
                  </>
                ),
              },
              { header: "Réseaux", cell: (p) => (p.reseaux.length ? p.reseaux.join(", ") : "–") },
            ]}
          />
        </section>
      ) : null}

      {referents ? (
        <section aria-labelledby="annuaire-referents" className="mt-8">
          <h2 id="annuaire-referents">Référents de structure ({plural(referents.length, "personne")})</h2>
          <DataTable
            className="mt-3"
            caption="Référents des structures du département"
            captionHidden
            rows={referents}
            rowKey={(r) => r.userId}
            empty="Aucun référent ne correspond à la recherche."
            columns={[
              { header: "Nom", cell: (r) => r.nom },
              { header: "Structure", cell: (r) => r.structures.join(", ") },
              {
                header: "E-mail",
                cell: (r) => (
                  <a href={`mailto:${r.email}`} className="break-all">
                    {r.email}
                  </a>
                ),
              },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
