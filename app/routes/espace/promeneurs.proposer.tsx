import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, href, redirect } from "react-router";
import { type Actor, structuresReferred } from "~/domain/comptes/actor";
import { proposerPromeneur } from "~/domain/promeneurs/promeneur.commands.server";
import { HEURES_MAX } from "~/domain/promeneurs/promeneur.rules";
import { proposerSchema } from "~/domain/promeneurs/promeneur.schema";
import { findStructuresProposables } from "~/domain/structures/structure.queries.server";
import { getDb } from "~/server/db.server";
import { forbidden, Invalid } from "~/server/errors.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/promeneurs.proposer";

export const meta: Route.MetaFunction = () => [{ title: "Proposer un promeneur – Promeneurs du Net" }];

/**
 * The structures the actor may propose for: those they are the referent of (a coordinator who is
 * not a referent does not propose, promeneur.policy.ts). A 403 for anyone else.
 */
async function structuresOf(actor: Actor) {
  if (structuresReferred(actor).length === 0) forbidden("Seul le référent d'une structure propose un promeneur.");
  return findStructuresProposables(getDb(), actor);
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const structures = await structuresOf(actor);
  const asked = new URL(request.url).searchParams.get("structure");
  const structureId = structures.find((s) => s.id === asked)?.id ?? (structures.length === 1 ? structures[0]?.id : "");
  return { structures, structureId: structureId ?? "" };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  await structuresOf(actor);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: proposerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  let id: string;
  try {
    ({ id } = await proposerPromeneur(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      submission.value,
    ));
  } catch (error) {
    if (error instanceof Invalid) {
      const reply =
        error.field === "form"
          ? submission.reply({ formErrors: [error.message] })
          : submission.reply({ fieldErrors: { [error.field]: [error.message] } });
      return data(reply, { status: 400 });
    }
    throw error;
  }
  setFlash(
    context,
    `Proposition enregistrée : la coordination est prévenue et examinera la candidature de ${submission.value.prenom} ${submission.value.nom}.`,
  );
  return redirect(href("/espace/promeneurs/:id", { id }));
}

export default function ProposerPage({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: { structureId: loaderData.structureId },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposerSchema }),
  });
  return (
    <div className="max-w-xl">
      <h1>Proposer un promeneur</h1>
      <p className="mt-2 text-slate-700">
        Vous proposez un professionnel de votre structure. La coordination départementale examine la proposition ; si
        elle l'accepte, la personne reçoit une invitation pour créer son compte, puis signe la charte et suit la
        formation initiale.
      </p>
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field
          id={fields.structureId.id}
          label="Structure employeuse"
          errors={fields.structureId.errors}
          errorId={fields.structureId.errorId}
        >
          <select {...getSelectProps(fields.structureId)} className="input">
            {loaderData.structures.length > 1 ? <option value="">— Choisissez —</option> : null}
            {loaderData.structures.map((s) => (
              <option key={s.id} value={s.id}>
                {s.nom}
              </option>
            ))}
          </select>
        </Field>
        <InputField field={fields.prenom} label="Prénom" type="text" autoComplete="off" />
        <InputField field={fields.nom} label="Nom" type="text" autoComplete="off" />
        <InputField
          field={fields.email}
          label="Adresse e-mail professionnelle"
          type="email"
          autoComplete="off"
          hint="L'invitation et les informations du réseau y seront envoyées."
        />
        <InputField
          field={fields.telephone}
          label="Téléphone professionnel (facultatif)"
          type="tel"
          autoComplete="off"
        />
        <InputField field={fields.fonction} label="Fonction" type="text" hint="Par exemple : animatrice jeunesse." />
        <InputField
          field={fields.heuresHebdomadaires}
          label="Heures consacrées chaque semaine à la mission"
          type="text"
          inputMode="decimal"
          hint={`Entre 0,5 et ${HEURES_MAX} heures, par demi-heures (par exemple 4 ou 2,5).`}
        />
        <InputField
          field={fields.nomPublic}
          label="Nom public (facultatif)"
          type="text"
          hint="Le nom affiché dans l'annuaire public ; par défaut, le prénom."
        />
        <button type="submit" className="btn">
          Envoyer la proposition
        </button>
      </Form>
    </div>
  );
}
