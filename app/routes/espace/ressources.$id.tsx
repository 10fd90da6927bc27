import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { deleteRessource, setRessourcePubliee, updateRessource } from "~/domain/ressources/ressource.commands.server";
import { getFichierMeta, getRessource } from "~/domain/ressources/ressource.queries.server";
import { ressourceSchema } from "~/domain/ressources/ressource.schema";
import { getDb } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { checkUpload, fileFrom } from "~/server/fichiers.server";
import { requestId, requirePermission, requireScoped, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/ressources.$id";
import { RessourceForm } from "./ressources.form";

export const meta: Route.MetaFunction = () => [{ title: "Modifier une ressource – Promeneurs du Net" }];

async function ressourceGeree(actor: Actor, id: string | undefined) {
  const ressource = await getRessource(getDb(), id);
  if (!ressource) notFound();
  requireScoped(actor, "contenu.gerer", { departement: ressource.departement });
  return ressource;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const ressource = await ressourceGeree(actor, params.id);
  const fichier = ressource.fichierId ? await getFichierMeta(getDb(), ressource.fichierId) : null;
  return {
    ressource: {
      id: ressource.id,
      departement: ressource.departement,
      titre: ressource.titre,
      description: ressource.description,
      categorie: ressource.categorie,
      public: ressource.public,
      publie: ressource.publie,
      url: ressource.url,
      ordre: ressource.ordre,
      fichier: fichier?.nom ?? null,
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "contenu.gerer");
  const ressource = await ressourceGeree(actor, params.id);
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  const liste = `/espace/ressources?departement=${ressource.departement}`;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "masquer" || intent === "afficher") {
    await setRessourcePubliee(ctx, actor, ressource.id, intent === "afficher");
    setFlash(context, intent === "afficher" ? "Ressource remise en ligne." : "Ressource masquée.");
    return redirect(liste);
  }
  if (intent === "supprimer") {
    await deleteRessource(ctx, actor, ressource.id);
    setFlash(context, `Ressource « ${ressource.titre} » supprimée.`);
    return redirect(liste);
  }
  const submission = parseWithZod(formData, { schema: ressourceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const file = fileFrom(formData, "fichier");
    const fichier = file ? await checkUpload(file, "document", "fichier") : null;
    await updateRessource(ctx, actor, ressource.id, submission.value, fichier);
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, `Ressource « ${submission.value.titre} » enregistrée.`);
  return redirect(liste);
}

export default function RessourcePage({ loaderData, actionData }: Route.ComponentProps) {
  const { ressource } = loaderData;
  return (
    <div>
      <p>
        <a href={`/espace/ressources?departement=${ressource.departement}`}>← Toutes les ressources</a>
      </p>
      <h1 className="mt-2">Modifier « {ressource.titre} »</h1>
      <p className="mt-1 text-slate-700">
        Département {ressource.departement} · {ressource.publie ? "en ligne" : "masquée"}
      </p>
      <RessourceForm
        lastResult={actionData}
        defaults={{
          titre: ressource.titre,
          description: ressource.description,
          categorie: ressource.categorie,
          visibilite: ressource.public ? "public" : "reseau",
          url: ressource.url,
          ordre: ressource.ordre,
        }}
        genre={ressource.fichier !== null ? "fichier" : "lien"}
        fichierActuel={ressource.fichier}
        submitLabel="Enregistrer"
      />
      <section aria-labelledby="titre-autres-actions" className="mt-10 max-w-2xl border-t border-slate-300 pt-6">
        <h2 id="titre-autres-actions">Masquer ou supprimer</h2>
        <div className="mt-3 flex flex-wrap gap-3">
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value={ressource.publie ? "masquer" : "afficher"} />
            <button type="submit" className="btn-secondary">
              {ressource.publie ? "Masquer la ressource" : "Remettre la ressource en ligne"}
            </button>
          </Form>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="supprimer" />
            <button type="submit" className="btn-danger">
              Supprimer définitivement{ressource.fichier ? " (avec son fichier)" : ""}
            </button>
          </Form>
        </div>
      </section>
    </div>
  );
}
