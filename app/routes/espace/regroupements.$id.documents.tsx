import { data, Form, redirect } from "react-router";
import { renderMarkdown } from "~/domain/contenu/markdown.server";
import { CHAMP_VERSION } from "~/domain/rapports/rapport.commands.server";
import {
  addDocument,
  deleteDocument,
  regroupementGere,
  saveCompteRendu,
} from "~/domain/regroupements/document.commands.server";
import { documentsDe } from "~/domain/regroupements/document.queries.server";
import {
  COMPTE_RENDU_MAX,
  compteRenduSchema,
  DOCUMENT_TITRE_MAX,
  documentSchema,
} from "~/domain/regroupements/document.schema";
import { findRegroupementLisible } from "~/domain/regroupements/regroupement.acces.server";
import {
  DOCUMENT_NATURES,
  type DocumentNature,
  documentNatureLabels,
} from "~/domain/regroupements/regroupement.labels";
import { fichierLabel } from "~/domain/ressources/ressource.rules";
import { formatDate, formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { checkUpload, DOCUMENT_MAX_OCTETS, fileFrom } from "~/server/fichiers.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/regroupements.$id.documents";
import { Champ, erreursDe, type RetourFormulaire, retourDe, valeursDe } from "./comites.form";

export const meta: Route.MetaFunction = () => [{ title: "Documents et compte rendu – Promeneurs du Net" }];

/**
 * A gathering's documents (agenda, slides, minutes…) and its written minutes: read by whoever may
 * read the gathering, managed by the coordination.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "regroupement.lire");
  const db = getDb();
  const { regroupement, gere } = await findRegroupementLisible(db, actor, params.id);
  const documents = await documentsDe(db, regroupement.id);
  return {
    regroupement: {
      id: regroupement.id,
      titre: regroupement.titre,
      debut: regroupement.debut,
      comiteId: regroupement.comiteId,
      compteRendu: gere ? regroupement.compteRendu : "",
      version: regroupement.version,
    },
    compteRenduHtml: regroupement.compteRendu ? renderMarkdown(regroupement.compteRendu) : "",
    documents,
    gere,
    maxMo: Math.round(DOCUMENT_MAX_OCTETS / 1024 / 1024),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "regroupement.gerer");
  const db = getDb();
  // The gathering first: another département gets 404 before the form or the file is looked at.
  await regroupementGere(db, actor, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  const refus = (formulaire: string, erreurs: Record<string, string[]>, status = 400) =>
    data({ formulaire, cible: null, erreurs, valeurs: valeursDe(form) } satisfies RetourFormulaire, { status });
  if (intent === "ajouter") {
    const parsed = documentSchema.safeParse(Object.fromEntries(form));
    const file = fileFrom(form, "fichier");
    if (!parsed.success || !file) {
      return refus("document", {
        ...(parsed.success ? {} : erreursDe(parsed.error)),
        ...(file ? {} : { fichier: ["Choisissez le fichier à ajouter."] }),
      });
    }
    try {
      const fichier = await checkUpload(file, "document", "fichier");
      await addDocument(ctx, actor, params.id, parsed.data, fichier);
    } catch (error) {
      if (error instanceof Invalid) return refus("document", { [error.field]: [error.message] });
      throw error;
    }
    setFlash(context, `Document « ${parsed.data.titre} » ajouté.`);
    return redirect(`/espace/regroupements/${params.id}/documents`);
  }
  if (intent === "supprimer") {
    const { titre } = await deleteDocument(ctx, actor, params.id, String(form.get("documentId") ?? ""));
    setFlash(context, `Document « ${titre} » supprimé.`);
    return redirect(`/espace/regroupements/${params.id}/documents`);
  }
  if (intent === "compte-rendu") {
    const parsed = compteRenduSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return refus("compte-rendu", erreursDe(parsed.error));
    try {
      await saveCompteRendu(ctx, actor, params.id, {
        compteRendu: parsed.data.compteRendu,
        version: parsed.data.version,
      });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      if (error.field === CHAMP_VERSION) return refus("compte-rendu", { "": [error.message] }, 409);
      return refus("compte-rendu", { [error.field]: [error.message] });
    }
    setFlash(context, "Compte rendu enregistré.");
    return redirect(`/espace/regroupements/${params.id}/documents`);
  }
  return refus("", { "": ["Action inconnue."] });
}

export default function DocumentsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { regroupement, compteRenduHtml, documents, gere, maxMo } = loaderData;
  const ajout = retourDe(actionData, "document");
  const cr = retourDe(actionData, "compte-rendu");
  return (
    <div>
      <p>
        <a href={`/espace/regroupements/${regroupement.id}`}>← {regroupement.titre}</a>
        {regroupement.comiteId ? (
          <>
            {" · "}
            <a href={`/espace/regroupements/${regroupement.id}/decisions`}>Décisions de la réunion</a>
          </>
        ) : null}
      </p>
      <h1 className="mt-2">Documents et compte rendu</h1>
      <p className="mt-1 text-slate-700">
        {regroupement.titre} · {formatDateTime(regroupement.debut)}
      </p>

      <section aria-labelledby="documents" className="mt-8">
        <h2 id="documents">Documents</h2>
        {documents.length === 0 ? (
          <p className="mt-2">Aucun document pour l'instant.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {documents.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-3 py-2">
                <span>
                  <a href={`/espace/regroupements/${regroupement.id}/documents/${d.id}`}>{d.titre}</a>
                  <span className="block text-sm text-slate-700">
                    {documentNatureLabels[d.nature as DocumentNature] ?? d.nature} ·{" "}
                    {fichierLabel(d.typeMime, d.taille)} · ajouté le {formatDate(d.createdAt)}
                  </span>
                </span>
                {gere ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="supprimer" />
                    <input type="hidden" name="documentId" value={d.id} />
                    <button type="submit" className="btn-danger" aria-label={`Supprimer « ${d.titre} »`}>
                      Supprimer
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {gere ? (
          <Form
            method="post"
            encType="multipart/form-data"
            className="mt-4 max-w-xl rounded-md border border-slate-300 p-4"
          >
            <h3>Ajouter un document</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="ajouter" />
            <Champ id="nature" name="nature" label="Nature" erreurs={ajout?.erreurs.nature}>
              {(aria) => (
                <select {...aria} defaultValue={ajout?.valeurs.nature ?? "ordre_du_jour"} className="input">
                  {DOCUMENT_NATURES.map((n) => (
                    <option key={n} value={n}>
                      {documentNatureLabels[n]}
                    </option>
                  ))}
                </select>
              )}
            </Champ>
            <Champ id="titre" name="titre" label="Titre" erreurs={ajout?.erreurs.titre}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  required
                  maxLength={DOCUMENT_TITRE_MAX}
                  defaultValue={ajout?.valeurs.titre}
                  className="input w-full"
                />
              )}
            </Champ>
            <Champ
              id="fichier"
              name="fichier"
              label="Fichier"
              erreurs={ajout?.erreurs.fichier}
              aide={`Un PDF, ou une image JPEG ou PNG, de ${maxMo} Mo au plus. Enregistrez d'abord un document de traitement de texte ou une présentation en PDF.`}
            >
              {(aria) => (
                <input
                  {...aria}
                  type="file"
                  required
                  accept="application/pdf,image/jpeg,image/png"
                  className="input w-full"
                />
              )}
            </Champ>
            <button type="submit" className="btn">
              Ajouter le document
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="compte-rendu" className="mt-8">
        <h2 id="compte-rendu">Compte rendu</h2>
        {compteRenduHtml ? (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered and sanitised by renderMarkdown.
          <div className="prose-pdn mt-2" dangerouslySetInnerHTML={{ __html: compteRenduHtml }} />
        ) : (
          <p className="mt-2">Pas encore de compte rendu.</p>
        )}
        {gere ? (
          <Form method="post" className="mt-4 max-w-2xl">
            <CsrfInput />
            <input type="hidden" name="intent" value="compte-rendu" />
            <input type="hidden" name="version" value={regroupement.version} />
            <FormErrors errors={cr?.erreurs[""]} />
            <Champ
              id="compteRendu"
              name="compteRendu"
              label="Rédiger le compte rendu"
              erreurs={cr?.erreurs.compteRendu}
              aide="En Markdown : ## pour un intertitre, - pour une liste, **gras**. Lu par les personnes qui ont accès à ce regroupement."
            >
              {(aria) => (
                <textarea
                  {...aria}
                  rows={12}
                  maxLength={COMPTE_RENDU_MAX}
                  defaultValue={cr?.valeurs.compteRendu ?? regroupement.compteRendu}
                  className="input w-full font-mono"
                />
              )}
            </Champ>
            <button type="submit" className="btn">
              Enregistrer le compte rendu
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
