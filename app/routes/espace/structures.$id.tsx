import { href, Link } from "react-router";
import { auditActionLabel } from "~/domain/audit/audit.labels";
import { findEntityHistory } from "~/domain/audit/audit.queries.server";
import { type PromeneurStatut, promeneurStatutLabels } from "~/domain/promeneurs/promeneur.labels";
import {
  type StructureType,
  structureFieldLabels,
  structureStatutLabels,
  structureTypeLabels,
} from "~/domain/structures/structure.labels";
import {
  canEditStructure,
  canProposePromeneur,
  canSeeStructurePromeneurs,
  canSeeStructureTeam,
} from "~/domain/structures/structure.policy";
import {
  countPromeneursOfStructure,
  findPromeneursOfStructure,
  findReferentsOfStructure,
  getStructureForActor,
} from "~/domain/structures/structure.queries.server";
import { formatDate, formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/structures.$id";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.structure.nom ?? "Structure"} – Promeneurs du Net` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "structure.lire");
  const db = getDb();
  const structure = await getStructureForActor(db, actor, params.id);
  if (!structure) notFound();
  const seesPromeneurs = canSeeStructurePromeneurs(actor, structure);
  const seesTeam = canSeeStructureTeam(actor, structure);
  const [promeneurs, parStatut, referents, history] = await Promise.all([
    seesPromeneurs ? findPromeneursOfStructure(db, structure.id) : Promise.resolve(null),
    countPromeneursOfStructure(db, structure.id),
    seesTeam ? findReferentsOfStructure(db, structure.id) : Promise.resolve(null),
    seesTeam ? findEntityHistory(db, "structure", structure.id) : Promise.resolve(null),
  ]);
  return {
    structure: {
      id: structure.id,
      nom: structure.nom,
      type: structure.type,
      departement: structure.departement,
      siret: structure.siret,
      adresse: structure.adresse,
      codePostal: structure.codePostal,
      commune: structure.commune,
      epci: structure.epci,
      telephone: structure.telephone,
      email: structure.email,
      siteWeb: structure.siteWeb,
      statut: structure.statut,
      charteSigneeLe: structure.charteSigneeLe,
      charteSignataire: structure.charteSignataire,
      hasCharteDocument: structure.charteDocumentId !== null,
    },
    promeneurs,
    parStatut,
    referents,
    history: history
      ? history.map((h) => ({
          id: h.id,
          at: h.at,
          actorLabel: h.actorLabel,
          label: auditActionLabel(h.action),
          changes: describeChanges(h.changes),
        }))
      : null,
    may: {
      edit: canEditStructure(actor, structure),
      propose: canProposePromeneur(actor, structure),
    },
  };
}

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(vide)";
  if (field === "charteSigneeLe" && typeof value === "string") return formatDate(value);
  if (field === "type" && typeof value === "string") return structureTypeLabels[value as StructureType] ?? value;
  if (field === "statut" && typeof value === "string") return structureStatutLabels[value] ?? value;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** "Nom : Ancien → Nouveau" for each changed field of an audit row. */
function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== "object") return [];
  return Object.entries(changes as Record<string, unknown>).map(([field, change]) => {
    const label = structureFieldLabels[field] ?? field;
    if (change && typeof change === "object" && "apres" in change) {
      const { avant, apres } = change as { avant: unknown; apres: unknown };
      return avant === null || avant === undefined
        ? `${label} : ${show(field, apres)}`
        : `${label} : ${show(field, avant)} → ${show(field, apres)}`;
    }
    return `${label} : ${show(field, change)}`;
  });
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-semibold">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export default function StructurePage({ loaderData }: Route.ComponentProps) {
  const { structure: s, may } = loaderData;
  const total = loaderData.parStatut.reduce((sum, p) => sum + p.n, 0);
  return (
    <div>
      <h1>{s.nom}</h1>
      <p className="mt-1 text-slate-700">
        {structureTypeLabels[s.type as StructureType] ?? s.type} · département {s.departement} ·{" "}
        {structureStatutLabels[s.statut] ?? s.statut}
      </p>
      {may.edit || may.propose ? (
        <ul className="mt-4 flex flex-wrap gap-2">
          {may.edit ? (
            <li>
              <Link to={href("/espace/structures/:id/modifier", { id: s.id })} className="btn">
                Modifier
              </Link>
            </li>
          ) : null}
          {may.edit ? (
            <li>
              <Link to={href("/espace/structures/:id/charte", { id: s.id })} className="btn-secondary">
                Enregistrer la charte employeur
              </Link>
            </li>
          ) : null}
          {may.propose ? (
            <li>
              <Link to={`${href("/espace/promeneurs/proposer")}?structure=${s.id}`} className="btn-secondary">
                Proposer un promeneur
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      <section aria-labelledby="fiche" className="mt-6">
        <h2 id="fiche">Coordonnées</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <Row label="SIRET">{s.siret ?? "–"}</Row>
          <Row label="Adresse">
            {[s.adresse, [s.codePostal, s.commune].filter(Boolean).join(" ")].filter(Boolean).join(", ") || "–"}
          </Row>
          <Row label="Intercommunalité">{s.epci ?? "–"}</Row>
          <Row label="Téléphone">
            {s.telephone ? <a href={`tel:${s.telephone.replace(/\s/g, "")}`}>{s.telephone}</a> : "–"}
          </Row>
          <Row label="E-mail">{s.email ? <a href={`mailto:${s.email}`}>{s.email}</a> : "–"}</Row>
          <Row label="Site web">
            {s.siteWeb ? (
              <a href={s.siteWeb} rel="noopener noreferrer" className="break-all underline">
                {s.siteWeb}
              </a>
            ) : (
              "–"
            )}
          </Row>
        </dl>
      </section>

      <section aria-labelledby="charte" className="mt-8">
        <h2 id="charte">Charte employeur</h2>
        {s.charteSigneeLe ? (
          <p className="mt-2">
            Signée le {formatDate(s.charteSigneeLe)}
            {s.charteSignataire ? ` par ${s.charteSignataire}` : ""}.{" "}
            {s.hasCharteDocument ? (
              <a href={href("/espace/structures/:id/charte/document", { id: s.id })} className="underline" download>
                Télécharger la charte signée
              </a>
            ) : null}
          </p>
        ) : (
          <p className="mt-2">Non signée.</p>
        )}
      </section>

      <section aria-labelledby="promeneurs" className="mt-8">
        <h2 id="promeneurs">Promeneurs</h2>
        {loaderData.promeneurs ? (
          <DataTable
            className="mt-2"
            caption={`Promeneurs de ${s.nom}`}
            captionHidden
            rows={loaderData.promeneurs}
            rowKey={(p) => p.id}
            empty="Aucun promeneur dans cette structure."
            columns={[
              {
                header: "Nom public",
                cell: (p) => (
                  <Link to={href("/espace/promeneurs/:id", { id: p.id })} className="underline">
                    {p.nomPublic}
                  </Link>
                ),
              },
              { header: "Prénom et nom", cell: (p) => `${p.prenom} ${p.nom}` },
              { header: "Statut", cell: (p) => promeneurStatutLabels[p.statut as PromeneurStatut] ?? p.statut },
            ]}
          />
        ) : total === 0 ? (
          <p className="mt-2">Aucun promeneur dans cette structure.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {loaderData.parStatut.map((p) => (
              <li key={p.statut}>
                {promeneurStatutLabels[p.statut as PromeneurStatut] ?? p.statut} : {p.n}
              </li>
            ))}
          </ul>
        )}
      </section>

      {loaderData.referents ? (
        <section aria-labelledby="referents" className="mt-8">
          <h2 id="referents">Référents</h2>
          <DataTable
            className="mt-2"
            caption={`Référents de ${s.nom}`}
            captionHidden
            rows={loaderData.referents}
            rowKey={(r) => r.userId}
            empty="Aucun référent n'a encore de compte pour cette structure."
            columns={[
              { header: "Nom", cell: (r) => r.nom },
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

      {loaderData.history ? (
        <section aria-labelledby="historique" className="mt-8">
          <h2 id="historique">Historique</h2>
          <DataTable
            className="mt-2"
            caption={`Historique des modifications de ${s.nom}`}
            captionHidden
            rows={loaderData.history}
            rowKey={(h) => h.id}
            empty="Aucune modification enregistrée."
            columns={[
              { header: "Date", cell: (h) => formatDateTime(h.at) },
              { header: "Par", cell: (h) => h.actorLabel },
              { header: "Action", cell: (h) => h.label },
              {
                header: "Changements",
                cell: (h) =>
                  h.changes.length ? (
                    <ul>
                      {h.changes.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  ) : (
                    "–"
                  ),
              },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
