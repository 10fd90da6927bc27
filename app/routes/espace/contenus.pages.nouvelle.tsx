import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { creerPage } from "~/domain/contenu/contenu.commands.server";
import { nouvellePageSchema, TITRE_MAX } from "~/domain/contenu/contenu.schema";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, requireScoped, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/contenus.pages.nouvelle";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle page – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  return { departement: pickDepartement(actor, "contenu.gerer", request) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const submission = parseWithZod(await request.formData(), { schema: nouvellePageSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { departement, ...input } = submission.value;
  requireScoped(actor, "contenu.gerer", { departement });
  try {
    const slug = await creerPage(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      departement,
      input,
    );
    setFlash(context, "Page créée en brouillon : écrivez son texte puis publiez-la.");
    return redirect(`/espace/contenus/pages/${slug}?departement=${departement}`);
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
}

export default function NouvellePagePage({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: { departement: loaderData.departement },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: nouvellePageSchema }),
  });
  return (
    <div className="max-w-2xl">
      <p>
        <a href={`/espace/contenus/pages?departement=${loaderData.departement}`}>← Pages du site</a>
      </p>
      <h1 className="mt-2">Nouvelle page</h1>
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <input {...getInputProps(fields.departement, { type: "hidden" })} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <InputField field={fields.titre} label="Titre" type="text" maxLength={TITRE_MAX} />
        <InputField
          field={fields.slug}
          label="Adresse"
          type="text"
          maxLength={60}
          hint="Lettres, chiffres et tirets ; la page sera publiée à /pages/votre-adresse. Elle ne change plus ensuite."
        />
        <button type="submit" className="btn">
          Créer la page
        </button>
      </Form>
    </div>
  );
}
