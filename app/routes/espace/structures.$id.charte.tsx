import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, href, Link, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { recordCharte, requireEditableStructure } from "~/domain/structures/structure.commands.server";
import { charteSchema } from "~/domain/structures/structure.schema";
import { formatDate } from "~/lib/format";
import { formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { checkUpload, fileFrom } from "~/server/fichiers.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/structures.$id.charte";

export const meta: Route.MetaFunction = () => [{ title: "Charte employeur – Promeneurs du Net" }];

/** The structure if the actor may sign its charter: 403 for a role that never does, 404 out of scope. */
function editableStructure(actor: Actor, id: string | undefined) {
  return requireEditableStructure(getDb(), actor, id, "Votre rôle ne permet pas d'enregistrer cette charte.");
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "structure.modifier");
  const structure = await editableStructure(actor, params.id);
  return {
    structure: {
      id: structure.id,
      nom: structure.nom,
      charteSigneeLe: structure.charteSigneeLe,
      charteSignataire: structure.charteSignataire,
      hasDocument: structure.charteDocumentId !== null,
    },
    today: formatJourIso(jourParis(new Date())),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "structure.modifier");
  const structure = await editableStructure(actor, params.id);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: charteSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const file = fileFrom(formData, "document");
    const document = file ? await checkUpload(file, "document", "document") : null;
    await recordCharte(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      structure.id,
      submission.value,
      document,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, "Signature de la charte employeur enregistrée.");
  return redirect(href("/espace/structures/:id", { id: structure.id }));
}

export default function ChartePage({ loaderData, actionData }: Route.ComponentProps) {
  const { structure } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: {
      signeeLe: structure.charteSigneeLe ? formatJourIso(jourParis(new Date(structure.charteSigneeLe))) : undefined,
      signataire: structure.charteSignataire ?? undefined,
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: charteSchema }),
  });
  const documentErrors = (actionData?.error?.document ?? undefined) as string[] | undefined;
  return (
    <div>
      <p>
        <Link to={href("/espace/structures/:id", { id: structure.id })} className="underline">
          Retour à la structure
        </Link>
      </p>
      <h1 className="mt-2">Charte employeur de « {structure.nom} »</h1>
      {structure.charteSigneeLe ? (
        <p className="mt-2">
          Signature enregistrée : le {formatDate(structure.charteSigneeLe)}
          {structure.charteSignataire ? `, par ${structure.charteSignataire}` : ""}. Enregistrez à nouveau pour la
          corriger ou pour joindre une charte renouvelée.
        </p>
      ) : (
        <p className="mt-2">La charte employeur n'est pas encore enregistrée pour cette structure.</p>
      )}
      <Form method="post" encType="multipart/form-data" className="mt-4 max-w-xl" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field
          id={fields.signeeLe.id}
          label="Date de signature"
          errors={fields.signeeLe.errors}
          errorId={fields.signeeLe.errorId}
        >
          <input {...getInputProps(fields.signeeLe, { type: "date" })} max={loaderData.today} className="input" />
        </Field>
        <InputField field={fields.signataire} label="Nom de la personne qui a signé" type="text" autoComplete="off" />
        <Field
          id="charte-document"
          label={structure.hasDocument ? "Nouvelle copie signée (facultatif)" : "Copie signée de la charte"}
          hint="Un fichier PDF, JPEG ou PNG de 10 Mo au plus."
          descriptionId="charte-document-aide"
          errors={documentErrors}
          errorId="charte-document-erreur"
        >
          <input
            id="charte-document"
            name="document"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            required={!structure.hasDocument}
            aria-invalid={documentErrors ? true : undefined}
            aria-describedby={["charte-document-aide", documentErrors ? "charte-document-erreur" : ""]
              .filter(Boolean)
              .join(" ")}
          />
        </Field>
        <button type="submit" className="btn">
          Enregistrer la signature
        </button>
      </Form>
    </div>
  );
}
