import { data, Form, redirect } from "react-router";
import { auditActionLabel } from "~/domain/audit/audit.labels";
import { budgetLisible } from "~/domain/budget/budget.acces.server";
import {
  ajouterJustificatif,
  ajouterLigne,
  enregistrerBudget,
  rouvrirBudget,
  soumettreBudget,
  supprimerJustificatif,
  supprimerLigne,
} from "~/domain/budget/budget.commands.server";
import { etatBudget, libelleLigne } from "~/domain/budget/budget.etat";
import { lignesHistorique } from "~/domain/budget/budget.historique";
import { statutBudgetLabels } from "~/domain/budget/budget.labels";
import { historiqueBudget } from "~/domain/budget/budget.queries.server";
import { coutCoordination, texteEtp } from "~/domain/budget/budget.rules";
import {
  adresseBudget,
  CHAMP_FORMULAIRE,
  CHAMP_VERSION,
  COMMENTAIRE_MAX,
  champ,
  LIBELLE_MAX,
  ligneAjouteeSchema,
  lireSaisieBudget,
} from "~/domain/budget/budget.schema";
import { formatMontant, saisieMontant } from "~/domain/budget/montant";
import { fichierLabel } from "~/domain/ressources/ressource.rules";
import { formatDate, formatDateTime } from "~/lib/format";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { checkUpload, DOCUMENT_MAX_OCTETS, fileFrom } from "~/server/fichiers.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { ListeRegles } from "~/ui/budget/liste-regles";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/budget.$annee";
import { Champ, erreursDe, type RetourFormulaire, retourDe, valeursDe } from "./comites.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Budget ${loaderData?.annee ?? ""} – Promeneurs du Net` },
];

/**
 * A year's budget: the rules of the call with their figures, the lines planned vs actual with
 * their comments and supporting documents, the coordinator's time, and the history of every change.
 * The coordination edits (a draft may break a rule; it is submitted only once every rule is kept);
 * the steering committee and the national team read.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "budget.lire");
  const db = getDb();
  const { departement, annee, budget, gere } = await budgetLisible(db, actor, request, params.annee);
  const etat = etatBudget(budget, jourIso(new Date()));
  const historique = await historiqueBudget(db, budget.id);
  return {
    departement,
    annee,
    gere,
    budget: {
      statut: budget.statut,
      soumisLe: budget.soumisLe?.toISOString() ?? null,
      version: budget.version,
      etpCoordination: budget.etpCoordination,
      coutAnnuelCoordination: budget.coutAnnuelCoordination,
      lignes: budget.lignes.map((l) => ({ ...l, nom: libelleLigne(l) })),
    },
    etat: {
      prevu: etat.prevu,
      realise: etat.realise,
      chargesSansRealise: etat.chargesSansRealise,
      verificationsPrevu: etat.verificationsPrevu,
      verificationsRealise: etat.verificationsRealise,
      soumettable: etat.soumettable,
    },
    historique: historique.map((h) => ({
      id: h.id,
      at: h.at.toISOString(),
      action: auditActionLabel(h.action),
      auteur: h.actorLabel.replace(/\s*<[^>]*>$/, ""),
      lignes: lignesHistorique(h.changes),
    })),
    maxMo: Math.round(DOCUMENT_MAX_OCTETS / 1024 / 1024),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "budget.gerer");
  const db = getDb();
  // The budget first: another département gets 404 whatever the form says.
  const { departement, annee, budget } = await budgetLisible(db, actor, request, params.annee);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  const page = adresseBudget(departement, annee);
  const version = Number(form.get(CHAMP_VERSION) ?? Number.NaN);
  const versionLue = Number.isInteger(version) ? version : undefined;
  const refus = (formulaire: string, erreurs: Record<string, string[]>, status = 400) =>
    data({ formulaire, cible: null, erreurs, valeurs: valeursDe(form) } satisfies RetourFormulaire, { status });
  const refusInvalide = (formulaire: string, error: Invalid) =>
    error.field === CHAMP_VERSION
      ? refus(formulaire, { [CHAMP_FORMULAIRE]: [error.message] }, 409)
      : refus(formulaire, { [error.field]: [error.message] });
  try {
    switch (intent) {
      case "enregistrer": {
        const lu = lireSaisieBudget(form, budget.lignes);
        if (!lu.ok) return refus("budget", lu.erreurs);
        const { changements } = await enregistrerBudget(ctx, actor, departement, annee, lu.valeur, versionLue);
        setFlash(context, changements === 0 ? "Aucun changement à enregistrer." : `Budget ${annee} enregistré.`);
        return redirect(page);
      }
      case "soumettre":
        await soumettreBudget(ctx, actor, departement, annee, versionLue);
        setFlash(context, `Budget ${annee} soumis : toutes les règles de l'appel sont respectées.`);
        return redirect(page);
      case "rouvrir":
        await rouvrirBudget(ctx, actor, departement, annee);
        setFlash(context, `Budget ${annee} remis en brouillon : le prévu peut de nouveau changer.`);
        return redirect(page);
      case "ajouter-ligne": {
        const parsed = ligneAjouteeSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return refus("ligne", erreursDe(parsed.error));
        await ajouterLigne(ctx, actor, departement, annee, parsed.data);
        setFlash(context, `Ligne « ${parsed.data.libelle} » ajoutée.`);
        return redirect(page);
      }
      case "supprimer-ligne":
        await supprimerLigne(ctx, actor, departement, annee, String(form.get("ligneId") ?? ""));
        setFlash(context, "Ligne retirée du budget.");
        return redirect(page);
      case "ajouter-justificatif": {
        const ligneId = String(form.get("ligneId") ?? "");
        const file = fileFrom(form, "fichier");
        const erreurs: Record<string, string[]> = {};
        if (!budget.lignes.some((l) => l.id === ligneId)) erreurs.ligneId = ["Choisissez la ligne du budget."];
        if (!file) erreurs.fichier = ["Choisissez le fichier à joindre."];
        if (!file || Object.keys(erreurs).length > 0) return refus("justificatif", erreurs);
        const fichier = await checkUpload(file, "document", "fichier");
        await ajouterJustificatif(ctx, actor, departement, annee, ligneId, fichier);
        setFlash(context, `Justificatif « ${fichier.nom} » joint.`);
        return redirect(page);
      }
      case "supprimer-justificatif":
        await supprimerJustificatif(ctx, actor, departement, annee, String(form.get("justificatifId") ?? ""));
        setFlash(context, "Justificatif retiré.");
        return redirect(page);
      default:
        return refus("", { [CHAMP_FORMULAIRE]: ["Action inconnue."] });
    }
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    // The refusal shows next to the form it answers (a removal's, next to the list it removes from).
    const formulaire = intent.endsWith("-ligne")
      ? "ligne"
      : intent.endsWith("-justificatif")
        ? "justificatif"
        : intent === "enregistrer"
          ? "budget"
          : "statut";
    return refusInvalide(formulaire, error);
  }
}

type Ligne = Route.ComponentProps["loaderData"]["budget"]["lignes"][number];

function Ecart({ prevu, realise }: { prevu: number; realise: number | null }) {
  if (realise === null) return <>–</>;
  const ecart = realise - prevu;
  return <>{ecart === 0 ? formatMontant(0) : `${ecart > 0 ? "+" : "−"}${formatMontant(Math.abs(ecart))}`}</>;
}

/** The lines of one side (charges or income), read-only: planned, actual, variance, comment. */
function TableauLecture({ titre, lignes, total }: { titre: string; lignes: Ligne[]; total: [number, number] }) {
  return (
    <div className="mt-6 overflow-x-auto">
      <table className="tableau-donnees">
        <caption className="mb-2 text-left text-base font-semibold">{titre}</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col" className="num">
              Prévu
            </th>
            <th scope="col" className="num">
              Réalisé
            </th>
            <th scope="col" className="num">
              Écart
            </th>
            <th scope="col">Commentaire</th>
          </tr>
        </thead>
        <tbody>
          {lignes.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.nom}</th>
              <td className="num">{formatMontant(l.prevu)}</td>
              <td className="num">{l.realise === null ? "–" : formatMontant(l.realise)}</td>
              <td className="num">
                <Ecart prevu={l.prevu} realise={l.realise} />
              </td>
              <td>{l.commentaire || "–"}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num font-semibold">{formatMontant(total[0])}</td>
            <td className="num font-semibold">{formatMontant(total[1])}</td>
            <td className="num">
              <Ecart prevu={total[0]} realise={total[1]} />
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The lines of one side as form fields: planned (draft only), actual and comment, each error below its field. */
function TableauSaisie({
  titre,
  lignes,
  total,
  soumis,
  personnelCalcule,
  retour,
}: {
  titre: string;
  lignes: Ligne[];
  total: [number, number];
  soumis: boolean;
  personnelCalcule: number | null;
  retour: ReturnType<typeof retourDe>;
}) {
  const erreurs = retour?.erreurs ?? {};
  const valeur = (nom: string, defaut: string) => retour?.valeurs[nom] ?? defaut;
  const champMontant = (nom: string, libelle: string, defaut: string) => {
    const erreur = erreurs[nom];
    return (
      <>
        <label htmlFor={nom} className="sr-only">
          {libelle}
        </label>
        <input
          id={nom}
          name={nom}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={valeur(nom, defaut)}
          aria-invalid={erreur ? true : undefined}
          aria-describedby={erreur ? `${nom}-erreur` : undefined}
          className="input w-36 text-right"
        />
        {erreur ? (
          <p id={`${nom}-erreur`} className="mt-1 max-w-48 text-left text-sm font-semibold text-alerte-700">
            {erreur.join(" ")}
          </p>
        ) : null}
      </>
    );
  };
  return (
    <div className="mt-6 overflow-x-auto">
      <table className="tableau-donnees">
        <caption className="mb-2 text-left text-base font-semibold">{titre}</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col" className="num">
              Prévu (€)
            </th>
            <th scope="col" className="num">
              Réalisé (€)
            </th>
            <th scope="col">Commentaire</th>
          </tr>
        </thead>
        <tbody>
          {lignes.map((l) => {
            const commentaire = champ.commentaire(l.id);
            const calcule = l.code === "personnel_coordination" ? personnelCalcule : null;
            return (
              <tr key={l.id}>
                <th scope="row">{l.nom}</th>
                <td className="num">
                  {soumis || calcule !== null ? (
                    <>
                      {formatMontant(calcule ?? l.prevu)}
                      {calcule !== null ? (
                        <span className="block text-sm text-slate-700">ETP × coût annuel</span>
                      ) : null}
                    </>
                  ) : (
                    champMontant(champ.prevu(l.id), `Prévu — ${l.nom}`, saisieMontant(l.prevu))
                  )}
                </td>
                <td className="num">
                  {champMontant(champ.realise(l.id), `Réalisé — ${l.nom}`, saisieMontant(l.realise))}
                </td>
                <td>
                  <label htmlFor={commentaire} className="sr-only">
                    Commentaire — {l.nom}
                  </label>
                  <textarea
                    id={commentaire}
                    name={commentaire}
                    rows={2}
                    maxLength={COMMENTAIRE_MAX}
                    defaultValue={valeur(commentaire, l.commentaire)}
                    aria-invalid={erreurs[commentaire] ? true : undefined}
                    aria-describedby={erreurs[commentaire] ? `${commentaire}-erreur` : undefined}
                    className="input w-72"
                  />
                  {erreurs[commentaire] ? (
                    <p id={`${commentaire}-erreur`} className="mt-1 text-sm font-semibold text-alerte-700">
                      {erreurs[commentaire].join(" ")}
                    </p>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total enregistré</th>
            <td className="num font-semibold">{formatMontant(total[0])}</td>
            <td className="num font-semibold">{formatMontant(total[1])}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export default function BudgetPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, annee, gere, budget, etat, historique, maxMo } = loaderData;
  const retour = actionData as RetourFormulaire | undefined;
  const soumis = budget.statut === "soumis";
  const charges = budget.lignes.filter((l) => l.sens === "charge");
  const produits = budget.lignes.filter((l) => l.sens === "produit");
  const ajoutees = budget.lignes.filter((l) => l.libelle !== "");
  const avecJustificatifs = budget.lignes.filter((l) => l.justificatifs.length > 0);
  const personnelCalcule =
    budget.etpCoordination !== null && budget.coutAnnuelCoordination !== null
      ? coutCoordination(budget.etpCoordination, budget.coutAnnuelCoordination)
      : null;
  const page = adresseBudget(departement, annee);
  const rBudget = retourDe(retour, "budget");
  const rStatut = retourDe(retour, "statut");
  const rLigne = retourDe(retour, "ligne");
  const rJustificatif = retourDe(retour, "justificatif");
  const valeurTemps = (nom: string, defaut: string) => rBudget?.valeurs[nom] ?? defaut;
  const bilan = (format: string) => adresseBudget(departement, annee, `/bilan/${format}`);
  return (
    <div>
      <p>
        <a href={`/espace/budget?departement=${departement}`}>← Tous les budgets</a>
      </p>
      <h1 className="mt-2">Budget {annee}</h1>
      <p className="mt-1 text-slate-700">
        Département {departement} · {statutBudgetLabels[budget.statut]}
        {soumis && budget.soumisLe ? ` le ${formatDate(budget.soumisLe)}` : ""}
      </p>
      <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <a href={adresseBudget(departement, annee, "/versements")}>Versements de la subvention et proratisation</a>
        </li>
        <li>
          Bilan financier&nbsp;: <a href={bilan("docx")}>Word</a> · <a href={bilan("pdf")}>PDF</a> ·{" "}
          <a href={bilan("xlsx")}>Excel</a>
        </li>
        <li>
          <a href="#historique">Historique des modifications</a>
        </li>
      </ul>

      <section aria-labelledby="regles" className="mt-8">
        <h2 id="regles">Règles de l'appel à projets</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          Vérifiées à chaque enregistrement sur le prévu. Un brouillon peut enfreindre une règle&nbsp;; le budget ne
          peut être soumis que si toutes sont respectées.
        </p>
        <ListeRegles verifications={etat.verificationsPrevu} titre="Sur le prévu" />
        {etat.realise.charges > 0 || etat.realise.produits > 0 ? (
          <ListeRegles verifications={etat.verificationsRealise} titre="Sur le réalisé" />
        ) : null}
        {gere ? (
          <div className="mt-4">
            <FormErrors errors={rStatut?.erreurs[CHAMP_FORMULAIRE]} id="statut-erreurs" />
            <Form method="post" action={page}>
              <CsrfInput />
              <input type="hidden" name={CHAMP_VERSION} value={budget.version} />
              {soumis ? (
                <button type="submit" name="intent" value="rouvrir" className="btn-secondary">
                  Remettre en brouillon
                </button>
              ) : (
                <button type="submit" name="intent" value="soumettre" className="btn">
                  Soumettre le budget {annee}
                </button>
              )}
            </Form>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="lignes" className="mt-10">
        <h2 id="lignes">Prévu et réalisé</h2>
        {gere ? (
          <Form method="post" action={page} className="mt-3">
            <CsrfInput />
            <input type="hidden" name={CHAMP_VERSION} value={budget.version} />
            <FormErrors errors={rBudget?.erreurs[CHAMP_FORMULAIRE]} id="budget-erreurs" />
            {rBudget && !rBudget.erreurs[CHAMP_FORMULAIRE] ? (
              <p role="alert" className="mb-3 font-semibold text-alerte-700">
                Rien n'a été enregistré : corrigez les champs signalés ci-dessous.
              </p>
            ) : null}
            <fieldset className="max-w-2xl">
              <legend className="font-semibold">Temps de coordination</legend>
              {soumis ? (
                <p className="mt-1">
                  {budget.etpCoordination === null ? "–" : texteEtp(budget.etpCoordination)} · coût annuel d'un temps
                  plein {budget.coutAnnuelCoordination === null ? "–" : formatMontant(budget.coutAnnuelCoordination)}
                </p>
              ) : (
                <div className="mt-2 flex flex-wrap gap-6">
                  <Champ
                    id="etpCoordination"
                    name="etpCoordination"
                    label="Temps du coordinateur (ETP)"
                    erreurs={rBudget?.erreurs.etpCoordination}
                    aide="0,5 ETP demandé par l'appel."
                  >
                    {(aria) => (
                      <input
                        {...aria}
                        type="text"
                        inputMode="decimal"
                        defaultValue={valeurTemps(
                          "etpCoordination",
                          budget.etpCoordination === null ? "" : String(budget.etpCoordination / 100).replace(".", ","),
                        )}
                        className="input w-24"
                      />
                    )}
                  </Champ>
                  <Champ
                    id="coutAnnuelCoordination"
                    name="coutAnnuelCoordination"
                    label="Coût annuel d'un temps plein (€)"
                    erreurs={rBudget?.erreurs.coutAnnuelCoordination}
                    aide="Salaire et charges : la ligne de personnel vaut ETP × ce coût."
                  >
                    {(aria) => (
                      <input
                        {...aria}
                        type="text"
                        inputMode="decimal"
                        defaultValue={valeurTemps(
                          "coutAnnuelCoordination",
                          saisieMontant(budget.coutAnnuelCoordination),
                        )}
                        className="input w-40"
                      />
                    )}
                  </Champ>
                </div>
              )}
            </fieldset>
            <p className="mt-3 max-w-3xl text-sm text-slate-700">
              Montants en euros, tels que vous les écrivez («&nbsp;2 500,50&nbsp;»). Un réalisé laissé vide n'est pas
              encore saisi.
              {soumis ? " Le budget est soumis : le prévu ne change plus, sauf à le remettre en brouillon." : ""}
            </p>
            <TableauSaisie
              titre="Charges"
              lignes={charges}
              total={[etat.prevu.charges, etat.realise.charges]}
              soumis={soumis}
              personnelCalcule={personnelCalcule}
              retour={rBudget}
            />
            <TableauSaisie
              titre="Produits"
              lignes={produits}
              total={[etat.prevu.produits, etat.realise.produits]}
              soumis={soumis}
              personnelCalcule={null}
              retour={rBudget}
            />
            <button type="submit" name="intent" value="enregistrer" className="btn mt-4">
              Enregistrer le budget
            </button>
          </Form>
        ) : (
          <>
            <p className="mt-2">
              Temps de coordination&nbsp;: {budget.etpCoordination === null ? "–" : texteEtp(budget.etpCoordination)}
              {budget.coutAnnuelCoordination !== null
                ? ` · coût annuel d'un temps plein ${formatMontant(budget.coutAnnuelCoordination)}`
                : ""}
            </p>
            <TableauLecture titre="Charges" lignes={charges} total={[etat.prevu.charges, etat.realise.charges]} />
            <TableauLecture titre="Produits" lignes={produits} total={[etat.prevu.produits, etat.realise.produits]} />
          </>
        )}
      </section>

      {gere ? (
        <section aria-labelledby="ajouter-ligne" className="mt-10 max-w-xl">
          <h2 id="ajouter-ligne">Ajouter une ligne</h2>
          <p className="mt-1 text-sm text-slate-700">
            Pour une dépense ou un financement qui n'entre dans aucune ligne de l'appel.
          </p>
          <FormErrors errors={rLigne?.erreurs[CHAMP_FORMULAIRE]} id="ligne-erreurs" />
          <Form method="post" action={page} className="mt-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="ajouter-ligne" />
            <Champ id="ligne-sens" name="sens" label="Sens" erreurs={rLigne?.erreurs.sens}>
              {(aria) => (
                <select {...aria} defaultValue={rLigne?.valeurs.sens ?? "charge"} className="input">
                  <option value="charge">Charge</option>
                  <option value="produit">Produit</option>
                </select>
              )}
            </Champ>
            <Champ id="ligne-libelle" name="libelle" label="Intitulé" erreurs={rLigne?.erreurs.libelle}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  required
                  maxLength={LIBELLE_MAX}
                  defaultValue={rLigne?.valeurs.libelle ?? ""}
                  className="input w-full"
                />
              )}
            </Champ>
            <button type="submit" className="btn-secondary">
              Ajouter la ligne
            </button>
          </Form>
          {ajoutees.length > 0 ? (
            <ul className="mt-4 space-y-2">
              {ajoutees.map((l) => (
                <li key={l.id}>
                  <Form method="post" action={page} className="flex flex-wrap items-center gap-3">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="supprimer-ligne" />
                    <input type="hidden" name="ligneId" value={l.id} />
                    <span>
                      {l.nom} ({l.sens === "charge" ? "charge" : "produit"})
                    </span>
                    <button type="submit" className="btn-secondary">
                      Retirer « {l.nom} »
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="justificatifs" className="mt-10">
        <h2 id="justificatifs">Justificatifs</h2>
        <FormErrors errors={rJustificatif?.erreurs[CHAMP_FORMULAIRE]} id="justificatif-erreurs" />
        {avecJustificatifs.length === 0 ? (
          <p className="mt-2">Aucun justificatif joint.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {avecJustificatifs.map((l) => (
              <li key={l.id}>
                <strong>{libelleLigne(l)}</strong>
                <ul className="mt-1 space-y-1">
                  {l.justificatifs.map((j) => (
                    <li key={j.id} className="flex flex-wrap items-center gap-3">
                      <a href={adresseBudget(departement, annee, `/justificatifs/${j.id}`)}>
                        {j.nom} ({fichierLabel(j.typeMime, j.taille)})
                      </a>
                      {gere ? (
                        <Form method="post" action={page}>
                          <CsrfInput />
                          <input type="hidden" name="intent" value="supprimer-justificatif" />
                          <input type="hidden" name="justificatifId" value={j.id} />
                          <button type="submit" className="btn-secondary">
                            Retirer {j.nom}
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {gere ? (
          <Form method="post" action={page} encType="multipart/form-data" className="mt-4 max-w-xl">
            <CsrfInput />
            <input type="hidden" name="intent" value="ajouter-justificatif" />
            <Champ id="justificatif-ligne" name="ligneId" label="Ligne" erreurs={rJustificatif?.erreurs.ligneId}>
              {(aria) => (
                <select {...aria} defaultValue={rJustificatif?.valeurs.ligneId ?? ""} className="input w-full">
                  <option value="">Choisissez une ligne</option>
                  {budget.lignes.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.sens === "charge" ? "Charge" : "Produit"} — {l.nom}
                    </option>
                  ))}
                </select>
              )}
            </Champ>
            <Champ
              id="justificatif-fichier"
              name="fichier"
              label="Fichier"
              erreurs={rJustificatif?.erreurs.fichier}
              aide={`Facture, fiche de paie, notification : PDF, JPEG ou PNG, ${maxMo} Mo au plus.`}
            >
              {(aria) => <input {...aria} type="file" accept="application/pdf,image/jpeg,image/png" />}
            </Champ>
            <button type="submit" className="btn-secondary">
              Joindre le justificatif
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="historique" className="mt-10">
        <h2 id="historique">Historique des modifications</h2>
        {historique.length === 0 ? (
          <p className="mt-2">Aucune modification enregistrée.</p>
        ) : (
          <ol className="mt-3 space-y-3">
            {historique.map((h) => (
              <li key={h.id}>
                <p>
                  <strong>{h.action}</strong> · {formatDateTime(h.at)} · {h.auteur}
                </p>
                {h.lignes.length > 0 ? (
                  <ul className="ml-5 list-disc text-sm">
                    {h.lignes.map((texte) => (
                      <li key={texte}>{texte}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
