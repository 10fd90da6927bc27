import { data, Form, redirect } from "react-router";
import { ouvrirBudget } from "~/domain/budget/budget.commands.server";
import { etatBudget } from "~/domain/budget/budget.etat";
import { statutBudgetLabels } from "~/domain/budget/budget.labels";
import { budgetsComplets } from "~/domain/budget/budget.queries.server";
import { ANNEES_CONVENTION } from "~/domain/budget/budget.rules";
import { adresseBudget } from "~/domain/budget/budget.schema";
import { formatMontant } from "~/domain/budget/montant";
import { can } from "~/domain/comptes/policy";
import { formatDate } from "~/lib/format";
import { jourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/budget";
import { Champ } from "./comites.form";

export const meta: Route.MetaFunction = () => [{ title: "Budget et subvention – Promeneurs du Net" }];

/** Years offered to open: the convention's, this year and the next, those without a budget yet. */
function anneesAOuvrir(existantes: readonly number[], cetteAnnee: number): number[] {
  const proposees = new Set<number>([...ANNEES_CONVENTION, cetteAnnee, cetteAnnee + 1]);
  return [...proposees].filter((a) => !existantes.includes(a)).sort((a, b) => a - b);
}

/**
 * The convention's budgets, one per year: status, totals, the rules kept or broken, and what is
 * still due on the subsidy. The coordination opens a new year; the steering committee reads.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "budget.lire");
  const departement = pickDepartement(actor, "budget.lire", request);
  const db = getDb();
  const now = new Date();
  const aujourdhui = jourIso(now);
  const liste = await budgetsComplets(db, departement);
  const budgets = liste.map((complet) => {
    const etat = etatBudget(complet, aujourdhui);
    return {
      annee: complet.annee,
      statut: complet.statut,
      soumisLe: complet.soumisLe?.toISOString() ?? null,
      charges: etat.prevu.charges,
      subvention: etat.echeancier.subventionRetenue,
      verse: etat.echeancier.totalVerse,
      resteDu: etat.echeancier.resteDu,
      enRetard: etat.echeancier.echeances.some((e) => e.statut === "en_retard"),
      reglesEnCause: etat.verificationsPrevu.filter((v) => v.statut === "non_respectee").length,
    };
  });
  const annees = liste.map((b) => b.annee);
  return {
    departement,
    gere: can(actor, "budget.gerer", { departement }),
    budgets,
    aOuvrir: anneesAOuvrir(annees, jourParis(now).annee),
    anneesExistantes: annees,
  };
}

type Retour = { erreurs: Record<string, string[]>; valeurs: { annee: string; reprendre: boolean } };

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "budget.gerer");
  const departement = pickDepartement(actor, "budget.gerer", request);
  const form = await request.formData();
  const valeurs = { annee: String(form.get("annee") ?? ""), reprendre: form.get("reprendre") === "on" };
  const annee = /^\d{4}$/.test(valeurs.annee.trim()) ? Number(valeurs.annee.trim()) : Number.NaN;
  try {
    await ouvrirBudget({ db: getDb(), now: new Date(), requestId: requestId(context) }, actor, departement, annee, {
      reprendre: valeurs.reprendre,
    });
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return data({ erreurs: { [error.field]: [error.message] }, valeurs } satisfies Retour, { status: 400 });
  }
  setFlash(context, `Budget ${annee} ouvert : saisissez le prévu ligne par ligne.`);
  return redirect(adresseBudget(departement, annee));
}

export default function BudgetsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, gere, budgets, aOuvrir, anneesExistantes } = loaderData;
  const retour = actionData as Retour | undefined;
  const erreurs = retour?.erreurs ?? {};
  const anneeChoisie = retour?.valeurs.annee ?? String(aOuvrir[0] ?? "");
  return (
    <div>
      <h1>Budget et subvention</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        Département {departement} · le budget de la coordination année par année (prévu et réalisé), les règles de
        l'appel à projets, les versements de la subvention de la CAF et le bilan financier.
      </p>

      <DataTable
        caption="Budgets par année"
        rows={budgets}
        rowKey={(b) => b.annee}
        empty="Aucun budget pour l'instant."
        columns={[
          {
            header: "Année",
            cell: (b) => <a href={adresseBudget(departement, b.annee)}>Budget {b.annee}</a>,
          },
          {
            header: "Statut",
            cell: (b) =>
              b.statut === "soumis" && b.soumisLe
                ? `${statutBudgetLabels.soumis} le ${formatDate(b.soumisLe)}`
                : statutBudgetLabels[b.statut],
          },
          {
            header: "Règles de l'appel",
            cell: (b) =>
              b.reglesEnCause === 0
                ? "Toutes respectées"
                : `${b.reglesEnCause} non respectée${b.reglesEnCause > 1 ? "s" : ""}`,
          },
          { header: "Charges prévues", align: "right", cell: (b) => formatMontant(b.charges) },
          { header: "Subvention CAF", align: "right", cell: (b) => formatMontant(b.subvention) },
          { header: "Versé", align: "right", cell: (b) => formatMontant(b.verse) },
          {
            header: "Reste dû",
            align: "right",
            cell: (b) => (
              <>
                {formatMontant(b.resteDu)}
                {b.enRetard ? <strong className="text-alerte-700"> · en retard</strong> : null}
              </>
            ),
          },
        ]}
      />

      {gere ? (
        <section aria-labelledby="ouvrir" className="mt-10 max-w-xl">
          <h2 id="ouvrir">Ouvrir le budget d'une année</h2>
          <Form method="post" className="mt-3">
            <CsrfInput />
            <Champ id="budget-annee" name="annee" label="Année" erreurs={erreurs.annee}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  inputMode="numeric"
                  required
                  pattern="\d{4}"
                  defaultValue={anneeChoisie}
                  list="budget-annees"
                  className="input w-32"
                />
              )}
            </Champ>
            <datalist id="budget-annees">
              {aOuvrir.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
            <div className="mb-4">
              <input
                id="budget-reprendre"
                type="checkbox"
                name="reprendre"
                defaultChecked={retour?.valeurs.reprendre ?? anneesExistantes.length > 0}
                aria-describedby={erreurs.reprendre ? "budget-reprendre-erreur" : undefined}
              />{" "}
              <label htmlFor="budget-reprendre">Reprendre le prévu et les lignes du budget de l'année précédente</label>
              {erreurs.reprendre ? (
                <p id="budget-reprendre-erreur" className="mt-1 text-sm font-semibold text-alerte-700">
                  {erreurs.reprendre.join(" ")}
                </p>
              ) : null}
            </div>
            <button type="submit" className="btn">
              Ouvrir ce budget
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
