import {
  getCollectionProps,
  getFormProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import {
  RESSOURCE_CATEGORIES,
  type RessourceVisibilite,
  ressourceCategorieLabels,
  ressourceVisibiliteLabels,
} from "~/domain/ressources/ressource.labels";
import { DESCRIPTION_MAX, ressourceSchema, TITRE_MAX } from "~/domain/ressources/ressource.schema";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";

export type RessourceFormValues = {
  titre?: string;
  description?: string;
  categorie?: string;
  visibilite?: RessourceVisibilite;
  url?: string | null;
  ordre?: number;
};

/**
 * The form of a resource. `genre`: a new resource offers a file or a link; an existing one keeps
 * its kind (a file can be replaced, a link changed).
 */
export function RessourceForm({
  lastResult,
  defaults,
  genre,
  fichierActuel,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaults: RessourceFormValues;
  genre: "nouvelle" | "fichier" | "lien";
  fichierActuel?: string | null;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { ...defaults, url: defaults.url ?? "", ordre: String(defaults.ordre ?? 0) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ressourceSchema }),
  });
  const fichierErrors = (lastResult?.error?.fichier ?? undefined) as string[] | undefined;
  const visibiliteHint = `${fields.visibilite.id}-aide`;
  return (
    <Form method="post" encType="multipart/form-data" className="mt-6 max-w-2xl" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="enregistrer" />
      <FormErrors errors={form.errors} id={form.errorId} />
      <InputField field={fields.titre} label="Titre" type="text" maxLength={TITRE_MAX} />
      <Field
        id={fields.description.id}
        label="Description (facultatif)"
        hint={`En une ou deux phrases, ${DESCRIPTION_MAX} caractères au plus.`}
        descriptionId={fields.description.descriptionId}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
      >
        <textarea
          {...getTextareaProps(fields.description, { ariaDescribedBy: fields.description.descriptionId })}
          rows={3}
          maxLength={DESCRIPTION_MAX}
          className="input w-full"
        />
      </Field>
      <Field
        id={fields.categorie.id}
        label="Catégorie"
        errors={fields.categorie.errors}
        errorId={fields.categorie.errorId}
      >
        <select {...getSelectProps(fields.categorie)} className="input">
          {RESSOURCE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {ressourceCategorieLabels[c]}
            </option>
          ))}
        </select>
      </Field>
      <fieldset
        className="mb-4"
        aria-describedby={
          fields.visibilite.errors?.length ? `${visibiliteHint} ${fields.visibilite.errorId}` : visibiliteHint
        }
      >
        <legend className="mb-1 font-semibold">Qui peut la voir</legend>
        <p id={visibiliteHint} className="mb-1 text-sm text-slate-700">
          Une ressource du réseau n'apparaît que dans l'espace professionnel.
        </p>
        {getCollectionProps(fields.visibilite, { type: "radio", options: ["public", "reseau"] }).map(
          ({ key, ...props }) => (
            <div key={key} className="flex items-center gap-2 py-0.5">
              <input {...props} />
              <label htmlFor={props.id}>{ressourceVisibiliteLabels[props.value as RessourceVisibilite]}</label>
            </div>
          ),
        )}
        {fields.visibilite.errors?.length ? (
          <p id={fields.visibilite.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
            {fields.visibilite.errors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      {genre !== "lien" ? (
        <Field
          id="ressource-fichier"
          label={
            genre === "fichier"
              ? `Remplacer le fichier (facultatif)${fichierActuel ? ` – actuel : ${fichierActuel}` : ""}`
              : "Fichier"
          }
          hint={
            genre === "nouvelle"
              ? "Un fichier PDF, JPEG ou PNG de 10 Mo au plus. Ou bien, donnez un lien ci-dessous."
              : "Un fichier PDF, JPEG ou PNG de 10 Mo au plus."
          }
          descriptionId="ressource-fichier-aide"
          errors={fichierErrors}
          errorId="ressource-fichier-erreur"
        >
          <input
            id="ressource-fichier"
            name="fichier"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            aria-describedby={
              fichierErrors?.length ? "ressource-fichier-aide ressource-fichier-erreur" : "ressource-fichier-aide"
            }
            aria-invalid={fichierErrors?.length ? true : undefined}
          />
        </Field>
      ) : null}
      {genre !== "fichier" ? (
        <InputField
          field={fields.url}
          label={genre === "nouvelle" ? "Ou un lien vers une page" : "Lien"}
          type="url"
          hint="Une adresse qui commence par https://."
        />
      ) : null}
      <InputField
        field={fields.ordre}
        label="Ordre d'affichage"
        type="text"
        inputMode="numeric"
        hint="Les plus petits nombres d'abord, dans la catégorie (de 0 à 999)."
      />
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
