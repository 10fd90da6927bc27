import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { COMMUNICATION_TYPES, communicationTypeLabels } from "~/domain/communication/communication.labels";
import {
  COMMENTAIRE_MAX,
  communicationSchema,
  DATE_MIN,
  PUBLIC_MAX,
  TITRE_MAX,
} from "~/domain/communication/communication.schema";
import { formatNumber } from "~/lib/format";
import { parseJourIso } from "~/lib/jour";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";

export type CommunicationFormValues = {
  date?: string;
  type?: string;
  titre?: string;
  public?: string;
  portee?: number | null;
  commentaire?: string;
};

/** The form of a communication action, for a new action and an edited one. */
export function CommunicationForm({
  lastResult,
  today,
  dateMax,
  defaults,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  today: string;
  /** The last day accepted (a year after today), for the date picker. */
  dateMax: string;
  defaults: CommunicationFormValues;
  submitLabel: string;
}) {
  const aujourdhui = parseJourIso(today) ?? { annee: 2000, mois: 1, jour: 1 };
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { ...defaults, portee: defaults.portee === null ? "" : String(defaults.portee ?? "") },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: communicationSchema(aujourdhui) }),
  });
  return (
    <Form method="post" className="mt-6 max-w-2xl" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="enregistrer" />
      <FormErrors errors={form.errors} id={form.errorId} />
      <Field
        id={fields.date.id}
        label="Date"
        hint="Une action prévue peut être notée jusqu'à un an à l'avance."
        descriptionId={fields.date.descriptionId}
        errors={fields.date.errors}
        errorId={fields.date.errorId}
      >
        <input
          {...getInputProps(fields.date, { type: "date", ariaDescribedBy: fields.date.descriptionId })}
          min={DATE_MIN}
          max={dateMax}
          className="input"
        />
      </Field>
      <Field id={fields.type.id} label="Type d'action" errors={fields.type.errors} errorId={fields.type.errorId}>
        <select {...getSelectProps(fields.type)} className="input">
          {COMMUNICATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {communicationTypeLabels[type]}
            </option>
          ))}
        </select>
      </Field>
      <InputField
        field={fields.titre}
        label="Titre"
        type="text"
        hint="Par exemple : article dans La Provence, affiches dans les collèges de Digne."
        maxLength={TITRE_MAX}
      />
      <InputField
        field={fields.public}
        label="Public visé (facultatif)"
        type="text"
        hint="Jeunes, parents, partenaires, professionnels…"
        maxLength={PUBLIC_MAX}
      />
      <InputField
        field={fields.portee}
        label="Nombre de personnes touchées (facultatif)"
        type="text"
        inputMode="numeric"
        hint="Exemplaires distribués, participants, vues… Laissez vide si vous ne le savez pas."
      />
      <Field
        id={fields.commentaire.id}
        label="Commentaire (facultatif)"
        hint={`En texte simple, ${formatNumber(COMMENTAIRE_MAX)} caractères au plus.`}
        descriptionId={fields.commentaire.descriptionId}
        errors={fields.commentaire.errors}
        errorId={fields.commentaire.errorId}
      >
        <textarea
          {...getTextareaProps(fields.commentaire, { ariaDescribedBy: fields.commentaire.descriptionId })}
          rows={4}
          maxLength={COMMENTAIRE_MAX}
          className="input w-full"
        />
      </Field>
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
