import { Form } from "react-router";
import { can, departementsFor } from "~/domain/comptes/policy";
import { type Partenaire, partenaireLabels } from "~/domain/rapports/rapport.labels";
import { ajouterMoisIso, type MoisIso, moisCourant, parseMois } from "~/domain/rapports/rapport.workflow";
import {
  SITUATION_CATEGORIES,
  SITUATION_SUIVIS,
  type SituationCategorie,
  type SituationSuivi,
  situationActionLabels,
  situationCategorieLabels,
  situationSuiviLabels,
} from "~/domain/situations/situation.labels";
import {
  findPromeneurSaisissant,
  findSituationsDuPromeneur,
  findSituationsForCoordination,
  findStructuresDesSituations,
  type SituationListItem,
} from "~/domain/situations/situation.queries.server";
import { compterPar, peutSaisirSituations } from "~/domain/situations/situation.rules";
import { formatDate, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { forbidden } from "~/server/errors.server";
import { pickDepartement, requireActor } from "~/server/request.server";
import { DepartementLinks } from "~/ui/departement-links";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/situations";

export const meta: Route.MetaFunction = () => [{ title: "Situations préoccupantes – Promeneurs du Net" }];

/** How many months back the month filter offers. */
const MOIS_PROPOSES = 36;

const moisFormat = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });

function libelleMois(mois: MoisIso): string {
  const texte = moisFormat.format(new Date(`${mois}T00:00:00Z`));
  return texte.charAt(0).toUpperCase() + texte.slice(1);
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.find((v) => v === value) ?? null;
}

function serialise(rows: SituationListItem[]) {
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    categorie: r.categorie,
    actions: r.actions,
    partenaire: r.partenaire,
    suivi: r.suivi,
    promeneur: r.promeneur,
    structure: r.structure,
  }));
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  if (can(actor, "situation.lire")) {
    const departement = pickDepartement(actor, "situation.lire", request);
    const params = new URL(request.url).searchParams;
    const filtres = {
      mois: parseMois(params.get("mois")),
      categorie: oneOf(SITUATION_CATEGORIES, params.get("categorie")),
      suivi: oneOf(SITUATION_SUIVIS, params.get("suivi")),
      structure: params.get("structure") || null,
    };
    const [rows, structures] = await Promise.all([
      findSituationsForCoordination(db, departement, filtres),
      findStructuresDesSituations(db, departement),
    ]);
    const courant = moisCourant(new Date());
    return {
      vue: "coordination" as const,
      departement,
      departements: departementsFor(actor, "situation.lire"),
      filtres: { ...filtres, structure: structures.some((s) => s.id === filtres.structure) ? filtres.structure : null },
      mois: Array.from({ length: MOIS_PROPOSES }, (_, i) => {
        const mois = ajouterMoisIso(courant, -i);
        return { value: mois.slice(0, 7), label: libelleMois(mois) };
      }),
      structures,
      situations: serialise(rows),
      parCategorie: compterPar(rows, "categorie", SITUATION_CATEGORIES),
      parSuivi: compterPar(rows, "suivi", SITUATION_SUIVIS),
    };
  }
  if (!can(actor, "situation.saisir")) forbidden();
  const promeneur = await findPromeneurSaisissant(db, actor.userId);
  const rows = promeneur ? await findSituationsDuPromeneur(db, promeneur.id) : [];
  return {
    vue: "promeneur" as const,
    relie: promeneur !== null,
    peutSaisir: promeneur !== null && peutSaisirSituations(promeneur.statut),
    situations: serialise(rows),
    parSuivi: compterPar(rows, "suivi", SITUATION_SUIVIS),
  };
}

type Ligne = ReturnType<typeof serialise>[number];

function ListeSituations({ situations, avecAuteur }: { situations: Ligne[]; avecAuteur: boolean }) {
  return (
    <ul className="mt-4 divide-y divide-slate-200 border-y border-slate-200">
      {situations.map((s) => (
        <li key={s.id} className="py-3">
          <h3 className="text-base">
            <a href={`/espace/situations/${s.id}`}>
              {formatDate(s.date)} – {situationCategorieLabels[s.categorie as SituationCategorie] ?? s.categorie}
            </a>
          </h3>
          <p className="text-sm text-slate-700">
            {situationSuiviLabels[s.suivi as SituationSuivi] ?? s.suivi} ·{" "}
            {s.actions.map((a) => situationActionLabels[a as keyof typeof situationActionLabels] ?? a).join(", ")}
            {s.partenaire ? ` · ${partenaireLabels[s.partenaire as Partenaire] ?? s.partenaire}` : ""}
            {avecAuteur ? ` · ${s.promeneur} (${s.structure})` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Comptes<K extends string>({
  titre,
  id,
  comptes,
  labels,
}: {
  titre: string;
  id: string;
  comptes: Record<K, number>;
  labels: Record<K, string>;
}) {
  return (
    <section aria-labelledby={id} className="mt-6">
      <h2 id={id} className="text-lg">
        {titre}
      </h2>
      <ul className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2">
        {(Object.keys(labels) as K[]).map((k) => (
          <li key={k} className="flex justify-between gap-4 border-b border-slate-200 py-0.5">
            <span>{labels[k]}</span>
            <span className="font-semibold tabular-nums">{comptes[k]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function SituationsPage({ loaderData }: Route.ComponentProps) {
  if (loaderData.vue === "promeneur") {
    const { situations, peutSaisir, relie } = loaderData;
    return (
      <div>
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h1>Mes situations préoccupantes</h1>
          {peutSaisir ? (
            <a href="/espace/situations/nouvelle" className="btn">
              Nouvelle situation
            </a>
          ) : null}
        </div>
        <p className="mt-2 max-w-2xl">
          Les situations qui vous ont inquiété en ligne, sans rien qui identifie le jeune. Vous et la coordination
          départementale seuls les voyez&nbsp;; elles sont comptées dans vos bilans mensuels.
        </p>
        {!relie ? (
          <p className="mt-6 rounded-md border border-slate-300 bg-slate-50 px-4 py-3">
            Votre compte n'est pas encore relié à une fiche de promeneur&nbsp;: contactez la coordination.
          </p>
        ) : situations.length === 0 ? (
          <p className="mt-6">Aucune situation enregistrée.</p>
        ) : (
          <>
            <p className="mt-4">
              {plural(situations.length, "situation")} dont {loaderData.parSuivi.a_suivre} à suivre et{" "}
              {loaderData.parSuivi.en_cours} en cours.
            </p>
            <section aria-labelledby="liste" className="mt-4">
              <h2 id="liste" className="text-lg">
                Situations enregistrées
              </h2>
              <ListeSituations situations={situations} avecAuteur={false} />
            </section>
          </>
        )}
      </div>
    );
  }
  const { filtres, situations, departement } = loaderData;
  return (
    <div>
      <h1>Situations préoccupantes</h1>
      <DepartementLinks path="/espace/situations" departement={departement} departements={loaderData.departements} />
      <p className="mt-2 max-w-2xl">
        Les situations enregistrées par les promeneurs du département, sans rien qui identifie le jeune. Le promeneur
        tient sa situation à jour&nbsp;; la coordination la consulte.
      </p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-4" aria-label="Filtrer les situations">
        {loaderData.departements.length > 1 ? <input type="hidden" name="departement" value={departement} /> : null}
        <SelectFiltre
          id="filtre-mois"
          name="mois"
          label="Mois"
          defaultValue={filtres.mois?.slice(0, 7)}
          toutes="Tous les mois"
          options={loaderData.mois}
        />
        <SelectFiltre
          id="filtre-categorie"
          name="categorie"
          label="Catégorie"
          defaultValue={filtres.categorie}
          toutes="Toutes les catégories"
          options={SITUATION_CATEGORIES.map((c) => ({ value: c, label: situationCategorieLabels[c] }))}
        />
        <SelectFiltre
          id="filtre-suivi"
          name="suivi"
          label="Suivi"
          defaultValue={filtres.suivi}
          toutes="Tous"
          options={SITUATION_SUIVIS.map((s) => ({ value: s, label: situationSuiviLabels[s] }))}
        />
        <SelectFiltre
          id="filtre-structure"
          name="structure"
          label="Structure"
          defaultValue={filtres.structure}
          toutes="Toutes les structures"
          options={loaderData.structures.map((s) => ({ value: s.id, label: s.nom }))}
        />
        <button type="submit" className="btn">
          Filtrer
        </button>
      </Form>
      <p className="mt-4" aria-live="polite">
        {plural(situations.length, "situation")}
        {filtres.mois || filtres.categorie || filtres.suivi || filtres.structure ? " pour ces filtres" : ""}.
      </p>
      <Comptes
        titre="Par catégorie"
        id="par-categorie"
        comptes={loaderData.parCategorie}
        labels={situationCategorieLabels}
      />
      <Comptes titre="Par état du suivi" id="par-suivi" comptes={loaderData.parSuivi} labels={situationSuiviLabels} />
      <section aria-labelledby="liste" className="mt-6">
        <h2 id="liste" className="text-lg">
          Situations
        </h2>
        {situations.length === 0 ? (
          <p className="mt-2">Aucune situation.</p>
        ) : (
          <ListeSituations situations={situations} avecAuteur />
        )}
      </section>
    </div>
  );
}
