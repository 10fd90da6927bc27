import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, href, redirect } from "react-router";
import { etatAppelLabels, familleFichierLabels, typeAppelLabels } from "~/domain/appels/appel.labels";
import { etatAppel } from "~/domain/appels/appel.rules";
import { demanderLienCandidat, getCandidatConnecte, MESSAGE_LIMITE } from "~/domain/appels/candidat.server";
import { getAppelPublie } from "~/domain/appels/candidature.queries.server";
import { demandeLienSchema } from "~/domain/appels/candidature.schema";
import { renderContenu } from "~/domain/contenu/contenu.queries.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { sendMails } from "~/server/mail.server";
import { clientIp, requestId, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors, InputField } from "~/ui/field";
import { publicMeta } from "~/ui/meta";
import type { Route } from "./+types/appels.$slug";

function lienEnvoye(email: string): string {
  return `Si l'adresse ${email} est correcte, un e-mail vient de lui être envoyé avec un lien pour candidater. Il est valable une heure et ne sert qu'une fois. Pensez à regarder dans les indésirables.`;
}

/** A published call: its text, calendar, documents, questions and criteria, and the form to apply. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const now = new Date();
  const appel = await getAppelPublie(getDb(), getEnv().DEFAULT_DEPARTEMENT, params.slug);
  const candidat = await getCandidatConnecte(getDb(), request, now);
  const headers = candidat ? { "Cache-Control": "private, no-store" } : undefined;
  return data(
    {
      appel: {
        slug: appel.slug,
        titre: appel.titre,
        type: typeAppelLabels[appel.type],
        ouvertureLe: appel.ouvertureLe.toISOString(),
        clotureLe: appel.clotureLe.toISOString(),
        decisionLe: appel.decisionLe?.toISOString() ?? null,
        documents: appel.documents.map((d) => ({
          code: d.code,
          libelle: d.libelle,
          obligatoire: d.obligatoire,
          types: d.familles.map((f) => familleFichierLabels[f]).join(", "),
          tailleMaxMo: d.tailleMaxMo,
        })),
        questions: appel.questions,
        criteres: appel.criteres,
        budgetPropose: appel.budgetPropose,
      },
      html: await renderContenu(getDb(), appel.description),
      etat: etatAppel(appel, now),
      candidat: candidat ? { email: candidat.email } : null,
      path: href("/appels/:slug", { slug: appel.slug }),
    },
    headers ? { headers } : undefined,
  );
}

export const headers: Route.HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const cache = actionHeaders.get("Cache-Control") ?? loaderHeaders.get("Cache-Control");
  return cache ? { "Cache-Control": cache } : new Headers();
};

export const meta: Route.MetaFunction = (args) => {
  if (!args.loaderData) return [{ title: "Appel introuvable – Promeneurs du Net" }];
  const { appel, path } = args.loaderData;
  return publicMeta(args, {
    title: appel.titre,
    description: `${appel.type}\u00a0: candidatures jusqu'au ${formatDateTime(appel.clotureLe)}.`,
    path,
  });
};

/** Sends a sign-in link to the address typed, while the call is open (same answer for any address). */
export async function action({ request, params, context }: Route.ActionArgs) {
  const now = new Date();
  const appel = await getAppelPublie(getDb(), getEnv().DEFAULT_DEPARTEMENT, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: demandeLienSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (etatAppel(appel, now) !== "ouvert") {
    return data(
      submission.reply({ formErrors: ["Cet appel n'est pas ouvert aux candidatures : aucun lien n'a été envoyé."] }),
      { status: 400 },
    );
  }
  const env = getEnv();
  const resultat = await demanderLienCandidat(
    { db: getDb(), now, requestId: requestId(context) },
    { email: submission.value.email, appel, ip: clientIp(context), publicUrl: env.publicUrl },
  );
  if (!resultat.ok) return data(submission.reply({ formErrors: [MESSAGE_LIMITE] }), { status: 429 });
  await sendMails([resultat.mail], { appel: appel.id });
  setFlash(context, lienEnvoye(submission.value.email));
  return redirect(`${href("/appels/:slug", { slug: appel.slug })}#candidater`);
}

export default function AppelPage({ loaderData, actionData }: Route.ComponentProps) {
  const { appel, html, etat, candidat } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: demandeLienSchema }),
  });
  const candidature = href("/appels/:slug/candidature", { slug: appel.slug });
  return (
    <article className="max-w-3xl">
      <p>
        <a href="/appels">← Tous les appels à candidatures</a>
      </p>
      <h1 className="mt-2">{appel.titre}</h1>
      <p className="mt-1 text-slate-700">
        {appel.type} — <strong>{etatAppelLabels[etat]}</strong>
      </p>

      <section aria-labelledby="titre-calendrier" className="mt-6">
        <h2 id="titre-calendrier">Calendrier</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">Ouverture</dt>
          <dd>
            <time dateTime={appel.ouvertureLe}>{formatDateTime(appel.ouvertureLe)}</time>
          </dd>
          <dt className="font-semibold">Date limite de dépôt</dt>
          <dd>
            <time dateTime={appel.clotureLe}>{formatDateTime(appel.clotureLe)}</time> (heure de Paris)
          </dd>
          {appel.decisionLe ? (
            <>
              <dt className="font-semibold">Décision</dt>
              <dd>
                <time dateTime={appel.decisionLe}>{formatDateTime(appel.decisionLe)}</time>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="titre-presentation" className="mt-6">
        <h2 id="titre-presentation">Présentation</h2>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered and sanitised by renderMarkdown. */}
        <div className="prose-pdn" dangerouslySetInnerHTML={{ __html: html }} />
      </section>

      <section aria-labelledby="titre-documents" className="mt-6">
        <h2 id="titre-documents">Documents à fournir</h2>
        <ul className="mt-2 list-disc pl-6">
          {appel.documents.map((d) => (
            <li key={d.code}>
              <strong>{d.libelle}</strong> ({d.obligatoire ? "obligatoire" : "facultatif"})&nbsp;: {d.types},{" "}
              {formatNumber(d.tailleMaxMo)}&nbsp;Mo au plus.
            </li>
          ))}
        </ul>
        {appel.budgetPropose ? (
          <p className="mt-2">
            La candidature comprend aussi un budget prévisionnel annuel, vérifié selon les règles de financement (part
            de la CAF, plafond de la MSA, équilibre, temps de coordination).
          </p>
        ) : null}
      </section>

      {appel.questions.length > 0 ? (
        <section aria-labelledby="titre-eligibilite" className="mt-6">
          <h2 id="titre-eligibilite">Conditions d'éligibilité</h2>
          <ul className="mt-2 list-disc pl-6">
            {appel.questions.map((q) => (
              <li key={q.code}>
                {q.question}
                {q.eliminatoire ? " (condition éliminatoire)" : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {appel.criteres.length > 0 ? (
        <section aria-labelledby="titre-criteres" className="mt-6">
          <h2 id="titre-criteres">Critères d'évaluation</h2>
          <table className="mt-2">
            <caption className="sr-only">Critères d'évaluation et leur poids</caption>
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  Critère
                </th>
                <th scope="col" className="pl-4 text-right">
                  Poids
                </th>
              </tr>
            </thead>
            <tbody>
              {appel.criteres.map((c) => (
                <tr key={c.code}>
                  <td>{c.libelle}</td>
                  <td className="pl-4 text-right">{formatNumber(c.poids)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-sm text-slate-700">
            Chaque critère est noté de 0 à 5 par les membres de la commission, puis pondéré par son poids.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="titre-candidater" id="candidater" className="mt-6">
        <h2 id="titre-candidater">Candidater</h2>
        {candidat ? (
          <p className="mt-2">
            Vous êtes connecté(e) avec l'adresse {candidat.email}.{" "}
            <a href={candidature} className="font-semibold">
              {etat === "ouvert" ? "Remplir ou relire ma candidature" : "Relire ma candidature"}
            </a>
          </p>
        ) : etat === "ouvert" ? (
          <>
            <p className="mt-2">
              Indiquez votre adresse e-mail&nbsp;: vous recevrez un lien pour créer votre candidature ou la reprendre.
              Vous pouvez la remplir en plusieurs fois avant la date limite. Aucun mot de passe n'est demandé.
            </p>
            <Form method="post" className="mt-4 max-w-md" {...getFormProps(form)}>
              <CsrfInput />
              <FormErrors errors={form.errors} id={form.errorId} />
              <InputField
                field={fields.email}
                label="Votre adresse e-mail"
                type="email"
                autoComplete="email"
                hint="Celle de la personne qui remplit la candidature pour la structure."
                required
              />
              <button type="submit" className="btn">
                Recevoir le lien pour candidater
              </button>
            </Form>
          </>
        ) : etat === "a_venir" ? (
          <p className="mt-2">
            Les candidatures seront ouvertes à partir du{" "}
            <time dateTime={appel.ouvertureLe}>{formatDateTime(appel.ouvertureLe)}</time>.
          </p>
        ) : (
          <p className="mt-2">
            Cet appel est clos depuis le <time dateTime={appel.clotureLe}>{formatDateTime(appel.clotureLe)}</time>
            &nbsp;: il n'est plus possible de candidater. Vous avez déposé une candidature&nbsp;? La décision vous sera
            envoyée par e-mail.
          </p>
        )}
      </section>
    </article>
  );
}
