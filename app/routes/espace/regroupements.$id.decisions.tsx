import { data, Form, redirect } from "react-router";
import { CHAMP_VERSION } from "~/domain/rapports/rapport.commands.server";
import { comiteResume } from "~/domain/regroupements/comite.queries.server";
import { createDecision, reunionGeree, suivreDecision } from "~/domain/regroupements/decision.commands.server";
import { decisionsASuivre, decisionsPrisesA } from "~/domain/regroupements/decision.queries.server";
import { enRetard } from "~/domain/regroupements/decision.rules";
import {
  DECISION_TEXTE_MAX,
  decisionSchema,
  NOTE_MAX,
  RESPONSABLE_MAX,
  suiviSchema,
} from "~/domain/regroupements/decision.schema";
import { findRegroupementLisible } from "~/domain/regroupements/regroupement.acces.server";
import { type DecisionEtat, decisionEtatLabels } from "~/domain/regroupements/regroupement.labels";
import { formatDate, formatDateTime } from "~/lib/format";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/regroupements.$id.decisions";
import { Champ, ChampEtatDecision, erreursDe, type RetourFormulaire, retourDe, valeursDe } from "./comites.form";

export const meta: Route.MetaFunction = () => [{ title: "Décisions d'une réunion – Promeneurs du Net" }];

/**
 * A committee meeting's decisions: those taken at it, and the committee's earlier decisions still
 * open, followed up here. The coordination records them; the committee's linked members read them.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "comite.lire");
  const db = getDb();
  const { regroupement, gere, membreComite } = await findRegroupementLisible(db, actor, params.id);
  const comiteId = regroupement.comiteId;
  if (!comiteId || !(gere || membreComite)) notFound();
  const reunion = { id: regroupement.id, comiteId, debut: regroupement.debut };
  const [comite, prises, aSuivre] = await Promise.all([
    comiteResume(db, comiteId),
    decisionsPrisesA(db, reunion.id),
    decisionsASuivre(db, reunion),
  ]);
  return {
    reunion: {
      id: regroupement.id,
      titre: regroupement.titre,
      debut: regroupement.debut,
      jour: jourIso(regroupement.debut),
      annulee: regroupement.statut === "annule",
    },
    comite,
    prises,
    aSuivre,
    gere,
    aujourdhui: jourIso(new Date()),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "comite.gerer");
  const db = getDb();
  // The meeting first (read once): another département gets 404 whatever the form says.
  const regroupement = await reunionGeree(db, actor, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  if (intent === "creer") {
    const refus = (erreurs: Record<string, string[]>) =>
      data({ formulaire: "decision", cible: null, erreurs, valeurs: valeursDe(form) } satisfies RetourFormulaire, {
        status: 400,
      });
    const parsed = decisionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return refus(erreursDe(parsed.error));
    try {
      await createDecision(ctx, actor, regroupement, parsed.data);
    } catch (error) {
      if (error instanceof Invalid) return refus({ [error.field]: [error.message] });
      throw error;
    }
    setFlash(context, "Décision enregistrée.");
    return redirect(`/espace/regroupements/${regroupement.id}/decisions`);
  }
  if (intent === "suivre") {
    const decisionId = String(form.get("decisionId") ?? "");
    const refus = (erreurs: Record<string, string[]>, status = 400) =>
      data({ formulaire: "suivi", cible: decisionId, erreurs, valeurs: valeursDe(form) } satisfies RetourFormulaire, {
        status,
      });
    // The follow-up is recorded against this meeting.
    const parsed = suiviSchema.safeParse({ ...Object.fromEntries(form), regroupementId: regroupement.id });
    if (!parsed.success) return refus(erreursDe(parsed.error));
    try {
      await suivreDecision(ctx, actor, parsed.data);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      if (error.field === CHAMP_VERSION) return refus({ "": [error.message] }, 409);
      // The meeting is this page's, not a field of the form: its refusal goes above the form.
      return refus({ [error.field === "regroupementId" ? "" : error.field]: [error.message] });
    }
    setFlash(context, "Suivi enregistré pour cette réunion.");
    return redirect(`/espace/regroupements/${regroupement.id}/decisions`);
  }
  return data({ formulaire: "", cible: null, erreurs: { "": ["Action inconnue."] }, valeurs: {} }, { status: 400 });
}

export default function DecisionsReunionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { reunion, comite, prises, aSuivre, aujourdhui } = loaderData;
  // Nothing is recorded at a cancelled meeting.
  const gere = loaderData.gere && !reunion.annulee;
  const nouvelle = retourDe(actionData, "decision");
  const nv = nouvelle?.valeurs ?? {};
  return (
    <div>
      <p>
        <a href={`/espace/regroupements/${reunion.id}`}>← {reunion.titre}</a> ·{" "}
        <a href={`/espace/comites/${comite.id}`}>{comite.nom}</a>
      </p>
      <h1 className="mt-2">Décisions de la réunion</h1>
      <p className="mt-1 text-slate-700">
        {reunion.titre} · {formatDateTime(reunion.debut)}
        {reunion.annulee ? " · annulée" : ""}
      </p>
      {reunion.annulee && loaderData.gere ? (
        <p className="mt-2">Cette réunion est annulée : on n'y enregistre ni décision ni suivi.</p>
      ) : null}

      <section aria-labelledby="prises" className="mt-8">
        <h2 id="prises">Décisions prises lors de cette réunion</h2>
        {prises.length === 0 ? (
          <p className="mt-2">Aucune décision enregistrée pour cette réunion.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {prises.map((d) => (
              <li key={d.id} className="py-2">
                <a href={`/espace/decisions/${d.id}`}>{d.texte}</a>
                <p className="text-sm text-slate-700">
                  {decisionEtatLabels[d.etat as DecisionEtat] ?? d.etat} · porteur : {d.responsable}
                  {d.echeance ? ` · échéance : ${formatDate(d.echeance)}` : ""}
                  {enRetard(d, aujourdhui) ? <strong className="ml-1 text-alerte-700">· en retard</strong> : null}
                </p>
              </li>
            ))}
          </ul>
        )}
        {gere ? (
          <Form method="post" className="mt-4 max-w-xl rounded-md border border-slate-300 p-4">
            <h3>Enregistrer une décision</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="creer" />
            <FormErrors errors={nouvelle?.erreurs[""]} />
            <Champ id="texte" name="texte" label="Décision" erreurs={nouvelle?.erreurs.texte}>
              {(aria) => (
                <textarea
                  {...aria}
                  required
                  rows={3}
                  maxLength={DECISION_TEXTE_MAX}
                  defaultValue={nv.texte}
                  className="input w-full"
                />
              )}
            </Champ>
            <Champ
              id="responsable"
              name="responsable"
              label="Porteur"
              erreurs={nouvelle?.erreurs.responsable}
              aide="La personne ou l'organisation qui la met en œuvre."
            >
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  required
                  maxLength={RESPONSABLE_MAX}
                  defaultValue={nv.responsable}
                  className="input w-full"
                />
              )}
            </Champ>
            <Champ
              id="echeance"
              name="echeance"
              label="Échéance (facultatif)"
              erreurs={nouvelle?.erreurs.echeance}
              aide="Pas avant la date de la réunion."
            >
              {(aria) => (
                <input {...aria} type="date" min={reunion.jour} defaultValue={nv.echeance} className="input" />
              )}
            </Champ>
            <button type="submit" className="btn">
              Enregistrer la décision
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="a-suivre" className="mt-8">
        <h2 id="a-suivre">Décisions à suivre</h2>
        <p className="mt-1 text-sm text-slate-700">
          Les décisions encore en cours prises lors des réunions précédentes du comité
          {gere ? " ; leur suivi est enregistré pour cette réunion" : ""}.
        </p>
        {aSuivre.length === 0 ? (
          <p className="mt-2">Aucune décision à suivre.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {aSuivre.map((d) => {
              const retour = retourDe(actionData, "suivi", d.id);
              const p = `suivi-${d.id}`;
              return (
                <li key={d.id} className={`py-3 ${enRetard(d, aujourdhui) ? "border-l-4 border-alerte-700 pl-3" : ""}`}>
                  <a href={`/espace/decisions/${d.id}`}>{d.texte}</a>
                  <p className="text-sm text-slate-700">
                    {decisionEtatLabels[d.etat as DecisionEtat] ?? d.etat} · porteur : {d.responsable}
                    {d.echeance ? ` · échéance : ${formatDate(d.echeance)}` : ""}
                    {d.reunionDebut ? ` · prise le ${formatDate(d.reunionDebut)}` : ""}
                    {enRetard(d, aujourdhui) ? <strong className="ml-1 text-alerte-700">· en retard</strong> : null}
                  </p>
                  {d.suiviIciEtat ? (
                    <p className="text-sm">
                      Suivie lors de cette réunion :{" "}
                      {decisionEtatLabels[d.suiviIciEtat as DecisionEtat] ?? d.suiviIciEtat}
                      {d.suiviIci ? ` : ${d.suiviIci}` : ""}
                    </p>
                  ) : null}
                  {gere ? (
                    <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="suivre" />
                      <input type="hidden" name="decisionId" value={d.id} />
                      <input type="hidden" name="version" value={d.version} />
                      <FormErrors errors={retour?.erreurs[""]} />
                      <ChampEtatDecision
                        id={`${p}-etat`}
                        etat={retour?.valeurs.etat ?? d.etat}
                        erreurs={retour?.erreurs.etat}
                      />
                      <Champ id={`${p}-note`} name="note" label="Note" erreurs={retour?.erreurs.note}>
                        {(aria) => (
                          <input
                            {...aria}
                            type="text"
                            maxLength={NOTE_MAX}
                            defaultValue={retour?.valeurs.note}
                            className="input w-full sm:w-80"
                          />
                        )}
                      </Champ>
                      <button type="submit" className="btn-secondary mb-4">
                        Enregistrer
                      </button>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
