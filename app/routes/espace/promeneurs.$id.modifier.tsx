import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, href, Link, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { modifierPromeneur } from "~/domain/promeneurs/promeneur.commands.server";
import { canModifierPromeneur, canReadPromeneur } from "~/domain/promeneurs/promeneur.policy";
import { findPromeneurRow } from "~/domain/promeneurs/promeneur.queries.server";
import { HEURES_MAX } from "~/domain/promeneurs/promeneur.rules";
import { modifierContactSchema, modifierSchema } from "~/domain/promeneurs/promeneur.schema";
import { formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/promeneurs.$id.modifier";

export const meta: Route.MetaFunction = () => [{ title: "Modifier un promeneur – Promeneurs du Net" }];

/** The promeneur and what this actor may edit: 404 out of scope, 403 when they read but may not edit. */
async function editable(actor: Actor, id: string) {
  const row = await findPromeneurRow(getDb(), id);
  if (!row || !canReadPromeneur(actor, row)) notFound();
  const rights = canModifierPromeneur(actor, row);
  if (!rights) forbidden("Seuls la coordination du département et le référent de la structure modifient ce promeneur.");
  return { row, rights };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const { row, rights } = await editable(actor, params.id);
  return {
    id: row.id,
    identite: rights.identite,
    valeurs: {
      prenom: row.prenom,
      nom: row.nom,
      email: row.email,
      telephone: row.telephone ?? "",
      fonction: row.fonction,
      heuresHebdomadaires: formatNumber(row.heuresHebdomadaires),
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const { rights } = await editable(actor, params.id);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: rights.identite ? modifierSchema : modifierContactSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await modifierPromeneur(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      params.id,
      submission.value,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, "Informations du promeneur enregistrées.");
  return redirect(href("/espace/promeneurs/:id", { id: params.id }));
}

export default function ModifierPromeneurPage({ loaderData, actionData }: Route.ComponentProps) {
  const schema = loaderData.identite ? modifierSchema : modifierContactSchema;
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: loaderData.valeurs,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const all = fields as unknown as typeof fields & Record<"prenom" | "nom", typeof fields.fonction>;
  return (
    <div className="max-w-xl">
      <p>
        <Link to={href("/espace/promeneurs/:id", { id: loaderData.id })} className="underline">
          ← Retour à la fiche du promeneur
        </Link>
      </p>
      <h1 className="mt-2">
        Modifier {loaderData.valeurs.prenom} {loaderData.valeurs.nom}
      </h1>
      {loaderData.identite ? null : (
        <p className="mt-2 text-slate-700">
          Vous pouvez modifier les contacts professionnels, la fonction et les heures ; pour corriger le prénom ou le
          nom, adressez-vous à la coordination.
        </p>
      )}
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        {loaderData.identite ? (
          <>
            <InputField field={all.prenom} label="Prénom" type="text" autoComplete="off" />
            <InputField field={all.nom} label="Nom" type="text" autoComplete="off" />
          </>
        ) : null}
        <InputField field={fields.email} label="Adresse e-mail professionnelle" type="email" autoComplete="off" />
        <InputField
          field={fields.telephone}
          label="Téléphone professionnel (facultatif)"
          type="tel"
          autoComplete="off"
        />
        <InputField field={fields.fonction} label="Fonction" type="text" />
        <InputField
          field={fields.heuresHebdomadaires}
          label="Heures consacrées chaque semaine à la mission"
          type="text"
          inputMode="decimal"
          hint={`Entre 0,5 et ${HEURES_MAX} heures, par demi-heures.`}
        />
        <button type="submit" className="btn">
          Enregistrer
        </button>
      </Form>
    </div>
  );
}
