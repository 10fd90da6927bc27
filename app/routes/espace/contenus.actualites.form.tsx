import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { STATUTS_CONTENU, statutContenuLabels } from "~/domain/contenu/contenu.labels";
import {
  type ActualiteInput,
  ALT_MAX,
  actualiteSchema,
  CORPS_MAX,
  RESUME_MAX,
  TITRE_MAX,
} from "~/domain/contenu/contenu.schema";
import { formatNumber } from "~/lib/format";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField, RadioField } from "~/ui/field";

export type ActualiteFormValues = {
  departement: string;
  titre?: string;
  resume?: string;
  corps?: string;
  slug?: string;
  imageId?: string;
  statut: string;
  publieLe?: string;
};

export type ActualiteActionData = {
  result: SubmissionResult<string[]>;
  apercu?: string | null;
};

type MediaOption = { id: string; alt: string; largeur: number; hauteur: number };

/** Short Markdown help shown beside the body (works without JavaScript). */
export function AideMarkdown() {
  return (
    <details className="mb-4 rounded-md border border-slate-300 px-4 py-2 text-sm">
      <summary className="cursor-pointer font-semibold">Mise en forme du texte (Markdown)</summary>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>Un paragraphe par bloc de texte&nbsp;; une ligne vide sépare deux paragraphes.</li>
        <li>
          <code>## Intertitre</code> pour un intertitre, <code>### Sous-titre</code> pour un niveau en dessous.
        </li>
        <li>
          <code>**gras**</code>, <code>*italique*</code>, <code>- élément</code> pour une liste, <code>1. élément</code>{" "}
          pour une liste numérotée, <code>&gt; citation</code>.
        </li>
        <li>
          <code>[texte du lien](https://exemple.fr)</code>, <code>[appeler](tel:0492000000)</code>,{" "}
          <code>[écrire](mailto:contact@exemple.fr)</code>.
        </li>
        <li>
          <code>![description de l'image](/medias/…)</code>&nbsp;: copiez la ligne depuis la{" "}
          <a href="/espace/contenus/medias">bibliothèque d'images</a>. Les images d'autres sites ne s'affichent pas.
        </li>
        <li>Le code HTML n'est pas interprété&nbsp;: il s'affiche tel quel.</li>
      </ul>
    </details>
  );
}

/** The news post form (new and edit): text, address, image, state and date, preview. */
export function ActualiteForm({
  defaultValue,
  actionData,
  medias,
  submitLabel,
}: {
  defaultValue: ActualiteFormValues;
  actionData: ActualiteActionData | undefined;
  medias: MediaOption[];
  submitLabel: string;
}) {
  const [form, fields] = useForm<ActualiteInput>({
    lastResult: actionData?.result,
    defaultValue: defaultValue as Partial<ActualiteInput>,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: actualiteSchema }),
  });
  const nouvelleImageErrors = form.allErrors.nouvelleImage;
  return (
    <Form method="post" encType="multipart/form-data" className="mt-6 max-w-3xl" {...getFormProps(form)}>
      <CsrfInput />
      <input {...getInputProps(fields.departement, { type: "hidden" })} />
      <FormErrors errors={form.errors} id={form.errorId} />
      <InputField field={fields.titre} label="Titre" type="text" maxLength={TITRE_MAX} />
      <Field
        id={fields.resume.id}
        label="Résumé"
        hint={`Une ou deux phrases, montrées dans la liste des actualités et le flux (${RESUME_MAX} caractères au plus).`}
        descriptionId={fields.resume.descriptionId}
        errors={fields.resume.errors}
        errorId={fields.resume.errorId}
      >
        <textarea
          {...getTextareaProps(fields.resume, { ariaDescribedBy: fields.resume.descriptionId })}
          rows={3}
          maxLength={RESUME_MAX}
          className="input"
        />
      </Field>
      <AideMarkdown />
      <Field
        id={fields.corps.id}
        label="Texte"
        hint={`En Markdown, ${formatNumber(CORPS_MAX)} caractères au plus.`}
        descriptionId={fields.corps.descriptionId}
        errors={fields.corps.errors}
        errorId={fields.corps.errorId}
      >
        <textarea
          {...getTextareaProps(fields.corps, { ariaDescribedBy: fields.corps.descriptionId })}
          rows={16}
          maxLength={CORPS_MAX}
          className="input font-mono text-sm"
        />
      </Field>
      <InputField
        field={fields.slug}
        label="Adresse de la page (facultative)"
        type="text"
        maxLength={60}
        hint="Laissée vide, elle est tirée du titre. Lettres, chiffres et tirets : /actualites/votre-adresse."
      />

      <fieldset className="mb-4 rounded-md border border-slate-300 px-4 py-3">
        <legend className="px-1 font-semibold">Image (facultative)</legend>
        <Field
          id={fields.imageId.id}
          label="Image de la bibliothèque"
          errors={fields.imageId.errors}
          errorId={fields.imageId.errorId}
        >
          <select {...getSelectProps(fields.imageId)} className="input">
            <option value="">Aucune image</option>
            {medias.map((m) => (
              <option key={m.id} value={m.id}>
                {m.alt || "Image décorative"} ({m.largeur} × {m.hauteur} px)
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="nouvelleImage"
          label="Ou envoyer une nouvelle image"
          hint="JPEG, PNG ou WebP, 5 Mo au plus. Elle rejoint la bibliothèque et remplace l'image choisie ci-dessus."
          descriptionId="nouvelleImage-aide"
          errors={nouvelleImageErrors}
          errorId="nouvelleImage-erreur"
        >
          <input
            type="file"
            id="nouvelleImage"
            name="nouvelleImage"
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={
              nouvelleImageErrors?.length ? "nouvelleImage-aide nouvelleImage-erreur" : "nouvelleImage-aide"
            }
            aria-invalid={nouvelleImageErrors?.length ? true : undefined}
          />
        </Field>
        <InputField
          field={fields.nouvelleImageAlt}
          label="Description de la nouvelle image"
          type="text"
          maxLength={ALT_MAX}
          hint="Ce que l'image montre, pour les personnes qui ne la voient pas."
        />
        <div className="flex items-center gap-2">
          <input {...getInputProps(fields.nouvelleImageDecorative, { type: "checkbox" })} />
          <label htmlFor={fields.nouvelleImageDecorative.id}>Image décorative (sans description)</label>
        </div>
      </fieldset>

      <RadioField
        field={fields.statut}
        legend="État"
        options={STATUTS_CONTENU}
        labels={statutContenuLabels}
        defaultValue={defaultValue.statut}
      />
      <Field
        id={fields.publieLe.id}
        label="Date de publication (heure de Paris)"
        hint="Laissée vide, l'actualité publiée l'est tout de suite. Une date à venir la programme."
        descriptionId={fields.publieLe.descriptionId}
        errors={fields.publieLe.errors}
        errorId={fields.publieLe.errorId}
      >
        <input
          {...getInputProps(fields.publieLe, {
            type: "datetime-local",
            ariaDescribedBy: fields.publieLe.descriptionId,
          })}
          className="input max-w-xs"
        />
      </Field>

      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn">
          {submitLabel}
        </button>
        <button type="submit" name="intent" value="apercu" className="btn-secondary">
          Prévisualiser le texte
        </button>
      </div>
      {actionData?.apercu ? <Apercu html={actionData.apercu} /> : null}
    </Form>
  );
}

/** The body as the public page will show it. */
export function Apercu({ html, titre = "Aperçu du texte" }: { html: string; titre?: string }) {
  return (
    <section aria-labelledby="apercu" className="mt-8 rounded-md border border-slate-300 p-4">
      <h2 id="apercu">{titre}</h2>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered and sanitised by renderMarkdown. */}
      <div className="prose-pdn" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
