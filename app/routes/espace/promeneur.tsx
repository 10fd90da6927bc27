import { findAnnoncesNonLues } from "~/domain/annonces/annonce.queries.server";
import { formatCreneauDate } from "~/domain/presences/presence.format";
import { findAccueilPromeneur } from "~/domain/promeneurs/fiche.queries.server";
import { type PromeneurStatut, promeneurStatutLabels } from "~/domain/promeneurs/promeneur.labels";
import { plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { requirePermission } from "~/server/request.server";
import { AnnoncesRecentes } from "~/ui/annonces-recentes";
import type { Route } from "./+types/promeneur";

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

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "promeneur.acceder");
  const now = new Date();
  const db = getDb();
  const [accueil, annonces] = await Promise.all([
    findAccueilPromeneur(db, actor.userId, now),
    findAnnoncesNonLues(db, actor.userId, 5),
  ]);
  if (!accueil) return { nom: actor.nom, fiche: null, annonces };
  const { promeneur } = accueil;
  const statut = promeneur.statut as PromeneurStatut;
  return {
    nom: actor.nom,
    annonces,
    fiche: {
      id: promeneur.id,
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
