import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { STRUCTURE_TYPES, structureTypeLabels } from "~/domain/structures/structure.labels";
import {
  type StructureCreationFormInput,
  type StructureCreationInput,
  structureCreationSchema,
  structureSchema,
} from "~/domain/structures/structure.schema";
import { CsrfInput } from "~/ui/csrf-input";
import { CommuneField, Field, FormErrors, InputField } from "~/ui/field";

/** The structure's record as a form, shared by the creation and edit pages (not a route). */
export type StructureFormValues = {
  nom?: string;
  type?: string;
  siret?: string | null;
  adresse?: string | null;
  codePostal?: string | null;
  communeCode?: string | null;
  telephone?: string | null;
  email?: string | null;
  siteWeb?: string | null;
  statut?: string;
  departement?: string;
};

type Props = {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: StructureFormValues;
  communes: { code: string; nom: string }[];
  /** Creation: the département is sent with the form. */
  departement?: string;
  mayChangeStatut: boolean;
  submitLabel: string;
};

export function StructureForm({
  lastResult,
  defaultValue,
  communes,
  departement,
  mayChangeStatut,
  submitLabel,
}: Props) {
  // The edit form has no département: its submission is the creation one without that field.
  const schema = (departement ? structureCreationSchema : structureSchema) as typeof structureCreationSchema;
  const [form, fields] = useForm<StructureCreationFormInput, StructureCreationInput>({
    lastResult,
    // Null (an empty field in the database) is an empty input.
    defaultValue: Object.fromEntries(
      Object.entries(defaultValue).filter((entry) => typeof entry[1] === "string"),
    ) as Partial<StructureCreationFormInput>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" className="mt-4 max-w-xl" {...getFormProps(form)}>
      <CsrfInput />
      {departement ? <input type="hidden" name="departement" value={departement} /> : null}
      <FormErrors errors={form.errors} id={form.errorId} />
      <InputField field={fields.nom} label="Nom de la structure" type="text" autoComplete="organization" />
      <Field id={fields.type.id} label="Type de structure" errors={fields.type.errors} errorId={fields.type.errorId}>
        <select {...getSelectProps(fields.type)} className="input">
          <option value="">— Choisir un type —</option>
          {STRUCTURE_TYPES.map((t) => (
            <option key={t} value={t}>
              {structureTypeLabels[t]}
            </option>
          ))}
        </select>
      </Field>
      <InputField
        field={fields.siret}
        label="SIRET (facultatif)"
        type="text"
        inputMode="numeric"
        hint="14 chiffres, espaces acceptés."
      />
      <InputField field={fields.adresse} label="Adresse (facultatif)" type="text" autoComplete="street-address" />
      <InputField
        field={fields.codePostal}
        label="Code postal (facultatif)"
        type="text"
        inputMode="numeric"
        autoComplete="postal-code"
      />
      <CommuneField field={fields.communeCode} communes={communes} vide="— Choisir une commune —" />
      <InputField
        field={fields.telephone}
        label="Téléphone (facultatif)"
        type="tel"
        autoComplete="tel"
        hint="Par exemple 04 92 31 00 00."
      />
      <InputField field={fields.email} label="E-mail de contact (facultatif)" type="email" autoComplete="email" />
      <InputField
        field={fields.siteWeb}
        label="Site web (facultatif)"
        type="text"
        inputMode="url"
        autoComplete="url"
        hint="Adresse en https://, par exemple https://www.exemple.fr."
      />
      {mayChangeStatut ? (
        <fieldset className="mb-4">
          <legend className="mb-1 font-semibold">Statut</legend>
          {(
            [
              ["active", "Active (membre du réseau)"],
              ["inactive", "Inactive (ne fait plus partie du réseau ; gardée pour l'historique)"],
            ] as const
          ).map(([value, label]) => (
            <div key={value} className="flex items-center gap-2">
              <input {...getInputProps(fields.statut, { type: "radio", value })} id={`${fields.statut.id}-${value}`} />
              <label htmlFor={`${fields.statut.id}-${value}`}>{label}</label>
            </div>
          ))}
          {fields.statut.errors?.length ? (
            <p id={fields.statut.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
              {fields.statut.errors.join(" ")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
