import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { homePathFor } from "~/domain/comptes/actor";
import { completeSecondFactor } from "~/domain/comptes/comptes.commands.server";
import { totpCodeSchema } from "~/domain/comptes/comptes.schema";
import {
  findLiveSession,
  loadActor,
  parseCookies,
  serializeCookie,
  sessionCookieName,
} from "~/domain/comptes/session.server";
import { isLocked, recordAttempt } from "~/domain/comptes/sign-in.server";
import { getDb } from "~/server/db.server";
import { clientIp, requestId, safeReturnPath, sessionPolicy } from "~/server/request.server";
import { isSecureRequest } from "~/server/root-middleware.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/connexion.verification";

export const meta: Route.MetaFunction = () => [{ title: "Code de vérification – Promeneurs du Net" }];

async function pendingSession(request: Request) {
  const token = parseCookies(request.headers.get("cookie"))[sessionCookieName(isSecureRequest(request))];
  if (!token) return null;
  const session = await findLiveSession(getDb(), token, sessionPolicy(), new Date());
  return session?.secondFactorPending ? session : null;
}

export async function loader({ request }: Route.LoaderArgs) {
  if (!(await pendingSession(request))) throw redirect("/connexion");
  return { retour: new URL(request.url).searchParams.get("retour") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await pendingSession(request);
  if (!session) throw redirect("/connexion");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: totpCodeSchema });
  if (submission.status !== "success") return data(submission.reply({ resetForm: true }), { status: 400 });
  const db = getDb();
  const now = new Date();
  const ip = clientIp(context);
  const key = `totp:${session.userId}`;
  if (await isLocked(db, key, ip, now)) {
    return data(
      submission.reply({ formErrors: ["Trop de codes erronés : patientez 15 minutes avant de réessayer."] }),
      { status: 429 },
    );
  }
  const result = await completeSecondFactor(
    { db, now, requestId: requestId(context) },
    { sessionId: session.id, code: submission.value.code, ip, userAgent: request.headers.get("user-agent") },
    sessionPolicy(),
  );
  await recordAttempt(db, key, ip, result.ok, now);
  if (!result.ok) {
    return data(
      submission.reply({
        fieldErrors: { code: ["Ce code n'est pas valable : saisissez le code affiché maintenant."] },
      }),
      {
        status: 400,
      },
    );
  }
  const secure = isSecureRequest(request);
  const actor = await loadActor(db, { id: "", userId: result.userId, secondFactorPending: false, expiresAt: now });
  const cookie = serializeCookie(sessionCookieName(secure), result.token, {
    secure,
    maxAgeSeconds: sessionPolicy().maxHours * 3600,
  });
  return redirect(safeReturnPath(submission.value.retour, actor ? homePathFor(actor) : "/espace"), {
    headers: { "Set-Cookie": cookie },
  });
}

export default function VerificationPage({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: { retour: loaderData.retour ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: totpCodeSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1>Code de vérification</h1>
      <p className="mt-2">Saisissez le code à 6 chiffres affiché par votre application d'authentification.</p>
      <Form method="post" className="mt-6" {...getFormProps(form)}>
        <CsrfInput />
        <input {...getInputProps(fields.retour, { type: "hidden" })} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <InputField
          field={fields.code}
          label="Code à 6 chiffres"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
        />
        <button type="submit" className="btn w-full">
          Valider
        </button>
      </Form>
    </div>
  );
}
