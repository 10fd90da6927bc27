import { data, Form, redirect } from "react-router";
import { actualiteAction } from "~/domain/contenu/actualite.form.server";
import { modifierActualite, supprimerActualite } from "~/domain/contenu/contenu.commands.server";
import { findMedias, getActualiteGestion, renderContenu } from "~/domain/contenu/contenu.queries.server";
import { etatActualite, etatActualiteLabels, formatDateHeureParis } from "~/domain/contenu/contenu.rules";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/contenus.actualites.$id";
import { type ActualiteActionData, ActualiteForm, Apercu } from "./contenus.actualites.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.actualite.titre ?? "Actualité"} – Promeneurs du Net` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const db = getDb();
  const actualite = await getActualiteGestion(db, actor, params.id);
  const now = new Date();
  return {
    actualite: {
      id: actualite.id,
      departement: actualite.departement,
      slug: actualite.slug,
      titre: actualite.titre,
      resume: actualite.resume,
      corps: actualite.corps,
      imageId: actualite.imageId ?? "",
      statut: actualite.statut,
      publieLe: actualite.publieLe ? formatDateHeureParis(actualite.publieLe) : "",
      publieLeIso: actualite.publieLe?.toISOString() ?? null,
      etat: etatActualite(actualite, now),
    },
    medias: await findMedias(db, actualite.departement),
    html: await renderContenu(db, actualite.corps),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const db = getDb();
  // Out of scope is a 404 before anything of the form is read.
  await getActualiteGestion(db, actor, params.id);
  const form = await request.formData();
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  if (form.get("intent") === "supprimer") {
    if (form.get("confirmer") !== "oui") {
      return data({ suppression: "Cochez la case pour confirmer la suppression." }, { status: 400 });
    }
    const departement = await supprimerActualite(ctx, actor, params.id);
    setFlash(context, "Actualité supprimée.");
    return redirect(`/espace/contenus/actualites?departement=${departement}`);
  }
  return actualiteAction(form, async ({ departement: _departement, ...input }) => {
    await modifierActualite(ctx, actor, params.id, input);
    setFlash(context, "Actualité enregistrée.");
    return redirect(`/espace/contenus/actualites/${params.id}`);
  });
}

export default function ActualiteEditionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { actualite, medias, html } = loaderData;
  const suppression = actionData && "suppression" in actionData ? actionData.suppression : null;
  const formData = actionData && "result" in actionData ? (actionData as ActualiteActionData) : undefined;
  return (
    <div>
      <p>
        <a href={`/espace/contenus/actualites?departement=${actualite.departement}`}>← Toutes les actualités</a>
      </p>
      <h1 className="mt-2">{actualite.titre}</h1>
      <p className="mt-1 text-slate-700">
        {etatActualiteLabels[actualite.etat]}
        {actualite.publieLeIso ? ` · publication le ${formatDateTime(actualite.publieLeIso)}` : ""} · département{" "}
        {actualite.departement}
        {actualite.etat === "en_ligne" ? (
          <>
            {" · "}
            <a href={`/actualites/${encodeURIComponent(actualite.slug)}`}>voir la page publique</a>
          </>
        ) : null}
      </p>
      <ActualiteForm
        defaultValue={{
          departement: actualite.departement,
          titre: actualite.titre,
          resume: actualite.resume,
          corps: actualite.corps,
          slug: actualite.slug,
          imageId: actualite.imageId,
          statut: actualite.statut,
          publieLe: actualite.publieLe,
        }}
        actionData={formData}
        medias={medias}
        submitLabel="Enregistrer les modifications"
      />
      {formData?.apercu ? null : <Apercu html={html} titre="Texte enregistré, tel que le public le lit" />}

      <section aria-labelledby="supprimer" className="mt-10 max-w-3xl rounded-md border border-alerte-700 p-4">
        <h2 id="supprimer">Supprimer l'actualité</h2>
        <p className="mt-1">
          La suppression est définitive. Pour seulement la retirer du site, repassez-la en brouillon.
        </p>
        <Form method="post" className="mt-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="supprimer" />
          <div className="flex items-center gap-2">
            <input
              type="checkbox"
              id="confirmer"
              name="confirmer"
              value="oui"
              aria-describedby={suppression ? "confirmer-erreur" : undefined}
              aria-invalid={suppression ? true : undefined}
            />
            <label htmlFor="confirmer">Je confirme la suppression de « {actualite.titre} »</label>
          </div>
          {suppression ? (
            <p id="confirmer-erreur" className="mt-1 text-sm font-semibold text-alerte-700">
              {suppression}
            </p>
          ) : null}
          <button type="submit" className="btn-danger mt-3">
            Supprimer définitivement
          </button>
        </Form>
      </section>
    </div>
  );
}
