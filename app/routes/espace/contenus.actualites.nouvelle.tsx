import { redirect } from "react-router";
import { actualiteAction } from "~/domain/contenu/actualite.form.server";
import { creerActualite } from "~/domain/contenu/contenu.commands.server";
import { findMedias } from "~/domain/contenu/contenu.queries.server";
import { getDb } from "~/server/db.server";
import { pickDepartement, requestId, requirePermission, requireScoped, setFlash } from "~/server/request.server";
import type { Route } from "./+types/contenus.actualites.nouvelle";
import { ActualiteForm } from "./contenus.actualites.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle actualité – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const departement = pickDepartement(actor, "contenu.gerer", request);
  return { departement, medias: await findMedias(getDb(), departement) };
}

export async function action({ context, request }: Route.ActionArgs) {
  // Checked before reading the form: only the coordination sees its errors.
  const actor = requirePermission(context, request, "contenu.gerer");
  return actualiteAction(await request.formData(), async ({ departement, ...input }) => {
    // Another département's coordination: out of scope (404), as the form's loader answers.
    requireScoped(actor, "contenu.gerer", { departement });
    const { id } = await creerActualite(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      departement,
      input,
    );
    setFlash(context, input.statut === "publie" ? "Actualité enregistrée et publiée." : "Brouillon enregistré.");
    return redirect(`/espace/contenus/actualites/${id}`);
  });
}

export default function NouvelleActualitePage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div>
      <p>
        <a href={`/espace/contenus/actualites?departement=${loaderData.departement}`}>← Toutes les actualités</a>
      </p>
      <h1 className="mt-2">Nouvelle actualité</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <ActualiteForm
        defaultValue={{ departement: loaderData.departement, statut: "brouillon" }}
        actionData={actionData}
        medias={loaderData.medias}
        submitLabel="Enregistrer l'actualité"
      />
    </div>
  );
}
