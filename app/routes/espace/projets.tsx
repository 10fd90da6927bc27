import { Form } from "react-router";
import { can, departementsFor } from "~/domain/comptes/policy";
import { requirePorteur } from "~/domain/projets/projet.commands.server";
import {
  isProjetEtat,
  PROJET_ETATS,
  type ProjetEtat,
  type ProjetForme,
  projetEtatLabels,
  projetFormeLabels,
} from "~/domain/projets/projet.labels";
import { findProjetsDuPromeneur, findProjetsForActor, type ProjetLigne } from "~/domain/projets/projet.queries.server";
import { isTheme, THEMES, themeLabels } from "~/domain/promeneurs/theme.labels";
import { formatDate, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { forbidden } from "~/server/errors.server";
import { pickDepartement, requireActor } from "~/server/request.server";
import { DepartementLinks } from "~/ui/departement-links";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/projets";

export const meta: Route.MetaFunction = () => [{ title: "Projets de jeunes – Promeneurs du Net" }];

function ligneOf(p: ProjetLigne) {
  return {
    id: p.id,
    titre: p.titre,
    theme: themeLabels[p.theme as keyof typeof themeLabels] ?? p.theme,
    forme: projetFormeLabels[p.forme as ProjetForme] ?? p.forme,
    nombreJeunes: p.nombreJeunes,
    etat: projetEtatLabels[p.etat as ProjetEtat] ?? p.etat,
    debutLe: p.debutLe,
    besoinSoutien: p.besoinSoutien,
    promeneurNom: p.promeneurNom,
    structureNom: p.structureNom,
  };
}

/**
 * A promeneur sees their own projects; the coordination its département's and a referent their
 * structures' promeneurs', with filters (GET, no script needed). Someone who is both sees their own
 * with `?vue=miens`.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const lecteur = can(actor, "projet.lire");
  if (can(actor, "projet.saisir") && (!lecteur || params.get("vue") === "miens")) {
    const porteur = await requirePorteur(db, actor);
    return {
      vue: "miens" as const,
      departement: porteur.departement,
      departements: [],
      filtres: { etat: "", theme: "", soutien: false },
      projets: (await findProjetsDuPromeneur(db, porteur.id)).map(ligneOf),
    };
  }
  if (!lecteur) forbidden();
  const departement = pickDepartement(actor, "projet.lire", request);
  const etat = params.get("etat") ?? "";
  const theme = params.get("theme") ?? "";
  const soutien = params.get("soutien") === "1";
  const projets = await findProjetsForActor(db, actor, departement, {
    etat: isProjetEtat(etat) ? etat : undefined,
    theme: isTheme(theme) ? theme : undefined,
    soutien,
  });
  return {
    vue: "lecture" as const,
    departement,
    departements: departementsFor(actor, "projet.lire"),
    filtres: { etat: isProjetEtat(etat) ? etat : "", theme: isTheme(theme) ? theme : "", soutien },
    projets: projets.map(ligneOf),
  };
}

type Ligne = Route.ComponentProps["loaderData"]["projets"][number];

function Liste({ projets, avecPromeneur }: { projets: Ligne[]; avecPromeneur: boolean }) {
  return (
    <ul className="mt-3 divide-y divide-slate-200">
      {projets.map((p) => (
        <li key={p.id} className="py-3">
          <p>
            <a href={`/espace/projets/${p.id}`} className="font-semibold">
              {p.titre}
            </a>
            {p.besoinSoutien ? (
              <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-950">
                Soutien demandé
              </span>
            ) : null}
          </p>
          <p className="text-sm text-slate-700">
            {p.etat} · {p.theme} · {p.forme}, {plural(p.nombreJeunes, "jeune", "jeunes")} · depuis le{" "}
            {formatDate(p.debutLe)}
          </p>
          {avecPromeneur ? (
            <p className="text-sm text-slate-700">
              Accompagné par {p.promeneurNom} ({p.structureNom})
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function ProjetsPage({ loaderData }: Route.ComponentProps) {
  const { vue, departement, filtres, projets } = loaderData;
  if (vue === "miens") {
    return (
      <div>
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h1>Mes projets de jeunes</h1>
          <a href="/espace/projets/nouveau" className="btn">
            Ajouter un projet
          </a>
        </div>
        <p className="mt-3 max-w-3xl">
          Les projets que des jeunes portent et que vous accompagnez en ligne. Ils comptent dans les indicateurs du
          réseau&nbsp;; cochez «&nbsp;besoin du soutien de la coordination&nbsp;» pour qu'elle vous contacte.
        </p>
        {projets.length === 0 ? (
          <p className="mt-4">Aucun projet pour le moment.</p>
        ) : (
          <Liste projets={projets} avecPromeneur={false} />
        )}
      </div>
    );
  }
  const filtre = filtres.etat !== "" || filtres.theme !== "" || filtres.soutien;
  return (
    <div>
      <h1>Projets de jeunes</h1>
      <DepartementLinks path="/espace/projets" departement={departement} departements={loaderData.departements} />
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label="Filtrer les projets">
        <input type="hidden" name="departement" value={departement} />
        <SelectFiltre
          id="filtre-etat"
          name="etat"
          label="État"
          defaultValue={filtres.etat}
          toutes="Tous"
          options={PROJET_ETATS.map((e) => ({ value: e, label: projetEtatLabels[e] }))}
        />
        <SelectFiltre
          id="filtre-theme"
          name="theme"
          label="Thème"
          defaultValue={filtres.theme}
          toutes="Tous"
          options={THEMES.map((t) => ({ value: t, label: themeLabels[t] }))}
        />
        <div className="flex items-center gap-2 pb-2">
          <input id="filtre-soutien" name="soutien" type="checkbox" value="1" defaultChecked={filtres.soutien} />
          <label htmlFor="filtre-soutien">Soutien demandé</label>
        </div>
        <button type="submit" className="btn-secondary">
          Filtrer
        </button>
      </Form>
      <p className="mt-4" aria-live="polite">
        {plural(projets.length, "projet")}
        {filtre ? " correspondant aux filtres" : ""}
        {filtre ? (
          <>
            {" · "}
            <a href={`/espace/projets?departement=${departement}`}>Tous les projets</a>
          </>
        ) : null}
      </p>
      {projets.length === 0 ? null : <Liste projets={projets} avecPromeneur />}
    </div>
  );
}
