import { parseWithZod } from "@conform-to/zod/v4";
import { data, href, Link, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { requireEditableStructure, updateStructure } from "~/domain/structures/structure.commands.server";
import { canChangeStructureStatut } from "~/domain/structures/structure.policy";
import { findCommuneOptions } from "~/domain/structures/structure.queries.server";
import { structureSchema } from "~/domain/structures/structure.schema";
import { getDb } from "~/server/db.server";
import { forbidden, Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/structures.$id.modifier";
import { StructureForm } from "./structures.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Modifier ${loaderData?.structure.nom ?? "la structure"} – Promeneurs du Net` },
];

/** The structure if the actor may edit it: 403 for a role that never edits, 404 out of scope. */
function editableStructure(actor: Actor, id: string | undefined) {
  return requireEditableStructure(getDb(), actor, id, "Votre rôle ne permet pas de modifier cette structure.");
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "structure.modifier");
  const structure = await editableStructure(actor, params.id);
  return {
    structure,
    communes: await findCommuneOptions(getDb(), structure.departement),
    mayChangeStatut: canChangeStructureStatut(actor, structure),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "structure.modifier");
  const structure = await editableStructure(actor, params.id);
  const mayChangeStatut = canChangeStructureStatut(actor, structure);
  const submission = parseWithZod(await request.formData(), { schema: structureSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (!mayChangeStatut && submission.value.statut && submission.value.statut !== structure.statut) {
    forbidden("Seule la coordination départementale peut changer le statut d'une structure.");
  }
  let changed: number;
  try {
    const { changes } = await updateStructure(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      structure.id,
      submission.value,
      { mayChangeStatut },
    );
    changed = Object.keys(changes).length;
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, changed ? "Structure enregistrée." : "Aucune modification à enregistrer.");
  return redirect(href("/espace/structures/:id", { id: structure.id }));
}

export default function ModifierStructurePage({ loaderData, actionData }: Route.ComponentProps) {
  const { structure } = loaderData;
  return (
    <div>
      <p>
        <Link to={href("/espace/structures/:id", { id: structure.id })} className="underline">
          Retour à la structure
        </Link>
      </p>
      <h1 className="mt-2">Modifier « {structure.nom} »</h1>
      <StructureForm
        lastResult={actionData}
        defaultValue={{
          nom: structure.nom,
          type: structure.type,
          siret: structure.siret,
          adresse: structure.adresse,
          codePostal: structure.codePostal,
          communeCode: structure.communeCode,
          telephone: structure.telephone,
          email: structure.email,
          siteWeb: structure.siteWeb,
          statut: structure.statut,
        }}
        communes={loaderData.communes}
        mayChangeStatut={loaderData.mayChangeStatut}
        submitLabel="Enregistrer"
      />
    </div>
  );
}
