import { data, Form, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import {
  demanderGeneration,
  enregistrerRapportAnnuel,
  vueDeLActeur,
} from "~/domain/rapport-annuel/rapport-annuel.commands.server";
import {
  type EtatGeneration,
  etatGenerationLabels,
  FORMATS_RAPPORT,
  formatRapportLabels,
  vueRapportLabels,
} from "~/domain/rapport-annuel/rapport-annuel.labels";
import {
  findFaitsMarquantsDeLAnnee,
  findGenerations,
  getRapportAnnuel,
} from "~/domain/rapport-annuel/rapport-annuel.queries.server";
import { anneeDemandee, anneesProposees, estEnCours } from "~/domain/rapport-annuel/rapport-annuel.rules";
import { CHAMP_VERSION, INTRODUCTION_MAX, rapportAnnuelSchema } from "~/domain/rapport-annuel/rapport-annuel.schema";
import { formatDateTime } from "~/lib/format";
import { jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field } from "~/ui/field";
import type { Route } from "./+types/rapport-annuel";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Rapport d'activité ${loaderData?.annee ?? ""} – Promeneurs du Net` },
  // While a generation runs, the page reloads itself every 2 seconds (no script needed).
  ...(loaderData?.enCours ? [{ httpEquiv: "refresh", content: "2" } as const] : []),
];

function anneeDe(request: Request, now: Date): number {
  const j = jourParis(now);
  const annee = anneeDemandee(new URL(request.url).searchParams.get("annee"), { annee: j.annee, mois: j.mois });
  if (annee === null) throw data({ message: "Choisissez une année de la liste." }, { status: 400 });
  return annee;
}

const pageDe = (departement: string, annee: number) =>
  `/espace/rapport-annuel?departement=${departement}&annee=${annee}`;

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "rapport-annuel.lire");
  const departement = pickDepartement(actor, "rapport-annuel.lire", request);
  const now = new Date();
  const annee = anneeDe(request, now);
  const db = getDb();
  const preparer = can(actor, "rapport-annuel.preparer", { departement });
  const vue = vueDeLActeur(actor, departement);
  const [rapport, faits, generations] = await Promise.all([
    preparer ? getRapportAnnuel(db, departement, annee) : null,
    preparer ? findFaitsMarquantsDeLAnnee(db, departement, annee) : [],
    findGenerations(db, departement, annee, [vue]),
  ]);
  const base = `/espace/rapport-annuel/fichiers`;
  return {
    departement,
    annee,
    annees: anneesProposees(jourParis(now).annee),
    preparer,
    vue,
    rapport,
    faits,
    enCours: generations.some((g) => estEnCours(g.etat)),
    generations: generations.map((g) => ({
      id: g.id,
      etat: g.etat as EtatGeneration,
      progression: g.progression,
      etape: g.etape,
      erreur: g.erreur,
      demandeLe: g.demandeLe.toISOString(),
      termineLe: g.termineLe?.toISOString() ?? null,
      liens:
        g.etat === "terminee" ? FORMATS_RAPPORT.map((format) => ({ format, href: `${base}/${g.id}/${format}` })) : [],
    })),
  };
}

type Erreurs = Partial<Record<"introduction" | "faitsMarquants" | "", string[]>>;
type Retour = { erreurs: Erreurs; valeurs: { introduction: string; faitsMarquants: string[] } };

async function preparerRapport(context: Route.ActionArgs["context"], request: Request, actor: Actor, form: FormData) {
  const departement = pickDepartement(actor, "rapport-annuel.preparer", request);
  const now = new Date();
  const annee = anneeDe(request, now);
  const valeurs = {
    introduction: String(form.get("introduction") ?? ""),
    faitsMarquants: form.getAll("faitsMarquants").map(String),
  };
  const refus = (erreurs: Erreurs, status = 400) => data({ erreurs, valeurs } satisfies Retour, { status });
  const parsed = rapportAnnuelSchema.safeParse({ ...valeurs, version: form.get(CHAMP_VERSION) ?? "" });
  if (!parsed.success) {
    const erreurs: Erreurs = {};
    for (const issue of parsed.error.issues) {
      const champ = issue.path[0] === "introduction" || issue.path[0] === "faitsMarquants" ? issue.path[0] : "";
      erreurs[champ] = [...(erreurs[champ] ?? []), issue.message];
    }
    return refus(erreurs);
  }
  try {
    await enregistrerRapportAnnuel(
      { db: getDb(), now, requestId: requestId(context) },
      actor,
      departement,
      annee,
      parsed.data,
    );
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    if (error.field === CHAMP_VERSION) return refus({ "": [error.message] }, 409);
    return refus({ [error.field === "introduction" ? "introduction" : "faitsMarquants"]: [error.message] });
  }
  setFlash(context, `Rapport d'activité ${annee} enregistré.`);
  return redirect(pageDe(departement, annee));
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "rapport-annuel.lire");
  const form = await request.formData();
  if (form.get("intent") === "enregistrer") {
    requirePermission(context, request, "rapport-annuel.preparer");
    return preparerRapport(context, request, actor, form);
  }
  const departement = pickDepartement(actor, "rapport-annuel.lire", request);
  const now = new Date();
  const annee = anneeDe(request, now);
  const { nouvelle } = await demanderGeneration(
    { db: getDb(), now, requestId: requestId(context) },
    actor,
    departement,
    annee,
  );
  setFlash(
    context,
    nouvelle
      ? `Génération du rapport ${annee} lancée : cette page se met à jour toute seule.`
      : `Le rapport ${annee} est déjà en cours de génération.`,
  );
  return redirect(pageDe(departement, annee));
}

export default function RapportAnnuelPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, annee, annees, preparer, vue, rapport, faits, generations } = loaderData;
  const retour = actionData as Retour | undefined;
  const erreurs = retour?.erreurs ?? {};
  const choisis = new Set(retour?.valeurs.faitsMarquants ?? rapport?.faitsMarquants ?? []);
  const action = pageDe(departement, annee);
  return (
    <div>
      <h1>Rapport d'activité {annee}</h1>
      <p className="mt-1 text-slate-700">
        Département {departement} · {vueRapportLabels[vue]}
      </p>

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <input type="hidden" name="departement" value={departement} />
        <div>
          <label htmlFor="rapport-annee" className="mb-1 block font-semibold">
            Année
          </label>
          <select id="rapport-annee" name="annee" defaultValue={annee} className="input">
            {annees.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Afficher
        </button>
      </Form>

      <section aria-labelledby="generation" className="mt-8">
        <h2 id="generation">Documents</h2>
        <p className="mt-2 max-w-2xl">
          Le rapport est produit en trois formats (Word, PDF, Excel) à partir des indicateurs de l'année
          {preparer
            ? ", de votre introduction et des faits marquants retenus"
            : " (version agrégée : sans faits marquants, les effectifs de 1 ou 2 sont remplacés par « < 3 »)"}
          . La génération prend quelques secondes&nbsp;; vous pouvez quitter la page.
        </p>
        <Form method="post" action={action} className="mt-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="generer" />
          <button type="submit" className="btn">
            Générer le rapport {annee}
          </button>
        </Form>
        {generations.length === 0 ? (
          <p className="mt-4">Aucun rapport {annee} généré pour l'instant.</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {generations.map((g) => (
              <li key={g.id} className="rounded-md border border-slate-300 p-3">
                <p>
                  <strong>{etatGenerationLabels[g.etat]}</strong> · demandé le {formatDateTime(g.demandeLe)}
                  {g.termineLe ? ` · terminé le ${formatDateTime(g.termineLe)}` : ""}
                </p>
                {estEnCours(g.etat) ? (
                  <div className="mt-2">
                    <label htmlFor={`progression-${g.id}`} className="block text-sm">
                      {g.etape || "En attente"}&nbsp;: {g.progression}&nbsp;%
                    </label>
                    <progress id={`progression-${g.id}`} max={100} value={g.progression} className="w-full max-w-md">
                      {g.progression}&nbsp;%
                    </progress>
                  </div>
                ) : null}
                {g.erreur ? (
                  <p role="alert" className="mt-2 font-semibold text-alerte-700">
                    {g.erreur}
                  </p>
                ) : null}
                {g.liens.length > 0 ? (
                  <ul className="mt-2 flex flex-wrap gap-4">
                    {g.liens.map((l) => (
                      <li key={l.format}>
                        <a href={l.href} download>
                          Télécharger&nbsp;: {formatRapportLabels[l.format]}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {preparer && rapport ? (
        <section aria-labelledby="preparation" className="mt-10">
          <h2 id="preparation">Préparer le rapport {annee}</h2>
          {erreurs[""] ? (
            <p role="alert" className="mt-2 font-semibold text-alerte-700">
              {erreurs[""].join(" ")}
            </p>
          ) : null}
          <Form method="post" action={action} className="mt-3 max-w-3xl">
            <CsrfInput />
            <input type="hidden" name="intent" value="enregistrer" />
            <input type="hidden" name={CHAMP_VERSION} value={rapport.version} />
            <Field
              id="rapport-introduction"
              label="Introduction"
              hint={`Quelques paragraphes en tête du rapport (${INTRODUCTION_MAX} caractères au plus). Aucune donnée qui permette de reconnaître un jeune.`}
              descriptionId="rapport-introduction-aide"
              errors={erreurs.introduction}
              errorId="rapport-introduction-erreur"
            >
              <textarea
                id="rapport-introduction"
                name="introduction"
                rows={8}
                maxLength={INTRODUCTION_MAX}
                defaultValue={retour?.valeurs.introduction ?? rapport.introduction}
                aria-invalid={erreurs.introduction ? true : undefined}
                aria-describedby={
                  erreurs.introduction
                    ? "rapport-introduction-aide rapport-introduction-erreur"
                    : "rapport-introduction-aide"
                }
                className="input w-full"
              />
            </Field>
            <fieldset className="mt-4" aria-describedby={erreurs.faitsMarquants ? "rapport-faits-erreur" : undefined}>
              <legend className="font-semibold">Faits marquants à retenir</legend>
              <p className="text-sm text-slate-700">
                Les faits marquants des rapports mensuels soumis ou validés de {annee}, mois par mois. Ils ne figurent
                que dans la version de la coordination.
              </p>
              {erreurs.faitsMarquants ? (
                <p id="rapport-faits-erreur" className="mt-1 text-sm font-semibold text-alerte-700">
                  {erreurs.faitsMarquants.join(" ")}
                </p>
              ) : null}
              {faits.length === 0 ? (
                <p className="mt-2">Aucun fait marquant dans les rapports de {annee}.</p>
              ) : (
                <ul className="mt-2 space-y-3">
                  {faits.map((f) => (
                    <li key={f.id} className="flex gap-2">
                      <input
                        id={`fait-${f.id}`}
                        type="checkbox"
                        name="faitsMarquants"
                        value={f.id}
                        defaultChecked={choisis.has(f.id)}
                        className="mt-1"
                      />
                      <label htmlFor={`fait-${f.id}`}>
                        <span className="block text-sm font-semibold">
                          {f.mois} · {f.promeneur} · {f.structure}
                        </span>
                        <span className="block whitespace-pre-line">{f.texte}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
            <button type="submit" className="btn mt-4">
              Enregistrer
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
