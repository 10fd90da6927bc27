import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import {
  requireGestionNumero,
  setNumeroActif,
  updateNumero,
  verifierNumero,
} from "~/domain/orientation/numero.commands.server";
import { getNumero } from "~/domain/orientation/numero.queries.server";
import { numeroSchema } from "~/domain/orientation/numero.schema";
import { formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requestId, requirePermission, safeReturnPath, setFlash } from "~/server/request.server";
import type { Route } from "./+types/numeros.$id";
import { NumeroForm } from "./numeros.form";

export const meta: Route.MetaFunction = () => [{ title: "Modifier un numéro d'aide – Promeneurs du Net" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "numeros.gerer");
  const numero = await getNumero(getDb(), params.id);
  if (!numero) notFound();
  requireGestionNumero(actor, numero.departement);
  return { numero, today: formatJourIso(jourParis(new Date())) };
}

function listeOf(departement: string | null): string {
  return `/espace/numeros${departement ? `?departement=${departement}` : ""}`;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "numeros.gerer");
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  const formData = await request.formData();
  const intent = formData.get("intent");
  const aujourdhui = jourParis(ctx.now);
  if (intent === "verifier" || intent === "desactiver" || intent === "reactiver") {
    const numero =
      intent === "verifier"
        ? await verifierNumero(ctx, actor, params.id, aujourdhui)
        : await setNumeroActif(ctx, actor, params.id, intent === "reactiver");
    setFlash(
      context,
      intent === "verifier"
        ? `« ${numero.nom} » : vérifié aujourd'hui.`
        : intent === "reactiver"
          ? `« ${numero.nom} » est de nouveau affiché.`
          : `« ${numero.nom} » est masqué : il n'est plus affiché.`,
    );
    return redirect(safeReturnPath(formData.get("retour")?.toString(), listeOf(numero.departement)));
  }
  // The permission on the entry is checked before the form is read: only its keepers see its errors.
  const existant = await getNumero(ctx.db, params.id);
  if (!existant) notFound();
  requireGestionNumero(actor, existant.departement);
  const submission = parseWithZod(formData, { schema: numeroSchema(aujourdhui) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const numero = await updateNumero(ctx, actor, params.id, submission.value);
  setFlash(context, `« ${submission.value.nom} » enregistré.`);
  return redirect(listeOf(numero.departement));
}

export default function NumeroPage({ loaderData, actionData }: Route.ComponentProps) {
  const { numero } = loaderData;
  return (
    <div>
      <p>
        <a href={listeOf(numero.departement)}>← Tous les numéros d'aide</a>
      </p>
      <h1 className="mt-2">Modifier « {numero.nom} »</h1>
      <p className="mt-1 text-slate-700">
        {numero.departement ? `Service du département ${numero.departement}` : "Numéro national"}
        {numero.actif ? "" : " · masqué"}
      </p>
      <NumeroForm
        lastResult={actionData}
        today={loaderData.today}
        defaults={{
          nom: numero.nom,
          description: numero.description,
          genre: numero.genre,
          telephone: numero.telephone,
          sms: numero.sms,
          url: numero.url,
          horaires: numero.horaires,
          public: numero.public,
          gratuit: numero.gratuit,
          source: numero.source,
          verifieLe: numero.verifieLe,
          ordre: numero.ordre,
          categories: numero.categories,
        }}
        categoriesNationales={numero.departement === null && numero.code !== null}
        submitLabel="Enregistrer"
      />
    </div>
  );
}
