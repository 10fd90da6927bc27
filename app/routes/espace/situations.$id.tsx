import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { type Partenaire, partenaireLabels } from "~/domain/rapports/rapport.labels";
import { requireSituationModifiable, updateSituation } from "~/domain/situations/situation.commands.server";
import {
  type SituationAction,
  type SituationCategorie,
  type SituationSuivi,
  situationActionLabels,
  situationCategorieLabels,
  situationSuiviLabels,
} from "~/domain/situations/situation.labels";
import { getSituationForActor } from "~/domain/situations/situation.queries.server";
import { situationSchema } from "~/domain/situations/situation.schema";
import { formatDate, formatDateTime } from "~/lib/format";
import { formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import type { Route } from "./+types/situations.$id";
import { SituationForm } from "./situations.form";
import { numerosDuFormulaire } from "./situations.numeros.server";

export const meta: Route.MetaFunction = () => [{ title: "Situation préoccupante – Promeneurs du Net" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  // Its promeneur or the coordination of its département; 403 for other roles, 404 out of scope.
  const { situation, proprietaire, modifiable } = await getSituationForActor(db, actor, params.id);
  const formulaire = modifiable ? await numerosDuFormulaire(db, situation.departement) : null;
  return {
    situation: {
      id: situation.id,
      date: situation.date,
      categorie: situation.categorie,
      actions: situation.actions,
      partenaire: situation.partenaire,
      suivi: situation.suivi,
      note: situation.note,
      promeneur: situation.promeneur,
      structure: situation.structure,
      updatedAt: situation.updatedAt,
    },
    proprietaire,
    modifiable,
    numeros: formulaire?.numeros ?? [],
    crip: formulaire?.crip ?? null,
    today: formatJourIso(jourParis(new Date())),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  // Checked before the form is read: only its promeneur, still in the scheme, sees the errors.
  await requireSituationModifiable(db, actor, params.id);
  const now = new Date();
  const submission = parseWithZod(await request.formData(), { schema: situationSchema(jourParis(now)) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { champs } = await updateSituation(
    { db, now, requestId: requestId(context) },
    actor,
    params.id,
    submission.value,
  );
  setFlash(context, champs.length === 0 ? "Aucune modification." : "Situation enregistrée.");
  return redirect("/espace/situations");
}

export default function SituationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { situation, proprietaire, modifiable } = loaderData;
  const categorie = situationCategorieLabels[situation.categorie as SituationCategorie] ?? situation.categorie;
  return (
    <div>
      <p>
        <a href="/espace/situations">← {proprietaire ? "Mes situations" : "Toutes les situations"}</a>
      </p>
      <h1 className="mt-2">
        Situation du {formatDate(situation.date)}&nbsp;: {categorie}
      </h1>
      <p className="mt-1 text-slate-700">
        {proprietaire ? "Enregistrée par vous" : `Enregistrée par ${situation.promeneur}`} ({situation.structure}) ·
        mise à jour le {formatDateTime(situation.updatedAt)}
      </p>
      <dl className="mt-4 grid max-w-2xl gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Actions menées</dt>
        <dd>{situation.actions.map((a) => situationActionLabels[a as SituationAction] ?? a).join(", ") || "–"}</dd>
        <dt className="font-semibold">Partenaire alerté</dt>
        <dd>
          {situation.partenaire
            ? (partenaireLabels[situation.partenaire as Partenaire] ?? situation.partenaire)
            : "Aucun"}
        </dd>
        <dt className="font-semibold">Suivi</dt>
        <dd>{situationSuiviLabels[situation.suivi as SituationSuivi] ?? situation.suivi}</dd>
        <dt className="font-semibold">Note</dt>
        <dd className="whitespace-pre-line">{situation.note || "–"}</dd>
      </dl>
      {modifiable ? (
        <section aria-labelledby="modifier" className="mt-8">
          <h2 id="modifier">Modifier la situation</h2>
          <SituationForm
            lastResult={actionData}
            today={loaderData.today}
            defaults={{
              date: situation.date,
              categorie: situation.categorie,
              actions: situation.actions,
              partenaire: situation.partenaire,
              suivi: situation.suivi,
              note: situation.note,
            }}
            numeros={loaderData.numeros}
            crip={loaderData.crip}
            submitLabel="Enregistrer les modifications"
          />
        </section>
      ) : proprietaire ? (
        <p className="mt-6">Vous avez quitté le dispositif&nbsp;: cette situation se consulte sans se modifier.</p>
      ) : (
        <p className="mt-6 text-slate-700">
          La situation est tenue par le promeneur qui l'a enregistrée&nbsp;: la coordination la consulte.
        </p>
      )}
    </div>
  );
}
