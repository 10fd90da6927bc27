import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { PROJET_ETATS, PROJET_FORMES, projetEtatLabels, projetFormeLabels } from "~/domain/projets/projet.labels";
import {
  DEBUT_MIN,
  DESCRIPTION_MAX,
  NOMBRE_JEUNES_MAX,
  PARTENAIRES_MAX,
  projetSchema,
  TITRE_MAX,
} from "~/domain/projets/projet.schema";
import { THEMES, themeLabels } from "~/domain/promeneurs/theme.labels";
import { formatNumber } from "~/lib/format";
import { parseJourIso } from "~/lib/jour";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField, RadioField } from "~/ui/field";

export type ProjetFormValues = {
  titre?: string;
  theme?: string;
  forme?: string;
  nombreJeunes?: number;
  etat?: string;
  debutLe?: string;
  partenaires?: string;
  description?: string;
  besoinSoutien?: boolean;
};

/** The form of a young people's project, for a new project and an edited one (its promeneur only). */
export function ProjetForm({
  lastResult,
  today,
  defaults,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  today: string;
  defaults: ProjetFormValues;
  submitLabel: string;
}) {
  const aujourdhui = parseJourIso(today) ?? { annee: 2000, mois: 1, jour: 1 };
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      ...defaults,
      nombreJeunes: defaults.nombreJeunes === undefined ? "" : String(defaults.nombreJeunes),
      besoinSoutien: defaults.besoinSoutien ? "on" : undefined,
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: projetSchema(aujourdhui) }),
  });
  const soutienAideId = `${fields.besoinSoutien.id}-aide`;
  return (
    <Form method="post" className="mt-6 max-w-2xl" {...getFormProps(form)}>
      <CsrfInput />
      <p className="mb-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3">
        Ne nommez aucun jeune&nbsp;: ni nom, ni pseudo, ni numéro, ni adresse. Un projet se décrit par son objet et le
        nombre de jeunes qui le portent.
      </p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <InputField
        field={fields.titre}
        label="Titre du projet"
        type="text"
        hint="Par exemple : court-métrage sur le harcèlement, séjour autofinancé, création d'une junior association."
        maxLength={TITRE_MAX}
      />
      <Field id={fields.theme.id} label="Thème" errors={fields.theme.errors} errorId={fields.theme.errorId}>
        <select {...getSelectProps(fields.theme)} className="input">
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {themeLabels[theme]}
            </option>
          ))}
        </select>
      </Field>
      <RadioField
        field={fields.forme}
        legend="Le projet est"
        options={PROJET_FORMES}
        labels={projetFormeLabels}
        defaultValue="collectif"
      />
      <InputField
        field={fields.nombreJeunes}
        label="Nombre de jeunes qui portent le projet"
        type="text"
        inputMode="numeric"
        hint={`Un nombre, de 1 à ${formatNumber(NOMBRE_JEUNES_MAX)}, jamais de noms.`}
      />
      <RadioField
        field={fields.etat}
        legend="Où en est le projet"
        options={PROJET_ETATS}
        labels={projetEtatLabels}
        defaultValue="emergence"
      />
      <Field
        id={fields.debutLe.id}
        label="Début du projet"
        hint="Le jour où le projet a émergé ou a été confié (pas dans le futur)."
        descriptionId={fields.debutLe.descriptionId}
        errors={fields.debutLe.errors}
        errorId={fields.debutLe.errorId}
      >
        <input
          {...getInputProps(fields.debutLe, { type: "date", ariaDescribedBy: fields.debutLe.descriptionId })}
          min={DEBUT_MIN}
          max={today}
          className="input"
        />
      </Field>
      <InputField
        field={fields.partenaires}
        label="Partenaires (facultatif)"
        type="text"
        hint="Les structures ou services associés : mairie, collège, Mission locale…"
        maxLength={PARTENAIRES_MAX}
      />
      <Field
        id={fields.description.id}
        label="Description (facultatif)"
        hint={`Ce que les jeunes veulent faire et ce que vous leur apportez, ${formatNumber(DESCRIPTION_MAX)} caractères au plus.`}
        descriptionId={fields.description.descriptionId}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
      >
        <textarea
          {...getTextareaProps(fields.description, { ariaDescribedBy: fields.description.descriptionId })}
          rows={5}
          maxLength={DESCRIPTION_MAX}
          className="input w-full"
        />
      </Field>
      <div className="mb-4">
        <div className="flex items-start gap-2">
          <input
            {...getInputProps(fields.besoinSoutien, { type: "checkbox", value: "on", ariaDescribedBy: soutienAideId })}
            className="mt-1"
          />
          <label htmlFor={fields.besoinSoutien.id} className="font-semibold">
            Le projet a besoin du soutien de la coordination
          </label>
        </div>
        <p id={soutienAideId} className="mt-1 text-sm text-slate-700">
          La coordination reçoit un e-mail quand vous cochez cette case (mise en relation, financement, salle,
          communication…).
        </p>
      </div>
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
