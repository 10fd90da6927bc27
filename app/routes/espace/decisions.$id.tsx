import { data, Form, redirect } from "react-router";
import { CHAMP_VERSION } from "~/domain/rapports/rapport.commands.server";
import { reunionsDe } from "~/domain/regroupements/comite.queries.server";
import { suivreDecision } from "~/domain/regroupements/decision.commands.server";
import { findDecisionLisible, suivisDe } from "~/domain/regroupements/decision.queries.server";
import { enRetard } from "~/domain/regroupements/decision.rules";
import { NOTE_MAX, suiviSchema } from "~/domain/regroupements/decision.schema";
import { type DecisionEtat, decisionEtatLabels } from "~/domain/regroupements/regroupement.labels";
import { formatDate, formatDateTime } from "~/lib/format";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/decisions.$id";
import { Champ, ChampEtatDecision, erreursDe, type RetourFormulaire, retourDe, valeursDe } from "./comites.form";

export const meta: Route.MetaFunction = () => [{ title: "Décision d'un comité – Promeneurs du Net" }];

/** A committee's decision and its follow-up history; the coordination follows it up. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "comite.lire");
  const db = getDb();
  const { decision, comite, gere } = await findDecisionLisible(db, actor, params.id);
  const [suivis, reunions] = await Promise.all([suivisDe(db, decision.id), reunionsDe(db, comite.id)]);
  const prise = reunions.find((r) => r.id === decision.regroupementId) ?? null;
  return {
    decision: {
      id: decision.id,
      texte: decision.texte,
      responsable: decision.responsable,
      echeance: decision.echeance,
      etat: decision.etat,
      clotureeLe: decision.clotureeLe,
      version: decision.version,
      createdAt: decision.createdAt,
    },
    comite: { id: comite.id, nom: comite.nom },
    prise,
    suivis,
    reunions: gere ? reunions.filter((r) => r.statut === "prevu") : [],
    gere,
    aujourdhui: jourIso(new Date()),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "comite.gerer");
  const db = getDb();
  // The decision first: another département gets 404 whatever the form says.
  await findDecisionLisible(db, actor, params.id);
  const form = await request.formData();
  const refus = (erreurs: Record<string, string[]>, status = 400) =>
    data({ formulaire: "suivi", cible: null, erreurs, valeurs: valeursDe(form) } satisfies RetourFormulaire, {
      status,
    });
  const parsed = suiviSchema.safeParse({ ...Object.fromEntries(form), decisionId: params.id });
  if (!parsed.success) return refus(erreursDe(parsed.error));
  try {
    await suivreDecision({ db, now: new Date(), requestId: requestId(context) }, actor, parsed.data);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    if (error.field === CHAMP_VERSION) return refus({ "": [error.message] }, 409);
    return refus({ [error.field]: [error.message] });
  }
  setFlash(context, "Suivi de la décision enregistré.");
  return redirect(`/espace/decisions/${params.id}`);
}

export default function DecisionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { decision, comite, prise, suivis, reunions, gere, aujourdhui } = loaderData;
  const retour = retourDe(actionData, "suivi");
  const v = retour?.valeurs ?? {};
  const retard = enRetard(decision, aujourdhui);
  return (
    <div>
      <p>
        <a href={`/espace/comites/${comite.id}`}>← {comite.nom}</a>
      </p>
      <h1 className="mt-2">Décision du comité</h1>
      <p className="mt-3 whitespace-pre-line text-lg">{decision.texte}</p>
      <dl className="mt-4 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Porteur</dt>
        <dd>{decision.responsable}</dd>
        <dt className="font-semibold">Échéance</dt>
        <dd>
          {decision.echeance ? formatDate(decision.echeance) : "Sans échéance"}
          {retard ? <strong className="ml-1 text-alerte-700">· en retard</strong> : null}
        </dd>
        <dt className="font-semibold">État</dt>
        <dd>
          {decisionEtatLabels[decision.etat as DecisionEtat] ?? decision.etat}
          {decision.clotureeLe ? `, clôturée le ${formatDate(decision.clotureeLe)}` : ""}
        </dd>
        <dt className="font-semibold">Prise lors de</dt>
        <dd>
          {prise ? (
            <a href={`/espace/regroupements/${prise.id}`}>
              {prise.titre} ({formatDate(prise.debut)})
            </a>
          ) : (
            "Hors réunion"
          )}
        </dd>
      </dl>

      <section aria-labelledby="suivi" className="mt-8">
        <h2 id="suivi">Suivi</h2>
        {suivis.length === 0 ? (
          <p className="mt-2">Pas encore de suivi.</p>
        ) : (
          <ol className="mt-2 divide-y divide-slate-200">
            {suivis.map((s) => (
              <li key={s.id} className="py-2">
                <p className="text-sm text-slate-700">
                  {formatDateTime(s.createdAt)}
                  {s.reunionTitre && s.regroupementId ? (
                    <>
                      {" · "}
                      <a href={`/espace/regroupements/${s.regroupementId}`}>{s.reunionTitre}</a>
                    </>
                  ) : null}
                  {s.auteur ? ` · ${s.auteur}` : ""}
                </p>
                <p>
                  <strong>{decisionEtatLabels[s.etat as DecisionEtat] ?? s.etat}</strong>
                  {s.note ? ` : ${s.note}` : ""}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {gere ? (
        <section aria-labelledby="suivre" className="mt-8">
          <h2 id="suivre">Suivre la décision</h2>
          <Form method="post" className="mt-3 max-w-xl">
            <CsrfInput />
            <input type="hidden" name="version" value={decision.version} />
            <FormErrors errors={retour?.erreurs[""]} />
            <ChampEtatDecision id="etat" etat={v.etat ?? decision.etat} erreurs={retour?.erreurs.etat} />
            <Champ
              id="note"
              name="note"
              label="Note de suivi (facultatif si l'état change)"
              erreurs={retour?.erreurs.note}
            >
              {(aria) => (
                <textarea {...aria} rows={3} maxLength={NOTE_MAX} defaultValue={v.note} className="input w-full" />
              )}
            </Champ>
            <Champ
              id="regroupementId"
              name="regroupementId"
              label="Réunion où elle a été suivie (facultatif)"
              erreurs={retour?.erreurs.regroupementId}
            >
              {(aria) => (
                <select {...aria} defaultValue={v.regroupementId ?? ""} className="input w-full">
                  <option value="">Hors réunion</option>
                  {reunions.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.titre} ({formatDate(r.debut)})
                    </option>
                  ))}
                </select>
              )}
            </Champ>
            <button type="submit" className="btn">
              Enregistrer le suivi
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
