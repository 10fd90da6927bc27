import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { requestPasswordReset } from "~/domain/comptes/comptes.commands.server";
import { forgotPasswordSchema } from "~/domain/comptes/comptes.schema";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { getLogger } from "~/server/logger.server";
import { sendMail } from "~/server/mail.server";
import { requestId, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { InputField } from "~/ui/field";
import type { Route } from "./+types/mot-de-passe-oublie";

export const meta: Route.MetaFunction = () => [{ title: "Mot de passe oublié – Promeneurs du Net" }];

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const mail = await requestPasswordReset(
    { db: getDb(), now: new Date(), requestId: requestId(context) },
    submission.value.email,
    getEnv().publicUrl,
  );
  if (mail) {
    await sendMail(mail).catch((error) => getLogger().error({ err: error }, "reset mail failed"));
  }
  setFlash(
    context,
    "Si un compte correspond à cette adresse, un e-mail vient d'être envoyé avec un lien valable une heure.",
  );
  return redirect("/connexion");
}

export default function ForgotPasswordPage({ actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1>Mot de passe oublié</h1>
      <p className="mt-2">
        Saisissez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.
      </p>
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <InputField field={fields.email} label="Adresse e-mail" type="email" autoComplete="email" required />
        <button type="submit" className="btn w-full">
          Recevoir le lien
        </button>
      </Form>
    </div>
  );
}
