import { communes, structures, userRoles } from "@db/schema";
import { sql } from "drizzle-orm";
import { data, Form } from "react-router";
import {
  DUREE_MEMO_INDICATEURS_MS,
  indicateursDesPages,
  lignesDesPages,
} from "~/domain/indicateurs/indicateurs.server";
import { champsPeriode, lirePeriodeEtErreurs } from "~/domain/indicateurs/periode";
import { formatNumber } from "~/lib/format";
import { pageGardee } from "~/server/cache-pages.server";
import { getDb } from "~/server/db.server";
import { TOUS_DEPARTEMENTS } from "~/server/memo.server";
import { requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import { ChampsPeriode } from "~/ui/indicateurs/champs-periode";
import { graphiquesIndicateurs } from "~/ui/indicateurs/graphiques-indicateurs.server";
import { texteValeur } from "~/ui/indicateurs/indicateurs.format";
import { ResumeIndicateurs } from "~/ui/indicateurs/tableau-de-bord";
import { htmlTableauDeBord } from "~/ui/indicateurs/tableau-de-bord.server";
import type { Route } from "./+types/national";

export const meta: Route.MetaFunction = () => [{ title: "Vue nationale – Promeneurs du Net" }];

/** GET forms and details only: no JavaScript needed (and the charts are not sent twice). */
export const handle = { hydrate: false };

/** The page drawn once per person, address and state of every département's data (app/server/cache-pages.server.ts). */
export const middleware: Route.MiddlewareFunction[] = [
  pageGardee({
    autoriser(context, request) {
      const actor = requirePermission(context, request, "national.lire");
      return { actor, departements: [TOUS_DEPARTEMENTS] };
    },
    dureeMs: DUREE_MEMO_INDICATEURS_MS,
  }),
];

/**
 * The national view: the départements where the scheme runs (coordinators, structures, people),
 * and the nine indicators over several départements (all of them by default, or those ticked,
 * `departement` repeated) in the aggregate view, with one line of headline values per département
 * linking to its dashboard.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "national.lire");
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const maintenant = new Date();
  // Départements where the scheme is running: at least one coordinator or structure.
  const rows = await db.execute<{
    code: string;
    nom: string;
    coordinateurs: number;
    structures: number;
    population: number;
  }>(sql`
    select d.code, d.nom,
      (select count(*)::int from ${userRoles} r where r.departement = d.code and r.role = 'coordinateur') as coordinateurs,
      (select count(*)::int from ${structures} s where s.departement = d.code) as structures,
      (select coalesce(sum(c.population), 0)::int from ${communes} c where c.departement = d.code) as population
    from departements d
    where exists (select 1 from ${userRoles} r where r.departement = d.code)
       or exists (select 1 from ${structures} s where s.departement = d.code)
    order by d.code`);
  const deployes = rows.rows;
  const codes = new Set(deployes.map((d) => d.code));
  const demandes = params.getAll("departement").filter((c) => c.trim() !== "");
  const inconnus = demandes.filter((c) => !codes.has(c));
  const choisis = demandes.filter((c) => codes.has(c));
  const selection = choisis.length > 0 ? [...new Set(choisis)] : deployes.map((d) => d.code);
  const { periode, erreurs } = lirePeriodeEtErreurs(params, maintenant);
  const erreursDepartements =
    inconnus.length > 0
      ? `Département inconnu ou sans dispositif déployé\u00a0: ${inconnus.join(", ")}. ${
          choisis.length > 0 ? "Il n'est pas retenu." : "Tous les départements sont affichés."
        }`
      : undefined;
  const filtre = { departements: selection, periode };
  const [indicateurs, lignes] =
    selection.length > 0
      ? await Promise.all([
          indicateursDesPages(db, filtre, "agregee", maintenant),
          lignesDesPages(db, filtre, maintenant),
        ])
      : [null, []];
  const parCode = new Map(lignes.map((l) => [l.code, l]));
  // Champs shown back: the period used, each invalid field as typed.
  const champs = champsPeriode(periode);
  for (const champ of Object.keys(erreurs) as (keyof typeof champs)[]) champs[champ] = params.get(champ) ?? "";
  return data(
    {
      departements: deployes.map((d) => ({ ...d, indicateurs: parCode.get(d.code) ?? null })),
      selection,
      tous: choisis.length === 0,
      indicateurs,
      tableau: indicateurs
        ? await htmlTableauDeBord(indicateurs, async () => ({ graphiques: graphiquesIndicateurs(indicateurs) }))
        : "",
      champs,
      erreurs: { ...erreurs, ...(erreursDepartements ? { departement: erreursDepartements } : {}) },
      requete: new URLSearchParams(Object.entries(champs).filter(([, v]) => v !== "") as [string, string][]).toString(),
    },
    { status: Object.keys(erreurs).length > 0 || erreursDepartements ? 400 : 200 },
  );
}

export default function NationalHome({ loaderData }: Route.ComponentProps) {
  const { departements, selection, tous, indicateurs, tableau, champs, erreurs, requete } = loaderData;
  const choisis = new Set(selection);
  const nombre = (n: number | undefined) => (n === undefined ? "–" : formatNumber(n));
  const taux = (n: number | null | undefined) => texteValeur(n ?? null, "taux");
  return (
    <div>
      <h1>Vue nationale</h1>
      <p className="mt-1 text-slate-700">
        {indicateurs ? `${indicateurs.filtre.periode.libelle} · ` : ""}
        {tous
          ? "tous les départements où le dispositif est déployé"
          : `${formatNumber(selection.length)} département${selection.length > 1 ? "s" : ""} choisi${selection.length > 1 ? "s" : ""}`}{" "}
        · données agrégées (les nombres de 1 ou 2 sont affichés «&nbsp;&lt;&nbsp;3&nbsp;»)
      </p>

      <section aria-labelledby="filtre-national" className="mt-6">
        <h2 id="filtre-national">Période et départements</h2>
        <Form method="get" className="mt-3">
          <ChampsPeriode prefixe="national" champs={champs} erreurs={erreurs} />
          <fieldset aria-describedby={erreurs.departement ? "national-departement-erreur" : undefined}>
            <legend className="mb-2 font-semibold">Départements (aucun coché&nbsp;: tous)</legend>
            <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
              {departements.map((d) => (
                <li key={d.code}>
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      name="departement"
                      value={d.code}
                      defaultChecked={!tous && choisis.has(d.code)}
                    />
                    {d.code} – {d.nom}
                  </label>
                </li>
              ))}
            </ul>
            {erreurs.departement ? (
              <p id="national-departement-erreur" className="mt-1 text-sm font-semibold text-alerte-700">
                {erreurs.departement}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className="btn mt-4">
            Afficher
          </button>
        </Form>
      </section>

      <section aria-labelledby="par-departement" className="mt-8">
        <h2 id="par-departement">Par département</h2>
        <DataTable
          caption="Départements où le dispositif est déployé, et leurs indicateurs sur la période"
          captionHidden
          rows={departements}
          rowKey={(d) => d.code}
          empty="Aucun département n'a encore de coordination ni de structure."
          columns={[
            {
              header: "Département",
              cell: (d) => (
                <a href={`/espace/indicateurs?departement=${d.code}&${requete}`}>
                  {d.code} – {d.nom}
                </a>
              ),
            },
            {
              header: "Coordinateurs",
              cell: (d) => <a href={`/espace/equipe?departement=${d.code}`}>{formatNumber(d.coordinateurs)}</a>,
              align: "right",
            },
            { header: "Structures", cell: (d) => formatNumber(d.structures), align: "right" },
            { header: "Habitants", cell: (d) => formatNumber(d.population), align: "right" },
            { header: "Promeneurs actifs", cell: (d) => nombre(d.indicateurs?.promeneursActifs), align: "right" },
            { header: "Bilans", cell: (d) => nombre(d.indicateurs?.rapports), align: "right" },
            { header: "Profils conformes", cell: (d) => taux(d.indicateurs?.tauxConformite), align: "right" },
            { header: "Nouveaux jeunes", cell: (d) => nombre(d.indicateurs?.nouveaux), align: "right" },
            { header: "Échanges", cell: (d) => nombre(d.indicateurs?.echanges), align: "right" },
            { header: "Demandes", cell: (d) => nombre(d.indicateurs?.demandes), align: "right" },
            {
              header: "Diversité (Shannon)",
              cell: (d) => texteValeur(d.indicateurs?.shannon ?? null, "indice"),
              align: "right",
            },
            { header: "Présence", cell: (d) => taux(d.indicateurs?.tauxParticipation), align: "right" },
            { header: "Publications", cell: (d) => nombre(d.indicateurs?.publications), align: "right" },
            { header: "Communication", cell: (d) => nombre(d.indicateurs?.actionsCommunication), align: "right" },
            { header: "Population couverte", cell: (d) => taux(d.indicateurs?.tauxPopulationCouverte), align: "right" },
          ]}
        />
      </section>

      {indicateurs ? (
        <>
          <section aria-labelledby="resume-national" className="mt-8">
            <h2 id="resume-national">Les neuf indicateurs, départements réunis</h2>
            <ResumeIndicateurs indicateurs={indicateurs} lien="" />
          </section>
          <div className="mt-8">
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: TableauDeBord rendered on the server by React (escaped), kept per computed set of indicators. */}
            <div dangerouslySetInnerHTML={{ __html: tableau }} />
          </div>
        </>
      ) : null}
    </div>
  );
}
