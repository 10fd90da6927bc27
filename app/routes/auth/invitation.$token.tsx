import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { acceptInvitation, findValidInvitation } from "~/domain/comptes/comptes.commands.server";
import { newPasswordSchema } from "~/domain/comptes/comptes.schema";
import { roleLabels } from "~/domain/comptes/roles";
import { z } from "~/lib/zod";
import { getDb } from "~/server/db.server";
import { Invalid, NotFound } from "~/server/errors.server";
import { requestId, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/invitation.$token";

export const meta: Route.MetaFunction = () => [{ title: "Invitation – Promeneurs du Net" }];

const existingAccountSchema = z.object({
  password: z.string({ message: "Saisissez le mot de passe de votre compte." }).max(200),
});

export async function loader({ params }: Route.LoaderArgs) {
  const invitation = await findValidInvitation({ db: getDb(), now: new Date() }, params.token);
  if (!invitation) return { valid: false as const };
  return {
    valid: true as const,
    email: invitation.email,
    nom: invitation.nom,
    role: roleLabels[invitation.role as keyof typeof roleLabels] ?? invitation.role,
    departement: invitation.departement,
    existingAccount: invitation.existingUserId !== null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const db = getDb();
  const now = new Date();
  const invitation = await findValidInvitation({ db, now }, params.token);
  const formData = await request.formData();
  const schema = invitation?.existingUserId ? existingAccountSchema : newPasswordSchema;
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirmation"] }), { status: 400 });
  }
  try {
    await acceptInvitation({ db, now, requestId: requestId(context) }, params.token, submission.value.password);
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] }, hideFields: ["password"] }), {
        status: 400,
      });
    }
    if (error instanceof NotFound) return data(submission.reply({ formErrors: [error.message] }), { status: 400 });
    throw error;
  }
  setFlash(context, "Bienvenue ! Votre compte est prêt : connectez-vous.");
  return redirect("/connexion");
}

export default function InvitationPage({ loaderData, actionData }: Route.ComponentProps) {
  const existing = loaderData.valid && loaderData.existingAccount;
  // One form, two shapes: a new account also confirms its password.
  const [form, fields] = useForm<{ password: string; confirmation?: string }>({
    lastResult: actionData,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: existing ? existingAccountSchema : newPasswordSchema }),
  });
  if (!loaderData.valid) {
    return (
      <div className="mx-auto max-w-md">
        <h1>Invitation expirée</h1>
        <p className="mt-2">
          Cette invitation n'est plus valable (déjà acceptée, annulée ou expirée). Demandez-en une nouvelle à la
          coordination départementale.
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1>Rejoindre l'espace Promeneurs du Net</h1>
      <p className="mt-2">
        {loaderData.nom}, vous êtes invité·e avec le rôle « {loaderData.role} » ({loaderData.departement}).
      </p>
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="email" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
        {existing ? (
          <InputField
            field={fields.password}
            label="Mot de passe de votre compte existant"
            type="password"
            hint={`Un compte existe déjà pour ${loaderData.email} : ce rôle s'y ajoutera.`}
            autoComplete="current-password"
            required
          />
        ) : (
          <>
            <InputField
              field={fields.password}
              label="Choisissez un mot de passe"
              type="password"
              hint="12 caractères au moins ; une phrase facile à retenir convient."
              autoComplete="new-password"
              required
            />
            <InputField
              field={fields.confirmation}
              label="Confirmez le mot de passe"
              type="password"
              autoComplete="new-password"
              required
            />
          </>
        )}
        <button type="submit" className="btn w-full">
          Accepter l'invitation
        </button>
      </Form>
    </div>
  );
}
