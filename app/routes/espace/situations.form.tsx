import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { Form } from "react-router";
import { PARTENAIRES, partenaireLabels } from "~/domain/rapports/rapport.labels";
import {
  SITUATION_ACTIONS,
  SITUATION_CATEGORIES,
  SITUATION_SUIVIS,
  type SituationCategorie,
  situationActionLabels,
  situationCategorieLabels,
  situationSuiviLabels,
} from "~/domain/situations/situation.labels";
import { NOTE_MAX, numerosPourCategorie } from "~/domain/situations/situation.rules";
import { situationSchema } from "~/domain/situations/situation.schema";
import { parseJourIso } from "~/lib/jour";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors } from "~/ui/field";

/** What the form shows of an entry of the referral directory. */
export type NumeroDuFormulaire = {
  id: string;
  departement: string | null;
  nom: string;
  telephone: string | null;
  sms: string | null;
  url: string | null;
  horaires: string;
  categories: string[];
};

export type SituationFormValues = {
  date: string;
  categorie?: string | null;
  actions?: readonly string[];
  partenaire?: string | null;
  suivi?: string;
  note?: string;
};

export const RAPPEL_NOTE =
  "Aucun nom, pseudo, numéro, adresse ni détail qui permettrait de reconnaître le jeune. Décrivez la situation et ce que vous avez fait, en termes professionnels.";

function isCategorie(value: unknown): value is SituationCategorie {
  return typeof value === "string" && (SITUATION_CATEGORIES as readonly string[]).includes(value);
}

const chiffres = (numero: string) => numero.replace(/[^\d+]/g, "");

/** The referral numbers for the chosen category, and the emergency numbers. */
export function NumerosUtiles({
  numeros,
  categorie,
}: {
  numeros: readonly NumeroDuFormulaire[];
  categorie: SituationCategorie | null;
}) {
  const affiches = numerosPourCategorie(numeros, categorie);
  return (
    <section aria-labelledby="numeros-utiles" className="rounded-md border border-slate-300 bg-slate-50 px-4 py-3">
      <h2 id="numeros-utiles" className="text-lg">
        Numéros utiles
      </h2>
      <p className="mt-1 text-sm text-slate-700" aria-live="polite">
        {categorie
          ? `Pour «\u00a0${situationCategorieLabels[categorie]}\u00a0», et les numéros d'urgence.`
          : "Les numéros d'urgence. Choisissez une catégorie pour voir les services qui y répondent."}
      </p>
      <ul className="mt-2 space-y-2">
        {affiches.map((n) => (
          <li key={n.id}>
            <span className="font-semibold">{n.nom}</span>
            {n.departement ? <span className="text-sm text-slate-700"> (service du département)</span> : null}
            <br />
            {n.telephone ? <a href={`tel:${chiffres(n.telephone)}`}>{n.telephone}</a> : null}
            {n.sms ? (
              <>
                {n.telephone ? " · " : ""}SMS <a href={`sms:${chiffres(n.sms)}`}>{n.sms}</a>
              </>
            ) : null}
            {n.url ? (
              <>
                {n.telephone || n.sms ? " · " : ""}
                <a href={n.url} rel="noreferrer" target="_blank">
                  site
                  <span className="sr-only"> de {n.nom} (nouvel onglet)</span>
                </a>
              </>
            ) : null}
            {n.horaires ? <span className="block text-sm text-slate-700">{n.horaires}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** « Information préoccupante : la procédure », beside the form. */
export function ProcedureInformationPreoccupante({ crip }: { crip: NumeroDuFormulaire | null }) {
  return (
    <section aria-labelledby="procedure-ip" className="mt-4 rounded-md border border-slate-300 px-4 py-3">
      <h2 id="procedure-ip" className="text-lg">
        Information préoccupante&nbsp;: la procédure
      </h2>
      <p className="mt-1">
        Une information préoccupante signale qu'un mineur est en danger ou risque de l'être (santé, sécurité,
        développement, besoin d'aide). Pas besoin de preuves&nbsp;: ce n'est ni une plainte ni une accusation.
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>
          <strong>Quand&nbsp;?</strong> Dès qu'un jeune de moins de 18&nbsp;ans vous paraît en danger, sans attendre.
        </li>
        <li>
          <strong>Par qui&nbsp;?</strong> Par votre structure employeuse, selon sa procédure interne&nbsp;: parlez-en
          tout de suite à votre responsable, ne restez pas seul avec la situation.
        </li>
        <li>
          <strong>À qui&nbsp;?</strong> À la CRIP du Département (cellule de recueil des informations préoccupantes)
          {crip ? (
            <>
              &nbsp;: {crip.nom}
              {crip.telephone ? (
                <>
                  , <a href={`tel:${chiffres(crip.telephone)}`}>{crip.telephone}</a>
                </>
              ) : null}
              {crip.url ? (
                <>
                  , <a href={crip.url}>son site</a>
                </>
              ) : null}
            </>
          ) : (
            "\u00a0: ses coordonnées sont dans le répertoire de votre structure"
          )}
          .
        </li>
        <li>
          <strong>Besoin d'un avis&nbsp;?</strong> Le <a href="tel:119">119</a> conseille les professionnels,
          24&nbsp;h/24, et transmet si besoin à la CRIP.
        </li>
        <li>
          <strong>Danger immédiat&nbsp;:</strong> appelez le <a href="tel:17">17</a> ou le <a href="tel:112">112</a>.
        </li>
        <li>La coordination départementale est informée&nbsp;: cet enregistrement lui est visible.</li>
      </ul>
      <p className="mt-2 text-sm text-slate-700">
        Pour un jeune majeur en danger, le 17 ou le 112&nbsp;; pour un mal-être, le 3114 ou Fil Santé Jeunes.
      </p>
    </section>
  );
}

/**
 * The situation form, for a new situation and an edited one, with the useful numbers and the
 * procedure beside it. The numbers follow the chosen category: from the page's `?categorie=`
 * without JavaScript, from the checked radio with it.
 */
export function SituationForm({
  lastResult,
  today,
  defaults,
  numeros,
  crip,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  today: string;
  defaults: SituationFormValues;
  numeros: readonly NumeroDuFormulaire[];
  crip: NumeroDuFormulaire | null;
  submitLabel: string;
}) {
  const aujourdhui = parseJourIso(today) ?? { annee: 2000, mois: 1, jour: 1 };
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      date: defaults.date,
      categorie: defaults.categorie ?? "",
      actions: [...(defaults.actions ?? [])],
      partenaire: defaults.partenaire ?? "",
      suivi: defaults.suivi ?? "en_cours",
      note: defaults.note ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: situationSchema(aujourdhui) }),
  });
  const initiale = fields.categorie.initialValue;
  const [categorie, setCategorie] = useState<SituationCategorie | null>(isCategorie(initiale) ? initiale : null);
  const actionsCochees = ([] as unknown[]).concat(fields.actions.initialValue ?? []).map(String);
  const suiviInitial = String(fields.suivi.initialValue ?? "en_cours");
  const groupErrors = (errors: string[] | undefined, id: string) =>
    errors?.length ? (
      <p id={id} className="mt-1 text-sm font-semibold text-alerte-700">
        {errors.join(" ")}
      </p>
    ) : null;

  return (
    <div className="mt-6 grid gap-6 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <aside aria-label="Numéros et procédure" className="md:col-start-2 md:row-start-1">
        <NumerosUtiles numeros={numeros} categorie={categorie} />
        <ProcedureInformationPreoccupante crip={crip} />
      </aside>
      <Form method="post" className="md:col-start-1 md:row-start-1" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field id={fields.date.id} label="Date" errors={fields.date.errors} errorId={fields.date.errorId}>
          <input {...getInputProps(fields.date, { type: "date" })} min="2015-01-01" max={today} className="input" />
        </Field>
        <fieldset
          className="mb-4"
          aria-describedby={fields.categorie.errors?.length ? fields.categorie.errorId : undefined}
          onChange={(event) => {
            const target = event.target as unknown as HTMLInputElement;
            if (target.name === fields.categorie.name && isCategorie(target.value)) setCategorie(target.value);
          }}
        >
          <legend className="mb-1 font-semibold">Catégorie</legend>
          {SITUATION_CATEGORIES.map((c) => (
            <div key={c} className="flex items-center gap-2 py-0.5">
              <input
                type="radio"
                id={`${fields.categorie.id}-${c}`}
                name={fields.categorie.name}
                value={c}
                defaultChecked={initiale === c}
                aria-invalid={fields.categorie.errors?.length ? true : undefined}
              />
              <label htmlFor={`${fields.categorie.id}-${c}`}>{situationCategorieLabels[c]}</label>
            </div>
          ))}
          {groupErrors(fields.categorie.errors, fields.categorie.errorId)}
        </fieldset>
        <fieldset
          className="mb-4"
          aria-describedby={fields.actions.errors?.length ? fields.actions.errorId : undefined}
        >
          <legend className="mb-1 font-semibold">Actions menées (une ou plusieurs)</legend>
          {SITUATION_ACTIONS.map((a) => (
            <div key={a} className="flex items-center gap-2 py-0.5">
              <input
                type="checkbox"
                id={`${fields.actions.id}-${a}`}
                name={fields.actions.name}
                value={a}
                defaultChecked={actionsCochees.includes(a)}
                aria-invalid={fields.actions.errors?.length ? true : undefined}
              />
              <label htmlFor={`${fields.actions.id}-${a}`}>{situationActionLabels[a]}</label>
            </div>
          ))}
          {groupErrors(fields.actions.errors, fields.actions.errorId)}
        </fieldset>
        <Field
          id={fields.partenaire.id}
          label="Partenaire alerté"
          hint="Demandé quand vous orientez le jeune ou transmettez une information préoccupante."
          descriptionId={fields.partenaire.descriptionId}
          errors={fields.partenaire.errors}
          errorId={fields.partenaire.errorId}
        >
          <select
            {...getSelectProps(fields.partenaire, { ariaDescribedBy: fields.partenaire.descriptionId })}
            className="input"
          >
            <option value="">Aucun partenaire alerté</option>
            {PARTENAIRES.map((p) => (
              <option key={p} value={p}>
                {partenaireLabels[p]}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="mb-4" aria-describedby={fields.suivi.errors?.length ? fields.suivi.errorId : undefined}>
          <legend className="mb-1 font-semibold">Suivi</legend>
          {SITUATION_SUIVIS.map((s) => (
            <div key={s} className="flex items-center gap-2 py-0.5">
              <input
                type="radio"
                id={`${fields.suivi.id}-${s}`}
                name={fields.suivi.name}
                value={s}
                defaultChecked={suiviInitial === s}
              />
              <label htmlFor={`${fields.suivi.id}-${s}`}>{situationSuiviLabels[s]}</label>
            </div>
          ))}
          {groupErrors(fields.suivi.errors, fields.suivi.errorId)}
        </fieldset>
        <Field
          id={fields.note.id}
          label="Note (facultative)"
          hint={
            <>
              <strong>{RAPPEL_NOTE}</strong> {NOTE_MAX} caractères au plus.
            </>
          }
          descriptionId={fields.note.descriptionId}
          errors={fields.note.errors}
          errorId={fields.note.errorId}
        >
          <textarea
            {...getTextareaProps(fields.note, { ariaDescribedBy: fields.note.descriptionId })}
            rows={5}
            maxLength={NOTE_MAX}
            className="input w-full"
          />
        </Field>
        <button type="submit" className="btn">
          {submitLabel}
        </button>
      </Form>
    </div>
  );
}
