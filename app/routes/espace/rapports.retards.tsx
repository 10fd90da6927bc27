import { departementsFor } from "~/domain/comptes/policy";
import { libelleMois, moisUrl } from "~/domain/rapports/rapport.format";
import { JOUR_ECHEANCE } from "~/domain/rapports/rapport.workflow";
import { findRapportsEnRetard } from "~/domain/rapports/rapport-liste.queries.server";
import { etatRetardLabels } from "~/domain/rapports/rapport-suivi.rules";
import { plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import { DepartementLinks } from "~/ui/departement-links";
import type { Route } from "./+types/rapports.retards";

export const meta: Route.MetaFunction = () => [{ title: "Bilans en retard – Promeneurs du Net" }];

/** The coordination's list of late reports: due months of the last twelve, per promeneur active then. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "rapport.valider");
  const departement = pickDepartement(actor, "rapport.valider", request);
  const retards = await findRapportsEnRetard(getDb(), departement, new Date());
  return { departement, departements: departementsFor(actor, "rapport.valider"), retards };
}

export default function RetardsPage({ loaderData }: Route.ComponentProps) {
  const { departement, retards } = loaderData;
  return (
    <div>
      <p>
        <a href={`/espace/rapports?departement=${departement}`}>← Tous les bilans</a>
      </p>
      <h1 className="mt-2">Bilans en retard</h1>
      <DepartementLinks
        path="/espace/rapports/retards"
        departement={departement}
        departements={loaderData.departements}
      />
      <p className="mt-2 max-w-3xl">
        Un bilan est attendu au plus tard le {JOUR_ECHEANCE} du mois suivant. Sont listés, sur les douze derniers mois,
        les promeneurs en activité ce mois-là dont le bilan n'est ni soumis ni validé. Les promeneurs qui ont un compte
        reçoivent un rappel par e-mail le 1er et le 8 du mois.
      </p>
      <p className="mt-4" aria-live="polite">
        {retards.length === 0
          ? "Aucun bilan en retard."
          : plural(retards.length, "bilan en retard", "bilans en retard")}
      </p>
      <DataTable
        className="mt-2"
        caption="Bilans en retard"
        captionHidden
        rows={retards}
        rowKey={(r) => `${r.promeneurId}-${r.mois}`}
        columns={[
          { header: "Promeneur", cell: (r) => `${r.prenom} ${r.nom}` },
          { header: "Structure", cell: (r) => r.structure },
          {
            header: "Mois",
            cell: (r) =>
              r.rapportId ? (
                <a href={`/espace/rapports/${r.rapportId}`} className="underline">
                  {libelleMois(r.mois)}
                </a>
              ) : (
                <span data-mois={moisUrl(r.mois)}>{libelleMois(r.mois)}</span>
              ),
          },
          { header: "État", cell: (r) => etatRetardLabels[r.etat] },
          {
            header: "Retard",
            cell: (r) => plural(r.joursDeRetard, "jour"),
            align: "right",
          },
        ]}
      />
    </div>
  );
}
