import { findAnnoncesNonLues } from "~/domain/annonces/annonce.queries.server";
import { formatCreneauDate } from "~/domain/presences/presence.format";
import { findAccueilPromeneur } from "~/domain/promeneurs/fiche.queries.server";
import { type PromeneurStatut, promeneurStatutLabels } from "~/domain/promeneurs/promeneur.labels";
import { refusDeclarant } from "~/domain/rapports/rapport.commands.server";
import { libelleMois } from "~/domain/rapports/rapport.format";
import { type RapportStatut, rapportStatutLabels } from "~/domain/rapports/rapport.labels";
import { findRapportsDuPromeneur } from "~/domain/rapports/rapport.queries.server";
import { deMois } from "~/domain/rapports/rapport.rules";
import { ajouterMoisIso, moisCourant } from "~/domain/rapports/rapport.workflow";
import { findProchainesInvitations } from "~/domain/regroupements/invitation.queries.server";
import { findParticipationDeLAnnee } from "~/domain/regroupements/participation.queries.server";
import { HEURES_PAR_JOUR } from "~/domain/regroupements/participation.rules";
import { formatDate, formatHeures, plural } from "~/lib/format";
import { type Executor, getDb } from "~/server/db.server";
import { requirePermission } from "~/server/request.server";
import { AnnoncesRecentes } from "~/ui/annonces-recentes";
import type { Route } from "./+types/promeneur";
import { ProchainsRegroupements } from "./regroupements.form";

export const meta: Route.MetaFunction = () => [{ title: "Mon activité – Promeneur du Net" }];

/** What each status means for the promeneur, in a sentence. */
const statutExplications = {
  propose: "Votre structure vous a proposé : la coordination étudie la proposition.",
  accepte: "La coordination a accepté votre candidature : reste la charte à signer et la formation initiale.",
  forme: "Vous avez suivi la formation initiale : la coordination vous activera dès qu'un profil sera conforme.",
  actif: "Vous êtes actif : votre fiche publique est visible sur le site.",
  suspendu: "Votre présence est suspendue : votre fiche n'est plus visible sur le site.",
  sorti: "Vous avez quitté le dispositif.",
  refuse: "La proposition n'a pas été retenue.",
} satisfies Record<PromeneurStatut, string>;

/** Last month's report: its status, or the due date while it is still to submit. Null when it is not due (before entry). */
async function bilanDuMoisDernier(db: Executor, promeneurId: string, now: Date) {
  const moisDernier = ajouterMoisIso(moisCourant(now), -1);
  const mois = (await findRapportsDuPromeneur(db, promeneurId, now))?.find((m) => m.mois === moisDernier);
  if (!mois) return null;
  const aSoumettre = mois.statut === null || mois.statut === "brouillon" || mois.statut === "a_corriger";
  return {
    deMois: deMois(libelleMois(mois.mois)),
    etat: aSoumettre
      ? `${mois.statut ? rapportStatutLabels[mois.statut].toLowerCase() : "à faire"}, à soumettre au plus tard le ${formatDate(mois.echeance)}`
      : rapportStatutLabels[mois.statut as RapportStatut].toLowerCase(),
    enRetard: mois.enRetard,
  };
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "promeneur.acceder");
  const now = new Date();
  const db = getDb();
  const [accueil, annonces, regroupements] = await Promise.all([
    findAccueilPromeneur(db, actor.userId, now),
    findAnnoncesNonLues(db, actor.userId, 5),
    findProchainesInvitations(db, actor.userId, now),
  ]);
  if (!accueil) return { nom: actor.nom, fiche: null, annonces, bilan: null, regroupements };
  const { promeneur } = accueil;
  // Only a promeneur who files reports (active or suspended) is reminded of them.
  const [bilan, participation] = await Promise.all([
    refusDeclarant(promeneur.statut) === null ? bilanDuMoisDernier(db, promeneur.id, now) : null,
    // Their own participation in gatherings this year (indicator 6), once some attendance is recorded.
    findParticipationDeLAnnee(db, promeneur, now),
  ]);
  const statut = promeneur.statut as PromeneurStatut;
  return {
    nom: actor.nom,
    annonces,
    bilan,
    regroupements,
    fiche: {
      id: promeneur.id,
      participation,
      nomPublic: promeneur.nomPublic,
      statut: promeneurStatutLabels[statut] ?? promeneur.statut,
      explication: statutExplications[statut] ?? "",
      profils:
        accueil.profils === 0
          ? "aucun profil déclaré"
          : `${plural(accueil.profils, "profil déclaré", "profils déclarés")}, dont ${plural(accueil.profilsConformes, "conforme")}`,
      horaires:
        accueil.creneaux === 0
          ? "aucun créneau déclaré"
          : accueil.enLigne
            ? "en ligne en ce moment"
            : accueil.prochain
              ? `prochain créneau : ${formatCreneauDate(accueil.prochain)}`
              : "aucun créneau dans les 14 prochains jours",
    },
  };
}

export default function PromeneurHome({ loaderData }: Route.ComponentProps) {
  const { fiche } = loaderData;
  return (
    <div>
      <h1>Bonjour {loaderData.nom}</h1>
      <p className="mt-2">
        Votre espace de promeneur : votre profil public, vos horaires de présence, vos bilans mensuels et les
        regroupements du réseau.
      </p>
      <AnnoncesRecentes annonces={loaderData.annonces} />
      <ProchainsRegroupements invitations={loaderData.regroupements} retour="/espace/promeneur" />
      {fiche ? (
        <>
          <section aria-labelledby="statut" className="mt-6">
            <h2 id="statut">Votre statut : {fiche.statut}</h2>
            <p className="mt-1">{fiche.explication}</p>
          </section>
          <section aria-labelledby="presence" className="mt-6">
            <h2 id="presence">Votre présence en ligne</h2>
            <ul className="mt-2 list-disc space-y-1 pl-6">
              <li>
                <a href={`/espace/promeneurs/${fiche.id}/fiche`}>Ma fiche publique</a> : « {fiche.nomPublic} », photo,
                présentation, thèmes.
              </li>
              <li>
                <a href={`/espace/promeneurs/${fiche.id}/profils`}>Mes profils sur les réseaux</a> : {fiche.profils}.
              </li>
              <li>
                <a href={`/espace/promeneurs/${fiche.id}/horaires`}>Mes horaires de présence</a> : {fiche.horaires}.
              </li>
              <li>
                <a href={`/espace/promeneurs/${fiche.id}/territoire`}>Mon territoire</a> : communes et intercommunalités
                où vous intervenez.
              </li>
            </ul>
          </section>
          <section aria-labelledby="bilans" className="mt-6">
            <h2 id="bilans">Bilans mensuels</h2>
            <p className="mt-1">
              <a href="/espace/mes-rapports">Mes bilans mensuels</a> : vos chiffres d'activité de chaque mois pour la
              coordination.
              {loaderData.bilan ? (
                <>
                  {" "}
                  Bilan {loaderData.bilan.deMois} : {loaderData.bilan.etat}
                  {loaderData.bilan.enRetard ? (
                    <>
                      {" "}
                      <span className="rounded-full bg-alerte-700 px-2 py-0.5 text-sm font-semibold text-white">
                        en retard
                      </span>
                    </>
                  ) : null}
                  .
                </>
              ) : null}
            </p>
          </section>
          {fiche.participation ? (
            <section aria-labelledby="participation" className="mt-6">
              <h2 id="participation">Ma participation aux regroupements cette année</h2>
              <p className="mt-1">
                Présent à {fiche.participation.presents} sur{" "}
                {plural(
                  fiche.participation.notees,
                  "regroupement dont la présence a été notée",
                  "regroupements dont la présence a été notée",
                )}
                {fiche.participation.taux === null ? "" : ` (${fiche.participation.taux}\u00a0%)`}, soit{" "}
                {formatHeures(fiche.participation.heures, 2)} de formation (formations, analyses et échanges de
                pratiques&nbsp;; {HEURES_PAR_JOUR}&nbsp;h par jour pour un regroupement sur plusieurs jours).
              </p>
            </section>
          ) : null}
          <section aria-labelledby="projets" className="mt-6">
            <h2 id="projets">Projets de jeunes</h2>
            <p className="mt-1">
              <a href="/espace/projets?vue=miens">Mes projets de jeunes</a> : les initiatives de jeunes que vous
              accompagnez en ligne, et vos demandes de soutien à la coordination.
            </p>
          </section>
          <section aria-labelledby="situations" className="mt-6">
            <h2 id="situations">Situations préoccupantes</h2>
            <p className="mt-1">
              <a href="/espace/situations">Mes situations préoccupantes</a>&nbsp;: ce qui vous a inquiété en ligne et ce
              que vous avez fait, sans rien qui identifie le jeune.{" "}
              <a href="/espace/situations/nouvelle">Enregistrer une situation</a>, avec les numéros utiles et la
              procédure d'information préoccupante.
            </p>
          </section>
        </>
      ) : (
        <p className="mt-6 rounded-md border border-slate-300 bg-slate-50 px-4 py-3">
          Votre compte n'est pas encore relié à une fiche de promeneur : contactez la coordination.
        </p>
      )}
      <section aria-labelledby="utile" className="mt-6">
        <h2 id="utile">Utile</h2>
        <ul className="mt-2 list-disc pl-6">
          <li>
            <a href="/espace/compte">Mon compte</a> : mot de passe et sécurité.
          </li>
          <li>
            <a href="/besoin-d-aide">Numéros d'urgence et d'orientation</a>, à garder sous la main.
          </li>
        </ul>
      </section>
    </div>
  );
}
