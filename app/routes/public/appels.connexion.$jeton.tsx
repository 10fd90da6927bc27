import { data, Form, href, redirect } from "react-router";
import {
  cookieSessionCandidat,
  type EtatLien,
  lireLien,
  SESSION_CANDIDAT_DUREE_MS,
  utiliserLien,
} from "~/domain/appels/candidat.server";
import { getDb } from "~/server/db.server";
import { isSecureRequest } from "~/server/root-middleware.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/appels.connexion.$jeton";

export const meta: Route.MetaFunction = () => [
  { title: "Accéder à ma candidature – Promeneurs du Net" },
  { name: "robots", content: "noindex" },
];

const NO_STORE = { "Cache-Control": "private, no-store" };

const RAISONS: Record<Exclude<EtatLien, "valide">, string> = {
  expire: "Ce lien a expiré : un lien de connexion n'est valable qu'une heure.",
  utilise: "Ce lien a déjà servi : un lien de connexion ne sert qu'une fois.",
  inconnu: "Ce lien n'est pas valable : il est peut-être incomplet (copiez-le en entier depuis l'e-mail).",
};

/**
 * A sign-in link: the page asks for one click before using it, so that a mail scanner opening the
 * link does not spend it. An expired, used or unknown link says so, with the way to a new one.
 */
export async function loader({ params }: Route.LoaderArgs) {
  const lien = await lireLien({ db: getDb(), now: new Date() }, params.jeton);
  return data(
    { etat: lien.etat, email: lien.email, appelSlug: lien.appelSlug, raison: null as string | null },
    { headers: NO_STORE },
  );
}

export const headers: Route.HeadersFunction = () => NO_STORE;

/** Uses the link once: opens the applicant's session (its own cookie) and goes to the application. */
export async function action({ request, params }: Route.ActionArgs) {
  const resultat = await utiliserLien({ db: getDb(), now: new Date() }, params.jeton);
  if (!resultat.ok) {
    return data(
      { etat: resultat.etat, email: null, appelSlug: resultat.appelSlug, raison: RAISONS[resultat.etat] },
      { status: 410, headers: NO_STORE },
    );
  }
  const cible = resultat.appelSlug ? href("/appels/:slug/candidature", { slug: resultat.appelSlug }) : "/appels";
  return redirect(cible, {
    headers: {
      "Set-Cookie": cookieSessionCandidat(
        resultat.token,
        isSecureRequest(request),
        Math.floor(SESSION_CANDIDAT_DUREE_MS / 1000),
      ),
      ...NO_STORE,
    },
  });
}

export default function ConnexionCandidatPage({ loaderData, actionData }: Route.ComponentProps) {
  const lien = actionData ?? loaderData;
  const nouveauLien = lien.appelSlug ? `${href("/appels/:slug", { slug: lien.appelSlug })}#candidater` : "/appels";
  if (lien.etat !== "valide") {
    return (
      <div className="max-w-2xl">
        <h1>Lien de connexion plus valable</h1>
        <p className="mt-4" role="alert">
          {lien.raison ?? RAISONS[lien.etat]}
        </p>
        <p className="mt-4">
          <a href={nouveauLien} className="btn">
            Demander un nouveau lien
          </a>
        </p>
        <p className="mt-4 text-sm text-slate-700">
          Votre candidature n'est pas perdue&nbsp;: tout ce que vous avez enregistré vous attend avec le nouveau lien.
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <h1>Accéder à ma candidature</h1>
      <p className="mt-4">
        Vous allez être connecté(e) avec l'adresse <strong>{lien.email}</strong> pour remplir ou relire votre
        candidature.
      </p>
      <Form method="post" className="mt-4">
        <CsrfInput />
        <button type="submit" className="btn">
          Continuer vers ma candidature
        </button>
      </Form>
      <p className="mt-4 text-sm text-slate-700">Ce lien ne sert qu'une fois et reste valable une heure.</p>
    </div>
  );
}
