import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { ajouterMedia } from "~/domain/contenu/contenu.commands.server";
import { findMedias } from "~/domain/contenu/contenu.queries.server";
import { ALT_MAX, mediaSchema } from "~/domain/contenu/contenu.schema";
import { prepareImage } from "~/domain/contenu/media.server";
import { formatDate } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, requireScoped, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/contenus.medias";

export const meta: Route.MetaFunction = () => [{ title: "Bibliothèque d'images – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const departement = pickDepartement(actor, "contenu.gerer", request);
  const medias = await findMedias(getDb(), departement);
  return { departement, medias: medias.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: mediaSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { departement, alt, decorative } = submission.value;
  requireScoped(actor, "contenu.gerer", { departement });
  try {
    const image = await prepareImage(form, "image");
    if (!image) throw new Invalid("image", "Choisissez une image à envoyer.");
    await ajouterMedia({ db: getDb(), now: new Date(), requestId: requestId(context) }, actor, departement, {
      image,
      alt: decorative ? "" : (alt ?? ""),
    });
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, "Image ajoutée à la bibliothèque.");
  return redirect(`/espace/contenus/medias?departement=${departement}`);
}

export default function MediasPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, medias } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: { departement },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mediaSchema }),
  });
  const imageErrors = form.allErrors.image;
  return (
    <div>
      <p>
        <a href={`/espace/contenus?departement=${departement}`}>← Contenus du site</a>
      </p>
      <h1 className="mt-2">Bibliothèque d'images</h1>
      <p className="mt-1 text-slate-700">Département {departement}</p>
      <p className="mt-3 max-w-3xl">
        Les images sont réenregistrées en WebP en deux largeurs (1 200 et 480 pixels au plus), sans leurs métadonnées
        (lieu, appareil, date). N'envoyez pas de photo où un jeune serait reconnaissable.
      </p>

      <Form method="post" encType="multipart/form-data" className="mt-6 max-w-2xl" {...getFormProps(form)}>
        <CsrfInput />
        <input {...getInputProps(fields.departement, { type: "hidden" })} />
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field
          id="image"
          label="Image"
          hint="JPEG, PNG ou WebP, 5 Mo au plus."
          descriptionId="image-aide"
          errors={imageErrors}
          errorId="image-erreur"
        >
          <input
            type="file"
            id="image"
            name="image"
            required
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={imageErrors?.length ? "image-aide image-erreur" : "image-aide"}
            aria-invalid={imageErrors?.length ? true : undefined}
          />
        </Field>
        <InputField
          field={fields.alt}
          label="Description de l'image"
          type="text"
          maxLength={ALT_MAX}
          hint="Ce que l'image montre, pour les personnes qui ne la voient pas."
        />
        <div className="mb-4 flex items-center gap-2">
          <input {...getInputProps(fields.decorative, { type: "checkbox" })} />
          <label htmlFor={fields.decorative.id}>Image décorative (sans description)</label>
        </div>
        <button type="submit" className="btn">
          Ajouter l'image
        </button>
      </Form>

      <h2 className="mt-10">Images du département</h2>
      {medias.length === 0 ? (
        <p className="mt-2">Aucune image pour le moment.</p>
      ) : (
        <ul className="mt-4 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {medias.map((m) => {
            const snippet = `![${m.alt}](/medias/${m.id})`;
            return (
              <li key={m.id} className="rounded-md border border-slate-300 p-3">
                <img
                  src={`/medias/${m.id}/petite`}
                  alt={m.alt}
                  width={Math.min(480, m.largeur)}
                  height={Math.round((Math.min(480, m.largeur) * m.hauteur) / m.largeur)}
                  loading="lazy"
                  className="h-auto max-w-full"
                />
                <p className="mt-2 text-sm">
                  {m.alt || "Image décorative"} · {m.largeur} × {m.hauteur} px · ajoutée le {formatDate(m.createdAt)}
                </p>
                <label htmlFor={`snippet-${m.id}`} className="mt-2 block text-sm font-semibold">
                  À copier dans un texte
                </label>
                <input id={`snippet-${m.id}`} readOnly value={snippet} className="input font-mono text-xs" />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
