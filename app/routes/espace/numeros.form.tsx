import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { DESCRIPTION_MAX, HORAIRES_MAX, NOM_MAX, numeroSchema, SOURCE_MAX } from "~/domain/orientation/numero.schema";
import { NUMERO_KINDS } from "~/domain/orientation/numeros-nationaux";
import {
  GRATUITES,
  gratuiteLabels,
  NUMERO_PUBLICS,
  numeroGenreLabels,
  numeroPublicLabels,
} from "~/domain/orientation/orientation.labels";
import { SITUATION_CATEGORIES, situationCategorieLabels } from "~/domain/situations/situation.labels";
import { parseJourIso } from "~/lib/jour";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";

export type NumeroFormValues = {
  nom?: string;
  description?: string;
  genre?: string;
  telephone?: string | null;
  sms?: string | null;
  url?: string | null;
  horaires?: string;
  public?: string;
  gratuit?: boolean | null;
  source?: string;
  verifieLe?: string;
  ordre?: number;
  categories?: readonly string[];
};

/** The form of an entry of the referral directory, for a new entry and an edited one. */
export function NumeroForm({
  lastResult,
  today,
  defaults,
  submitLabel,
  categoriesNationales,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  today: string;
  defaults: NumeroFormValues;
  submitLabel: string;
  /** A seeded national line: its categories come from the national list, shown but not editable. */
  categoriesNationales?: boolean;
}) {
  const aujourdhui = parseJourIso(today) ?? { annee: 2000, mois: 1, jour: 1 };
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      ...defaults,
      telephone: defaults.telephone ?? "",
      sms: defaults.sms ?? "",
      url: defaults.url ?? "",
      gratuit: defaults.gratuit === true ? "oui" : defaults.gratuit === false ? "non" : "",
      ordre: String(defaults.ordre ?? 0),
      categories: [...(defaults.categories ?? [])],
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: numeroSchema(aujourdhui) }),
  });
  const categoriesChoisies = ([] as unknown[]).concat(fields.categories.initialValue ?? []).map(String);
  return (
    <Form method="post" className="mt-6 max-w-2xl" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="enregistrer" />
      <FormErrors errors={form.errors} id={form.errorId} />
      <InputField field={fields.nom} label="Nom du service" type="text" maxLength={NOM_MAX} />
      <Field id={fields.genre.id} label="Type de service" errors={fields.genre.errors} errorId={fields.genre.errorId}>
        <select {...getSelectProps(fields.genre)} className="input">
          {NUMERO_KINDS.map((genre) => (
            <option key={genre} value={genre}>
              {numeroGenreLabels[genre]}
            </option>
          ))}
        </select>
      </Field>
      <InputField
        field={fields.telephone}
        label="Téléphone (facultatif)"
        type="tel"
        hint="Un numéro français : 04 92 30 00 00, 0 800 235 236, ou un numéro court comme 3114."
        autoComplete="off"
      />
      <InputField field={fields.sms} label="Numéro pour les SMS (facultatif)" type="tel" autoComplete="off" />
      <InputField
        field={fields.url}
        label="Site, tchat ou formulaire (facultatif)"
        type="url"
        hint="Une adresse qui commence par https://. Donnez au moins un téléphone, un numéro pour les SMS ou un site."
      />
      <InputField
        field={fields.horaires}
        label="Horaires (facultatif)"
        type="text"
        hint="Par exemple : du lundi au vendredi, de 9 h à 17 h."
        maxLength={HORAIRES_MAX}
      />
      <Field
        id={fields.description.id}
        label="Ce que propose le service (facultatif)"
        hint={`En texte simple, ${DESCRIPTION_MAX} caractères au plus.`}
        descriptionId={fields.description.descriptionId}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
      >
        <textarea
          {...getTextareaProps(fields.description, { ariaDescribedBy: fields.description.descriptionId })}
          rows={4}
          maxLength={DESCRIPTION_MAX}
          className="input w-full"
        />
      </Field>
      <Field
        id={fields.public.id}
        label="Qui peut appeler"
        errors={fields.public.errors}
        errorId={fields.public.errorId}
      >
        <select {...getSelectProps(fields.public)} className="input">
          {NUMERO_PUBLICS.map((p) => (
            <option key={p} value={p}>
              {numeroPublicLabels[p]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={fields.gratuit.id} label="Coût" errors={fields.gratuit.errors} errorId={fields.gratuit.errorId}>
        <select {...getSelectProps(fields.gratuit)} className="input">
          {GRATUITES.map((g) => (
            <option key={g} value={g}>
              {gratuiteLabels[g]}
            </option>
          ))}
        </select>
      </Field>
      <InputField
        field={fields.source}
        label="Source de l'information"
        type="text"
        hint="Le site officiel du service, un document ou un appel (avec qui)."
        maxLength={SOURCE_MAX}
      />
      <Field
        id={fields.verifieLe.id}
        label="Date de la dernière vérification"
        errors={fields.verifieLe.errors}
        errorId={fields.verifieLe.errorId}
      >
        <input {...getInputProps(fields.verifieLe, { type: "date" })} max={today} className="input" />
      </Field>
      {categoriesNationales ? (
        <div className="mb-4">
          <p className="mb-1 font-semibold">Situations pour lesquelles ce numéro est proposé</p>
          <p className="text-sm text-slate-700">
            {(defaults.categories ?? [])
              .map((c) => situationCategorieLabels[c as keyof typeof situationCategorieLabels] ?? c)
              .join(", ") || "Toutes les situations (numéro d'urgence)"}
            . Elles suivent la liste nationale et sont mises à jour avec elle.
          </p>
        </div>
      ) : (
        <fieldset
          className="mb-4"
          aria-describedby={[
            fields.categories.descriptionId,
            fields.categories.errors?.length ? fields.categories.errorId : "",
          ]
            .join(" ")
            .trim()}
        >
          <legend className="mb-1 font-semibold">Situations pour lesquelles proposer ce service (facultatif)</legend>
          <p id={fields.categories.descriptionId} className="mb-1 text-sm text-slate-700">
            Le formulaire de situation préoccupante montre ce service aux promeneurs pour les catégories cochées. Sans
            case cochée, il est proposé pour toutes les situations.
          </p>
          {SITUATION_CATEGORIES.map((categorie) => (
            <div key={categorie} className="flex items-center gap-2 py-0.5">
              <input
                type="checkbox"
                id={`${fields.categories.id}-${categorie}`}
                name={fields.categories.name}
                value={categorie}
                defaultChecked={categoriesChoisies.includes(categorie)}
              />
              <label htmlFor={`${fields.categories.id}-${categorie}`}>{situationCategorieLabels[categorie]}</label>
            </div>
          ))}
          {fields.categories.errors?.length ? (
            <p id={fields.categories.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
              {fields.categories.errors.join(" ")}
            </p>
          ) : null}
        </fieldset>
      )}
      <InputField
        field={fields.ordre}
        label="Ordre d'affichage"
        type="text"
        inputMode="numeric"
        hint="Les plus petits nombres d'abord, dans leur groupe (de 0 à 999)."
      />
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
