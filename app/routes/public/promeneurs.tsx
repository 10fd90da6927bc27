import { RESEAUX, reseauLabels } from "~/domain/profils/profil.labels";
import { isTheme, THEMES, themeLabels } from "~/domain/promeneurs/theme.labels";
import {
  type CartePromeneur,
  type FiltresAnnuaire,
  findPromeneursPublics,
  type ReseauPublic,
} from "~/domain/public/annuaire-public.queries.server";
import { plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { memoiser } from "~/server/memo.server";
import { publicMeta } from "~/ui/meta";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/promeneurs";

export const meta: Route.MetaFunction = (args) =>
  publicMeta(args, {
    title: "Trouver un promeneur",
    description:
      "L'annuaire officiel des Promeneurs du Net des Alpes-de-Haute-Provence\u00a0: par commune, réseau social, thème et présence en ligne.",
    path: "/promeneurs",
  });

const isReseau = (value: string): boolean => (RESEAUX as readonly string[]).includes(value);

/** The filters of the query string; unknown network or theme codes are ignored. */
function filtresOf(url: URL) {
  const commune = (url.searchParams.get("commune") ?? "").trim().slice(0, 100);
  const reseau = url.searchParams.get("reseau") ?? "";
  const theme = url.searchParams.get("theme") ?? "";
  return {
    commune,
    reseau: isReseau(reseau) ? reseau : "",
    theme: isTheme(theme) ? theme : "",
    enLigne: url.searchParams.get("enLigne") === "1",
  };
}

export async function loader({ request }: Route.LoaderArgs) {
  const filtres = filtresOf(new URL(request.url));
  const query: FiltresAnnuaire = {
    commune: filtres.commune || undefined,
    reseau: filtres.reseau || undefined,
    theme: filtres.theme || undefined,
    enLigne: filtres.enLigne,
  };
  const departement = getEnv().DEFAULT_DEPARTEMENT;
  const maintenant = new Date();
  // Memoised for the current minute (« en ligne maintenant » changes on the minute at most) until a
  // write of the département: a valley's weak connection and a busy evening both get it at once.
  const minute = Math.floor(maintenant.getTime() / 60_000);
  const annuaire = await memoiser(
    `annuaire:${departement}:${minute}:${JSON.stringify(query)}`,
    [departement],
    60_000,
    () => findPromeneursPublics(getDb(), departement, maintenant, query),
    Date.now,
    "public",
  );
  return {
    filtres,
    filtre: Boolean(filtres.commune || filtres.reseau || filtres.theme || filtres.enLigne),
    ...annuaire,
  };
}

/** A link to the real profile that says which network it opens. */
function ReseauLink({ reseau }: { reseau: ReseauPublic }) {
  return (
    <a href={reseau.url} rel="noopener noreferrer">
      <span className="font-semibold">{reseau.label}</span>&nbsp;: {reseau.handle}
    </a>
  );
}

function Carte({ p }: { p: CartePromeneur }) {
  return (
    <li className="flex gap-4 rounded-lg border border-slate-300 p-4">
      {p.photo ? (
        <img
          src={`${p.photo}?taille=96`}
          srcSet={`${p.photo}?taille=192 2x`}
          alt=""
          width={96}
          height={96}
          loading="lazy"
          className="h-24 w-24 shrink-0 rounded-full object-cover"
        />
      ) : null}
      <div className="min-w-0">
        <h3 className="text-lg font-semibold">
          <a href={`/promeneurs/${encodeURIComponent(p.slug)}`}>{p.nomPublic}</a>
        </h3>
        <p>
          {p.structure.nom}
          {p.structure.commune ? `, ${p.structure.commune}` : ""}
        </p>
        <p className="mt-1">
          {p.enLigne ? <strong className="text-green-800">En ligne maintenant. </strong> : null}
          Aujourd'hui&nbsp;: {p.horairesDuJour}
        </p>
        <ul className="mt-2 space-y-1">
          {p.reseaux.map((r) => (
            <li key={`${r.reseau}-${r.handle}`}>
              <ReseauLink reseau={r} />
            </li>
          ))}
        </ul>
      </div>
    </li>
  );
}

export default function PromeneursPage({ loaderData }: Route.ComponentProps) {
  const { filtres, promeneurs, communes, communeInconnue, filtre } = loaderData;
  return (
    <div className="max-w-4xl">
      <h1>Trouver un promeneur du Net</h1>
      <p className="mt-4 text-lg">
        L'annuaire officiel des promeneurs du département. Chaque profil présenté ici a été vérifié par la coordination.
      </p>
      <p className="mt-2">
        Besoin d'aide tout de suite&nbsp;? Consultez les <a href="/besoin-d-aide">numéros d'urgence et d'écoute</a>.
      </p>

      <form method="get" action="/promeneurs" className="mt-6 rounded-lg border border-slate-300 p-4">
        <h2 className="mt-0 text-xl">Rechercher</h2>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="commune" className="mb-1 block font-semibold">
              Commune
            </label>
            <input
              id="commune"
              name="commune"
              type="text"
              list="communes-couvertes"
              defaultValue={filtres.commune}
              autoComplete="off"
              className="input"
              aria-describedby={communeInconnue ? "commune-erreur" : undefined}
            />
            <datalist id="communes-couvertes">
              {communes.map((nom) => (
                <option key={nom} value={nom} />
              ))}
            </datalist>
            {communeInconnue ? (
              <p id="commune-erreur" className="mt-1 text-sm font-semibold text-alerte-700">
                Aucune commune ne porte ce nom. Vérifiez l'orthographe ou indiquez le code INSEE.
              </p>
            ) : null}
          </div>
          <SelectFiltre
            id="reseau"
            name="reseau"
            label="Réseau social"
            defaultValue={filtres.reseau}
            toutes="Tous les réseaux"
            options={RESEAUX.map((r) => ({ value: r, label: reseauLabels[r] }))}
          />
          <SelectFiltre
            id="theme"
            name="theme"
            label="Thème"
            defaultValue={filtres.theme}
            toutes="Tous les thèmes"
            options={THEMES.map((t) => ({ value: t, label: themeLabels[t] }))}
          />
          <div className="flex items-end">
            <label className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name="enLigne" value="1" defaultChecked={filtres.enLigne} />
              En ligne maintenant
            </label>
          </div>
        </div>
        <p className="mt-4 flex flex-wrap gap-3">
          <button type="submit" className="btn min-h-11">
            Rechercher
          </button>
          {filtre ? (
            <a href="/promeneurs" className="btn-secondary min-h-11">
              Effacer les filtres
            </a>
          ) : null}
        </p>
      </form>

      <section aria-labelledby="titre-resultats" className="mt-8">
        <h2 id="titre-resultats">Promeneurs</h2>
        <p className="mt-2" role="status">
          {promeneurs.length === 0
            ? filtre
              ? "Aucun promeneur ne correspond à votre recherche."
              : "Aucun promeneur n'est encore publié dans l'annuaire."
            : `${plural(promeneurs.length, "promeneur trouvé", "promeneurs trouvés")}.`}
        </p>
        {promeneurs.length > 0 ? (
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {promeneurs.map((p) => (
              <Carte key={p.slug} p={p} />
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="titre-authentique" className="prose-pdn mt-8 rounded-lg bg-slate-50 p-4">
        <h2 id="titre-authentique">Comment vérifier qu'un profil est authentique</h2>
        <ul>
          <li>le promeneur figure dans cet annuaire, avec le même nom de compte, au caractère près&nbsp;;</li>
          <li>sa fiche sur ce site donne le lien vers son profil, et son profil renvoie vers cette fiche&nbsp;;</li>
          <li>il affiche son prénom, sa photo, le nom de sa structure et le visuel «&nbsp;Promeneurs du Net&nbsp;».</li>
        </ul>
        <p>
          Un promeneur ne vous demandera jamais d'argent, de photos intimes ni vos mots de passe. En cas de doute,{" "}
          <a href="/contact">contactez la coordination</a>. En cas de danger, consultez la page{" "}
          <a href="/besoin-d-aide">Besoin d'aide</a>.
        </p>
      </section>
    </div>
  );
}
