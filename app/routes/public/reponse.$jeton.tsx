import { data, Form } from "react-router";
import { repondreParJeton } from "~/domain/regroupements/invitation.commands.server";
import { findRegroupementMail } from "~/domain/regroupements/invitation.mails.server";
import { findInvitationParJeton } from "~/domain/regroupements/invitation.queries.server";
import { lieuComplet, type Reponse, reponseLabels } from "~/domain/regroupements/regroupement.labels";
import { formatPlage, reponseFermee } from "~/domain/regroupements/regroupement.rules";
import { reponseSchema } from "~/domain/regroupements/regroupement.schema";
import { getDb } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { requestId } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/reponse.$jeton";

/**
 * The answer page of an invitation e-mail's link: no sign-in, no JavaScript. Opening the link
 * never records anything (mail scanners follow links): the invitee presses one of the two buttons.
 */
export const meta: Route.MetaFunction = () => [
  { title: "Répondre à une invitation – Promeneurs du Net" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request }: Route.LoaderArgs) {
  const db = getDb();
  const invitation = await findInvitationParJeton(db, params.jeton);
  if (!invitation) notFound("Ce lien de réponse n'existe pas ou plus.");
  const r = await findRegroupementMail(db, invitation.regroupementId);
  if (!r) notFound("Ce lien de réponse n'existe pas ou plus.");
  const choix = new URL(request.url).searchParams.get("choix");
  return {
    titre: r.titre,
    quand: formatPlage(r.debut, r.fin),
    lieu: lieuComplet(r.lieu, r.communeNom),
    lienVisio: r.lienVisio,
    reponse: invitation.reponse as Reponse,
    choix: choix === "oui" || choix === "non" ? choix : null,
    // Why answering is closed, if it is (cancelled, started); the capacity is checked on answering.
    ferme: reponseFermee(r.statut, r.debut, new Date()),
  };
}

/** An unknown token is a 404 from `repondreParJeton` itself, which looks it up once. */
export async function action({ params, request, context }: Route.ActionArgs) {
  const parsed = reponseSchema.safeParse({ reponse: (await request.formData()).get("reponse") ?? undefined });
  if (!parsed.success)
    return data({ erreur: parsed.error.issues[0]?.message ?? "", enregistre: null }, { status: 400 });
  try {
    await repondreParJeton(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      params.jeton,
      parsed.data.reponse,
    );
  } catch (error) {
    if (error instanceof Invalid) return data({ erreur: error.message, enregistre: null }, { status: 400 });
    throw error;
  }
  return { erreur: null, enregistre: parsed.data.reponse };
}

export default function ReponsePage({ loaderData, actionData }: Route.ComponentProps) {
  const { titre, quand, lieu, lienVisio, choix, ferme } = loaderData;
  const reponse = actionData?.enregistre ?? loaderData.reponse;
  return (
    <div className="max-w-xl">
      <h1>{actionData?.enregistre ? "Merci, votre réponse est enregistrée" : "Répondre à l'invitation"}</h1>
      <section aria-labelledby="regroupement" className="mt-4 rounded-md border border-slate-300 p-4">
        <h2 id="regroupement">{titre}</h2>
        <p className="mt-1">{quand.charAt(0).toUpperCase() + quand.slice(1)}</p>
        {lieu ? <p>{lieu}</p> : null}
        {lienVisio ? <p>En visioconférence (le lien est dans l'e-mail d'invitation).</p> : null}
      </section>
      {actionData?.enregistre ? (
        <p role="status" className="mt-4 text-lg">
          {actionData.enregistre === "oui"
            ? "Vous participez : à bientôt !"
            : "Vous ne participez pas : merci de nous avoir prévenus."}{" "}
          Vous pouvez changer d'avis ci-dessous tant que le regroupement n'a pas commencé.
        </p>
      ) : (
        <p className="mt-4">
          Votre réponse actuelle : <strong>{reponseLabels[reponse]}</strong>
        </p>
      )}
      {ferme ? (
        <p className="mt-4 font-semibold">{ferme}</p>
      ) : (
        <Form method="post" className="mt-4">
          <CsrfInput />
          <fieldset aria-describedby={actionData?.erreur ? "erreur-reponse" : undefined}>
            <legend className="mb-2 font-semibold">Venez-vous ?</legend>
            <div className="flex flex-wrap gap-3">
              <button type="submit" name="reponse" value="oui" className={choix === "non" ? "btn-secondary" : "btn"}>
                Je participe
              </button>
              <button type="submit" name="reponse" value="non" className={choix === "non" ? "btn" : "btn-secondary"}>
                Je ne participe pas
              </button>
            </div>
          </fieldset>
          {actionData?.erreur ? (
            <p id="erreur-reponse" role="alert" className="mt-2 font-semibold text-alerte-700">
              {actionData.erreur}
            </p>
          ) : null}
        </Form>
      )}
    </div>
  );
}
