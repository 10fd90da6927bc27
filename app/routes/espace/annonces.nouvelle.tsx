import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { countDestinataires, publierAnnonce } from "~/domain/annonces/annonce.commands.server";
import { AUDIENCES, type Audience, audienceLabels } from "~/domain/annonces/annonce.labels";
import { annonceSchema, CORPS_MAX, TITRE_MAX } from "~/domain/annonces/annonce.schema";
import { can } from "~/domain/comptes/policy";
import { formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/annonces.nouvelle";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle annonce – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "annonce.publier");
  const departement = pickDepartement(actor, "annonce.publier", request);
  return { departement, effectifs: await countDestinataires(getDb(), departement) };
}

export async function action({ context, request }: Route.ActionArgs) {
  // Checked before reading the form: only the coordination sees its errors.
  const actor = requirePermission(context, request, "annonce.publier");
  const submission = parseWithZod(await request.formData(), { schema: annonceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { departement, ...input } = submission.value;
  // Another département's coordination: out of scope, as the form's loader answers.
  if (!can(actor, "annonce.publier", { departement })) notFound();
  try {
    const { id, destinataires } = await publierAnnonce(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      departement,
      input,
    );
    setFlash(context, `Annonce envoyée à ${plural(destinataires, "personne")}.`);
    return redirect(`/espace/annonces/${id}`);
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
}

export default function NouvelleAnnoncePage({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: { departement: loaderData.departement, audience: "tous" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: annonceSchema }),
  });
  const audienceHintId = `${fields.audience.id}-aide`;
  return (
    <div className="max-w-2xl">
      <p>
        <a href={`/espace/annonces?departement=${loaderData.departement}`}>← Toutes les annonces</a>
      </p>
      <h1 className="mt-2">Nouvelle annonce</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <p className="mt-3">
        L'annonce est envoyée par e-mail à chaque destinataire et reste lisible dans son espace. Vous verrez qui l'a
        lue. Écrivez en texte simple : les retours à la ligne sont conservés.
      </p>
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <input {...getInputProps(fields.departement, { type: "hidden" })} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <InputField
          field={fields.titre}
          label="Titre"
          type="text"
          hint={`Il sert aussi d'objet à l'e-mail (${TITRE_MAX} caractères au plus).`}
          maxLength={TITRE_MAX}
        />
        <fieldset
          className="mb-4"
          aria-describedby={
            fields.audience.errors?.length ? `${audienceHintId} ${fields.audience.errorId}` : audienceHintId
          }
        >
          <legend className="mb-1 font-semibold">Destinataires</legend>
          <p id={audienceHintId} className="mb-1 text-sm text-slate-700">
            Les comptes actifs du département, à la date d'envoi.
          </p>
          {getCollectionProps(fields.audience, { type: "radio", options: [...AUDIENCES] }).map(({ key, ...props }) => (
            <div key={key} className="flex items-center gap-2 py-0.5">
              <input {...props} />
              <label htmlFor={props.id}>
                {audienceLabels[props.value as Audience]} (
                {plural(loaderData.effectifs[props.value as Audience], "personne")})
              </label>
            </div>
          ))}
          {fields.audience.errors?.length ? (
            <p id={fields.audience.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
              {fields.audience.errors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <Field
          id={fields.corps.id}
          label="Texte de l'annonce"
          hint={`En texte simple, ${formatNumber(CORPS_MAX)} caractères au plus.`}
          descriptionId={fields.corps.descriptionId}
          errors={fields.corps.errors}
          errorId={fields.corps.errorId}
        >
          <textarea
            {...getTextareaProps(fields.corps, { ariaDescribedBy: fields.corps.descriptionId })}
            rows={12}
            maxLength={CORPS_MAX}
            className="input w-full"
          />
        </Field>
        <button type="submit" className="btn">
          Envoyer l'annonce
        </button>
      </Form>
    </div>
  );
}
