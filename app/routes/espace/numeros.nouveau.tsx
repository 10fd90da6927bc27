import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { createNumero, requireGestionNumero } from "~/domain/orientation/numero.commands.server";
import { numeroSchema } from "~/domain/orientation/numero.schema";
import { formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/numeros.nouveau";
import { NumeroForm } from "./numeros.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouveau numéro d'aide – Promeneurs du Net" }];

/** `?portee=national`: a national line (national role only); otherwise a service of the département. */
function porteeOf(actor: Actor, request: Request): string | null {
  const national = new URL(request.url).searchParams.get("portee") === "national";
  const departement = national ? null : pickDepartement(actor, "numeros.gerer", request);
  requireGestionNumero(actor, departement);
  return departement;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "numeros.gerer");
  const departement = porteeOf(actor, request);
  return { departement, today: formatJourIso(jourParis(new Date())) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "numeros.gerer");
  const departement = porteeOf(actor, request);
  const now = new Date();
  const submission = parseWithZod(await request.formData(), { schema: numeroSchema(jourParis(now)) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await createNumero({ db: getDb(), now, requestId: requestId(context) }, actor, departement, submission.value);
  setFlash(context, `« ${submission.value.nom} » ajouté aux numéros d'aide.`);
  return redirect(`/espace/numeros${departement ? `?departement=${departement}` : ""}`);
}

export default function NouveauNumeroPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement } = loaderData;
  return (
    <div>
      <p>
        <a href={`/espace/numeros${departement ? `?departement=${departement}` : ""}`}>← Tous les numéros d'aide</a>
      </p>
      <h1 className="mt-2">{departement ? "Nouveau service du département" : "Nouveau numéro national"}</h1>
      <p className="mt-1 text-slate-700">
        {departement ? `Département ${departement}` : "Affiché dans tous les départements"}
      </p>
      <NumeroForm
        lastResult={actionData}
        today={loaderData.today}
        defaults={{ genre: "ecoute", public: "tous", verifieLe: loaderData.today, ordre: 0 }}
        submitLabel="Ajouter ce numéro"
      />
    </div>
  );
}
