import { href, Link } from "react-router";
import { findAnnoncesNonLues } from "~/domain/annonces/annonce.queries.server";
import { structuresReferred } from "~/domain/comptes/actor";
import { type StructureType, structureTypeLabels } from "~/domain/structures/structure.labels";
import { canEditStructure, canProposePromeneur } from "~/domain/structures/structure.policy";
import { findStructuresForActor } from "~/domain/structures/structure.queries.server";
import { formatDate, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { forbidden } from "~/server/errors.server";
import { requirePermission } from "~/server/request.server";
import { AnnoncesRecentes } from "~/ui/annonces-recentes";
import type { Route } from "./+types/structure";

export const meta: Route.MetaFunction = () => [{ title: "Ma structure – Promeneurs du Net" }];

/** The referent's home: their structure (or structures) with the links they use. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "structure.lire");
  const own = structuresReferred(actor);
  if (own.length === 0) forbidden("Cette page est celle des référents de structure.");
  const db = getDb();
  const [all, annonces] = await Promise.all([
    findStructuresForActor(db, actor),
    findAnnoncesNonLues(db, actor.userId, 5),
  ]);
  return {
    annonces,
    structures: all
      .filter((s) => own.includes(s.id))
      .map((s) => ({
        ...s,
        mayEdit: canEditStructure(actor, s),
        mayPropose: canProposePromeneur(actor, s),
      })),
  };
}

export default function StructureHome({ loaderData }: Route.ComponentProps) {
  return (
    <div>
      <h1>{loaderData.structures.length > 1 ? "Mes structures" : "Ma structure"}</h1>
      <AnnoncesRecentes annonces={loaderData.annonces} />
      {loaderData.structures.map((s) => (
        <section
          key={s.id}
          aria-labelledby={`structure-${s.id}`}
          className="mt-6 rounded-md border border-slate-300 p-4"
        >
          <h2 id={`structure-${s.id}`}>{s.nom}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-semibold">Type</dt>
            <dd>{structureTypeLabels[s.type as StructureType] ?? s.type}</dd>
            <dt className="font-semibold">Commune</dt>
            <dd>{s.commune ?? "–"}</dd>
            <dt className="font-semibold">Statut</dt>
            <dd>{s.statut === "active" ? "Active" : "Inactive"}</dd>
            <dt className="font-semibold">Promeneurs actifs</dt>
            <dd>{plural(s.promeneursActifs, "promeneur actif", "promeneurs actifs")}</dd>
            <dt className="font-semibold">Charte employeur</dt>
            <dd>{s.charteSigneeLe ? `Signée le ${formatDate(s.charteSigneeLe)}` : "Non signée"}</dd>
          </dl>
          <ul className="mt-4 flex flex-wrap gap-2">
            <li>
              <Link to={href("/espace/structures/:id", { id: s.id })} className="btn-secondary">
                Voir la fiche<span className="sr-only"> de {s.nom}</span>
              </Link>
            </li>
            <li>
              <a href={`/espace/rapports?departement=${s.departement}&structure=${s.id}`} className="btn-secondary">
                Bilans mensuels des promeneurs<span className="sr-only"> de {s.nom}</span>
              </a>
            </li>
            {s.mayEdit ? (
              <li>
                <Link to={href("/espace/structures/:id/modifier", { id: s.id })} className="btn-secondary">
                  Modifier<span className="sr-only"> {s.nom}</span>
                </Link>
              </li>
            ) : null}
            {s.mayEdit && !s.charteSigneeLe ? (
              <li>
                <Link to={href("/espace/structures/:id/charte", { id: s.id })} className="btn-secondary">
                  Enregistrer la charte employeur<span className="sr-only"> de {s.nom}</span>
                </Link>
              </li>
            ) : null}
            {s.mayPropose ? (
              <li>
                <Link to={`${href("/espace/promeneurs/proposer")}?structure=${s.id}`} className="btn">
                  Proposer un promeneur<span className="sr-only"> pour {s.nom}</span>
                </Link>
              </li>
            ) : null}
          </ul>
        </section>
      ))}
    </div>
  );
}
