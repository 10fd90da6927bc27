import { data, href, redirect } from "react-router";
import { createAppel } from "~/domain/appels/appel.commands.server";
import { TYPES_APPEL, type TypeAppel } from "~/domain/appels/appel.labels";
import { MODELES } from "~/domain/appels/appel.modeles";
import {
  CHAMP_VERSION,
  formulaireDepuisModele,
  LIGNES_VIDES,
  LIGNES_VIDES_MAX,
  lireFormulaireAppel,
} from "~/domain/appels/appel.schema";
import { evaluateursDuDepartement } from "~/domain/appels/instruction.queries.server";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/appels.nouveau";
import { FormulaireAppelPage, type RetourAppel } from "./appels.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouvel appel à candidatures – Promeneurs du Net" }];

function typeDe(value: unknown): TypeAppel {
  return (TYPES_APPEL as readonly unknown[]).includes(value) ? (value as TypeAppel) : "coordination";
}

/** A new call, from the template asked for (`?modele=coordination|recrutement`). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const departement = pickDepartement(actor, "appels.gerer", request);
  const type = typeDe(new URL(request.url).searchParams.get("modele"));
  const annee = jourIso(new Date()).slice(0, 4);
  return {
    departement,
    formulaire: formulaireDepuisModele(MODELES[type], `${type}-${annee}`),
    evaluateurs: await evaluateursDuDepartement(getDb(), departement),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const departement = pickDepartement(actor, "appels.gerer", request);
  const form = await request.formData();
  const { formulaire, lecture } = lireFormulaireAppel(form, { type: typeDe(form.get("type")) });
  if (form.get("intent") === "lignes") {
    return {
      formulaire: { ...formulaire, lignesVides: Math.min(formulaire.lignesVides + LIGNES_VIDES + 1, LIGNES_VIDES_MAX) },
      erreurs: {},
    } satisfies RetourAppel;
  }
  if (!lecture.ok) return data({ formulaire, erreurs: lecture.erreurs } satisfies RetourAppel, { status: 400 });
  try {
    const { id } = await createAppel(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      departement,
      lecture.valeur,
    );
    setFlash(context, `Appel «\u00a0${lecture.valeur.titre}\u00a0» créé. Publiez-le quand il est prêt.`);
    return redirect(href("/espace/appels/:id", { id }));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return data({ formulaire, erreurs: { [error.field]: [error.message] } } satisfies RetourAppel, {
      status: error.field === CHAMP_VERSION ? 409 : 400,
    });
  }
}

export default function NouvelAppelPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, evaluateurs } = loaderData;
  const retour = actionData as RetourAppel | undefined;
  return (
    <div>
      <p>
        <a href={`${href("/espace/appels")}?departement=${departement}`}>← Appels à candidatures</a>
      </p>
      <h1 className="mt-2">Nouvel appel à candidatures</h1>
      <FormulaireAppelPage
        action={`${href("/espace/appels/nouveau")}?departement=${departement}`}
        formulaire={retour?.formulaire ?? loaderData.formulaire}
        erreurs={retour?.erreurs ?? {}}
        version={null}
        evaluateurs={evaluateurs}
        deposees={0}
        departement={departement}
      />
    </div>
  );
}
