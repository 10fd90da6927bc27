import { data, Form, redirect } from "react-router";
import { createComite } from "~/domain/regroupements/comite.commands.server";
import { COMITE_DESCRIPTION_MAX, COMITE_NOM_MAX, comiteSchema } from "~/domain/regroupements/comite.schema";
import { regroupementTypeLabels, TYPES_COMITE } from "~/domain/regroupements/regroupement.labels";
import { getDb } from "~/server/db.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/comites.nouveau";
import { Champ, erreursDe, type RetourFormulaire, retourDe, valeursDe } from "./comites.form";

export const meta: Route.MetaFunction = () => [{ title: "Nouveau comité – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "comite.gerer");
  const departement = pickDepartement(actor, "comite.gerer", request);
  return { departement };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "comite.gerer");
  const departement = pickDepartement(actor, "comite.gerer", request);
  const form = await request.formData();
  const parsed = comiteSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const retour: RetourFormulaire = {
      formulaire: "comite",
      cible: null,
      erreurs: erreursDe(parsed.error),
      valeurs: valeursDe(form),
    };
    return data(retour, { status: 400 });
  }
  const { id } = await createComite(
    { db: getDb(), now: new Date(), requestId: requestId(context) },
    actor,
    departement,
    parsed.data,
  );
  setFlash(context, `Comité « ${parsed.data.nom} » créé. Ajoutez-y ses membres.`);
  return redirect(`/espace/comites/${id}`);
}

export default function NouveauComitePage({ loaderData, actionData }: Route.ComponentProps) {
  const retour = retourDe(actionData, "comite");
  const v = retour?.valeurs ?? {};
  const erreurType = retour?.erreurs.type;
  return (
    <div>
      <p>
        <a href={`/espace/comites?departement=${loaderData.departement}`}>← Tous les comités</a>
      </p>
      <h1 className="mt-2">Nouveau comité</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>
      <Form method="post" className="mt-6 max-w-2xl">
        <CsrfInput />
        <fieldset className="mb-4">
          <legend className="mb-1 font-semibold">Type de comité</legend>
          {TYPES_COMITE.map((type) => (
            <div key={type} className="flex items-center gap-2 py-0.5">
              <input
                type="radio"
                id={`type-${type}`}
                name="type"
                value={type}
                defaultChecked={(v.type ?? "comite_operationnel") === type}
                aria-invalid={erreurType ? true : undefined}
                aria-describedby={erreurType ? "type-erreur" : undefined}
              />
              <label htmlFor={`type-${type}`}>{regroupementTypeLabels[type]}</label>
            </div>
          ))}
          {erreurType ? (
            <p id="type-erreur" className="mt-1 text-sm font-semibold text-alerte-700">
              {erreurType.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <Champ
          id="nom"
          name="nom"
          label="Nom du comité"
          erreurs={retour?.erreurs.nom}
          aide="Par exemple : Comité opérationnel Nord (Digne, Sisteron)."
        >
          {(aria) => (
            <input
              {...aria}
              type="text"
              required
              maxLength={COMITE_NOM_MAX}
              defaultValue={v.nom}
              className="input w-full"
            />
          )}
        </Champ>
        <Champ
          id="description"
          name="description"
          label="Rôle du comité (facultatif)"
          erreurs={retour?.erreurs.description}
        >
          {(aria) => (
            <textarea
              {...aria}
              rows={4}
              maxLength={COMITE_DESCRIPTION_MAX}
              defaultValue={v.description}
              className="input w-full"
            />
          )}
        </Champ>
        <button type="submit" className="btn">
          Créer le comité
        </button>
      </Form>
    </div>
  );
}
