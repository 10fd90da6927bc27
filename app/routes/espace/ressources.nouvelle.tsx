import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { createRessource } from "~/domain/ressources/ressource.commands.server";
import { ressourceSchema } from "~/domain/ressources/ressource.schema";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { checkUpload, fileFrom } from "~/server/fichiers.server";
import { pickDepartement, requestId, requirePermission, requireScoped, setFlash } from "~/server/request.server";
import type { Route } from "./+types/ressources.nouvelle";
import { RessourceForm } from "./ressources.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle ressource – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const departement = pickDepartement(actor, "contenu.gerer", request);
  requireScoped(actor, "contenu.gerer", { departement });
  return { departement };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const departement = pickDepartement(actor, "contenu.gerer", request);
  requireScoped(actor, "contenu.gerer", { departement });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ressourceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const file = fileFrom(formData, "fichier");
    if (file && submission.value.url) throw new Invalid("url", "Choisissez un fichier ou un lien, pas les deux.");
    const fichier = file ? await checkUpload(file, "document", "fichier") : null;
    await createRessource(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      departement,
      submission.value,
      fichier,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, `Ressource « ${submission.value.titre} » ajoutée.`);
  return redirect(`/espace/ressources?departement=${departement}`);
}

export default function NouvelleRessourcePage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div>
      <p>
        <a href={`/espace/ressources?departement=${loaderData.departement}`}>← Toutes les ressources</a>
      </p>
      <h1 className="mt-2">Nouvelle ressource</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <RessourceForm
        lastResult={actionData}
        defaults={{ categorie: "guides", visibilite: "public", ordre: 0 }}
        genre="nouvelle"
        submitLabel="Ajouter la ressource"
      />
    </div>
  );
}
