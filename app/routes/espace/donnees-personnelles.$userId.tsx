import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, href, redirect } from "react-router";
import { libellePersonneEffacee } from "~/domain/donnees-personnelles/conservation.rules";
import { effacementSchema, MOT_CONFIRMATION } from "~/domain/donnees-personnelles/effacement.schema";
import { effacerPersonneParCoordination, getPersonneEffacable } from "~/domain/donnees-personnelles/effacement.server";
import { formatDate } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/donnees-personnelles.$userId";

export const meta: Route.MetaFunction = () => [{ title: "Effacer une personne – Promeneurs du Net" }];

/** The confirmation step: who will be erased, what goes and what stays. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "donnees.effacer");
  const departement = pickDepartement(actor, "donnees.effacer", request);
  const personne = await getPersonneEffacable(getDb(), departement, actor, params.userId);
  return { departement, personne };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "donnees.effacer");
  const departement = pickDepartement(actor, "donnees.effacer", request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: effacementSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  let numero: number;
  try {
    numero = await effacerPersonneParCoordination(
      getDb(),
      actor,
      departement,
      params.userId,
      new Date(),
      requestId(context),
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
    }
    throw error;
  }
  setFlash(
    context,
    `Identité effacée\u00a0: la personne apparaît désormais sous «\u00a0${libellePersonneEffacee(numero)}\u00a0».`,
  );
  return redirect(`${href("/espace/donnees-personnelles")}?departement=${departement}`);
}

export default function EffacerPersonnePage({ loaderData, actionData }: Route.ComponentProps) {
  const { personne, departement } = loaderData;
  const [form, fields] = useForm({
    id: "effacement",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: effacementSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="max-w-2xl">
      <p>
        <a href={`${href("/espace/donnees-personnelles")}?departement=${departement}`}>← Effacement des données</a>
      </p>
      <h1 className="mt-2">Effacer {personne.nom}&nbsp;?</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">E-mail</dt>
        <dd>{personne.email}</dd>
        <dt className="font-semibold">Rôles</dt>
        <dd>{personne.roles.join(", ") || "—"}</dd>
        <dt className="font-semibold">Dernière connexion</dt>
        <dd>{personne.derniereConnexion ? formatDate(personne.derniereConnexion) : "jamais"}</dd>
      </dl>
      <h2 className="mt-6">Ce qui disparaît</h2>
      <ul className="mt-2 list-disc pl-6">
        <li>nom, e-mail, téléphone, photo, présentation, fonction&nbsp;;</li>
        <li>profils sur les réseaux sociaux, horaires et absences&nbsp;;</li>
        <li>rôles, sessions, invitations en attente&nbsp;: la personne ne peut plus se connecter&nbsp;;</li>
        <li>son nom et son e-mail dans le journal des modifications.</li>
      </ul>
      <h2 className="mt-6">Ce qui reste</h2>
      <p className="mt-2">
        Les nombres de ses bilans mensuels et ses présences aux regroupements, qui comptent dans les indicateurs,
        attribués à «&nbsp;Personne effacée n°&nbsp;…&nbsp;». L'effacement est définitif.
      </p>
      {personne.empechement ? (
        <p className="mt-6 font-semibold">{personne.empechement}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
          <CsrfInput />
          <FormErrors errors={form.errors} id={form.errorId} />
          <InputField
            field={fields.confirmation}
            label={`Pour confirmer, tapez ${MOT_CONFIRMATION}`}
            type="text"
            autoComplete="off"
          />
          <button type="submit" className="btn-danger">
            Effacer définitivement
          </button>
        </Form>
      )}
    </div>
  );
}
