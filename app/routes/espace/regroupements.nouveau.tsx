import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { can } from "~/domain/comptes/policy";
import { creerRegroupement } from "~/domain/regroupements/regroupement.commands.server";
import { findComiteOptions } from "~/domain/regroupements/regroupement.queries.server";
import { regroupementSchema } from "~/domain/regroupements/regroupement.schema";
import { findCommuneOptions } from "~/domain/structures/structure.queries.server";
import { getDb } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/regroupements.nouveau";
import { RegroupementForm, replyInvalid } from "./regroupements.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouveau regroupement – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "regroupement.gerer");
  const departement = pickDepartement(actor, "regroupement.gerer", request);
  const db = getDb();
  const [communes, comites] = await Promise.all([
    findCommuneOptions(db, departement),
    findComiteOptions(db, departement),
  ]);
  // « Programmer une réunion » from a committee's page comes with `?comite=<id>`: the form starts
  // as a meeting of that committee, for its members.
  const comite = comites.find((c) => c.id === new URL(request.url).searchParams.get("comite"));
  return { departement, communes: communes.map((c) => ({ code: c.code, nom: c.nom })), comites, comite };
}

export async function action({ context, request }: Route.ActionArgs) {
  // Checked before reading the form: only the coordination sees its errors.
  const actor = requirePermission(context, request, "regroupement.gerer");
  const formData = await request.formData();
  const departement = String(formData.get("departement") ?? "");
  if (!can(actor, "regroupement.gerer", { departement })) notFound();
  const submission = parseWithZod(formData, { schema: regroupementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { id } = await creerRegroupement(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      departement,
      submission.value,
    );
    setFlash(context, "Regroupement créé. Invitez maintenant les participants.");
    return redirect(`/espace/regroupements/${id}#inviter`);
  } catch (error) {
    if (error instanceof Invalid) return replyInvalid(submission, error);
    throw error;
  }
}

export default function NouveauRegroupementPage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div>
      <p>
        <a href={`/espace/regroupements?departement=${loaderData.departement}`}>← Tous les regroupements</a>
      </p>
      <h1 className="mt-2">Nouveau regroupement</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <RegroupementForm
        lastResult={actionData}
        defaults={
          loaderData.comite
            ? {
                type: loaderData.comite.type,
                audience: "copil",
                comiteId: loaderData.comite.id,
                titre: loaderData.comite.nom,
              }
            : { type: "formation_continue", audience: "promeneurs" }
        }
        hidden={{ departement: loaderData.departement }}
        communes={loaderData.communes}
        comites={loaderData.comites}
        submitLabel="Créer le regroupement"
      />
    </div>
  );
}
