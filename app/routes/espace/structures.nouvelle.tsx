import { parseWithZod } from "@conform-to/zod/v4";
import { data, href, Link, redirect } from "react-router";
import { createStructure } from "~/domain/structures/structure.commands.server";
import { findCommuneOptions } from "~/domain/structures/structure.queries.server";
import { structureCreationSchema } from "~/domain/structures/structure.schema";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/structures.nouvelle";
import { StructureForm } from "./structures.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouvelle structure – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "structure.creer");
  const departement = pickDepartement(actor, "structure.creer", request);
  return { departement, communes: await findCommuneOptions(getDb(), departement) };
}

export async function action({ context, request }: Route.ActionArgs) {
  // Checked before reading the form: only a coordinator sees its errors.
  requirePermission(context, request, "structure.creer");
  const submission = parseWithZod(await request.formData(), { schema: structureCreationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { departement } = submission.value;
  const actor = requirePermission(context, request, "structure.creer", { departement });
  let id: string;
  try {
    ({ id } = await createStructure(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      submission.value,
    ));
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, `Structure « ${submission.value.nom} » créée.`);
  return redirect(href("/espace/structures/:id", { id }));
}

export default function NouvelleStructurePage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div>
      <p>
        <Link to={`${href("/espace/structures")}?departement=${loaderData.departement}`} className="underline">
          Retour aux structures
        </Link>
      </p>
      <h1 className="mt-2">Nouvelle structure</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <StructureForm
        lastResult={actionData}
        defaultValue={{ statut: "active" }}
        communes={loaderData.communes}
        departement={loaderData.departement}
        mayChangeStatut
        submitLabel="Créer la structure"
      />
    </div>
  );
}
