import { refusDeclarant, requireDeclarant } from "~/domain/rapports/rapport.commands.server";
import { libelleCode, libelleMois, moisUrl } from "~/domain/rapports/rapport.format";
import { rapportStatutLabels } from "~/domain/rapports/rapport.labels";
import { findRapportsDuPromeneur, findResumePersonnel } from "~/domain/rapports/rapport.queries.server";
import { deMois } from "~/domain/rapports/rapport.rules";
import { formatDate, formatHeures, formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/mes-rapports";

export const meta: Route.MetaFunction = () => [{ title: "Mes bilans mensuels – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "rapport.saisir");
  const db = getDb();
  const now = new Date();
  const promeneur = await requireDeclarant(db, actor);
  const [mois, resume] = await Promise.all([
    findRapportsDuPromeneur(db, promeneur.id, now),
    findResumePersonnel(db, promeneur.id, now),
  ]);
  const saisit = refusDeclarant(promeneur.statut) === null;
  return {
    refus: refusDeclarant(promeneur.statut),
    mois: (mois ?? []).map((m) => ({
      mois: moisUrl(m.mois),
      libelle: libelleMois(m.mois),
      statut: m.statut,
      statutLabel: m.statut ? rapportStatutLabels[m.statut] : "À faire",
      echeance: m.echeance,
      // Lateness concerns a promeneur who still files reports.
      enRetard: saisit && m.enRetard,
      enCours: m.enCours,
      // What the link offers: fill in, correct, or read.
      action:
        !saisit || m.statut === "soumis" || m.statut === "valide"
          ? "Voir"
          : m.statut === "a_corriger"
            ? "Corriger"
            : m.statut === "brouillon"
              ? "Reprendre"
              : "Remplir",
    })),
    resume: {
      du: libelleMois(resume.du),
      au: libelleMois(resume.au),
      bilans: resume.bilans,
      nouveauxJeunes: resume.nouveauxJeunes,
      fileActiveMoyenne: resume.fileActiveMoyenne,
      echanges: resume.echanges,
      heuresEnLigne: resume.heuresEnLigne,
      themes: resume.themes.map((t) => ({ label: libelleCode("theme", t.code), nombre: t.nombre })),
    },
  };
}

const badges: Record<string, string> = {
  brouillon: "bg-slate-200 text-slate-900",
  soumis: "bg-sky-100 text-sky-900",
  valide: "bg-emerald-100 text-emerald-900",
  a_corriger: "bg-amber-100 text-amber-900",
};

export default function MesRapports({ loaderData }: Route.ComponentProps) {
  const { mois, resume, refus } = loaderData;
  return (
    <div>
      <h1>Mes bilans mensuels</h1>
      <p className="mt-2">
        Chaque mois, vos chiffres d'activité pour la coordination : à soumettre au plus tard le 10 du mois suivant. Le
        bilan du mois en cours peut être commencé en brouillon.
      </p>
      {refus ? <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3">{refus}</p> : null}

      <section aria-labelledby="resume" className="mt-6">
        <h2 id="resume">Mon résumé sur 12 mois</h2>
        <p className="mt-1 text-sm text-slate-700">
          De {resume.du} à {resume.au}, d'après{" "}
          {plural(resume.bilans, "bilan soumis ou validé", "bilans soumis ou validés")}.
        </p>
        {resume.bilans > 0 ? (
          <dl className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2">
            <div className="flex items-baseline justify-between gap-3 border-b border-slate-200 py-1">
              <dt>Nouveaux jeunes en contact</dt>
              <dd className="font-semibold tabular-nums">{formatNumber(resume.nouveauxJeunes)}</dd>
            </div>
            <div className="flex items-baseline justify-between gap-3 border-b border-slate-200 py-1">
              <dt>File active moyenne par mois</dt>
              <dd className="font-semibold tabular-nums">{formatNumber(resume.fileActiveMoyenne)}</dd>
            </div>
            <div className="flex items-baseline justify-between gap-3 border-b border-slate-200 py-1">
              <dt>Échanges</dt>
              <dd className="font-semibold tabular-nums">{formatNumber(resume.echanges)}</dd>
            </div>
            <div className="flex items-baseline justify-between gap-3 border-b border-slate-200 py-1">
              <dt>Heures de présence en ligne</dt>
              <dd className="font-semibold tabular-nums">{formatHeures(resume.heuresEnLigne)}</dd>
            </div>
            <div className="border-b border-slate-200 py-1 sm:col-span-2">
              <dt>Thèmes les plus demandés</dt>
              <dd className="font-semibold">
                {resume.themes.length
                  ? resume.themes.map((t) => `${t.label} (${formatNumber(t.nombre)})`).join(" · ")
                  : "aucune demande comptée"}
              </dd>
            </div>
          </dl>
        ) : (
          <p className="mt-2">Aucun bilan soumis sur la période : le résumé apparaîtra avec votre premier bilan.</p>
        )}
      </section>

      <section aria-labelledby="liste" className="mt-8">
        <h2 id="liste">Mois par mois</h2>
        {mois.length === 0 ? (
          <p className="mt-2">Aucun mois à déclarer pour l'instant.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 border-y border-slate-200">
            {mois.map((m) => (
              <li key={m.mois} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3">
                <div>
                  <p className="font-semibold first-letter:uppercase">
                    {m.libelle}
                    {m.enCours ? <span className="font-normal text-slate-700"> (mois en cours)</span> : null}
                  </p>
                  <p className="text-sm">
                    <span
                      className={`rounded-full px-2 py-0.5 font-semibold ${m.statut ? badges[m.statut] : "bg-white text-slate-900 ring-1 ring-slate-400"}`}
                    >
                      {m.statutLabel}
                    </span>
                    {m.statut === "soumis" || m.statut === "valide" ? null : (
                      <> à soumettre au plus tard le {formatDate(m.echeance)}</>
                    )}
                    {m.enRetard ? (
                      <>
                        {" "}
                        <span className="rounded-full bg-alerte-700 px-2 py-0.5 font-semibold text-white">
                          en retard
                        </span>
                      </>
                    ) : null}
                  </p>
                </div>
                <a
                  href={`/espace/mes-rapports/${m.mois}`}
                  className={m.action === "Voir" ? "btn-secondary" : "btn"}
                  aria-label={`${m.action} le bilan ${deMois(m.libelle)}`}
                >
                  {m.action}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
