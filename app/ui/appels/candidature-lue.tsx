import type { BudgetProposeLu } from "~/domain/appels/budget-propose";
import { texteEtp } from "~/domain/budget/budget.rules";
import { formatMontant } from "~/domain/budget/montant";
import { ListeRegles } from "~/ui/budget/liste-regles";

/**
 * An application as its readers see it once written: the applicant after submitting, the
 * coordination, the reviewers. One read-out, so that all three read the same thing.
 */

export type CandidatureLue = {
  structureNom: string;
  structureCommune: string;
  structureSiret: string;
  contactNom: string;
  contactTelephone: string;
  personneProposee: string;
  personneFonction: string;
  projet: string;
};

const ou = (texte: string | null | undefined) => texte || "Non renseigné";

/** The structure, its contact (and e-mail when given), the person proposed, then the project. */
export function ChampsCandidature({ candidature: c, email }: { candidature: CandidatureLue; email?: string }) {
  const champs: [string, string][] = [
    ["Structure", c.structureNom],
    ["Commune du siège", c.structureCommune],
    ["SIRET", c.structureSiret],
    ["Contact", c.contactNom],
    ["Téléphone", c.contactTelephone],
    ...(email === undefined ? [] : ([["E-mail", email]] as [string, string][])),
    ["Personne proposée", c.personneProposee],
    ["Fonction", c.personneFonction],
  ];
  return (
    <>
      <dl className="mt-3 grid max-w-3xl grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {champs.map(([libelle, valeur]) => (
          <div key={libelle} className="contents">
            <dt className="font-semibold">{libelle}</dt>
            <dd>{ou(valeur)}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 font-semibold">Présentation du projet</h3>
      <p className="mt-1 max-w-3xl whitespace-pre-line break-words">{ou(c.projet)}</p>
    </>
  );
}

export type ReponseLue = { code: string; question: string; eliminatoire: boolean; reponse: boolean | null };

/** The eligibility questions with the applicant's answer to each, in words. */
export function ReponsesEligibilite({ questions }: { questions: readonly ReponseLue[] }) {
  return (
    <ul className="mt-2 max-w-3xl space-y-1">
      {questions.map((q) => (
        <li key={q.code}>
          {q.question}
          {q.eliminatoire ? " (éliminatoire)" : ""}&nbsp;:{" "}
          <strong>{q.reponse === null ? "sans réponse" : q.reponse ? "oui" : "non"}</strong>
        </li>
      ))}
    </ul>
  );
}

/** The proposed annual budget: charges and products line by line, totals, coordination time, rules. */
export function BudgetProposeTableaux({ budget }: { budget: BudgetProposeLu }) {
  const sections = [
    ["Charges", budget.charges, budget.totaux.charges],
    ["Produits", budget.produits, budget.totaux.produits],
  ] as const;
  return (
    <>
      <div className="mt-3 flex flex-wrap gap-8">
        {sections.map(([titre, lignes, total]) => (
          <table key={titre} className="tableau-donnees">
            <caption className="mb-2 text-left text-base font-semibold">{titre}</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col" className="num">
                  Montant
                </th>
              </tr>
            </thead>
            <tbody>
              {lignes.map((l) => (
                <tr key={l.code}>
                  <th scope="row">{l.libelle}</th>
                  <td className="num">{formatMontant(l.montant)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num font-semibold">{formatMontant(total)}</td>
              </tr>
            </tfoot>
          </table>
        ))}
      </div>
      <p className="mt-3">
        Temps de coordination&nbsp;: {budget.etpCentiemes === null ? "non indiqué" : texteEtp(budget.etpCentiemes)}
      </p>
      <ListeRegles verifications={budget.verifications} titre="Règles de financement" />
    </>
  );
}
