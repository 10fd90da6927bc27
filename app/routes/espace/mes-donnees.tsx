import { href } from "react-router";
import { CONSERVATION_COMPTES_INACTIFS_ANS } from "~/domain/donnees-personnelles/conservation.rules";
import { exporterDonnees } from "~/domain/donnees-personnelles/export.server";
import { formatDateTime, formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/mes-donnees";

export const meta: Route.MetaFunction = () => [{ title: "Mes données – Promeneurs du Net" }];

/** What the platform holds about the signed-in person (RGPD art. 15), and the link to download it all. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const donnees = await exporterDonnees(getDb(), actor.userId, new Date());
  if (!donnees) notFound();
  const compte = donnees.rubriques.find((r) => r.rubrique === "Compte")?.lignes[0] ?? {};
  return {
    nom: actor.nom,
    email: actor.email,
    creeLe: (compte.createdAt as Date | undefined) ?? null,
    derniereConnexion: (compte.lastSignInAt as Date | undefined) ?? null,
    rubriques: donnees.rubriques
      .filter((r) => r.lignes.length > 0)
      .map((r) => ({ rubrique: r.rubrique, mode: r.mode, nombre: r.lignes.length })),
    journal: donnees.journal.length,
  };
}

export default function MesDonneesPage({ loaderData }: Route.ComponentProps) {
  const { nom, email, creeLe, derniereConnexion, rubriques, journal } = loaderData;
  return (
    <div className="max-w-3xl">
      <h1>Mes données</h1>
      <p className="mt-2">
        Voici ce que la plateforme conserve à votre sujet. Vous pouvez tout télécharger en un fichier JSON, lisible par
        un autre logiciel (droit d'accès et droit à la portabilité, articles 15 et 20 du RGPD).
      </p>
      <p className="mt-4">
        <a className="btn" href={href("/espace/mes-donnees/export")} download>
          Télécharger toutes mes données (JSON)
        </a>
      </p>

      <section aria-labelledby="identite" className="mt-8">
        <h2 id="identite">Votre compte</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">Nom</dt>
          <dd>{nom}</dd>
          <dt className="font-semibold">E-mail</dt>
          <dd>{email}</dd>
          <dt className="font-semibold">Compte créé le</dt>
          <dd>{creeLe ? formatDateTime(creeLe) : "—"}</dd>
          <dt className="font-semibold">Dernière connexion</dt>
          <dd>{derniereConnexion ? formatDateTime(derniereConnexion) : "—"}</dd>
        </dl>
      </section>

      <section aria-labelledby="contenu" className="mt-8">
        <h2 id="contenu">Ce que contient le fichier</h2>
        <div className="mt-3 overflow-x-auto">
          <table className="tableau-donnees">
            <thead>
              <tr>
                <th scope="col">Rubrique</th>
                <th scope="col">Enregistrements</th>
              </tr>
            </thead>
            <tbody>
              {rubriques.map((r) => (
                <tr key={r.rubrique}>
                  <td>
                    {r.rubrique}
                    {r.mode === "mentions" ? " (vous en êtes l’auteur ou le lecteur)" : ""}
                  </td>
                  <td>{formatNumber(r.nombre)}</td>
                </tr>
              ))}
              <tr>
                <td>Journal des modifications (vos actions et celles qui vous concernent)</td>
                <td>{formatNumber(journal)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-sm text-slate-700">
          {plural(rubriques.length, "rubrique")} non vide{rubriques.length > 1 ? "s" : ""}. Les mots de passe, codes de
          double authentification et jetons de connexion ne sont jamais exportés. Les bilans mensuels ne contiennent que
          des nombres&nbsp;: aucun jeune n'est enregistré.
        </p>
      </section>

      <section aria-labelledby="droits" className="mt-8">
        <h2 id="droits">Vos droits</h2>
        <p className="mt-2">
          Pour faire corriger une information, modifiez-la depuis votre espace ou écrivez à la coordination de votre
          département. Quand vous quittez le réseau, la coordination peut effacer votre identité&nbsp;: les nombres de
          vos bilans restent dans les indicateurs, sous un nom anonyme. Sans connexion pendant{" "}
          {CONSERVATION_COMPTES_INACTIFS_ANS}&nbsp;ans, votre compte est effacé de la même façon.
        </p>
      </section>
    </div>
  );
}
