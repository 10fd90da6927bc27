import { data, Form, redirect } from "react-router";
import { budgetLisible } from "~/domain/budget/budget.acces.server";
import {
  annulerProratisation,
  confirmerProratisation,
  enregistrerRapportsRecus,
  enregistrerVersement,
  supprimerVersement,
} from "~/domain/budget/budget.commands.server";
import { etatBudget } from "~/domain/budget/budget.etat";
import { statutEcheanceLabels, typeVersementLabels } from "~/domain/budget/budget.labels";
import {
  adresseBudget,
  CHAMP_FORMULAIRE,
  CHAMP_VERSION,
  COMMENTAIRE_MAX,
  rapportsRecusSchema,
  versementSchema,
} from "~/domain/budget/budget.schema";
import { formatMontant } from "~/domain/budget/montant";
import { formatDate, formatDateTime } from "~/lib/format";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { DataTable } from "~/ui/data-table";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/budget.$annee.versements";
import { Champ, erreursDe, type RetourFormulaire, retourDe, valeursDe } from "./comites.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Versements de la subvention ${loaderData?.annee ?? ""} – Promeneurs du Net` },
];

/**
 * The subsidy of a year: the schedule (the 50 % advance during the year, the balance once both
 * reports are received, by 30 June of the next year), what is paid, due or late; the payments; and
 * the prorating the actual charges call for, shown with its calculation before it is confirmed.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "budget.lire");
  const { departement, annee, budget, gere } = await budgetLisible(getDb(), actor, request, params.annee);
  const aujourdhui = jourIso(new Date());
  const etat = etatBudget(budget, aujourdhui);
  const p = etat.proratisation;
  return {
    departement,
    annee,
    gere,
    aujourdhui,
    statut: budget.statut,
    subvention: etat.subvention,
    echeancier: etat.echeancier,
    versements: budget.versements,
    rapportsRecusLe: budget.rapportsRecusLe,
    chargesSansRealise: etat.chargesSansRealise,
    proratisation: p,
    confirmee:
      budget.subventionProratisee === null
        ? null
        : {
            montant: budget.subventionProratisee,
            le: budget.proratisationConfirmeeLe?.toISOString() ?? null,
            // The actual amounts changed since: the confirmed figure no longer matches the calculation.
            aJour: p?.subventionRetenue === budget.subventionProratisee,
          },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "budget.gerer");
  const db = getDb();
  const { departement, annee } = await budgetLisible(db, actor, request, params.annee);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  const page = adresseBudget(departement, annee, "/versements");
  const refus = (formulaire: string, erreurs: Record<string, string[]>, status = 400) =>
    data({ formulaire, cible: null, erreurs, valeurs: valeursDe(form) } satisfies RetourFormulaire, { status });
  const formulaire =
    intent === "ajouter-versement" ? "versement" : intent === "rapports-recus" ? "rapports" : "proratisation";
  try {
    switch (intent) {
      case "ajouter-versement": {
        const parsed = versementSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return refus(formulaire, erreursDe(parsed.error));
        await enregistrerVersement(ctx, actor, departement, annee, parsed.data);
        setFlash(
          context,
          `${typeVersementLabels[parsed.data.type]} de ${formatMontant(parsed.data.montant)} enregistré.`,
        );
        return redirect(page);
      }
      case "supprimer-versement":
        await supprimerVersement(ctx, actor, departement, annee, String(form.get("versementId") ?? ""));
        setFlash(context, "Versement supprimé.");
        return redirect(page);
      case "rapports-recus": {
        const parsed = rapportsRecusSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return refus(formulaire, erreursDe(parsed.error));
        await enregistrerRapportsRecus(ctx, actor, departement, annee, parsed.data.rapportsRecusLe);
        setFlash(
          context,
          parsed.data.rapportsRecusLe
            ? `Réception des rapports enregistrée au ${formatDate(parsed.data.rapportsRecusLe)} : le solde est dû.`
            : "Réception des rapports effacée.",
        );
        return redirect(page);
      }
      case "confirmer-proratisation": {
        const montant = Number(form.get("montant"));
        await confirmerProratisation(ctx, actor, departement, annee, Number.isSafeInteger(montant) ? montant : null);
        setFlash(context, "Proratisation confirmée : l'échéancier suit la subvention retenue.");
        return redirect(page);
      }
      case "annuler-proratisation":
        await annulerProratisation(ctx, actor, departement, annee);
        setFlash(context, "Proratisation annulée : la subvention est de nouveau retenue en entier.");
        return redirect(page);
      default:
        return refus("", { [CHAMP_FORMULAIRE]: ["Action inconnue."] });
    }
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    if (error.field === CHAMP_VERSION) return refus(formulaire, { [CHAMP_FORMULAIRE]: [error.message] }, 409);
    return refus(formulaire, { [error.field]: [error.message] });
  }
}

export default function VersementsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, annee, gere, aujourdhui, statut, subvention, echeancier, versements, rapportsRecusLe } =
    loaderData;
  const { chargesSansRealise, proratisation, confirmee } = loaderData;
  const retour = actionData as RetourFormulaire | undefined;
  const rVersement = retourDe(retour, "versement");
  const rRapports = retourDe(retour, "rapports");
  const rProratisation = retourDe(retour, "proratisation");
  const page = adresseBudget(departement, annee, "/versements");
  return (
    <div>
      <p>
        <a href={adresseBudget(departement, annee)}>← Budget {annee}</a>
      </p>
      <h1 className="mt-2">Versements de la subvention {annee}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        Département {departement} · subvention de la CAF au budget&nbsp;: {formatMontant(subvention)}
        {echeancier.subventionRetenue !== subvention
          ? ` · retenue après proratisation : ${formatMontant(echeancier.subventionRetenue)}`
          : ""}
      </p>

      <section aria-labelledby="echeancier" className="mt-8">
        <h2 id="echeancier">Échéancier</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          Une avance de 50&nbsp;% dans l'année&nbsp;; le solde au premier semestre de l'année suivante, une fois les
          rapports d'activité et financier reçus.
        </p>
        <DataTable
          caption="Échéances de la subvention"
          captionHidden
          rows={echeancier.echeances}
          rowKey={(e) => e.type}
          columns={[
            { header: "Échéance", cell: (e) => typeVersementLabels[e.type] },
            { header: "Montant dû", align: "right", cell: (e) => formatMontant(e.du) },
            { header: "Versé", align: "right", cell: (e) => formatMontant(e.verse) },
            { header: "Reste", align: "right", cell: (e) => formatMontant(e.reste) },
            { header: "Au plus tard", cell: (e) => formatDate(e.echeance) },
            {
              header: "Statut",
              cell: (e) =>
                e.statut === "en_retard" ? (
                  <strong className="text-alerte-700">{statutEcheanceLabels[e.statut]}</strong>
                ) : (
                  statutEcheanceLabels[e.statut]
                ),
            },
          ]}
        />
        <dl className="mt-4 grid max-w-md grid-cols-[auto_auto] gap-x-6 gap-y-1">
          <dt>Total versé (remboursements déduits)</dt>
          <dd className="text-right">{formatMontant(echeancier.totalVerse)}</dd>
          <dt>Reste à verser</dt>
          <dd className="text-right">{formatMontant(echeancier.resteDu)}</dd>
          {echeancier.aRembourser > 0 ? (
            <>
              <dt className="font-semibold text-alerte-700">À rembourser à la CAF</dt>
              <dd className="text-right font-semibold text-alerte-700">{formatMontant(echeancier.aRembourser)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="rapports" className="mt-10 max-w-xl">
        <h2 id="rapports">Rapports d'activité et financier</h2>
        <p className="mt-2">
          {rapportsRecusLe
            ? `Reçus tous les deux le ${formatDate(rapportsRecusLe)} : le solde est dû.`
            : "Pas encore reçus tous les deux : le solde attend leur réception."}
        </p>
        {gere ? (
          <Form method="post" action={page} className="mt-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="rapports-recus" />
            <Champ
              id="rapports-recus"
              name="rapportsRecusLe"
              label="Date de réception des deux rapports"
              erreurs={rRapports?.erreurs.rapportsRecusLe}
              aide="Laissez vide pour effacer la date."
            >
              {(aria) => (
                <input
                  {...aria}
                  type="date"
                  max={aujourdhui}
                  defaultValue={rRapports?.valeurs.rapportsRecusLe ?? rapportsRecusLe ?? ""}
                  className="input w-48"
                />
              )}
            </Champ>
            <button type="submit" className="btn-secondary">
              Enregistrer la date
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="versements" className="mt-10">
        <h2 id="versements">Versements reçus</h2>
        <DataTable
          caption="Versements et remboursements"
          captionHidden
          rows={versements}
          rowKey={(v) => v.id}
          empty="Aucun versement enregistré."
          columns={[
            { header: "Date", cell: (v) => formatDate(v.verseLe) },
            { header: "Type", cell: (v) => typeVersementLabels[v.type] },
            {
              header: "Montant",
              align: "right",
              cell: (v) => (v.type === "remboursement" ? `−${formatMontant(v.centimes)}` : formatMontant(v.centimes)),
            },
            { header: "Commentaire", cell: (v) => v.commentaire || "–" },
            ...(gere
              ? [
                  {
                    header: "Action",
                    cell: (v: (typeof versements)[number]) => (
                      <Form method="post" action={page}>
                        <CsrfInput />
                        <input type="hidden" name="intent" value="supprimer-versement" />
                        <input type="hidden" name="versementId" value={v.id} />
                        <button type="submit" className="btn-secondary">
                          Supprimer le versement du {formatDate(v.verseLe)}
                        </button>
                      </Form>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {gere ? (
          <Form method="post" action={page} className="mt-6 max-w-xl">
            <h3 className="font-semibold">Enregistrer un versement</h3>
            {statut !== "soumis" ? (
              <p className="mt-1 text-sm text-slate-700">
                La subvention se verse sur un budget soumis&nbsp;: soumettez d'abord le budget.
              </p>
            ) : null}
            <CsrfInput />
            <input type="hidden" name="intent" value="ajouter-versement" />
            <FormErrors errors={rVersement?.erreurs[CHAMP_FORMULAIRE]} />
            <Champ id="versement-type" name="type" label="Type" erreurs={rVersement?.erreurs.type}>
              {(aria) => (
                <select {...aria} defaultValue={rVersement?.valeurs.type ?? "avance"} className="input">
                  {(["avance", "solde", "remboursement"] as const).map((t) => (
                    <option key={t} value={t}>
                      {typeVersementLabels[t]}
                    </option>
                  ))}
                </select>
              )}
            </Champ>
            <Champ
              id="versement-montant"
              name="montant"
              label="Montant (€)"
              erreurs={rVersement?.erreurs.montant}
              aide="Par exemple 18 000,00."
            >
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  inputMode="decimal"
                  required
                  defaultValue={rVersement?.valeurs.montant ?? ""}
                  className="input w-40"
                />
              )}
            </Champ>
            <Champ id="versement-date" name="verseLe" label="Date" erreurs={rVersement?.erreurs.verseLe}>
              {(aria) => (
                <input
                  {...aria}
                  type="date"
                  required
                  max={aujourdhui}
                  defaultValue={rVersement?.valeurs.verseLe ?? aujourdhui}
                  className="input w-48"
                />
              )}
            </Champ>
            <Champ
              id="versement-commentaire"
              name="commentaire"
              label="Commentaire (facultatif)"
              erreurs={rVersement?.erreurs.commentaire}
            >
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  maxLength={COMMENTAIRE_MAX}
                  defaultValue={rVersement?.valeurs.commentaire ?? ""}
                  className="input w-full"
                />
              )}
            </Champ>
            <button type="submit" className="btn">
              Enregistrer le versement
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="proratisation" className="mt-10 max-w-3xl">
        <h2 id="proratisation">Proratisation</h2>
        <p className="mt-1 text-sm text-slate-700">
          Quand les charges réalisées restent sous le prévu, la subvention retenue est la subvention × charges réalisées
          ÷ charges prévues, arrondie au centime inférieur&nbsp;; des charges égales ou supérieures au prévu gardent la
          subvention entière. Ce qui a été versé au-delà est à rembourser.
        </p>
        <FormErrors errors={rProratisation?.erreurs[CHAMP_FORMULAIRE]} />
        {confirmee ? (
          <div className="mt-3">
            <p>
              <strong>Proratisation confirmée</strong>
              {confirmee.le ? ` le ${formatDateTime(confirmee.le)}` : ""}&nbsp;: subvention retenue{" "}
              {formatMontant(confirmee.montant)}.
            </p>
            {!confirmee.aJour ? (
              <p role="status" className="mt-1 font-semibold text-alerte-700">
                Le réalisé a changé depuis&nbsp;: le calcul ci-dessous ne donne plus ce montant. Confirmez le nouveau
                calcul ou annulez la proratisation.
              </p>
            ) : null}
            {gere ? (
              <Form method="post" action={page} className="mt-2">
                <CsrfInput />
                <input type="hidden" name="intent" value="annuler-proratisation" />
                <button type="submit" className="btn-secondary">
                  Annuler la proratisation
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
        {proratisation === null ? (
          <p className="mt-3">
            {chargesSansRealise > 0
              ? `Le réalisé de ${chargesSansRealise} ligne${chargesSansRealise > 1 ? "s" : ""} de charge n'est pas encore saisi : le calcul se fera une fois toutes les charges réalisées connues.`
              : "Aucune charge au budget : rien à calculer."}
          </p>
        ) : (
          <div className="mt-3 rounded-md border border-slate-300 p-4">
            <p>{proratisation.explication}</p>
            {proratisation.proratisee ? (
              <dl className="mt-3 grid max-w-md grid-cols-[auto_auto] gap-x-6 gap-y-1">
                <dt>Subvention retenue</dt>
                <dd className="text-right">{formatMontant(proratisation.subventionRetenue)}</dd>
                <dt>Réduction (retenue sur le solde ou remboursée)</dt>
                <dd className="text-right">{formatMontant(proratisation.reduction)}</dd>
                <dt>Solde encore à verser</dt>
                <dd className="text-right">{formatMontant(proratisation.soldeAVerser)}</dd>
                <dt>Trop-versé à rembourser</dt>
                <dd className="text-right">{formatMontant(proratisation.aRembourser)}</dd>
              </dl>
            ) : null}
            {gere && proratisation.proratisee && !(confirmee?.aJour ?? false) ? (
              <Form method="post" action={page} className="mt-3">
                <CsrfInput />
                <input type="hidden" name="intent" value="confirmer-proratisation" />
                <input type="hidden" name="montant" value={proratisation.subventionRetenue} />
                <button type="submit" className="btn">
                  Confirmer la subvention retenue de {formatMontant(proratisation.subventionRetenue)}
                </button>
              </Form>
            ) : null}
          </div>
        )}
      </section>
    </div>
  );
}
