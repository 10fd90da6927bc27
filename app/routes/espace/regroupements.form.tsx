import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form } from "react-router";
import {
  AUDIENCES,
  audienceLabels,
  REGROUPEMENT_TYPES,
  type RegroupementAudience,
  regroupementTypeLabels,
} from "~/domain/regroupements/regroupement.labels";
import { DESCRIPTION_MAX, LIEU_MAX, regroupementSchema, TITRE_MAX } from "~/domain/regroupements/regroupement.schema";
import type { Invalid } from "~/server/errors.server";
import { CsrfInput } from "~/ui/csrf-input";
import { CommuneField, Field, FormErrors, InputField, RadioField } from "~/ui/field";

type RegroupementFormValues = {
  type?: string;
  titre?: string;
  jourDebut?: string;
  heureDebut?: string;
  jourFin?: string;
  heureFin?: string;
  lieu?: string;
  communeCode?: string | null;
  lienVisio?: string | null;
  description?: string;
  audience?: string;
  capacite?: number | null;
  comiteId?: string | null;
};

/**
 * The form of a gathering, new or edited: dates and times are Paris local time; the end date may
 * stay empty for a gathering of one day. Works without JavaScript (the server checks everything).
 */
export function RegroupementForm({
  lastResult,
  defaults,
  hidden,
  communes,
  comites,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaults: RegroupementFormValues;
  /** Hidden fields (the département of a new one, the version read of an edited one). */
  hidden: Record<string, string>;
  communes: readonly { code: string; nom: string }[];
  comites: readonly { id: string; nom: string; type: string }[];
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      ...defaults,
      communeCode: defaults.communeCode ?? "",
      lienVisio: defaults.lienVisio ?? "",
      capacite: defaults.capacite ? String(defaults.capacite) : "",
      comiteId: defaults.comiteId ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: regroupementSchema }),
  });
  return (
    <Form method="post" className="mt-6 max-w-2xl" {...getFormProps(form)}>
      <CsrfInput />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors errors={form.errors} id={form.errorId} />
      <Field id={fields.type.id} label="Type" errors={fields.type.errors} errorId={fields.type.errorId}>
        <select {...getSelectProps(fields.type)} className="input">
          {REGROUPEMENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {regroupementTypeLabels[type]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={fields.comiteId.id}
        label="Comité (pour une réunion de comité)"
        hint="Obligatoire pour un comité de pilotage ou un comité opérationnel."
        descriptionId={fields.comiteId.descriptionId}
        errors={fields.comiteId.errors}
        errorId={fields.comiteId.errorId}
      >
        <select
          {...getSelectProps(fields.comiteId, { ariaDescribedBy: fields.comiteId.descriptionId })}
          className="input"
        >
          <option value="">— Aucun —</option>
          {comites.map((c) => (
            <option key={c.id} value={c.id}>
              {c.nom}
            </option>
          ))}
        </select>
      </Field>
      <InputField field={fields.titre} label="Titre" type="text" maxLength={TITRE_MAX} />
      <fieldset className="mb-4">
        <legend className="mb-1 font-semibold">Quand (heure de Paris)</legend>
        <div className="flex flex-wrap gap-x-4">
          <Field
            id={fields.jourDebut.id}
            label="Date"
            errors={fields.jourDebut.errors}
            errorId={fields.jourDebut.errorId}
          >
            <input {...getInputProps(fields.jourDebut, { type: "date" })} className="input" />
          </Field>
          <Field
            id={fields.heureDebut.id}
            label="Début"
            errors={fields.heureDebut.errors}
            errorId={fields.heureDebut.errorId}
          >
            <input {...getInputProps(fields.heureDebut, { type: "time" })} className="input" />
          </Field>
          <Field id={fields.heureFin.id} label="Fin" errors={fields.heureFin.errors} errorId={fields.heureFin.errorId}>
            <input {...getInputProps(fields.heureFin, { type: "time" })} className="input" />
          </Field>
        </div>
        <Field
          id={fields.jourFin.id}
          label="Date de fin, si elle diffère"
          hint="Laissez vide pour un regroupement d'une journée."
          descriptionId={fields.jourFin.descriptionId}
          errors={fields.jourFin.errors}
          errorId={fields.jourFin.errorId}
        >
          <input
            {...getInputProps(fields.jourFin, { type: "date", ariaDescribedBy: fields.jourFin.descriptionId })}
            className="input"
          />
        </Field>
      </fieldset>
      <InputField
        field={fields.lieu}
        label="Lieu"
        type="text"
        hint="Adresse ou salle ; laissez vide pour un regroupement en ligne."
        maxLength={LIEU_MAX}
      />
      <CommuneField field={fields.communeCode} communes={communes} vide="— Aucune —" />
      <InputField
        field={fields.lienVisio}
        label="Lien de visioconférence"
        type="url"
        hint="Facultatif, commençant par https://"
      />
      <Field
        id={fields.description.id}
        label="Description"
        hint="Programme, à apporter… En texte simple."
        descriptionId={fields.description.descriptionId}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
      >
        <textarea
          {...getTextareaProps(fields.description, { ariaDescribedBy: fields.description.descriptionId })}
          rows={6}
          maxLength={DESCRIPTION_MAX}
          className="input w-full"
        />
      </Field>
      <RadioField<RegroupementAudience>
        field={fields.audience}
        legend="Pour qui"
        options={AUDIENCES}
        labels={audienceLabels}
        defaultValue="promeneurs"
      />
      <InputField
        field={fields.capacite}
        label="Capacité (places)"
        type="text"
        inputMode="numeric"
        hint="Laissez vide s'il n'y a pas de limite."
      />
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}

/**
 * « Je participe » / « Je ne participe pas »: two plain submit buttons (no JavaScript needed),
 * the current answer marked.
 */
export function BoutonsReponse({
  regroupementId,
  reponse,
  action,
  retour,
  titre,
}: {
  regroupementId: string;
  reponse: string;
  /** Where the form posts (the list, or the gathering's page). */
  action?: string;
  /** The page to come back to after answering. */
  retour?: string;
  /** The gathering's title, for the buttons' accessible names in a list. */
  titre?: string;
}) {
  const pour = titre ? ` à « ${titre} »` : "";
  return (
    <Form method="post" action={action} className="flex flex-wrap gap-2">
      <CsrfInput />
      <input type="hidden" name="intent" value="repondre" />
      <input type="hidden" name="regroupementId" value={regroupementId} />
      {retour ? <input type="hidden" name="retour" value={retour} /> : null}
      <button
        type="submit"
        name="reponse"
        value="oui"
        className={reponse === "oui" ? "btn" : "btn-secondary"}
        aria-label={titre ? `Je participe${pour}` : undefined}
      >
        Je participe
      </button>
      <button
        type="submit"
        name="reponse"
        value="non"
        className={reponse === "non" ? "btn" : "btn-secondary"}
        aria-label={titre ? `Je ne participe pas${pour}` : undefined}
      >
        Je ne participe pas
      </button>
    </Form>
  );
}

/** A domain refusal (`Invalid`) as Conform's 400 reply: on its field, or on the whole form when the field is "". */
export function replyInvalid<R>(
  submission: { reply: (options: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => R },
  error: Invalid,
) {
  return data(
    submission.reply(
      error.field === "" ? { formErrors: [error.message] } : { fieldErrors: { [error.field]: [error.message] } },
    ),
    { status: 400 },
  );
}

export type ProchaineInvitation = {
  id: string;
  titre: string;
  quand: string;
  lieu: string;
  reponse: "en_attente" | "oui" | "non";
  annule: boolean;
  ouvert: boolean;
};

const reponseCourte = { en_attente: "sans réponse", oui: "vous participez", non: "vous ne participez pas" } as const;

/** The « Prochains regroupements » block of a home page: the next invitations, one-tap answers. */
export function ProchainsRegroupements({
  invitations,
  retour,
}: {
  invitations: ProchaineInvitation[];
  retour: string;
}) {
  return (
    <section aria-labelledby="prochains-regroupements" className="mt-6">
      <h2 id="prochains-regroupements">Prochains regroupements</h2>
      {invitations.length === 0 ? (
        <p className="mt-1">Aucune invitation en attente pour l'instant.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200">
          {invitations.map((i) => (
            <li key={i.id} className="py-2">
              <p>
                <a href={`/espace/regroupements/${i.id}`} className="font-semibold">
                  {i.titre}
                </a>
                {i.annule ? " — annulé" : ""}
              </p>
              <p>
                {i.quand}
                {i.lieu ? ` · ${i.lieu}` : ""} · <strong>{reponseCourte[i.reponse]}</strong>
              </p>
              {i.ouvert ? (
                <div className="mt-1">
                  <BoutonsReponse
                    regroupementId={i.id}
                    reponse={i.reponse}
                    action="/espace/regroupements"
                    retour={retour}
                    titre={i.titre}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1">
        <a href="/espace/regroupements">Tous mes regroupements</a>
      </p>
    </section>
  );
}
