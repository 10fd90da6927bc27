import { lectureLabel } from "~/domain/annonces/annonce.labels";
import { findAnnoncesForActor } from "~/domain/annonces/annonce.queries.server";
import { auditActionLabel } from "~/domain/audit/audit.labels";
import { findAuditForActor } from "~/domain/audit/audit.queries.server";
import { findPendingInvitations, findTeam } from "~/domain/comptes/user.queries.server";
import { countNumerosAReverifier } from "~/domain/orientation/numero.queries.server";
import { countProfilsASuivre } from "~/domain/profils/conformite.queries.server";
import { countProjetsAttendantSoutien } from "~/domain/projets/projet.queries.server";
import { countPromeneursParStatut } from "~/domain/promeneurs/promeneur.queries.server";
import { countRapportsAValider, findRapportsEnRetard } from "~/domain/rapports/rapport-liste.queries.server";
import { countPromeneursSignales } from "~/domain/regroupements/participation.queries.server";
import { periodeParDefaut } from "~/domain/regroupements/participation.rules";
import { countStructures } from "~/domain/structures/structure.queries.server";
import { countTerritoire } from "~/domain/territoire/territoire.queries.server";
import { formatDate, formatDateTime, formatNumber, plural } from "~/lib/format";
import { jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import type { Route } from "./+types/coordination";

export const meta: Route.MetaFunction = () => [{ title: "Tableau de bord – Coordination" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "coordination.acceder");
  const departement = pickDepartement(actor, "coordination.acceder", request);
  const db = getDb();
  const now = new Date();
  const [structures, team, invitations, territoire, recent, annonces, statuts, suivi] = await Promise.all([
    countStructures(db, departement),
    findTeam(db, departement),
    findPendingInvitations(db, departement, new Date()),
    countTerritoire(db, departement),
    findAuditForActor(db, actor, { departement, limit: 8 }),
    findAnnoncesForActor(db, actor, departement, { limit: 3 }),
    countPromeneursParStatut(db, departement),
    countProfilsASuivre(db, departement, now),
  ]);
  const numerosAReverifier = await countNumerosAReverifier(db, departement, jourParis(now));
  const projetsSoutien = await countProjetsAttendantSoutien(db, departement);
  const [rapportsAValider, rapportsEnRetard, participationSignales] = await Promise.all([
    countRapportsAValider(db, departement),
    findRapportsEnRetard(db, departement, now),
    // Indicator 6 over the last 12 months: promeneurs under the département's attendance threshold.
    countPromeneursSignales(db, { departement, periode: periodeParDefaut(now), now }),
  ]);
  const aTraiter = {
    propositions: statuts.propose ?? 0,
    aActiver: statuts.forme ?? 0,
    profils: suivi.enRetard,
    echeances: suivi.echeances,
  };
  return {
    departement,
    structures,
    people: team.length,
    invitations: invitations.length,
    territoire,
    recent,
    annonces,
    actifs: statuts.actif ?? 0,
    aTraiter,
    numerosAReverifier,
    projetsSoutien,
    participationSignales,
    rapportsAValider,
    rapportsEnRetard: rapportsEnRetard.length,
  };
}

export default function CoordinationHome({ loaderData }: Route.ComponentProps) {
  const { territoire, aTraiter } = loaderData;
  return (
    <div>
      <h1>Tableau de bord de la coordination</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <section aria-labelledby="a-traiter" className="mt-6 rounded-md border border-pdn-700 bg-pdn-50 p-4">
        <h2 id="a-traiter">À traiter</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>
            <a href={`/espace/promeneurs?statut=propose&departement=${loaderData.departement}`}>
              {plural(aTraiter.propositions, "proposition de promeneur", "propositions de promeneur")} en attente
            </a>
          </li>
          <li>
            <a href={`/espace/promeneurs?statut=forme&departement=${loaderData.departement}`}>
              {plural(aTraiter.aActiver, "promeneur formé", "promeneurs formés")} à activer
            </a>
          </li>
          <li>
            <a href={`/espace/conformite?departement=${loaderData.departement}`}>
              {plural(aTraiter.profils, "profil", "profils")} à vérifier ou non conformes
            </a>
            , {plural(aTraiter.echeances, "vérification", "vérifications")} à renouveler dans les 30 jours
          </li>
          <li>
            <a href={`/espace/numeros?departement=${loaderData.departement}`}>
              {plural(loaderData.numerosAReverifier, "numéro d'aide", "numéros d'aide")} à revérifier
            </a>{" "}
            (non vérifiés depuis 12 mois)
          </li>
          <li>
            <a href={`/espace/rapports?statut=soumis&departement=${loaderData.departement}`}>
              {plural(loaderData.rapportsAValider, "bilan mensuel", "bilans mensuels")} à valider
            </a>
            ,{" "}
            <a href={`/espace/rapports/retards?departement=${loaderData.departement}`}>
              {plural(loaderData.rapportsEnRetard, "bilan en retard", "bilans en retard")}
            </a>
          </li>
          <li>
            Projets qui attendent votre soutien&nbsp;:{" "}
            <a href={`/espace/projets?departement=${loaderData.departement}&soutien=1`}>
              {plural(loaderData.projetsSoutien, "projet de jeunes", "projets de jeunes")}
            </a>
          </li>
          <li>
            Participation aux regroupements&nbsp;:{" "}
            <a href={`/espace/participation?departement=${loaderData.departement}`}>
              {plural(loaderData.participationSignales, "promeneur signalé", "promeneurs signalés")}
            </a>{" "}
            sous le seuil sur les 12 derniers mois
          </li>
        </ul>
      </section>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <li className="rounded-md border border-slate-300 p-4">
          <p className="text-3xl font-bold">{formatNumber(loaderData.actifs)}</p>
          <p>
            <a href={`/espace/promeneurs?statut=actif&departement=${loaderData.departement}`}>
              {loaderData.actifs > 1 ? "promeneurs actifs" : "promeneur actif"}
            </a>
          </p>
        </li>
        <li className="rounded-md border border-slate-300 p-4">
          <p className="text-3xl font-bold">{formatNumber(loaderData.structures)}</p>
          <p>
            <a href="/espace/structures">{loaderData.structures > 1 ? "structures" : "structure"}</a>
          </p>
        </li>
        <li className="rounded-md border border-slate-300 p-4">
          <p className="text-3xl font-bold">{formatNumber(loaderData.people)}</p>
          <p>
            <a href="/espace/equipe">{loaderData.people > 1 ? "comptes actifs" : "compte actif"}</a>
          </p>
        </li>
        <li className="rounded-md border border-slate-300 p-4">
          <p className="text-3xl font-bold">{formatNumber(loaderData.invitations)}</p>
          <p>
            <a href="/espace/equipe">
              {loaderData.invitations > 1 ? "invitations en attente" : "invitation en attente"}
            </a>
          </p>
        </li>
        <li className="rounded-md border border-slate-300 p-4">
          <p className="text-3xl font-bold">{formatNumber(territoire.communes)}</p>
          <p>
            <a href="/espace/territoire">communes</a>, dont {plural(territoire.frrPlus, "FRR+", "FRR+")}
          </p>
        </li>
      </ul>
      <section aria-labelledby="annonces" className="mt-8">
        <h2 id="annonces">Dernières annonces envoyées</h2>
        {loaderData.annonces.length === 0 ? (
          <p className="mt-2">Aucune annonce envoyée pour le moment.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {loaderData.annonces.map((a) => (
              <li key={a.id} className="py-2">
                <a href={`/espace/annonces/${a.id}`}>{a.titre}</a>{" "}
                <span className="text-slate-700">
                  · {formatDate(a.publieeLe)} · {lectureLabel(a.lues ?? 0, a.destinataires)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 flex flex-wrap gap-4">
          <a href={`/espace/annonces/nouvelle?departement=${loaderData.departement}`}>Nouvelle annonce</a>
          <a href={`/espace/annonces?departement=${loaderData.departement}`}>Toutes les annonces</a>
        </p>
      </section>
      <section aria-labelledby="recent" className="mt-8">
        <h2 id="recent">Dernières modifications</h2>
        {loaderData.recent.length === 0 ? (
          <p className="mt-2">Aucune modification enregistrée.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {loaderData.recent.map((entry) => (
              <li key={entry.id} className="py-2">
                <span className="text-slate-700">{formatDateTime(entry.at)}</span> · {entry.actorLabel} ·{" "}
                {auditActionLabel(entry.action)}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2">
          <a href="/espace/journal">Tout le journal</a>
        </p>
      </section>
    </div>
  );
}
