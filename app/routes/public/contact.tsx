import { getCollectionProps, getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { envoyerMessage } from "~/domain/contact/contact.commands.server";
import {
  CONFIRMATION_ENVOI,
  MESSAGE_LIMITE,
  QUALITES,
  type Qualite,
  qualiteLabels,
} from "~/domain/contact/contact.labels";
import {
  contactSchema,
  HONEYPOT_FIELD,
  isHoneypotFilled,
  MESSAGE_MAX_LENGTH,
  MESSAGE_MIN_LENGTH,
} from "~/domain/contact/contact.schema";
import { formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { sendMails } from "~/server/mail.server";
import { clientIp, requestId, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/contact";

const NON_ENVOYE = "Votre message n'a pas été envoyé\u00a0: corrigez les champs signalés ci-dessous.";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Contact",
    description:
      "Contacter la coordination des Promeneurs du Net des Alpes-de-Haute-Provence. Jeune en difficulté\u00a0: les numéros d'urgence et d'écoute d'abord.",
    path: "/contact",
  });

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await request.formData();
  // A robot filled the hidden field: it is told "sent", and nothing is stored nor counted.
  if (isHoneypotFilled(formData)) {
    setFlash(context, CONFIRMATION_ENVOI);
    return redirect("/contact");
  }
  const submission = parseWithZod(formData, { schema: contactSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const env = getEnv();
  const result = await envoyerMessage(
    { db: getDb(), now: new Date(), requestId: requestId(context) },
    { ...submission.value, departement: env.DEFAULT_DEPARTEMENT },
    clientIp(context),
    env.publicUrl,
  );
  if (!result.ok) return data(submission.reply({ formErrors: [MESSAGE_LIMITE] }), { status: 429 });
  await sendMails(result.mails, { contact: true });
  setFlash(context, CONFIRMATION_ENVOI);
  return redirect("/contact");
}

export default function ContactPage({ actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contactSchema }),
  });
  const qualite = fields.qualite;
  const hasFieldErrors = Object.values(form.allErrors).some((errors) => errors.length > 0) && !form.errors?.length;
  return (
    <div className="prose-pdn max-w-3xl">
      <h1>Contacter la coordination</h1>

      <section
        aria-labelledby="titre-urgence"
        className="my-4 rounded-lg border-2 border-alerte-700 bg-red-50 px-4 py-2"
      >
        <h2 id="titre-urgence" className="text-alerte-700">
          Vous êtes un jeune en difficulté, ou quelqu'un est en danger&nbsp;?
        </h2>
        <p>
          N'attendez pas une réponse de la coordination&nbsp;: les numéros d'urgence et les lignes d'écoute répondent
          tout de suite, souvent jour et nuit.
        </p>
        <p>
          <a href="/besoin-d-aide" className="btn-danger min-h-11">
            Numéros d'urgence et d'écoute
          </a>
        </p>
      </section>

      <section aria-labelledby="titre-coordination">
        <h2 id="titre-coordination">La coordination départementale</h2>
        <p>
          Le réseau des Promeneurs du Net des Alpes-de-Haute-Provence est animé par une coordination départementale,
          portée par une structure du réseau et financée par la CAF des Alpes-de-Haute-Provence, avec la MSA
          Alpes-Vaucluse.
        </p>
        <p>La coordination&nbsp;:</p>
        <ul>
          <li>accompagne les structures et les professionnels qui veulent devenir promeneurs&nbsp;;</li>
          <li>organise les formations, l'analyse de pratiques et les rencontres du réseau&nbsp;;</li>
          <li>vérifie que les profils des promeneurs respectent la charte et tient l'annuaire officiel&nbsp;;</li>
          <li>présente le dispositif aux partenaires, aux établissements, aux communes et aux familles.</li>
        </ul>
      </section>

      <section aria-labelledby="titre-joindre">
        <h2 id="titre-joindre">Comment la joindre</h2>
        <p>
          Par le formulaire ci-dessous&nbsp;: votre message arrive dans la boîte de réception de la coordination, qui
          vous répond par e-mail.
        </p>
        <p>Vous pouvez lui écrire pour&nbsp;:</p>
        <ul>
          <li>trouver un promeneur près de chez vous ou vérifier qu'un profil est authentique&nbsp;;</li>
          <li>
            faire entrer votre structure dans le réseau (voir <a href="/devenir-promeneur">devenir promeneur</a>)&nbsp;;
          </li>
          <li>demander une présentation du dispositif&nbsp;;</li>
          <li>signaler un profil qui se présente à tort comme promeneur du Net.</li>
        </ul>
        <p>
          Ne transmettez pas d'informations personnelles sur un jeune dans vos messages&nbsp;: en cas d'inquiétude pour
          un enfant, la page <a href="/besoin-d-aide#information-preoccupante">Besoin d'aide</a> explique qui prévenir.
        </p>
      </section>
      <section aria-labelledby="titre-formulaire" id="formulaire">
        <h2 id="titre-formulaire">Écrire à la coordination</h2>
        <div role="note" className="my-4 rounded-lg border-2 border-alerte-700 bg-red-50 px-4 py-3">
          <p className="font-semibold">
            Ne décrivez pas ici la situation d'un jeune&nbsp;: ce formulaire n'est pas un service d'urgence.
          </p>
          <p>
            En cas de danger, appelez le <a href="tel:112">112</a>&nbsp;; enfant en danger&nbsp;:{" "}
            <a href="tel:119">119</a>&nbsp;; idées suicidaires&nbsp;: <a href="tel:3114">3114</a>. Ces numéros sont
            gratuits et répondent jour et nuit.
          </p>
          <p>
            <strong>Vous êtes un jeune&nbsp;?</strong> N'utilisez pas ce formulaire et n'y laissez ni votre nom ni votre
            adresse e-mail. Pour parler à quelqu'un, choisissez un promeneur dans l'
            <a href="/promeneurs">annuaire des promeneurs du Net</a> et écrivez-lui sur son réseau social&nbsp;; pour
            être aidé tout de suite, voyez la page <a href="/besoin-d-aide">Besoin d'aide</a>.
          </p>
        </div>
        <p className="text-sm text-slate-700">Tous les champs sont obligatoires.</p>
        <Form method="post" action="/contact" className="mt-4 max-w-xl" {...getFormProps(form)}>
          <CsrfInput />
          <FormErrors errors={form.errors} id={form.errorId} />
          <FormErrors errors={hasFieldErrors ? [NON_ENVOYE] : undefined} />
          <InputField field={fields.nom} label="Votre nom" type="text" autoComplete="name" required />
          <InputField
            field={fields.email}
            label="Votre adresse e-mail"
            type="email"
            autoComplete="email"
            hint="La coordination vous répondra à cette adresse."
            required
          />
          <fieldset className="mb-4" aria-describedby={qualite.errors?.length ? qualite.errorId : undefined}>
            <legend className="mb-1 font-semibold">Vous êtes</legend>
            {getCollectionProps(qualite, { type: "radio", options: [...QUALITES] }).map(({ key, ...props }) => (
              <div key={key} className="flex items-center gap-2 py-0.5">
                <input {...props} required />
                <label htmlFor={props.id}>{qualiteLabels[props.value as Qualite]}</label>
              </div>
            ))}
            {qualite.errors?.length ? (
              <p id={qualite.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
                {qualite.errors.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <InputField field={fields.objet} label="Objet" type="text" autoComplete="off" required />
          <Field
            id={fields.message.id}
            label="Votre message"
            hint={`De ${MESSAGE_MIN_LENGTH} à ${formatNumber(MESSAGE_MAX_LENGTH)} caractères. N'y mettez aucune information sur un jeune.`}
            descriptionId={fields.message.descriptionId}
            errors={fields.message.errors}
            errorId={fields.message.errorId}
          >
            <textarea
              {...getTextareaProps(fields.message, { ariaDescribedBy: fields.message.descriptionId })}
              rows={10}
              className="input w-full"
              required
            />
          </Field>
          <div className="sr-only">
            <label htmlFor="contact-site-web">Ne pas remplir ce champ</label>
            <input
              id="contact-site-web"
              type="text"
              name={HONEYPOT_FIELD}
              tabIndex={-1}
              autoComplete="off"
              defaultValue=""
            />
          </div>
          <button type="submit" className="btn">
            Envoyer le message
          </button>
        </Form>
      </section>
    </div>
  );
}
