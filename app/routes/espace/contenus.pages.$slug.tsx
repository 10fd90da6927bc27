import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { enregistrerPage } from "~/domain/contenu/contenu.commands.server";
import {
  cheminPage,
  ETATS_CONFORMITE,
  etatConformiteLabels,
  isPageFixe,
  STATUTS_CONTENU,
  statutContenuLabels,
} from "~/domain/contenu/contenu.labels";
import { findPage, renderContenu } from "~/domain/contenu/contenu.queries.server";
import { CORPS_MAX, DESCRIPTION_MAX, pageSchema, TITRE_MAX } from "~/domain/contenu/contenu.schema";
import { PAGES_DEFAUT } from "~/domain/contenu/pages-defaut";
import { formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, requireScoped, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField, RadioField } from "~/ui/field";
import type { Route } from "./+types/contenus.pages.$slug";
import { AideMarkdown, Apercu } from "./contenus.actualites.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.page.titre ?? "Page"} – Promeneurs du Net` },
];

async function pageOf(departement: string, slug: string) {
  const row = await findPage(getDb(), departement, slug);
  if (row) return row;
  if (!isPageFixe(slug)) notFound("Cette page n'existe pas.");
  return {
    ...PAGES_DEFAUT[slug],
    slug,
    statut: "brouillon",
    etatConformite: null,
    auditLe: null,
    tauxConformite: null,
    updatedAt: null,
  };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const departement = pickDepartement(actor, "contenu.gerer", request);
  const page = await pageOf(departement, params.slug);
  return {
    departement,
    enregistree: page.updatedAt !== null,
    page: {
      slug: params.slug,
      chemin: cheminPage(params.slug),
      titre: page.titre,
      description: page.description,
      corps: page.corps,
      statut: page.statut,
      etatConformite: page.etatConformite ?? "non_conforme",
      auditLe: page.auditLe ?? "",
      tauxConformite: page.tauxConformite === null ? "" : String(page.tauxConformite),
    },
    html: await renderContenu(getDb(), page.corps),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: pageSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), apercu: null }, { status: 400 });
  const { departement, ...input } = submission.value;
  requireScoped(actor, "contenu.gerer", { departement });
  await pageOf(departement, params.slug);
  if (form.get("intent") === "apercu") {
    return { result: submission.reply(), apercu: await renderContenu(getDb(), input.corps) };
  }
  await enregistrerPage(
    { db: getDb(), now: new Date(), requestId: requestId(context) },
    actor,
    departement,
    params.slug,
    input,
  );
  setFlash(context, input.statut === "publie" ? "Page enregistrée et publiée." : "Page enregistrée en brouillon.");
  return redirect(`/espace/contenus/pages/${encodeURIComponent(params.slug)}?departement=${departement}`);
}

export default function PageEditionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, page, html, enregistree } = loaderData;
  const accessibilite = page.slug === "accessibilite";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { ...page, departement },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: pageSchema }),
  });
  return (
    <div>
      <p>
        <a href={`/espace/contenus/pages?departement=${departement}`}>← Pages du site</a>
      </p>
      <h1 className="mt-2">{page.titre}</h1>
      <p className="mt-1 text-slate-700">
        Adresse <a href={page.chemin}>{page.chemin}</a> ·{" "}
        {enregistree ? statutContenuLabels[page.statut as "brouillon" | "publie"] : "texte d'origine"}
      </p>
      <Form method="post" className="mt-6 max-w-3xl" {...getFormProps(form)}>
        <CsrfInput />
        <input {...getInputProps(fields.departement, { type: "hidden" })} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <InputField field={fields.titre} label="Titre" type="text" maxLength={TITRE_MAX} />
        <InputField
          field={fields.description}
          label="Description"
          type="text"
          maxLength={DESCRIPTION_MAX}
          hint="Une ou deux phrases, lues par les moteurs de recherche."
        />
        <AideMarkdown />
        <Field
          id={fields.corps.id}
          label="Texte"
          hint={`En Markdown, ${formatNumber(CORPS_MAX)} caractères au plus.${accessibilite ? " La ligne {{etat-de-conformite}} est remplacée par l'état de conformité ci-dessous." : ""}`}
          descriptionId={fields.corps.descriptionId}
          errors={fields.corps.errors}
          errorId={fields.corps.errorId}
        >
          <textarea
            {...getTextareaProps(fields.corps, { ariaDescribedBy: fields.corps.descriptionId })}
            rows={20}
            maxLength={CORPS_MAX}
            className="input font-mono text-sm"
          />
        </Field>
        {accessibilite ? (
          <fieldset className="mb-4 rounded-md border border-slate-300 px-4 py-3">
            <legend className="px-1 font-semibold">Conformité au RGAA 4.1</legend>
            <p className="mb-2 text-sm text-slate-700">
              Sans audit, le site est déclaré « non conforme ». Avec un audit : 100 % des critères respectés donne «
              totalement conforme », 50 % ou plus « partiellement conforme ».
            </p>
            <Field
              id={fields.etatConformite.id}
              label="État de conformité"
              errors={fields.etatConformite.errors}
              errorId={fields.etatConformite.errorId}
            >
              <select
                id={fields.etatConformite.id}
                name={fields.etatConformite.name}
                defaultValue={String(fields.etatConformite.initialValue ?? page.etatConformite)}
                aria-invalid={fields.etatConformite.errors?.length ? true : undefined}
                aria-describedby={fields.etatConformite.errors?.length ? fields.etatConformite.errorId : undefined}
                className="input max-w-xs"
              >
                {ETATS_CONFORMITE.map((etat) => (
                  <option key={etat} value={etat}>
                    {etatConformiteLabels[etat]}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id={fields.auditLe.id}
              label="Date de l'audit"
              errors={fields.auditLe.errors}
              errorId={fields.auditLe.errorId}
            >
              <input {...getInputProps(fields.auditLe, { type: "date" })} className="input max-w-xs" />
            </Field>
            <Field
              id={fields.tauxConformite.id}
              label="Taux de conformité (%)"
              errors={fields.tauxConformite.errors}
              errorId={fields.tauxConformite.errorId}
            >
              <input
                {...getInputProps(fields.tauxConformite, { type: "number" })}
                min={0}
                max={100}
                className="input max-w-xs"
              />
            </Field>
          </fieldset>
        ) : null}
        <RadioField
          field={fields.statut}
          legend="État"
          options={STATUTS_CONTENU}
          labels={statutContenuLabels}
          defaultValue={page.statut}
        />
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn">
            Enregistrer la page
          </button>
          <button type="submit" name="intent" value="apercu" className="btn-secondary">
            Prévisualiser le texte
          </button>
        </div>
      </Form>
      <Apercu
        html={actionData?.apercu ?? html}
        titre={actionData?.apercu ? "Aperçu du texte" : "Aperçu du texte enregistré"}
      />
    </div>
  );
}
