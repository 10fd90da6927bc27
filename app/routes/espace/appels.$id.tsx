import { data, Form, href, redirect } from "react-router";
import { depublierAppel, publierAppel } from "~/domain/appels/appel.commands.server";
import {
  etatAppelLabels,
  familleFichierLabels,
  statutCandidatureLabels,
  typeAppelLabels,
} from "~/domain/appels/appel.labels";
import { candidaturesDeLAppel, evaluateursDeLAppel } from "~/domain/appels/appel.queries.server";
import { etatAppel } from "~/domain/appels/appel.rules";
import { CHAMP_FORMULAIRE, CHAMP_VERSION } from "~/domain/appels/appel.schema";
import { getAppelGere } from "~/domain/appels/instruction.queries.server";
import { syntheseAppel } from "~/domain/appels/instruction.rules";
import { formatDateTime, formatNumber } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/appels.$id";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.appel.titre ?? "Appel à candidatures"} – Promeneurs du Net` },
];

/**
 * A call and the review of its applications: every submitted application with its completeness,
 * eligibility, status, reviewers (and whether they submitted), its score out of 100 and rank over
 * the submitted evaluations only; drafts are counted, never opened.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const db = getDb();
  const appel = await getAppelGere(db, actor, params.id);
  const [completes, commission] = await Promise.all([
    candidaturesDeLAppel(db, appel),
    evaluateursDeLAppel(db, appel.id),
  ]);
  const { lignes, parStatut } = syntheseAppel(completes);
  return {
    appel: {
      id: appel.id,
      titre: appel.titre,
      type: appel.type,
      slug: appel.slug,
      departement: appel.departement,
      ouvertureLe: appel.ouvertureLe,
      clotureLe: appel.clotureLe,
      decisionLe: appel.decisionLe,
      publieLe: appel.publieLe,
      version: appel.version,
      budgetPropose: appel.budgetPropose,
      documents: appel.documents,
      questions: appel.questions,
      criteres: appel.criteres,
    },
    etat: etatAppel(appel, new Date()),
    commission: commission.map((m) => m.nom),
    parStatut,
    candidatures: lignes.map((l) => ({
      id: l.candidature.id,
      structure: l.candidature.structureNom || "(structure sans nom)",
      commune: l.candidature.structureCommune,
      deposeeLe: l.candidature.deposeeLe,
      statut: l.candidature.statut,
      complet: l.completude.complet,
      manquants: l.completude.manquants.map((d) => d.libelle),
      eligible: l.eligibilite.eligible,
      evaluateurs: l.evaluationsCalculees.map((e) => ({ nom: e.evaluateurNom, soumiseLe: e.soumiseLe })),
      note: l.note,
      rang: l.rang,
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "appels.gerer");
  const db = getDb();
  const appel = await getAppelGere(db, actor, params.id);
  const form = await request.formData();
  const version = Number(form.get(CHAMP_VERSION) ?? Number.NaN);
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  const versionLue = Number.isInteger(version) ? version : undefined;
  try {
    switch (form.get("intent")) {
      case "publier":
        await publierAppel(ctx, actor, appel.id, versionLue);
        setFlash(context, `Appel publié\u00a0: il apparaît sur /appels/${appel.slug}.`);
        break;
      case "depublier":
        await depublierAppel(ctx, actor, appel.id, versionLue);
        setFlash(context, "Appel retiré du site public.");
        break;
      default:
        return data({ erreurs: { [CHAMP_FORMULAIRE]: ["Action inconnue."] } }, { status: 400 });
    }
    return redirect(href("/espace/appels/:id", { id: appel.id }));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return data(
      { erreurs: { [CHAMP_FORMULAIRE]: [error.message] } },
      { status: error.field === CHAMP_VERSION ? 409 : 400 },
    );
  }
}

function Eligible({ eligible }: { eligible: boolean | null }) {
  if (eligible === true) return <>Éligible</>;
  if (eligible === false) return <strong>Non éligible</strong>;
  return <>À vérifier</>;
}

export default function AppelPage({ loaderData, actionData }: Route.ComponentProps) {
  const { appel, etat, commission, parStatut, candidatures } = loaderData;
  const erreurs = (actionData as { erreurs?: Record<string, string[]> } | undefined)?.erreurs;
  const page = href("/espace/appels/:id", { id: appel.id });
  return (
    <div>
      <p>
        <a href={`${href("/espace/appels")}?departement=${appel.departement}`}>← Appels à candidatures</a>
      </p>
      <h1 className="mt-2">{appel.titre}</h1>
      <p className="mt-1 text-slate-700">
        {typeAppelLabels[appel.type]} · {etatAppelLabels[etat]} ·{" "}
        {appel.publieLe ? `publié le ${formatDateTime(appel.publieLe)}` : "non publié"}
      </p>
      <ul className="mt-2">
        <li>Ouverture&nbsp;: {formatDateTime(appel.ouvertureLe)}</li>
        <li>Dépôt jusqu'au&nbsp;: {formatDateTime(appel.clotureLe)}</li>
        <li>Décision prévue&nbsp;: {appel.decisionLe ? formatDateTime(appel.decisionLe) : "non fixée"}</li>
        <li>Commission&nbsp;: {commission.length === 0 ? "aucun membre" : commission.join(", ")}</li>
      </ul>
      <FormErrors errors={erreurs?.[CHAMP_FORMULAIRE]} id="appel-erreurs" />
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <a className="btn-secondary" href={href("/espace/appels/:id/modifier", { id: appel.id })}>
          Modifier l'appel
        </a>
        <Form method="post" action={page}>
          <CsrfInput />
          <input type="hidden" name={CHAMP_VERSION} value={appel.version} />
          {appel.publieLe ? (
            <button type="submit" name="intent" value="depublier" className="btn-secondary">
              Retirer du site public
            </button>
          ) : (
            <button type="submit" name="intent" value="publier" className="btn">
              Publier l'appel
            </button>
          )}
        </Form>
        {appel.publieLe ? <a href={`/appels/${appel.slug}`}>Voir la page publique</a> : null}
      </div>

      <section aria-labelledby="candidatures" className="mt-8">
        <h2 id="candidatures">Candidatures</h2>
        <p className="mt-1">
          {parStatut.brouillon} brouillon{parStatut.brouillon > 1 ? "s" : ""} en cours (non consultables avant dépôt) ·{" "}
          {candidatures.length} déposée{candidatures.length > 1 ? "s" : ""}
        </p>
        <p className="mt-1 text-sm text-slate-700">
          Note sur 100&nbsp;: moyenne des évaluations soumises, pondérée par le poids des critères. Une évaluation en
          brouillon ne compte pas.
        </p>
        {candidatures.length > 0 ? (
          <>
            <p className="mt-2">
              Exporter&nbsp;:{" "}
              <a href={href("/espace/appels/:id/export/:format", { id: appel.id, format: "xlsx" })}>
                candidatures et notes (Excel)
              </a>{" "}
              · <a href={href("/espace/appels/:id/export/:format", { id: appel.id, format: "zip" })}>documents (ZIP)</a>
            </p>
            <div className="mt-3 overflow-x-auto">
              <table className="tableau-donnees">
                <thead>
                  <tr>
                    <th scope="col">Rang</th>
                    <th scope="col">Structure</th>
                    <th scope="col">Déposée le</th>
                    <th scope="col">Complétude</th>
                    <th scope="col">Éligibilité</th>
                    <th scope="col">Statut</th>
                    <th scope="col">Évaluateurs</th>
                    <th scope="col" className="num">
                      Note /100
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {candidatures.map((c) => (
                    <tr key={c.id}>
                      <td>{c.rang ?? "–"}</td>
                      <th scope="row">
                        <a
                          href={href("/espace/appels/:id/candidatures/:candidatureId", {
                            id: appel.id,
                            candidatureId: c.id,
                          })}
                        >
                          {c.structure}
                        </a>
                        {c.commune ? <span className="block text-sm text-slate-700">{c.commune}</span> : null}
                      </th>
                      <td>{c.deposeeLe ? formatDateTime(c.deposeeLe) : "–"}</td>
                      <td>
                        {c.complet
                          ? "Complète"
                          : `Incomplète (${c.manquants.length} manquant${c.manquants.length > 1 ? "s" : ""})`}
                      </td>
                      <td>
                        <Eligible eligible={c.eligible} />
                      </td>
                      <td>{statutCandidatureLabels[c.statut]}</td>
                      <td>
                        {c.evaluateurs.length === 0 ? (
                          "Aucun"
                        ) : (
                          <ul>
                            {c.evaluateurs.map((e) => (
                              <li key={e.nom}>
                                {e.nom}&nbsp;: {e.soumiseLe ? "soumise" : "en cours"}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className="num">{c.note === null ? "–" : formatNumber(c.note)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="definition" className="mt-10 max-w-3xl">
        <h2 id="definition">Ce que l'appel demande</h2>
        <h3 className="mt-3 font-semibold">Documents</h3>
        <ul className="ml-5 list-disc">
          {appel.documents.map((d) => (
            <li key={d.code}>
              {d.libelle} ({d.obligatoire ? "obligatoire" : "facultatif"}&nbsp;;{" "}
              {d.familles.map((f) => familleFichierLabels[f]).join(", ")}&nbsp;; {d.tailleMaxMo}&nbsp;Mo au plus)
            </li>
          ))}
        </ul>
        <h3 className="mt-3 font-semibold">Questions d'éligibilité</h3>
        <ul className="ml-5 list-disc">
          {appel.questions.map((q) => (
            <li key={q.code}>
              {q.question}
              {q.eliminatoire ? " (éliminatoire)" : ""}
            </li>
          ))}
        </ul>
        <h3 className="mt-3 font-semibold">Critères d'évaluation</h3>
        <ul className="ml-5 list-disc">
          {appel.criteres.map((c) => (
            <li key={c.code}>
              {c.libelle} (poids {c.poids})
            </li>
          ))}
        </ul>
        <p className="mt-3">Budget prévisionnel demandé&nbsp;: {appel.budgetPropose ? "oui" : "non"}</p>
      </section>
    </div>
  );
}
