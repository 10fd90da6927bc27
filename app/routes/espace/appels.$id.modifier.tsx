import { data, href, redirect } from "react-router";
import { updateAppel } from "~/domain/appels/appel.commands.server";
import { evaluateursDeLAppel } from "~/domain/appels/appel.queries.server";
import {
  CHAMP_FORMULAIRE,
  CHAMP_VERSION,
  formulaireDepuisAppel,
  LIGNES_VIDES,
  LIGNES_VIDES_MAX,
  lireFormulaireAppel,
} from "~/domain/appels/appel.schema";
import { evaluateursDuDepartement, getAppelGere, nombreDeposees } from "~/domain/appels/instruction.queries.server";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/appels.$id.modifier";
import { FormulaireAppelPage, type RetourAppel } from "./appels.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Modifier ${loaderData?.titre ?? "l'appel"} – Promeneurs du Net` },
];

/** The call's form, as saved; the commission among the département's reviewers. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const db = getDb();
  const appel = await getAppelGere(db, actor, params.id);
  const commission = await evaluateursDeLAppel(db, appel.id);
  const disponibles = await evaluateursDuDepartement(db, appel.departement);
  // A member who lost the reviewer's role still shows, so that saving does not drop them silently.
  const evaluateurs = [...disponibles, ...commission.filter((m) => !disponibles.some((d) => d.userId === m.userId))];
  return {
    id: appel.id,
    titre: appel.titre,
    departement: appel.departement,
    version: appel.version,
    formulaire: formulaireDepuisAppel(
      appel,
      commission.map((m) => m.userId),
    ),
    evaluateurs,
    deposees: await nombreDeposees(db, appel.id),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const db = getDb();
  // The call first: another département gets 404 whatever the form says.
  const appel = await getAppelGere(db, actor, params.id);
  const form = await request.formData();
  const { formulaire, lecture } = lireFormulaireAppel(form, { type: appel.type });
  if (form.get("intent") === "lignes") {
    return {
      formulaire: { ...formulaire, lignesVides: Math.min(formulaire.lignesVides + LIGNES_VIDES + 1, LIGNES_VIDES_MAX) },
      erreurs: {},
    } satisfies RetourAppel;
  }
  if (!lecture.ok) return data({ formulaire, erreurs: lecture.erreurs } satisfies RetourAppel, { status: 400 });
  const version = Number(form.get(CHAMP_VERSION) ?? Number.NaN);
  try {
    const { changements } = await updateAppel(
      { db, now: new Date(), requestId: requestId(context) },
      actor,
      appel.id,
      lecture.valeur,
      Number.isInteger(version) ? version : undefined,
    );
    setFlash(
      context,
      changements === 0 ? "Aucun changement à enregistrer." : `Appel «\u00a0${lecture.valeur.titre}\u00a0» enregistré.`,
    );
    return redirect(href("/espace/appels/:id", { id: appel.id }));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const conflit = error.field === CHAMP_VERSION;
    return data(
      { formulaire, erreurs: { [conflit ? CHAMP_FORMULAIRE : error.field]: [error.message] } } satisfies RetourAppel,
      { status: conflit ? 409 : 400 },
    );
  }
}

export default function ModifierAppelPage({ loaderData, actionData }: Route.ComponentProps) {
  const { id, titre, departement, version, evaluateurs, deposees } = loaderData;
  const retour = actionData as RetourAppel | undefined;
  return (
    <div>
      <p>
        <a href={href("/espace/appels/:id", { id })}>← {titre}</a>
      </p>
      <h1 className="mt-2">Modifier l'appel</h1>
      <FormulaireAppelPage
        action={href("/espace/appels/:id/modifier", { id })}
        formulaire={retour?.formulaire ?? loaderData.formulaire}
        erreurs={retour?.erreurs ?? {}}
        version={version}
        evaluateurs={evaluateurs}
        deposees={deposees}
        departement={departement}
      />
    </div>
  );
}
