import { PETIT_EFFECTIF_LIBELLE } from "~/domain/confidentialite/petits-effectifs";
import { codesDeRubrique, libelleCode } from "~/domain/rapports/rapport.format";
import type { Rubrique } from "~/domain/rapports/rapport.labels";
import {
  RAPPORT_STATUTS,
  type RapportStatut,
  RUBRIQUES,
  rapportStatutLabels,
  rubriqueLabels,
} from "~/domain/rapports/rapport.labels";
import type { ComptesRapport } from "~/domain/rapports/rapport.queries.server";
import { formatHeures, formatNumber } from "~/lib/format";

/** The totals of a report, as stored. */
export type RapportTotaux = {
  nouveauxJeunes: number;
  fileActive: number;
  echanges: number;
  echangesIndividuels: number;
  echangesCollectifs: number;
  heuresEnLigne: number;
};

type RapportLectureProps = {
  totaux: RapportTotaux;
  comptes: ComptesRapport;
  /** The highlight: only for readers with `rapport.lire.detail` (or the report's own promeneur); omit otherwise. */
  faitMarquant?: string | null;
  /** The coordination's comment when the report was sent back; same readers as the highlight. */
  commentaireCoordination?: string | null;
  /** The coordination's reason when it reopened the report; same readers as the highlight. */
  motifReouverture?: string | null;
  /** Codes shown as « < 3 » (small counts, outside the coordination's view) and the breakdown's true total. */
  masques?: Partial<Record<Rubrique, { codes: readonly string[]; total: number }>>;
  /** The level of the section headings (2 under the page's h1, 3 under an h2). */
  niveauTitre?: 2 | 3;
};

const statutClasses: Record<RapportStatut, string> = {
  brouillon: "bg-slate-200 text-slate-900",
  soumis: "bg-sky-100 text-sky-950",
  valide: "bg-emerald-100 text-emerald-950",
  a_corriger: "bg-amber-100 text-amber-950",
};

/** A report's status as a badge, in words (never colour alone). */
export function StatutRapport({ statut }: { statut: RapportStatut }) {
  const connu = (RAPPORT_STATUTS as readonly string[]).includes(statut);
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-sm font-semibold ${connu ? statutClasses[statut] : ""}`}>
      {connu ? rapportStatutLabels[statut] : statut}
    </span>
  );
}

/** The codes to show for a breakdown: every code of its list, then any code the list no longer knows. */
function lignesDe(rubrique: Rubrique, comptes: Record<string, number>, masques: readonly string[] = []) {
  const connus = codesDeRubrique[rubrique];
  const inconnus = Object.keys(comptes).filter((code) => !connus.includes(code));
  return [...connus, ...inconnus].map((code) => ({
    code,
    label: libelleCode(rubrique, code),
    nombre: comptes[code] ?? 0,
    masque: masques.includes(code),
  }));
}

/**
 * A monthly report, read-only: its totals, then each breakdown as a small table (label, count)
 * with its total; the highlight and the coordination's comments only when passed. Readable on a
 * 360-px phone: one column of tables, numbers right-aligned.
 */
export function RapportLecture({
  totaux,
  comptes,
  faitMarquant,
  commentaireCoordination,
  motifReouverture,
  masques,
  niveauTitre = 2,
}: RapportLectureProps) {
  const Titre = `h${niveauTitre}` as "h2" | "h3";
  const chiffres: { label: string; valeur: string }[] = [
    { label: "Nouveaux jeunes en contact", valeur: formatNumber(totaux.nouveauxJeunes) },
    { label: "File active", valeur: formatNumber(totaux.fileActive) },
    { label: "Échanges", valeur: formatNumber(totaux.echanges) },
    { label: "dont échanges individuels", valeur: formatNumber(totaux.echangesIndividuels) },
    { label: "dont échanges collectifs", valeur: formatNumber(totaux.echangesCollectifs) },
    { label: "Heures de présence en ligne", valeur: formatHeures(totaux.heuresEnLigne) },
  ];
  return (
    <div className="space-y-8">
      {commentaireCoordination ? (
        <section aria-labelledby="rapport-commentaire" className="rounded border border-amber-400 bg-amber-50 p-3">
          <Titre id="rapport-commentaire" className="text-base font-semibold">
            Commentaire de la coordination
          </Titre>
          <p className="mt-1 whitespace-pre-line break-words">{commentaireCoordination}</p>
        </section>
      ) : null}
      {motifReouverture ? (
        <section aria-labelledby="rapport-motif" className="rounded border border-slate-300 bg-slate-50 p-3">
          <Titre id="rapport-motif" className="text-base font-semibold">
            Motif de la réouverture
          </Titre>
          <p className="mt-1 whitespace-pre-line break-words">{motifReouverture}</p>
        </section>
      ) : null}

      <section aria-labelledby="rapport-totaux">
        <Titre id="rapport-totaux">Chiffres du mois</Titre>
        <dl className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2">
          {chiffres.map((c) => (
            <div key={c.label} className="flex items-baseline justify-between gap-3 border-b border-slate-200 py-1">
              <dt>{c.label}</dt>
              <dd className="font-semibold tabular-nums">{c.valeur}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="rapport-details">
        <Titre id="rapport-details">Détail par rubrique</Titre>
        <div className="mt-3 grid grid-cols-1 gap-6 md:grid-cols-2">
          {RUBRIQUES.map((rubrique) => {
            const masque = masques?.[rubrique];
            const lignes = lignesDe(rubrique, comptes[rubrique] ?? {}, masque?.codes);
            const total = masque ? masque.total : lignes.reduce((somme, l) => somme + l.nombre, 0);
            return (
              <table key={rubrique} className="w-full border-collapse text-left text-sm">
                <caption className="mb-1 text-left font-semibold">{rubriqueLabels[rubrique]}</caption>
                <thead className="sr-only">
                  <tr>
                    <th scope="col">Catégorie</th>
                    <th scope="col">Nombre</th>
                  </tr>
                </thead>
                <tbody>
                  {lignes.map((l) => (
                    <tr
                      key={l.code}
                      className={`border-b border-slate-200 ${l.nombre === 0 && !l.masque ? "text-slate-600" : ""}`}
                    >
                      <th scope="row" className="py-1 pr-3 font-normal">
                        {l.label}
                      </th>
                      <td className="py-1 text-right tabular-nums">
                        {l.masque ? PETIT_EFFECTIF_LIBELLE : formatNumber(l.nombre)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="border-t border-slate-400">
                    <th scope="row" className="py-1 pr-3 text-left">
                      Total
                    </th>
                    <td className="py-1 text-right font-semibold tabular-nums">{formatNumber(total)}</td>
                  </tr>
                </tfoot>
              </table>
            );
          })}
        </div>
      </section>

      {faitMarquant !== undefined && faitMarquant !== null ? (
        <section aria-labelledby="rapport-fait-marquant">
          <Titre id="rapport-fait-marquant">Fait marquant du mois</Titre>
          <p className="mt-2 whitespace-pre-line break-words">{faitMarquant || "Aucun fait marquant indiqué."}</p>
        </section>
      ) : null}
    </div>
  );
}
