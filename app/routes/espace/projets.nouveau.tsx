import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { createProjet, requirePorteur } from "~/domain/projets/projet.commands.server";
import { projetSchema } from "~/domain/projets/projet.schema";
import { formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/projets.nouveau";
import { ProjetForm } from "./projets.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouveau projet de jeunes – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "projet.saisir");
  await requirePorteur(getDb(), actor);
  return { today: formatJourIso(jourParis(new Date())) };
}

export async function action({ context, request }: Route.ActionArgs) {
  // Checked before reading the form: only a promeneur with a record sees its errors.
  const actor = requirePermission(context, request, "projet.saisir");
  const db = getDb();
  await requirePorteur(db, actor);
  const now = new Date();
  const submission = parseWithZod(await request.formData(), { schema: projetSchema(jourParis(now)) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const projet = await createProjet({ db, now, requestId: requestId(context) }, actor, submission.value);
  setFlash(
    context,
    projet.besoinSoutien
      ? `Projet « ${projet.titre} » enregistré. La coordination a été prévenue de votre demande de soutien.`
      : `Projet « ${projet.titre} » enregistré.`,
  );
  return redirect(`/espace/projets/${projet.id}`);
}

export default function NouveauProjetPage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div>
      <p>
        <a href="/espace/projets?vue=miens">← Mes projets de jeunes</a>
      </p>
      <h1 className="mt-2">Nouveau projet de jeunes</h1>
      <p className="mt-1 max-w-2xl">
        Un projet que des jeunes portent et que vous accompagnez en ligne&nbsp;: une idée qui émerge, une action
        collective, une démarche individuelle.
      </p>
      <ProjetForm
        lastResult={actionData}
        today={loaderData.today}
        defaults={{ theme: "projets", forme: "collectif", etat: "emergence", debutLe: loaderData.today }}
        submitLabel="Enregistrer le projet"
      />
    </div>
  );
}
