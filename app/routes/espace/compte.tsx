import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { users } from "@db/schema";
import { eq } from "drizzle-orm";
import { data, Form, redirect } from "react-router";
import { changePassword, disableTotp, enableTotp, prepareTotp } from "~/domain/comptes/comptes.commands.server";
import { changePasswordSchema, totpCodeSchema } from "~/domain/comptes/comptes.schema";
import { roleLabels } from "~/domain/comptes/roles";
import { totpUri } from "~/domain/comptes/totp";
import { qrCodeDataUri } from "~/lib/qr-code.server";
import { z } from "~/lib/zod";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/compte";

export const meta: Route.MetaFunction = () => [{ title: "Mon compte – Promeneurs du Net" }];

const disableSchema = z.object({ password: z.string({ message: "Saisissez votre mot de passe." }).max(200) });

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const [user] = await getDb().select().from(users).where(eq(users.id, actor.userId));
  const pendingSecret = user?.totpSecret && !user.totpEnabledAt ? user.totpSecret : null;
  return {
    nom: actor.nom,
    email: actor.email,
    roles: actor.roles.map((r) => `${roleLabels[r.role]}${r.departement ? ` (${r.departement})` : ""}`),
    totpEnabled: actor.totpEnabled,
    pendingSecret,
    pendingUri: pendingSecret ? totpUri(pendingSecret, actor.email) : null,
    // The QR code of the same URI, drawn on the server (an SVG image, no script).
    pendingQr: pendingSecret ? await qrCodeDataUri(totpUri(pendingSecret, actor.email)) : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  const schemas = {
    "mot-de-passe": changePasswordSchema,
    "totp-activer": totpCodeSchema,
    "totp-desactiver": disableSchema,
  } as const;
  if (intent === "totp-preparer") {
    try {
      await prepareTotp(ctx, actor);
    } catch (error) {
      if (error instanceof Invalid) throw data({ message: error.message }, { status: 400 });
      throw error;
    }
    return redirect("/espace/compte#double-authentification");
  }
  if (!(intent in schemas)) throw data({ message: "Action inconnue." }, { status: 400 });
  const submission = parseWithZod(formData, { schema: schemas[intent as keyof typeof schemas] });
  if (submission.status !== "success") {
    return data(
      { intent, result: submission.reply({ hideFields: ["current", "password", "confirmation"] }) },
      { status: 400 },
    );
  }
  try {
    if (intent === "mot-de-passe") {
      const value = submission.value as z.infer<typeof changePasswordSchema>;
      await changePassword(ctx, actor, value.current, value.password);
      setFlash(context, "Mot de passe changé. Vos autres sessions ont été fermées.");
    } else if (intent === "totp-activer") {
      await enableTotp(ctx, actor, (submission.value as z.infer<typeof totpCodeSchema>).code);
      setFlash(context, "Double authentification activée : un code vous sera demandé à chaque connexion.");
    } else {
      await disableTotp(ctx, actor, (submission.value as z.infer<typeof disableSchema>).password);
      setFlash(context, "Double authentification désactivée.");
    }
  } catch (error) {
    if (error instanceof Invalid) {
      return data(
        {
          intent,
          result: submission.reply({
            fieldErrors: { [error.field]: [error.message] },
            hideFields: ["current", "password", "confirmation"],
          }),
        },
        { status: 400 },
      );
    }
    throw error;
  }
  return redirect("/espace/compte");
}

export default function ComptePage({ loaderData, actionData }: Route.ComponentProps) {
  const [pwForm, pw] = useForm({
    id: "mot-de-passe",
    lastResult: actionData?.intent === "mot-de-passe" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: "onBlur",
  });
  const [totpForm, totp] = useForm({
    id: "totp",
    lastResult: actionData?.intent === "totp-activer" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: totpCodeSchema }),
  });
  const [offForm, off] = useForm({
    id: "totp-off",
    lastResult: actionData?.intent === "totp-desactiver" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: disableSchema }),
  });
  return (
    <div className="max-w-2xl">
      <h1>Mon compte</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">Nom</dt>
        <dd>{loaderData.nom}</dd>
        <dt className="font-semibold">E-mail</dt>
        <dd>{loaderData.email}</dd>
        <dt className="font-semibold">Rôles</dt>
        <dd>{loaderData.roles.join(", ")}</dd>
      </dl>
      <p className="mt-4">
        <a href="/espace/calendrier">Mon agenda</a>&nbsp;: l'adresse personnelle qui affiche vos regroupements dans
        votre application d'agenda.
      </p>

      <section aria-labelledby="mdp" className="mt-8">
        <h2 id="mdp">Changer de mot de passe</h2>
        <Form method="post" className="mt-3" {...getFormProps(pwForm)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="mot-de-passe" />
          <FormErrors errors={pwForm.errors} id={pwForm.errorId} />
          <input type="email" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
          <InputField field={pw.current} label="Mot de passe actuel" type="password" autoComplete="current-password" />
          <InputField
            field={pw.password}
            label="Nouveau mot de passe (12 caractères au moins)"
            type="password"
            autoComplete="new-password"
          />
          <InputField
            field={pw.confirmation}
            label="Confirmer le nouveau mot de passe"
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" className="btn">
            Changer le mot de passe
          </button>
        </Form>
      </section>

      <section aria-labelledby="double-authentification" className="mt-10">
        <h2 id="double-authentification">Double authentification</h2>
        {loaderData.totpEnabled ? (
          <>
            <p className="mt-2">Activée : un code de votre application vous est demandé à chaque connexion.</p>
            <Form method="post" className="mt-3" {...getFormProps(offForm)}>
              <CsrfInput />
              <input type="hidden" name="intent" value="totp-desactiver" />
              <InputField
                field={off.password}
                label="Mot de passe (pour désactiver)"
                type="password"
                autoComplete="current-password"
              />
              <button type="submit" className="btn-secondary">
                Désactiver la double authentification
              </button>
            </Form>
          </>
        ) : loaderData.pendingSecret ? (
          <>
            <p className="mt-2">
              Dans votre application d'authentification (FreeOTP, Aegis, Google Authenticator…), ajoutez un compte avec
              cette clé, puis saisissez le code affiché.
            </p>
            {loaderData.pendingQr ? (
              <img
                src={loaderData.pendingQr}
                alt="QR code à scanner avec votre application d'authentification (la clé est aussi écrite ci-dessous)"
                width={200}
                height={200}
                className="mt-3 border border-slate-300"
              />
            ) : null}
            <p className="mt-2">
              Clé : <code className="break-all">{loaderData.pendingSecret.replace(/(.{4})/g, "$1 ").trim()}</code>
            </p>
            <p className="mt-1">
              <a href={loaderData.pendingUri ?? "#"}>Ouvrir dans l'application (sur ce téléphone)</a>
            </p>
            <Form method="post" className="mt-3" {...getFormProps(totpForm)}>
              <CsrfInput />
              <input type="hidden" name="intent" value="totp-activer" />
              <InputField
                field={totp.code}
                label="Code à 6 chiffres"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
              />
              <button type="submit" className="btn">
                Activer
              </button>
            </Form>
          </>
        ) : (
          <>
            <p className="mt-2">
              Recommandée pour la coordination : en plus du mot de passe, un code à usage unique généré par une
              application sur votre téléphone.
            </p>
            <Form method="post" className="mt-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="totp-preparer" />
              <button type="submit" className="btn-secondary">
                Configurer la double authentification
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
