import { hasRole } from "~/domain/comptes/actor";
import { departementsFor } from "~/domain/comptes/policy";
import { canGererNumero } from "~/domain/orientation/numero.commands.server";
import { findNumerosForGestion } from "~/domain/orientation/numero.queries.server";
import { isAReverifier, VERIFICATION_MOIS } from "~/domain/orientation/numero.rules";
import type { NumeroKind } from "~/domain/orientation/numeros-nationaux";
import { numeroGenreLabels } from "~/domain/orientation/orientation.labels";
import { type SituationCategorie, situationCategorieLabels } from "~/domain/situations/situation.labels";
import { formatDate, plural } from "~/lib/format";
import { formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { DepartementLinks } from "~/ui/departement-links";
import type { Route } from "./+types/numeros";

export const meta: Route.MetaFunction = () => [{ title: "Numéros d'aide – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "numeros.gerer");
  const departement = pickDepartement(actor, "numeros.gerer", request);
  const aujourdhui = jourParis(new Date());
  const numeros = (await findNumerosForGestion(getDb(), departement)).map((n) => ({
    id: n.id,
    departement: n.departement,
    nom: n.nom,
    genre: n.genre as NumeroKind,
    telephone: n.telephone,
    sms: n.sms,
    url: n.url,
    verifieLe: n.verifieLe,
    actif: n.actif,
    categories: n.categories,
    aReverifier: isAReverifier(n.verifieLe, aujourdhui),
    modifiable: canGererNumero(actor, n.departement),
  }));
  return {
    departement,
    departements: departementsFor(actor, "numeros.gerer"),
    national: hasRole(actor, "national"),
    today: formatJourIso(aujourdhui),
    numeros,
  };
}

type Ligne = Route.ComponentProps["loaderData"]["numeros"][number];

function Actions({ numero, retour }: { numero: Ligne; retour: string }) {
  if (!numero.modifiable) return <span className="text-sm text-slate-700">Consultation seule</span>;
  return (
    <div className="flex flex-wrap gap-2">
      <a href={`/espace/numeros/${numero.id}`} className="btn-secondary">
        Modifier<span className="sr-only"> « {numero.nom} »</span>
      </a>
      <form method="post" action={`/espace/numeros/${numero.id}`}>
        <CsrfInput />
        <input type="hidden" name="intent" value="verifier" />
        <input type="hidden" name="retour" value={retour} />
        <button type="submit" className="btn-secondary">
          Vérifié aujourd'hui<span className="sr-only"> : « {numero.nom} »</span>
        </button>
      </form>
      <form method="post" action={`/espace/numeros/${numero.id}`}>
        <CsrfInput />
        <input type="hidden" name="intent" value={numero.actif ? "desactiver" : "reactiver"} />
        <input type="hidden" name="retour" value={retour} />
        <button type="submit" className="btn-secondary">
          {numero.actif ? "Masquer" : "Remettre en ligne"}
          <span className="sr-only"> « {numero.nom} »</span>
        </button>
      </form>
    </div>
  );
}

function Tableau({ numeros, caption, retour }: { numeros: Ligne[]; caption: string; retour: string }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-2 pr-3">
              Service
            </th>
            <th scope="col" className="py-2 pr-3">
              Contact
            </th>
            <th scope="col" className="py-2 pr-3">
              Vérifié le
            </th>
            <th scope="col" className="py-2">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {numeros.map((n) => (
            <tr key={n.id} className={`border-b border-slate-200 align-top ${n.actif ? "" : "text-slate-600"}`}>
              <td className="py-2 pr-3">
                <span className="font-semibold">{n.nom}</span>
                <br />
                <span className="text-sm">{numeroGenreLabels[n.genre] ?? n.genre}</span>
                <span className="block text-sm text-slate-700">
                  Situations&nbsp;:{" "}
                  {n.categories.length === 0
                    ? "toutes"
                    : n.categories.map((c) => situationCategorieLabels[c as SituationCategorie] ?? c).join(" · ")}
                </span>
                {n.actif ? null : (
                  <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-sm text-slate-800">Masqué</span>
                )}
              </td>
              <td className="py-2 pr-3 text-sm">
                {n.telephone ? <span className="block whitespace-nowrap">Tél. {n.telephone}</span> : null}
                {n.sms ? <span className="block whitespace-nowrap">SMS {n.sms}</span> : null}
                {n.url ? <span className="block break-all">{n.url}</span> : null}
              </td>
              <td className="py-2 pr-3 text-sm">
                {formatDate(n.verifieLe)}
                {n.aReverifier ? (
                  <span className="mt-1 block w-fit rounded bg-amber-100 px-2 py-0.5 font-semibold text-amber-950">
                    À revérifier
                  </span>
                ) : null}
              </td>
              <td className="py-2">
                <Actions numero={n} retour={retour} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function NumerosPage({ loaderData }: Route.ComponentProps) {
  const { departement, numeros, national } = loaderData;
  const nationaux = numeros.filter((n) => n.departement === null);
  const locaux = numeros.filter((n) => n.departement !== null);
  const aReverifier = locaux.filter((n) => n.actif && n.aReverifier).length;
  const retour = `/espace/numeros?departement=${departement}`;
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1>Numéros d'aide</h1>
        <a href={`/espace/numeros/nouveau?departement=${departement}`} className="btn">
          Ajouter un service du département
        </a>
      </div>
      <DepartementLinks path="/espace/numeros" departement={departement} departements={loaderData.departements} />
      <p className="mt-3 max-w-3xl">
        Ces numéros sont affichés sur la page publique <a href="/besoin-d-aide">« Besoin d'aide »</a> et à côté du
        formulaire de situation des promeneurs. Une fiche qui n'a pas été vérifiée depuis {VERIFICATION_MOIS} mois est
        signalée « à revérifier »&nbsp;: appelez le service ou consultez son site, puis cliquez sur « Vérifié
        aujourd'hui ».
      </p>

      <section aria-labelledby="titre-locaux" className="mt-8">
        <h2 id="titre-locaux">Services du département</h2>
        <p className="mt-1">
          {locaux.length === 0
            ? "Aucun service du département pour le moment : ajoutez la CRIP, la Maison des Adolescents, les PAEJ, les Missions locales, les PIJ…"
            : `${plural(locaux.length, "service")}, dont ${plural(aReverifier, "fiche", "fiches")} à revérifier.`}
        </p>
        {locaux.length > 0 ? (
          <Tableau numeros={locaux} caption={`Services du département ${departement}`} retour={retour} />
        ) : null}
      </section>

      <section aria-labelledby="titre-nationaux" className="mt-10">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h2 id="titre-nationaux">Numéros nationaux</h2>
          {national ? (
            <a href="/espace/numeros/nouveau?portee=national" className="btn-secondary">
              Ajouter un numéro national
            </a>
          ) : null}
        </div>
        <p className="mt-1">
          {national
            ? "Tenus par l'équipe nationale : ils sont affichés dans tous les départements."
            : "Tenus par l'équipe nationale, affichés dans tous les départements : vous pouvez les consulter, pas les modifier."}
        </p>
        <Tableau numeros={nationaux} caption="Numéros nationaux" retour={retour} />
      </section>
    </div>
  );
}
