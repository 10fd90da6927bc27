import { data, Form, redirect } from "react-router";
import { creerJetonCalendrier, revoquerJetonCalendrier } from "~/domain/regroupements/calendrier.commands.server";
import { findJetonCalendrier } from "~/domain/regroupements/calendrier.queries.server";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/calendrier";

export const meta: Route.MetaFunction = () => [{ title: "Mon agenda – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "calendrier.gerer");
  return { jeton: await findJetonCalendrier(getDb(), actor.userId) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "calendrier.gerer");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  if (intent === "creer") {
    const { jeton } = await creerJetonCalendrier(ctx, actor);
    // Shown on this response only: the database keeps the token's hash, never the token.
    const adresse = `${getEnv().publicUrl}/calendrier/${jeton}.ics`;
    return { adresse, webcal: adresse.replace(/^https?:\/\//, "webcal://") };
  }
  if (intent === "revoquer") {
    await revoquerJetonCalendrier(ctx, actor, String(formData.get("id") ?? ""));
    setFlash(context, "Adresse révoquée : votre application d'agenda ne pourra plus la lire.");
    return redirect("/espace/calendrier");
  }
  throw data({ message: "Action inconnue." }, { status: 400 });
}

export default function CalendrierPage({ loaderData, actionData }: Route.ComponentProps) {
  const { jeton } = loaderData;
  const nouvelle = actionData && "adresse" in actionData ? actionData : null;
  return (
    <div className="max-w-2xl">
      <h1>Mon agenda</h1>
      <p className="mt-4">
        Abonnez votre application d'agenda (Thunderbird, Agenda Google, Calendrier d'Apple, Outlook…) à une adresse
        personnelle&nbsp;: les regroupements auxquels vous êtes invité·e y apparaissent à la bonne heure et se mettent à
        jour d'eux-mêmes. Une invitation que vous avez déclinée n'y figure pas&nbsp;; un regroupement annulé y reste,
        marqué comme annulé.
      </p>
      <p className="mt-2">
        La coordination y trouve tous les regroupements de son département, et les membres d'un comité ses réunions.
      </p>
      <p className="mt-2">
        <strong>Cette adresse est personnelle</strong>&nbsp;: quiconque la connaît peut lire votre agenda, sans mot de
        passe. Ne la partagez pas. Si vous pensez qu'elle a circulé, révoquez-la et créez-en une nouvelle.
      </p>

      {nouvelle ? (
        <section
          aria-labelledby="nouvelle-adresse"
          className="mt-6 rounded-md border-2 border-pdn-700 bg-pdn-50 px-4 py-3"
          role="status"
        >
          <h2 id="nouvelle-adresse">Votre nouvelle adresse</h2>
          <p className="mt-2 font-semibold">
            Copiez-la maintenant&nbsp;: elle ne sera plus jamais affichée. Nous n'en gardons qu'une empreinte chiffrée,
            qui ne permet pas de la retrouver. Si vous la perdez, créez-en une nouvelle.
          </p>
          <label htmlFor="adresse-agenda" className="mt-3 block font-semibold">
            Adresse de votre agenda
          </label>
          <input
            id="adresse-agenda"
            type="text"
            readOnly
            value={nouvelle.adresse}
            className="input mt-1 font-mono text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
          <p className="mt-3">
            Dans votre application, choisissez «&nbsp;S'abonner à un agenda&nbsp;» ou «&nbsp;Ajouter un agenda à partir
            d'une URL&nbsp;», puis collez cette adresse. Sur un téléphone ou un ordinateur qui le permet&nbsp;:{" "}
            <a href={nouvelle.webcal}>s'abonner directement</a>.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="adresse-actuelle" className="mt-8">
        <h2 id="adresse-actuelle">Adresse actuelle</h2>
        {jeton ? (
          <>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="font-semibold">Créée le</dt>
              <dd>{formatDateTime(jeton.createdAt)}</dd>
              <dt className="font-semibold">Dernière lecture</dt>
              <dd>
                {jeton.dernierAccesLe
                  ? formatDateTime(jeton.dernierAccesLe)
                  : "Jamais lue par une application d'agenda"}
              </dd>
            </dl>
            <div className="mt-4 flex flex-wrap gap-3">
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="revoquer" />
                <input type="hidden" name="id" value={jeton.id} />
                <button type="submit" className="btn-danger">
                  Révoquer cette adresse
                </button>
              </Form>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="creer" />
                <button type="submit" className="btn-secondary">
                  Créer une nouvelle adresse (l'actuelle cessera de fonctionner)
                </button>
              </Form>
            </div>
          </>
        ) : (
          <>
            <p className="mt-2">Vous n'avez pas d'adresse d'agenda active.</p>
            <Form method="post" className="mt-4">
              <CsrfInput />
              <input type="hidden" name="intent" value="creer" />
              <button type="submit" className="btn">
                Créer mon adresse d'agenda
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
