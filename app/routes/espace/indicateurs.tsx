import { data, Form } from "react-router";
import { DUREE_MEMO_INDICATEURS_MS, indicateursDesPages, vueDe } from "~/domain/indicateurs/indicateurs.server";
import { type ChampPeriode, champsPeriode, lirePeriodeEtErreurs } from "~/domain/indicateurs/periode";
import { getDepartement } from "~/domain/territoire/territoire.queries.server";
import { formatNumber } from "~/lib/format";
import { pageGardee } from "~/server/cache-pages.server";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { carteCouverture } from "~/ui/indicateurs/carte-indicateurs.server";
import { ChampsPeriode, SelectChamp } from "~/ui/indicateurs/champs-periode";
import { type ChampFiltre, lireFiltre, optionsReseau, optionsTypeStructure } from "~/ui/indicateurs/filtre";
import { listesFiltre } from "~/ui/indicateurs/filtre.server";
import { graphiquesIndicateurs } from "~/ui/indicateurs/graphiques-indicateurs.server";
import { htmlResume, htmlTableauDeBord } from "~/ui/indicateurs/tableau-de-bord.server";
import type { Route } from "./+types/indicateurs";

export const meta: Route.MetaFunction = () => [{ title: "Indicateurs – Promeneurs du Net" }];

/** GET forms and details only: the page needs no JavaScript (and its charts are not sent twice). */
export const handle = { hydrate: false };

/** The page drawn once per person, address and state of the département's data (app/server/cache-pages.server.ts). */
export const middleware: Route.MiddlewareFunction[] = [
  pageGardee({
    autoriser(context, request) {
      const actor = requirePermission(context, request, "indicateurs.lire");
      return { actor, departements: [pickDepartement(actor, "indicateurs.lire", request)] };
    },
    dureeMs: DUREE_MEMO_INDICATEURS_MS,
  }),
];

/**
 * The nine indicators of a département (DESIGN §5) for any period and filter (GET, shareable): exact
 * for its coordinator, aggregate for the steering committee and the national role (small counts
 * withheld, no list of people). An invalid filter field gets a French message, is not applied,
 * and the page still renders (status 400).
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "indicateurs.lire");
  const departement = pickDepartement(actor, "indicateurs.lire", request);
  const params = new URL(request.url).searchParams;
  const maintenant = new Date();
  const db = getDb();
  const [listes, dep] = await Promise.all([listesFiltre(db, departement), getDepartement(db, departement)]);
  const { periode, erreurs: erreursPeriode } = lirePeriodeEtErreurs(params, maintenant);
  const filtreLu = lireFiltre(params, listes);
  const filtre = { departements: [departement], periode, ...filtreLu.valeurs };
  const vue = vueDe(actor, [departement]);
  const indicateurs = await indicateursDesPages(db, filtre, vue, maintenant);
  const tableau = await htmlTableauDeBord(indicateurs, async () => {
    const carte = await carteCouverture(db, departement, indicateurs.couverture);
    return { graphiques: graphiquesIndicateurs(indicateurs), carte: carte.carte, nomsCommunes: carte.noms };
  });
  const erreurs: Partial<Record<ChampPeriode | ChampFiltre, string>> = { ...erreursPeriode, ...filtreLu.erreurs };
  // The form shows the period used; a field typed wrong is shown back as typed, with its message.
  const champs = { ...champsPeriode(periode) };
  for (const champ of Object.keys(erreursPeriode) as ChampPeriode[]) champs[champ] = params.get(champ) ?? "";
  return data(
    {
      departement: { code: departement, nom: dep?.nom ?? departement },
      // What the page prints around the dashboard; the indicators themselves travel as the HTML
      // rendered once per computed set (the loader data of this unhydrated page is still
      // serialised into the response: a few kilobytes, not the whole set).
      entete: {
        periode: indicateurs.filtre.periode.libelle,
        annee: indicateurs.filtre.periode.du.annee,
        precedente: indicateurs.periodePrecedente.libelle,
        rapports: indicateurs.rapports,
        vue: indicateurs.vue,
      },
      resume: htmlResume(indicateurs),
      tableau,
      listes,
      champs,
      saisie: filtreLu.saisie,
      erreurs,
    },
    { status: Object.keys(erreurs).length > 0 ? 400 : 200 },
  );
}

export default function IndicateursPage({ loaderData }: Route.ComponentProps) {
  const { departement, entete, resume, tableau, listes, champs, saisie, erreurs } = loaderData;
  const select = (
    nom: ChampFiltre,
    label: string,
    valeur: string,
    options: ReadonlyArray<{ value: string; label: string }>,
    toutes: string,
  ) => (
    <SelectChamp
      prefixe="indicateurs"
      nom={nom}
      label={label}
      valeur={valeur}
      options={options}
      erreur={erreurs[nom]}
      toutes={toutes}
    />
  );
  const query = `departement=${departement.code}`;
  return (
    <div>
      <h1>Indicateurs</h1>
      <p className="mt-1 text-slate-700">
        {departement.nom} ({departement.code}) · {entete.periode} · comparé à{" "}
        {entete.precedente.charAt(0).toLowerCase() + entete.precedente.slice(1)} · {formatNumber(entete.rapports)} bilan
        {entete.rapports > 1 ? "s" : ""} mensuel
        {entete.rapports > 1 ? "s" : ""} compté{entete.rapports > 1 ? "s" : ""}
      </p>
      <p className="mt-2 max-w-3xl text-sm text-slate-700">
        {entete.vue === "coordination"
          ? "Vue de la coordination départementale\u00a0: nombres exacts et listes nominatives des promeneurs."
          : "Vue agrégée\u00a0: les nombres de 1 ou 2 (thèmes, catégories de situations, communes) sont affichés «\u00a0<\u00a03\u00a0», sans liste nominative."}
      </p>
      <p className="mt-2">
        <a href={`/espace/rapport-annuel?${query}&annee=${entete.annee}`}>Rapport annuel d'activité {entete.annee}</a>
      </p>

      <section aria-labelledby="filtre-titre" className="mt-6">
        <h2 id="filtre-titre">Période et filtres</h2>
        <Form method="get" className="mt-3">
          <input type="hidden" name="departement" value={departement.code} />
          <ChampsPeriode prefixe="indicateurs" champs={champs} erreurs={erreurs} />
          <fieldset className="flex flex-wrap items-start gap-x-4">
            <legend className="mb-2 font-semibold">Filtres</legend>
            {select(
              "epci",
              "EPCI",
              saisie.epci,
              listes.epcis.map((e) => ({ value: e.siren, label: e.nom })),
              "Tout le département",
            )}
            {select(
              "commune",
              "Commune",
              saisie.commune,
              listes.communes.map((c) => ({ value: c.code, label: c.nom })),
              "Toutes les communes",
            )}
            {select("type", "Type de structure", saisie.type, optionsTypeStructure, "Tous les types")}
            {select("reseau", "Réseau social", saisie.reseau, optionsReseau, "Tous les réseaux")}
          </fieldset>
          <button type="submit" className="btn">
            Afficher
          </button>
        </Form>
      </section>

      <section aria-labelledby="resume-titre" className="mt-8">
        <h2 id="resume-titre">En bref</h2>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: ResumeIndicateurs rendered on the server by React (escaped). */}
        <div dangerouslySetInnerHTML={{ __html: resume }} />
      </section>

      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: TableauDeBord rendered on the server by React (escaped), kept per computed set of indicators. */}
      <div className="mt-8" dangerouslySetInnerHTML={{ __html: tableau }} />
    </div>
  );
}
