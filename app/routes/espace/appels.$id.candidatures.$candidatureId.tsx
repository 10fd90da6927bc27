import { data, Form, href, redirect } from "react-router";
import { statutCandidatureLabels } from "~/domain/appels/appel.labels";
import { noteSur100 } from "~/domain/appels/appel.rules";
import {
  CHAMP_EVALUATEUR,
  CHAMP_FORMULAIRE,
  CHAMP_VERSION,
  decisionSchema,
  MOTIF_MAX,
  verificationSchema,
} from "~/domain/appels/appel.schema";
import { lireBudgetPropose } from "~/domain/appels/budget-propose";
import {
  attribuerEvaluateur,
  deciderCandidature,
  retirerEvaluateur,
  verifierCandidature,
} from "~/domain/appels/instruction.commands.server";
import { getCandidatureGeree } from "~/domain/appels/instruction.queries.server";
import { refusAttribution, refusDecision, refusVerification } from "~/domain/appels/instruction.rules";
import { fichierLabel } from "~/domain/ressources/ressource.rules";
import { formatDateTime, formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { sendMails } from "~/server/mail.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { BudgetProposeTableaux, ChampsCandidature, ReponsesEligibilite } from "~/ui/appels/candidature-lue";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/appels.$id.candidatures.$candidatureId";
import { Champ, erreursDe, type RetourFormulaire, retourDe, valeursDe } from "./comites.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Candidature ${loaderData?.candidature.structureNom ?? ""} – Promeneurs du Net` },
];

/**
 * One submitted application, whole: its fields, eligibility answers, proposed budget with the
 * funding rules, documents; the coordinator's check (receivable or not), the reviewers assigned
 * among the commission, every reviewer's scores and comments, the weighted total and rank, and
 * the decision e-mailed to the applicant. A draft is not opened (404).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const db = getDb();
  const ligne = await getCandidatureGeree(db, actor, params.id, params.candidatureId);
  const { appel, candidature, pieces, commission, email } = ligne;
  return {
    appel: { id: appel.id, titre: appel.titre, criteres: appel.criteres, budgetPropose: appel.budgetPropose },
    candidature,
    email,
    questions: appel.questions.map((q) => ({ ...q, reponse: candidature.reponses[q.code] ?? null })),
    eligible: ligne.eligibilite.eligible,
    completude: ligne.completude.lignes.map((l) => ({
      code: l.document.code,
      libelle: l.document.libelle,
      obligatoire: l.document.obligatoire,
      pieces: pieces
        .filter((p) => p.documentCode === l.document.code)
        .map((p) => ({ id: p.id, nom: p.nom, typeMime: p.typeMime, taille: p.taille })),
    })),
    complet: ligne.completude.complet,
    budget: candidature.budget ? lireBudgetPropose(candidature.budget) : null,
    evaluations: ligne.evaluationsCalculees.map((e) => ({
      evaluateurId: e.evaluateurId,
      nom: e.evaluateurNom,
      attribueeLe: e.attribueeLe,
      soumiseLe: e.soumiseLe,
      notes: e.notes,
      sur100: e.total ? noteSur100([e.total]) : null,
    })),
    note: ligne.note,
    rang: ligne.rang,
    disponibles: commission.filter((m) => !ligne.evaluationsCalculees.some((e) => e.evaluateurId === m.userId)),
    refus: {
      verification: refusVerification(candidature.statut),
      attribution: refusAttribution(candidature.statut),
      decision: refusDecision(candidature.statut),
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  const ids = { appelId: params.id, candidatureId: params.candidatureId };
  const version = Number(form.get(CHAMP_VERSION) ?? Number.NaN);
  const versionLue = Number.isInteger(version) ? version : undefined;
  const page = href("/espace/appels/:id/candidatures/:candidatureId", {
    id: params.id,
    candidatureId: params.candidatureId,
  });
  const formulaire = intent === "retirer" ? "attribuer" : intent;
  const refus = (erreurs: Record<string, string[]>, status = 400) =>
    data({ formulaire, cible: null, erreurs, valeurs: valeursDe(form) } satisfies RetourFormulaire, { status });
  try {
    switch (intent) {
      case "verifier": {
        const lu = verificationSchema.safeParse(Object.fromEntries(form));
        if (!lu.success) {
          // Permission first: a refused form says nothing to whoever may not write here.
          await getCandidatureGeree(db, actor, params.id, params.candidatureId);
          return refus(erreursDe(lu.error));
        }
        const { statut } = await verifierCandidature(ctx, actor, ids, lu.data, versionLue);
        setFlash(context, `Candidature déclarée ${statutCandidatureLabels[statut].toLowerCase()}.`);
        return redirect(page);
      }
      case "attribuer": {
        const { nom } = await attribuerEvaluateur(ctx, actor, ids, String(form.get(CHAMP_EVALUATEUR) ?? ""));
        setFlash(context, `${nom} évalue désormais cette candidature.`);
        return redirect(page);
      }
      case "retirer": {
        const { nom } = await retirerEvaluateur(ctx, actor, ids, String(form.get(CHAMP_EVALUATEUR) ?? ""));
        setFlash(context, `${nom} n'évalue plus cette candidature.`);
        return redirect(page);
      }
      case "decider": {
        const lu = decisionSchema.safeParse(Object.fromEntries(form));
        if (!lu.success) {
          await getCandidatureGeree(db, actor, params.id, params.candidatureId);
          return refus(erreursDe(lu.error));
        }
        const { statut, mail } = await deciderCandidature(ctx, actor, ids, lu.data, versionLue);
        // Committed: the applicant is told now (a failed send is logged; the decision stands).
        const envoye = (await sendMails([mail], { candidatureId: params.candidatureId })) === 1;
        setFlash(
          context,
          `Candidature ${statut === "retenue" ? "retenue" : "non retenue"}. ${envoye ? `La décision a été envoyée à ${mail.to}.` : "L'e-mail au candidat n'a pas pu partir\u00a0: prévenez-le directement."}`,
        );
        return redirect(page);
      }
      default:
        await getCandidatureGeree(db, actor, params.id, params.candidatureId);
        return refus({ [CHAMP_FORMULAIRE]: ["Action inconnue."] });
    }
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    if (error.field === CHAMP_VERSION) return refus({ [CHAMP_FORMULAIRE]: [error.message] }, 409);
    return refus({ [error.field]: [error.message] });
  }
}

function Radio({ name, value, label, defaut }: { name: string; value: string; label: string; defaut: string }) {
  const id = `${name}-${value}`;
  return (
    <label htmlFor={id} className="mr-4 inline-flex items-center gap-1">
      <input id={id} type="radio" name={name} value={value} defaultChecked={defaut === value} />
      {label}
    </label>
  );
}

export default function CandidaturePage({ loaderData, actionData }: Route.ComponentProps) {
  const d = loaderData;
  const c = d.candidature;
  const retour = actionData as RetourFormulaire | undefined;
  const rVerifier = retourDe(retour, "verifier");
  const rAttribuer = retourDe(retour, "attribuer");
  const rDecider = retourDe(retour, "decider");
  const page = href("/espace/appels/:id/candidatures/:candidatureId", { id: d.appel.id, candidatureId: c.id });
  return (
    <div>
      <p>
        <a href={href("/espace/appels/:id", { id: d.appel.id })}>← {d.appel.titre}</a>
      </p>
      <h1 className="mt-2">{c.structureNom || "Candidature"}</h1>
      <p className="mt-1 text-slate-700">
        {statutCandidatureLabels[c.statut]} · déposée le {formatDateTime(c.deposeeLe)}
        {d.note !== null ? ` · note ${formatNumber(d.note)}/100` : ""}
        {d.rang !== null ? ` · rang ${d.rang}` : ""}
      </p>

      <section aria-labelledby="dossier" className="mt-6 max-w-3xl">
        <h2 id="dossier">Candidature</h2>
        <ChampsCandidature candidature={c} email={d.email} />
      </section>

      <section aria-labelledby="eligibilite" className="mt-8 max-w-3xl">
        <h2 id="eligibilite">Éligibilité</h2>
        <p className="mt-1">
          {d.eligible === true
            ? "Éligible\u00a0: aucune réponse éliminatoire."
            : d.eligible === false
              ? "Non éligible\u00a0: «\u00a0non\u00a0» à une question éliminatoire."
              : "À vérifier\u00a0: une question éliminatoire est sans réponse."}
        </p>
        <ReponsesEligibilite questions={d.questions} />
      </section>

      {d.appel.budgetPropose ? (
        <section aria-labelledby="budget" className="mt-8 max-w-3xl">
          <h2 id="budget">Budget annuel proposé</h2>
          {d.budget ? <BudgetProposeTableaux budget={d.budget} /> : <p className="mt-1">Aucun budget proposé.</p>}
        </section>
      ) : null}

      <section aria-labelledby="documents" className="mt-8 max-w-3xl">
        <h2 id="documents">Documents</h2>
        <p className="mt-1">
          {d.complet ? "Complète\u00a0: tous les documents obligatoires sont fournis." : "Incomplète."}
        </p>
        <ul className="mt-2 space-y-1">
          {d.completude.map((l) => (
            <li key={l.code}>
              {l.libelle} ({l.obligatoire ? "obligatoire" : "facultatif"})&nbsp;:{" "}
              {l.pieces.length === 0 ? (
                <strong>{l.obligatoire ? "manquant" : "non fourni"}</strong>
              ) : (
                l.pieces.map((p) => (
                  <a key={p.id} href={href("/espace/appels/pieces/:pieceId", { pieceId: p.id })}>
                    {p.nom} ({fichierLabel(p.typeMime, p.taille)})
                  </a>
                ))
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="recevabilite" className="mt-8 max-w-3xl">
        <h2 id="recevabilite">Recevabilité</h2>
        {c.verifieeLe ? (
          <p className="mt-1">
            {statutCandidatureLabels[c.statut === "irrecevable" ? "irrecevable" : "recevable"]} (vérifiée le{" "}
            {formatDateTime(c.verifieeLe)}){c.motifIrrecevabilite ? `\u00a0: ${c.motifIrrecevabilite}` : ""}
          </p>
        ) : (
          <p className="mt-1">Pas encore vérifiée.</p>
        )}
        <FormErrors
          errors={rVerifier?.erreurs[CHAMP_FORMULAIRE] ?? rVerifier?.erreurs.recevable}
          id="verifier-erreurs"
        />
        {d.refus.verification ? (
          <p className="mt-1 text-slate-700">{d.refus.verification}</p>
        ) : (
          <Form method="post" action={page} className="mt-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="verifier" />
            <input type="hidden" name={CHAMP_VERSION} value={c.version} />
            <fieldset className="mb-3">
              <legend className="font-semibold">La candidature est-elle complète et éligible&nbsp;?</legend>
              <Radio
                name="recevable"
                value="oui"
                label="Recevable"
                defaut={rVerifier?.valeurs.recevable ?? (c.statut === "recevable" ? "oui" : "")}
              />
              <Radio
                name="recevable"
                value="non"
                label="Irrecevable"
                defaut={rVerifier?.valeurs.recevable ?? (c.statut === "irrecevable" ? "non" : "")}
              />
            </fieldset>
            <Champ
              id="verifier-motif"
              name="motif"
              label="Motif d'irrecevabilité"
              erreurs={rVerifier?.erreurs.motif}
              aide="Obligatoire pour une candidature irrecevable."
            >
              {(aria) => (
                <textarea
                  {...aria}
                  rows={3}
                  maxLength={MOTIF_MAX}
                  defaultValue={rVerifier?.valeurs.motif ?? c.motifIrrecevabilite ?? ""}
                  className="input w-full"
                />
              )}
            </Champ>
            <button type="submit" className="btn-secondary">
              Enregistrer la recevabilité
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="evaluateurs" className="mt-8 max-w-3xl">
        <h2 id="evaluateurs">Évaluateurs</h2>
        <FormErrors
          errors={rAttribuer?.erreurs[CHAMP_EVALUATEUR] ?? rAttribuer?.erreurs[CHAMP_FORMULAIRE]}
          id="attribuer-erreurs"
        />
        {d.evaluations.length === 0 ? (
          <p className="mt-1">Aucun évaluateur attribué.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {d.evaluations.map((e) => (
              <li key={e.evaluateurId} className="flex flex-wrap items-center gap-3">
                <span>
                  {e.nom}&nbsp;:{" "}
                  {e.soumiseLe ? `évaluation soumise le ${formatDateTime(e.soumiseLe)}` : "évaluation en cours"}
                </span>
                {e.soumiseLe ? (
                  <span className="text-sm text-slate-700">(soumise&nbsp;: ne peut plus être retirée)</span>
                ) : d.refus.attribution ? null : (
                  <Form method="post" action={page}>
                    <CsrfInput />
                    <input type="hidden" name="intent" value="retirer" />
                    <input type="hidden" name={CHAMP_EVALUATEUR} value={e.evaluateurId} />
                    <button type="submit" className="btn-secondary">
                      Retirer {e.nom}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
        {d.refus.attribution ? (
          <p className="mt-2 text-slate-700">{d.refus.attribution}</p>
        ) : d.disponibles.length === 0 ? (
          <p className="mt-2 text-slate-700">
            Tous les membres de la commission évaluent déjà cette candidature, ou la commission est vide&nbsp;: modifiez
            l'appel pour la compléter.
          </p>
        ) : (
          <Form method="post" action={page} className="mt-3 flex flex-wrap items-end gap-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="attribuer" />
            <Champ id="attribuer-evaluateur" name={CHAMP_EVALUATEUR} label="Attribuer à un membre de la commission">
              {(aria) => (
                <select {...aria} className="input">
                  {d.disponibles.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.nom}
                    </option>
                  ))}
                </select>
              )}
            </Champ>
            <button type="submit" className="btn-secondary mb-4">
              Attribuer
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="notes" className="mt-8">
        <h2 id="notes">Notes des évaluateurs</h2>
        <p className="mt-1">
          Note sur 100 (évaluations soumises seulement)&nbsp;:{" "}
          {d.note === null ? "aucune évaluation soumise" : formatNumber(d.note)}
          {d.rang !== null ? ` · rang ${d.rang}` : ""}
        </p>
        {d.evaluations.length > 0 ? (
          <div className="mt-3 overflow-x-auto">
            <table className="tableau-donnees">
              <thead>
                <tr>
                  <th scope="col">Critère (poids)</th>
                  {d.evaluations.map((e) => (
                    <th key={e.evaluateurId} scope="col">
                      {e.nom}
                      {e.soumiseLe ? "" : " (brouillon, non compté)"}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.appel.criteres.map((k) => (
                  <tr key={k.code}>
                    <th scope="row">
                      {k.libelle} ({k.poids})
                    </th>
                    {d.evaluations.map((e) => {
                      const n = e.notes.find((x) => x.critereCode === k.code);
                      return (
                        <td key={e.evaluateurId}>
                          {n ? `${n.note}/5` : "–"}
                          {n?.commentaire ? <span className="block text-sm">{n.commentaire}</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total pondéré /100</th>
                  {d.evaluations.map((e) => (
                    <td key={e.evaluateurId} className="font-semibold">
                      {e.sur100 === null ? "–" : formatNumber(e.sur100)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="decision" className="mt-8 max-w-3xl">
        <h2 id="decision">Décision</h2>
        {c.decideeLe ? (
          <p className="mt-1">
            {c.statut === "retenue" ? "Retenue" : "Non retenue"} le {formatDateTime(c.decideeLe)}
            {c.motifDecision ? `\u00a0: ${c.motifDecision}` : ""}
          </p>
        ) : null}
        <FormErrors errors={rDecider?.erreurs[CHAMP_FORMULAIRE] ?? rDecider?.erreurs.retenue} id="decider-erreurs" />
        {d.refus.decision ? (
          c.decideeLe ? null : (
            <p className="mt-1 text-slate-700">{d.refus.decision}</p>
          )
        ) : (
          <Form method="post" action={page} className="mt-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="decider" />
            <input type="hidden" name={CHAMP_VERSION} value={c.version} />
            <fieldset className="mb-3">
              <legend className="font-semibold">Décision</legend>
              <Radio name="retenue" value="oui" label="Retenue" defaut={rDecider?.valeurs.retenue ?? ""} />
              <Radio name="retenue" value="non" label="Non retenue" defaut={rDecider?.valeurs.retenue ?? ""} />
            </fieldset>
            <Champ
              id="decider-motif"
              name="motif"
              label="Motifs"
              erreurs={rDecider?.erreurs.motif}
              aide={"Obligatoires pour un refus\u00a0; envoyés au candidat avec la décision."}
            >
              {(aria) => (
                <textarea
                  {...aria}
                  rows={4}
                  maxLength={MOTIF_MAX}
                  defaultValue={rDecider?.valeurs.motif ?? ""}
                  className="input w-full"
                />
              )}
            </Champ>
            <p className="mb-3 text-sm text-slate-700">La décision est envoyée par e-mail à {d.email}.</p>
            <button type="submit" className="btn">
              Enregistrer et envoyer la décision
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
