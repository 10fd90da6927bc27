import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import {
  deleteActionCommunication,
  getActionModifiable,
  updateActionCommunication,
} from "~/domain/communication/communication.commands.server";
import { communicationSchema, JOURS_A_L_AVANCE } from "~/domain/communication/communication.schema";
import { formatDate } from "~/lib/format";
import { ajouterJours, formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/communication.$id";
import { CommunicationForm } from "./communication.form";

export const meta: Route.MetaFunction = () => [{ title: "Modifier une action de communication – Promeneurs du Net" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "communication.gerer");
  const action = await getActionModifiable(getDb(), actor, params.id);
  const aujourdhui = jourParis(new Date());
  return {
    action: {
      id: action.id,
      departement: action.departement,
      date: action.date,
      type: action.type,
      titre: action.titre,
      public: action.public,
      portee: action.portee,
      commentaire: action.commentaire,
    },
    // `?supprimer`: the page asks to confirm the deletion (a plain link, no script needed).
    confirmerSuppression: new URL(request.url).searchParams.has("supprimer"),
    today: formatJourIso(aujourdhui),
    dateMax: formatJourIso(ajouterJours(aujourdhui, JOURS_A_L_AVANCE)),
  };
}

const listeOf = (departement: string, date: string) =>
  `/espace/communication?departement=${departement}&annee=${date.slice(0, 4)}`;

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "communication.gerer");
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  // The permission on this action is checked before the form is read: only its keepers see its errors.
  const existante = await getActionModifiable(ctx.db, actor, params.id);
  const formData = await request.formData();
  if (formData.get("intent") === "supprimer") {
    await deleteActionCommunication(ctx, actor, existante.id);
    setFlash(context, `« ${existante.titre} » supprimée.`);
    return redirect(listeOf(existante.departement, existante.date));
  }
  const submission = parseWithZod(formData, { schema: communicationSchema(jourParis(ctx.now)) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updateActionCommunication(ctx, actor, existante.id, submission.value);
  setFlash(context, `« ${submission.value.titre} » enregistrée.`);
  return redirect(listeOf(existante.departement, submission.value.date));
}

export default function CommunicationActionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { action, confirmerSuppression } = loaderData;
  return (
    <div>
      <p>
        <a href={listeOf(action.departement, action.date)}>← Toutes les actions de communication</a>
      </p>
      <h1 className="mt-2">Modifier « {action.titre} »</h1>
      <p className="mt-1 text-slate-700">
        Département {action.departement} · {formatDate(action.date)}
      </p>
      {confirmerSuppression ? (
        <section
          aria-labelledby="titre-suppression"
          className="mt-6 max-w-2xl rounded-md border border-alerte-700 bg-red-50 p-4"
        >
          <h2 id="titre-suppression">Supprimer cette action&nbsp;?</h2>
          <p className="mt-1">
            « {action.titre} » ne sera plus comptée dans le bilan de communication. La suppression est notée dans le
            journal des modifications.
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="supprimer" />
              <button type="submit" className="btn">
                Supprimer définitivement
              </button>
            </Form>
            <a href={`/espace/communication/${action.id}`} className="btn-secondary">
              Annuler
            </a>
          </div>
        </section>
      ) : null}
      <CommunicationForm
        lastResult={actionData}
        today={loaderData.today}
        dateMax={loaderData.dateMax}
        defaults={{
          date: action.date,
          type: action.type,
          titre: action.titre,
          public: action.public,
          portee: action.portee,
          commentaire: action.commentaire,
        }}
        submitLabel="Enregistrer"
      />
      {confirmerSuppression ? null : (
        <p className="mt-8">
          <a href={`/espace/communication/${action.id}?supprimer`}>Supprimer cette action…</a>
        </p>
      )}
    </div>
  );
}
