import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { findValidReset, resetPassword } from "~/domain/comptes/comptes.commands.server";
import { newPasswordSchema } from "~/domain/comptes/comptes.schema";
import { getDb } from "~/server/db.server";
import { NotFound } from "~/server/errors.server";
import { requestId, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/reinitialiser.$token";

export const meta: Route.MetaFunction = () => [{ title: "Nouveau mot de passe – Promeneurs du Net" }];

export async function loader({ params }: Route.LoaderArgs) {
  const reset = await findValidReset({ db: getDb(), now: new Date() }, params.token);
  return { valid: !!reset, email: reset?.email ?? null };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: newPasswordSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirmation"] }), { status: 400 });
  }
  try {
    await resetPassword(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      params.token,
      submission.value.password,
    );
  } catch (error) {
    if (error instanceof NotFound) return data(submission.reply({ formErrors: [error.message] }), { status: 400 });
    throw error;
  }
  setFlash(context, "Votre mot de passe est changé. Connectez-vous avec le nouveau.");
  return redirect("/connexion");
}

export default function ResetPasswordPage({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newPasswordSchema }),
  });
  if (!loaderData.valid) {
    return (
      <div className="mx-auto max-w-md">
        <h1>Lien expiré</h1>
        <p className="mt-2">
          Ce lien de réinitialisation n'est plus valable (il sert une seule fois, pendant une heure).{" "}
          <a href="/mot-de-passe-oublie">Demander un nouveau lien</a>.
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1>Choisir un nouveau mot de passe</h1>
      <p className="mt-2">Compte : {loaderData.email}</p>
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="email" name="username" autoComplete="username" value={loaderData.email ?? ""} readOnly hidden />
        <InputField
          field={fields.password}
          label="Nouveau mot de passe"
          type="password"
          hint="12 caractères au moins ; une phrase facile à retenir convient."
          autoComplete="new-password"
          required
        />
        <InputField
          field={fields.confirmation}
          label="Confirmer le mot de passe"
          type="password"
          autoComplete="new-password"
          required
        />
        <button type="submit" className="btn w-full">
          Enregistrer le mot de passe
        </button>
      </Form>
    </div>
  );
}
