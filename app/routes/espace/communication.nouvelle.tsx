import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { createActionCommunication } from "~/domain/communication/communication.commands.server";
import { communicationSchema, JOURS_A_L_AVANCE } from "~/domain/communication/communication.schema";
import { ajouterJours, formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/communication.nouvelle";
import { CommunicationForm } from "./communication.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle action de communication – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "communication.gerer");
  const departement = pickDepartement(actor, "communication.gerer", request);
  const aujourdhui = jourParis(new Date());
  return {
    departement,
    today: formatJourIso(aujourdhui),
    dateMax: formatJourIso(ajouterJours(aujourdhui, JOURS_A_L_AVANCE)),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  // Checked before reading the form: only the coordination of the département sees its errors.
  const actor = requirePermission(context, request, "communication.gerer");
  const departement = pickDepartement(actor, "communication.gerer", request);
  const now = new Date();
  const submission = parseWithZod(await request.formData(), { schema: communicationSchema(jourParis(now)) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await createActionCommunication(
    { db: getDb(), now, requestId: requestId(context) },
    actor,
    departement,
    submission.value,
  );
  setFlash(context, `« ${submission.value.titre} » ajoutée aux actions de communication.`);
  return redirect(`/espace/communication?departement=${departement}&annee=${submission.value.date.slice(0, 4)}`);
}

export default function NouvelleCommunicationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement } = loaderData;
  return (
    <div>
      <p>
        <a href={`/espace/communication?departement=${departement}`}>← Toutes les actions de communication</a>
      </p>
      <h1 className="mt-2">Nouvelle action de communication</h1>
      <p className="mt-1 text-slate-700">Département {departement}</p>
      <CommunicationForm
        lastResult={actionData}
        today={loaderData.today}
        dateMax={loaderData.dateMax}
        defaults={{ date: loaderData.today, type: "presse" }}
        submitLabel="Ajouter cette action"
      />
    </div>
  );
}
