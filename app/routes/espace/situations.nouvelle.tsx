import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { createSituation, requirePromeneurSaisissant } from "~/domain/situations/situation.commands.server";
import { SITUATION_CATEGORIES, situationCategorieLabels } from "~/domain/situations/situation.labels";
import { situationSchema } from "~/domain/situations/situation.schema";
import { formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/situations.nouvelle";
import { NumerosUtiles, ProcedureInformationPreoccupante, RAPPEL_NOTE, SituationForm } from "./situations.form";
import { numerosDuFormulaire } from "./situations.numeros.server";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle situation préoccupante – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "situation.saisir");
  const db = getDb();
  const promeneur = await requirePromeneurSaisissant(db, actor);
  const asked = new URL(request.url).searchParams.get("categorie");
  const categorie = SITUATION_CATEGORIES.find((c) => c === asked) ?? null;
  const { numeros, crip } = await numerosDuFormulaire(db, promeneur.departement);
  return { today: formatJourIso(jourParis(new Date())), categorie, numeros, crip };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "situation.saisir");
  const db = getDb();
  // Checked before the form is read: only a promeneur still in the scheme records a situation.
  await requirePromeneurSaisissant(db, actor);
  const now = new Date();
  const submission = parseWithZod(await request.formData(), { schema: situationSchema(jourParis(now)) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await createSituation({ db, now, requestId: requestId(context) }, actor, submission.value);
  setFlash(context, "Situation enregistrée. Elle est visible de vous et de la coordination départementale.");
  return redirect("/espace/situations");
}

export default function NouvelleSituationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { categorie } = loaderData;
  // First step without a category (also without JavaScript): choose it, then the form shows the
  // numbers that match. A refused submission comes back to the full form.
  const etapeCategorie = categorie === null && !actionData;
  return (
    <div>
      <p>
        <a href="/espace/situations">← Mes situations</a>
      </p>
      <h1 className="mt-2">Nouvelle situation préoccupante</h1>
      <p className="mt-1 max-w-2xl">
        Une situation repérée en ligne qui vous inquiète, et ce que vous avez fait. Rien ici n'identifie le jeune&nbsp;:
        ni nom, ni pseudo, ni âge précis. Seules la coordination départementale et vous la voyez.
      </p>
      {etapeCategorie ? (
        <div className="mt-6 grid gap-6 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <aside aria-label="Numéros et procédure" className="md:col-start-2 md:row-start-1">
            <NumerosUtiles numeros={loaderData.numeros} categorie={null} />
            <ProcedureInformationPreoccupante crip={loaderData.crip} />
          </aside>
          <Form method="get" className="md:col-start-1 md:row-start-1">
            <fieldset className="mb-4" aria-describedby="categorie-aide">
              <legend className="mb-1 font-semibold">De quoi s'agit-il&nbsp;?</legend>
              <p id="categorie-aide" className="mb-1 text-sm text-slate-700">
                La catégorie choisie affiche les numéros utiles à côté du formulaire. Vous pourrez la changer.
              </p>
              {SITUATION_CATEGORIES.map((c) => (
                <div key={c} className="flex items-center gap-2 py-0.5">
                  <input type="radio" id={`etape-categorie-${c}`} name="categorie" value={c} required />
                  <label htmlFor={`etape-categorie-${c}`}>{situationCategorieLabels[c]}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="btn">
              Continuer
            </button>
            <p className="mt-4 text-sm text-slate-700">{RAPPEL_NOTE}</p>
          </Form>
        </div>
      ) : (
        <SituationForm
          lastResult={actionData}
          today={loaderData.today}
          defaults={{ date: loaderData.today, categorie, actions: [], suivi: "en_cours" }}
          numeros={loaderData.numeros}
          crip={loaderData.crip}
          submitLabel="Enregistrer la situation"
        />
      )}
    </div>
  );
}
