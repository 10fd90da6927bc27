import type { ReactNode } from "react";
import { data, Form, href, Link, redirect } from "react-router";
import { NOTE_MAX, NOTE_MIN, statutCandidatureLabels } from "~/domain/appels/appel.labels";
import type { EvaluationLue } from "~/domain/appels/appel.queries.server";
import { noteSur100 } from "~/domain/appels/appel.rules";
import { lireBudgetPropose } from "~/domain/appels/budget-propose";
import { CHAMP_STATUT, enregistrerEvaluation } from "~/domain/appels/evaluation.commands.server";
import { getCandidatureAEvaluer } from "~/domain/appels/evaluation.queries.server";
import { evaluationsVisiblesPar, refusModification, totalEvaluation } from "~/domain/appels/evaluation.rules";
import {
  CHAMP_FORMULAIRE,
  COMMENTAIRE_MAX,
  champ,
  lireSaisieEvaluation,
  modeEvaluation,
} from "~/domain/appels/evaluation.schema";
import { fichierLabel } from "~/domain/ressources/ressource.rules";
import { formatDate, formatDateTime, formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { BudgetProposeTableaux, ChampsCandidature, ReponsesEligibilite } from "~/ui/appels/candidature-lue";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/evaluations.$candidatureId";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Évaluer ${loaderData?.candidature.structureNom || "une candidature"} – Promeneurs du Net` },
];

type NotesLues = Record<string, { note: number; commentaire: string }>;

function notesDe(e: Pick<EvaluationLue, "notes">): NotesLues {
  return Object.fromEntries(e.notes.map((n) => [n.critereCode, { note: n.note, commentaire: n.commentaire }]));
}

/**
 * An application assigned to the signed-in reviewer: what the applicant sent (structure, contact,
 * person proposed, project, eligibility answers, proposed budget and its funding rules, documents),
 * their own scores (a form until they submit), and — once they have submitted — the other
 * reviewers' submitted scores, never before (the blind rule, evaluation.rules.ts).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "evaluations.acceder");
  const { appel, candidature, pieces, evaluations, mienne } = await getCandidatureAEvaluer(
    getDb(),
    actor,
    params.candidatureId,
  );
  const criteres = appel.criteres;
  // The blind rule: empty until the reviewer's own evaluation is submitted; others' drafts never.
  const autres = evaluationsVisiblesPar(evaluations, actor.userId).map((e) => ({
    evaluateurId: e.evaluateurId,
    nom: e.evaluateurNom,
    soumiseLe: e.soumiseLe?.toISOString() ?? null,
    notes: notesDe(e),
    total: totalEvaluation(criteres, e.notes),
  }));
  const totalMien = totalEvaluation(criteres, mienne.notes);
  const soumises = mienne.soumiseLe ? [totalMien, ...autres.map((e) => e.total)] : [];
  const libelleDocument = new Map(appel.documents.map((d) => [d.code, d.libelle]));
  return {
    candidatureId: candidature.id,
    appel: {
      titre: appel.titre,
      clotureLe: appel.clotureLe.toISOString(),
      decisionLe: appel.decisionLe?.toISOString() ?? null,
      criteres,
    },
    candidature: {
      statut: candidature.statut,
      structureNom: candidature.structureNom,
      structureCommune: candidature.structureCommune,
      structureSiret: candidature.structureSiret,
      contactNom: candidature.contactNom,
      contactTelephone: candidature.contactTelephone,
      personneProposee: candidature.personneProposee,
      personneFonction: candidature.personneFonction,
      projet: candidature.projet,
      deposeeLe: candidature.deposeeLe?.toISOString() ?? null,
    },
    questions: appel.questions.map((q) => ({ ...q, reponse: candidature.reponses[q.code] ?? null })),
    budget: candidature.budget ? lireBudgetPropose(candidature.budget) : null,
    pieces: pieces.map((p) => ({
      id: p.id,
      nom: p.nom,
      document: libelleDocument.get(p.documentCode) ?? p.documentCode,
      fichier: fichierLabel(p.typeMime, p.taille),
    })),
    mienne: {
      soumiseLe: mienne.soumiseLe?.toISOString() ?? null,
      notes: notesDe(mienne),
      total: totalMien,
    },
    refus: refusModification(candidature.statut, mienne.soumiseLe),
    autres,
    moyenne: noteSur100(soumises),
    evaluationsSoumises: soumises.length,
  };
}

/** What the action answers for a refused form: the French message of each field, and the values typed. */
type Retour = { erreurs: Record<string, string[]>; valeurs: Record<string, string> };

function valeursDe(form: FormData): Record<string, string> {
  const valeurs: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && name !== "_csrf") valeurs[name] = value;
  }
  return valeurs;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "evaluations.acceder");
  const db = getDb();
  // The application first: one not assigned to this reviewer is a 404 whatever the form says.
  const { appel, candidature, mienne } = await getCandidatureAEvaluer(db, actor, params.candidatureId);
  const form = await request.formData();
  const refus = (erreurs: Record<string, string[]>, status: number) =>
    data({ erreurs, valeurs: valeursDe(form) } satisfies Retour, { status });
  const verrou = refusModification(candidature.statut, mienne.soumiseLe);
  if (verrou) return refus({ [CHAMP_FORMULAIRE]: [verrou] }, 409);
  const mode = modeEvaluation(form.get("intent"));
  const lu = lireSaisieEvaluation(form, appel.criteres, mode);
  if (!lu.ok) return refus(lu.erreurs, 400);
  try {
    const ecrit = await enregistrerEvaluation(
      { db, now: new Date(), requestId: requestId(context) },
      actor,
      candidature.id,
      lu.valeur,
      mode,
    );
    setFlash(
      context,
      ecrit.soumise
        ? "Évaluation soumise. Merci ! Vous voyez maintenant les évaluations soumises par les autres membres de la commission."
        : ecrit.changements === 0
          ? "Aucun changement à enregistrer."
          : "Brouillon de l'évaluation enregistré.",
    );
    return redirect(href("/espace/evaluations/:candidatureId", { candidatureId: candidature.id }));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    if (error.field === CHAMP_STATUT) return refus({ [CHAMP_FORMULAIRE]: [error.message] }, 409);
    return refus({ [error.field]: [error.message] }, 400);
  }
}

type Donnees = Route.ComponentProps["loaderData"];
type Total = Donnees["mienne"]["total"];

function TexteTotal({ total, criteres }: { total: Total; criteres: number }) {
  return (
    <>
      Total pondéré : <strong>{plural(total.points, "point")}</strong> sur {formatNumber(total.max)}
      {total.sur100 !== null ? (
        <>
          , soit <strong>{formatNumber(total.sur100)}</strong> sur 100
        </>
      ) : (
        <>
          {" "}
          ({plural(total.notees, "critère noté", "critères notés")} sur {criteres}, total provisoire)
        </>
      )}
    </>
  );
}

function Bloc({ titre, id, children }: { titre: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id}>{titre}</h2>
      {children}
    </section>
  );
}

function Dossier({ d }: { d: Donnees }) {
  const c = d.candidature;
  return (
    <>
      <Bloc titre="La candidature" id="structure">
        <ChampsCandidature candidature={c} />
        <p className="mt-3">Déposée le {formatDateTime(c.deposeeLe)}.</p>
      </Bloc>
      {d.questions.length > 0 ? (
        <Bloc titre="Éligibilité" id="eligibilite">
          <ReponsesEligibilite questions={d.questions} />
        </Bloc>
      ) : null}
      {d.budget ? (
        <Bloc titre="Budget annuel proposé" id="budget">
          <BudgetProposeTableaux budget={d.budget} />
        </Bloc>
      ) : null}
      <Bloc titre="Pièces jointes" id="pieces">
        {d.pieces.length === 0 ? (
          <p className="mt-3">Aucune pièce jointe.</p>
        ) : (
          <ul className="mt-3 space-y-1">
            {d.pieces.map((p) => (
              <li key={p.id}>
                {p.document} :{" "}
                <Link reloadDocument to={href("/espace/appels/pieces/:pieceId", { pieceId: p.id })}>
                  {p.nom}
                </Link>{" "}
                <span className="text-slate-700">({p.fichier})</span>
              </li>
            ))}
          </ul>
        )}
      </Bloc>
    </>
  );
}

/** The scores of one reviewer, read only: one row per criterion. */
function TableauNotes({
  criteres,
  notes,
  caption,
}: {
  criteres: Donnees["appel"]["criteres"];
  notes: NotesLues;
  caption: string;
}) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="tableau-donnees">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Critère</th>
            <th scope="col" className="num">
              Poids
            </th>
            <th scope="col" className="num">
              Note sur 5
            </th>
            <th scope="col">Commentaire</th>
          </tr>
        </thead>
        <tbody>
          {criteres.map((c) => {
            const n = notes[c.code];
            return (
              <tr key={c.code}>
                <th scope="row">{c.libelle}</th>
                <td className="num">{c.poids}</td>
                <td className="num">{n ? n.note : "–"}</td>
                <td className="whitespace-pre-line break-words">{n?.commentaire || "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const NOTES = Array.from({ length: NOTE_MAX - NOTE_MIN + 1 }, (_, i) => String(NOTE_MIN + i));

function FormulaireEvaluation({ d, retour }: { d: Donnees; retour: Retour | undefined }) {
  const erreurs = retour?.erreurs ?? {};
  const valeur = (nom: string, defaut: string) => retour?.valeurs[nom] ?? defaut;
  const general = erreurs[CHAMP_FORMULAIRE] ?? [];
  const champsEnErreur = Object.keys(erreurs).filter((k) => k !== CHAMP_FORMULAIRE);
  return (
    <Form method="post" className="mt-4 max-w-3xl" noValidate>
      <CsrfInput />
      <FormErrors
        id="erreurs-evaluation"
        errors={[
          ...general,
          ...(champsEnErreur.length > 0
            ? ["Rien n'a été enregistré : corrigez les critères signalés ci-dessous."]
            : []),
        ]}
      />
      <p className="text-slate-700">
        Notez chaque critère de {NOTE_MIN} (insuffisant) à {NOTE_MAX} (excellent). Un brouillon peut laisser des
        critères sans note ; la soumission les demande tous et rend votre évaluation définitive.
      </p>
      {d.appel.criteres.map((c, i) => {
        const nomNote = champ.note(c.code);
        const nomCommentaire = champ.commentaire(c.code);
        const erreurNote = erreurs[nomNote];
        const erreurCommentaire = erreurs[nomCommentaire];
        const idNote = `critere-${i}-note`;
        const idCommentaire = `critere-${i}-commentaire`;
        const enregistree = d.mienne.notes[c.code];
        const choisie = valeur(nomNote, enregistree ? String(enregistree.note) : "");
        return (
          <fieldset key={c.code} className="mt-6 rounded-md border border-slate-300 px-4 pb-4">
            <legend className="px-1 font-semibold">
              {i + 1}. {c.libelle} <span className="font-normal">(poids {c.poids})</span>
            </legend>
            <fieldset aria-describedby={erreurNote ? `${idNote}-erreur` : undefined}>
              <legend className="text-sm font-semibold">Note</legend>
              <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
                {["", ...NOTES].map((v) => (
                  <label key={v} className="inline-flex items-center gap-1">
                    <input
                      type="radio"
                      name={nomNote}
                      value={v}
                      defaultChecked={choisie === v}
                      aria-describedby={erreurNote ? `${idNote}-erreur` : undefined}
                    />
                    {v === "" ? "Pas encore notée" : v}
                  </label>
                ))}
              </div>
              {erreurNote ? (
                <p id={`${idNote}-erreur`} className="mt-1 text-sm font-semibold text-alerte-700">
                  {erreurNote.join(" ")}
                </p>
              ) : null}
            </fieldset>
            <label htmlFor={idCommentaire} className="mt-3 block text-sm font-semibold">
              Commentaire
            </label>
            <textarea
              id={idCommentaire}
              name={nomCommentaire}
              rows={3}
              maxLength={COMMENTAIRE_MAX}
              defaultValue={valeur(nomCommentaire, enregistree?.commentaire ?? "")}
              aria-invalid={erreurCommentaire ? true : undefined}
              aria-describedby={erreurCommentaire ? `${idCommentaire}-erreur` : undefined}
              className="input w-full"
            />
            {erreurCommentaire ? (
              <p id={`${idCommentaire}-erreur`} className="mt-1 text-sm font-semibold text-alerte-700">
                {erreurCommentaire.join(" ")}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <div className="mt-6 flex flex-wrap gap-3">
        <button type="submit" name="intent" value="brouillon" className="btn-secondary">
          Enregistrer le brouillon
        </button>
        <button type="submit" name="intent" value="soumettre" className="btn">
          Soumettre mon évaluation
        </button>
      </div>
    </Form>
  );
}

export default function EvaluationCandidature({ loaderData, actionData }: Route.ComponentProps) {
  const d = loaderData;
  const retour = actionData as Retour | undefined;
  const nom = d.candidature.structureNom || "Structure sans nom";
  const nbCriteres = d.appel.criteres.length;
  return (
    <div>
      <p>
        <Link to={href("/espace/evaluations")}>← Mes évaluations</Link>
      </p>
      <h1 className="mt-2">Candidature de {nom}</h1>
      <p className="mt-1 text-slate-700">
        {d.appel.titre} · {statutCandidatureLabels[d.candidature.statut]}
        {d.appel.decisionLe ? ` · décision prévue le ${formatDate(d.appel.decisionLe)}` : ""}
      </p>

      <Dossier d={d} />

      <Bloc titre="Mon évaluation" id="mon-evaluation">
        <p className="mt-2">
          {d.mienne.soumiseLe ? <>Soumise le {formatDateTime(d.mienne.soumiseLe)}. </> : null}
          <TexteTotal total={d.mienne.total} criteres={nbCriteres} />.
        </p>
        {d.refus ? (
          <>
            {retour?.erreurs[CHAMP_FORMULAIRE] ? (
              <FormErrors id="erreurs-evaluation" errors={retour.erreurs[CHAMP_FORMULAIRE]} />
            ) : null}
            <p className="mt-2">{d.refus}</p>
            <TableauNotes criteres={d.appel.criteres} notes={d.mienne.notes} caption="Mes notes" />
          </>
        ) : (
          <FormulaireEvaluation d={d} retour={retour} />
        )}
      </Bloc>

      <Bloc titre="Les autres évaluations" id="autres-evaluations">
        {!d.mienne.soumiseLe ? (
          <p className="mt-2">
            Les notes et commentaires des autres membres de la commission s'affichent ici une fois votre propre
            évaluation soumise.
          </p>
        ) : d.autres.length === 0 ? (
          <p className="mt-2">Aucun autre membre de la commission n'a encore soumis son évaluation.</p>
        ) : (
          <>
            {d.moyenne !== null ? (
              <p className="mt-2">
                Note moyenne des {plural(d.evaluationsSoumises, "évaluation soumise", "évaluations soumises")}, la vôtre
                comprise : <strong>{formatNumber(d.moyenne)}</strong> sur 100.
              </p>
            ) : null}
            {d.autres.map((e) => (
              <section key={e.evaluateurId} aria-label={`Évaluation de ${e.nom}`} className="mt-6">
                <h3 className="font-semibold">
                  {e.nom}, soumise le {formatDateTime(e.soumiseLe)}
                </h3>
                <p className="mt-1">
                  <TexteTotal total={e.total} criteres={nbCriteres} />.
                </p>
                <TableauNotes criteres={d.appel.criteres} notes={e.notes} caption={`Notes de ${e.nom}`} />
              </section>
            ))}
          </>
        )}
      </Bloc>
    </div>
  );
}
