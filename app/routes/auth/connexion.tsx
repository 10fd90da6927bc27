import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@db/seed/demo";
import { DEMO_EVALUATEUR } from "@db/seed/demo-appels";
import { data, Form, redirect } from "react-router";
import { homePathFor } from "~/domain/comptes/actor";
import { startSession } from "~/domain/comptes/comptes.commands.server";
import { signInSchema } from "~/domain/comptes/comptes.schema";
import { loadActor, parseCookies, serializeCookie, sessionCookieName } from "~/domain/comptes/session.server";
import { checkCredentials, LOCK_MINUTES } from "~/domain/comptes/sign-in.server";
import { hashToken } from "~/domain/comptes/tokens.server";
import { actorContext } from "~/server/context.server";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { clientIp, requestId, safeReturnPath, sessionPolicy } from "~/server/request.server";
import { isSecureRequest } from "~/server/root-middleware.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/connexion";

export const meta: Route.MetaFunction = () => [{ title: "Connexion – Promeneurs du Net" }];

export function loader({ context, request }: Route.LoaderArgs) {
  const retour = new URL(request.url).searchParams.get("retour");
  const actor = context.get(actorContext);
  if (actor) throw redirect(safeReturnPath(retour, homePathFor(actor)));
  const env = getEnv();
  return {
    retour,
    demo: env.demo
      ? { password: DEMO_PASSWORD, accounts: [...DEMO_ACCOUNTS.map((a) => a.email), DEMO_EVALUATEUR.email] }
      : null,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, retour } = submission.value;
  const db = getDb();
  const now = new Date();
  const ip = clientIp(context);
  const result = await checkCredentials(db, { email, password, ip }, now);
  if (!result.ok) {
    const message =
      result.reason === "locked"
        ? `Trop de tentatives infructueuses : la connexion à ce compte depuis votre adresse est bloquée pendant ${LOCK_MINUTES} minutes. Patientez ou réinitialisez votre mot de passe.`
        : "Adresse e-mail ou mot de passe incorrect.";
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "locked" ? 429 : 400,
    });
  }
  const secure = isSecureRequest(request);
  const previous = parseCookies(request.headers.get("cookie"))[sessionCookieName(secure)];
  const policy = sessionPolicy();
  const { token } = await startSession(
    { db, now, requestId: requestId(context) },
    {
      userId: result.userId,
      ip,
      userAgent: request.headers.get("user-agent"),
      secondFactorPending: result.hasTotp,
      previousSessionId: previous ? hashToken(previous) : undefined,
    },
    policy,
  );
  const cookie = serializeCookie(sessionCookieName(secure), token, { secure, maxAgeSeconds: policy.maxHours * 3600 });
  if (result.hasTotp) {
    const next = retour ? `/connexion/verification?retour=${encodeURIComponent(retour)}` : "/connexion/verification";
    return redirect(next, { headers: { "Set-Cookie": cookie } });
  }
  const actor = await loadActor(db, {
    id: hashToken(token),
    userId: result.userId,
    secondFactorPending: false,
    expiresAt: now,
  });
  return redirect(safeReturnPath(retour, actor ? homePathFor(actor) : "/espace"), {
    headers: { "Set-Cookie": cookie },
  });
}

export default function SignInPage({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: { retour: loaderData.retour ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1>Connexion à l'espace professionnel</h1>
      <p className="mt-2 text-slate-700">
        Réservé aux promeneurs, aux structures, à la coordination et au comité de pilotage.
      </p>
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <input {...getInputProps(fields.retour, { type: "hidden" })} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <InputField field={fields.email} label="Adresse e-mail" type="email" autoComplete="username" required />
        <InputField
          field={fields.password}
          label="Mot de passe"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" className="btn w-full">
          Se connecter
        </button>
      </Form>
      <p className="mt-4">
        <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
      </p>
      {loaderData.demo ? (
        <section aria-labelledby="demo-title" className="mt-8 rounded-md border border-amber-600 bg-amber-50 p-4">
          <h2 id="demo-title" className="text-lg">
            Mode démonstration
          </h2>
          <p className="mt-1">
            Données fictives. Mot de passe de tous les comptes : <code>{loaderData.demo.password}</code>
          </p>
          <ul className="mt-2 list-disc pl-6">
            {loaderData.demo.accounts.map((email) => (
              <li key={email}>
                <code>{email}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
