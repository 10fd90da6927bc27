import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { modifierFiche } from "~/domain/promeneurs/fiche.commands.server";
import { getPromeneurPublic } from "~/domain/promeneurs/fiche.queries.server";
import { AGE_MAX, AGE_MIN, BIO_MAX, NOM_PUBLIC_MAX } from "~/domain/promeneurs/fiche.rules";
import { ficheSchema } from "~/domain/promeneurs/fiche.schema";
import { type PromeneurStatut, promeneurStatutLabels } from "~/domain/promeneurs/promeneur.labels";
import { THEMES, type Theme, themeLabels } from "~/domain/promeneurs/theme.labels";
import { getDb } from "~/server/db.server";
import { forbidden, Invalid } from "~/server/errors.server";
import { checkUpload, type FichierVerifie, fileFrom } from "~/server/fichiers.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/promeneurs.$id.fiche";

export const meta: Route.MetaFunction = () => [{ title: "Fiche publique – Promeneurs du Net" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const { promeneur, canManage } = await getPromeneurPublic(getDb(), actor, params.id);
  return {
    canManage,
    promeneur: {
      id: promeneur.id,
      prenom: promeneur.prenom,
      nom: promeneur.nom,
      statut: promeneur.statut,
      nomPublic: promeneur.nomPublic,
      bio: promeneur.bio ?? "",
      themes: promeneur.themes,
      ageMin: promeneur.ageMin,
      ageMax: promeneur.ageMax,
      photoId: promeneur.photoId,
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const db = getDb();
  // Checked before the form is read: out of scope is a 404, a reader who may not edit a 403.
  const { promeneur, canManage } = await getPromeneurPublic(db, actor, params.id);
  if (!canManage) forbidden("Seuls le promeneur et la coordination de son département modifient sa fiche.");
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: ficheSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  let photo: FichierVerifie | null = null;
  try {
    const file = fileFrom(form, "photo");
    // The photo is checked and re-encoded before the transaction (sharp takes a moment).
    if (file && !submission.value.supprimerPhoto) photo = await checkUpload(file, "photo", "photo");
    await modifierFiche({ db, now: new Date(), requestId: requestId(context) }, actor, promeneur.id, {
      ...submission.value,
      photo,
    });
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, "Fiche publique enregistrée.");
  return redirect(`/espace/promeneurs/${promeneur.id}/fiche`);
}

export default function FichePage({ loaderData, actionData }: Route.ComponentProps) {
  const { promeneur, canManage } = loaderData;
  return (
    <div>
      <p className="text-sm">
        <a href={`/espace/promeneurs/${promeneur.id}`}>
          Fiche de {promeneur.prenom} {promeneur.nom}
        </a>
      </p>
      <h1 className="mt-2">Fiche publique de {promeneur.nomPublic}</h1>
      <p className="mt-1 text-slate-700">
        Ce que le public voit sur le site, tant que le promeneur est actif (statut actuel :{" "}
        {promeneurStatutLabels[promeneur.statut as PromeneurStatut] ?? promeneur.statut}). Le nom et le prénom restent
        internes.
      </p>
      {promeneur.photoId ? (
        <img
          src={`/espace/promeneurs/${promeneur.id}/photo?v=${promeneur.photoId}`}
          alt={promeneur.nomPublic}
          className="mt-4 h-40 w-40 rounded-md object-cover"
        />
      ) : (
        <p className="mt-4">Pas de photo pour l'instant.</p>
      )}
      {canManage ? <FicheForm promeneur={promeneur} lastResult={actionData} /> : <FicheLecture promeneur={promeneur} />}
    </div>
  );
}

type FicheProps = { promeneur: Route.ComponentProps["loaderData"]["promeneur"] };

function FicheLecture({ promeneur }: FicheProps) {
  return (
    <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
      <dt className="font-semibold">Nom affiché</dt>
      <dd>{promeneur.nomPublic}</dd>
      <dt className="font-semibold">Présentation</dt>
      <dd className="whitespace-pre-line">{promeneur.bio || "–"}</dd>
      <dt className="font-semibold">Thèmes</dt>
      <dd>{promeneur.themes.map((t) => themeLabels[t as Theme] ?? t).join(", ") || "–"}</dd>
      <dt className="font-semibold">Âges</dt>
      <dd>
        de {promeneur.ageMin} à {promeneur.ageMax} ans
      </dd>
    </dl>
  );
}

function FicheForm({ promeneur, lastResult }: FicheProps & { lastResult: unknown }) {
  const [form, fields] = useForm({
    // biome-ignore lint/suspicious/noExplicitAny: Conform's SubmissionResult, as the action returns it.
    lastResult: lastResult as any,
    defaultValue: {
      nomPublic: promeneur.nomPublic,
      bio: promeneur.bio,
      themes: promeneur.themes,
      ageMin: String(promeneur.ageMin),
      ageMax: String(promeneur.ageMax),
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ficheSchema }),
  });
  const themesChoisis = ([] as unknown[]).concat(fields.themes.initialValue ?? []).map(String);
  const photoErrors = form.allErrors.photo;
  return (
    <Form method="post" encType="multipart/form-data" className="mt-6 max-w-2xl" {...getFormProps(form)}>
      <CsrfInput />
      <FormErrors errors={form.errors} id={form.errorId} />
      <InputField
        field={fields.nomPublic}
        label="Nom affiché au public"
        type="text"
        maxLength={NOM_PUBLIC_MAX}
        hint="Par exemple « Léa, animatrice à Sisteron ». Jamais de nom de famille."
      />
      <Field
        id={fields.bio.id}
        label="Présentation (facultative)"
        hint={`${BIO_MAX} caractères au plus. Ni adresse e-mail ni numéro de téléphone : elle est publique.`}
        descriptionId={fields.bio.descriptionId}
        errors={fields.bio.errors}
        errorId={fields.bio.errorId}
      >
        <textarea
          {...getTextareaProps(fields.bio, { ariaDescribedBy: fields.bio.descriptionId })}
          rows={5}
          maxLength={BIO_MAX}
          className="input"
        />
      </Field>

      <fieldset
        className="mb-4"
        aria-describedby={fields.themes.errors?.length ? fields.themes.errorId : undefined}
        aria-invalid={fields.themes.errors?.length ? true : undefined}
      >
        <legend className="mb-1 font-semibold">Thèmes sur lesquels vous accompagnez les jeunes</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {THEMES.map((theme) => (
            <label key={theme} className="inline-flex items-center gap-2">
              <input
                type="checkbox"
                name={fields.themes.name}
                value={theme}
                defaultChecked={themesChoisis.includes(theme)}
              />
              {themeLabels[theme]}
            </label>
          ))}
        </div>
        {fields.themes.errors?.length ? (
          <p id={fields.themes.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
            {fields.themes.errors.join(" ")}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="mb-4">
        <legend className="mb-1 font-semibold">
          Âge des jeunes accompagnés (de {AGE_MIN} à {AGE_MAX} ans)
        </legend>
        <div className="flex flex-wrap gap-x-6">
          <Field
            id={fields.ageMin.id}
            label="À partir de (ans)"
            errors={fields.ageMin.errors}
            errorId={fields.ageMin.errorId}
          >
            <input
              {...getInputProps(fields.ageMin, { type: "number" })}
              min={AGE_MIN}
              max={AGE_MAX}
              className="input"
            />
          </Field>
          <Field
            id={fields.ageMax.id}
            label="Jusqu'à (ans)"
            errors={fields.ageMax.errors}
            errorId={fields.ageMax.errorId}
          >
            <input
              {...getInputProps(fields.ageMax, { type: "number" })}
              min={AGE_MIN}
              max={AGE_MAX}
              className="input"
            />
          </Field>
        </div>
      </fieldset>

      <Field
        id="photo"
        label={promeneur.photoId ? "Remplacer la photo (facultatif)" : "Photo (facultative)"}
        hint="Image JPEG, PNG ou WebP de 5 Mo au plus. Elle est recadrée à 800 pixels et ses métadonnées (lieu, appareil) sont supprimées."
        descriptionId="photo-aide"
        errors={photoErrors}
        errorId="photo-erreur"
      >
        <input
          type="file"
          id="photo"
          name="photo"
          accept="image/jpeg,image/png,image/webp"
          aria-describedby={photoErrors?.length ? "photo-aide photo-erreur" : "photo-aide"}
          aria-invalid={photoErrors?.length ? true : undefined}
          className="block"
        />
      </Field>
      {promeneur.photoId ? (
        <div className="mb-4">
          <label className="inline-flex items-center gap-2">
            <input {...getInputProps(fields.supprimerPhoto, { type: "checkbox" })} />
            Supprimer la photo
          </label>
        </div>
      ) : null}

      <button type="submit" className="btn">
        Enregistrer la fiche
      </button>
    </Form>
  );
}
