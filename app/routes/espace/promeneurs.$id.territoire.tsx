import { data, Form, href, Link, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { definirTerritoire } from "~/domain/promeneurs/promeneur.commands.server";
import { rethrowAsHttp } from "~/domain/promeneurs/promeneur.errors.server";
import { canManagePromeneurPublic, canReadPromeneur } from "~/domain/promeneurs/promeneur.policy";
import {
  findEpciDuDepartement,
  findPromeneurRow,
  findTerritoire,
  rechercherCommunes,
} from "~/domain/promeneurs/promeneur.queries.server";
import { plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import { TerritoirePicker } from "~/ui/territoire-picker";
import type { Route } from "./+types/promeneurs.$id.territoire";

export const meta: Route.MetaFunction = () => [{ title: "Territoire d'intervention – Promeneurs du Net" }];

const ROLES = ["national", "coordinateur", "referent", "promeneur"];

/**
 * Who sees this page: those who read the internal record (national, coordinator, referent) and
 * those who manage the public one (the promeneur themselves); only the latter two edit. Steering
 * members and reviewers: 403; anyone else out of scope: 404.
 */
async function access(actor: Actor, id: string) {
  if (!actor.roles.some((g) => ROLES.includes(g.role))) forbidden();
  const row = await findPromeneurRow(getDb(), id);
  if (!row) notFound();
  const peutModifier = canManagePromeneurPublic(actor, row);
  if (!peutModifier && !canReadPromeneur(actor, row)) notFound();
  return { row, peutModifier };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const { row, peutModifier } = await access(actor, params.id);
  const db = getDb();
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 80);
  const [territoire, epci, resultats] = await Promise.all([
    findTerritoire(db, row.id),
    findEpciDuDepartement(db, row.departement),
    q ? rechercherCommunes(db, row.departement, q) : Promise.resolve([]),
  ]);
  return {
    promeneur: { id: row.id, prenom: row.prenom, nom: row.nom, nomPublic: row.nomPublic, departement: row.departement },
    peutModifier,
    q,
    resultats: resultats.map((c) => ({ code: c.code, nom: c.nom })),
    territoire,
    epci,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const { row } = await access(actor, params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const communeCode = String(formData.get("communeCode") ?? "");
  const epciSiren = String(formData.get("epciSiren") ?? "");
  const db = getDb();
  const current = await findTerritoire(db, row.id);
  const communes = current.communes.map((c) => c.code);
  const epci = current.epci.map((e) => e.siren);
  let message: string;
  if (intent === "ajouter-commune" && communeCode) {
    communes.push(communeCode);
    message = "Commune ajoutée au territoire.";
  } else if (intent === "ajouter-epci" && epciSiren) {
    epci.push(epciSiren);
    message = "Intercommunalité ajoutée au territoire.";
  } else if (intent === "retirer" && (communeCode || epciSiren)) {
    message = communeCode ? "Commune retirée du territoire." : "Intercommunalité retirée du territoire.";
  } else {
    throw data({ message: "Action inconnue." }, { status: 400 });
  }
  const next = {
    communes: intent === "retirer" ? communes.filter((c) => c !== communeCode) : communes,
    epci: intent === "retirer" ? epci.filter((e) => e !== epciSiren) : epci,
  };
  try {
    await definirTerritoire({ db, now: new Date(), requestId: requestId(context) }, actor, row.id, next);
  } catch (error) {
    if (error instanceof Invalid) return data({ field: error.field, message: error.message }, { status: 400 });
    rethrowAsHttp(error);
  }
  setFlash(context, message);
  const url = new URL(request.url);
  return redirect(`${url.pathname}${url.search}`);
}

function RetirerForm({ name, value, label }: { name: string; value: string; label: string }) {
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value="retirer" />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className="btn-secondary text-sm" aria-label={`Retirer ${label}`}>
        Retirer
      </button>
    </Form>
  );
}

export default function TerritoirePage({ loaderData, actionData }: Route.ComponentProps) {
  const { promeneur, territoire, epci, peutModifier } = loaderData;
  const error = actionData && "message" in actionData ? actionData.message : null;
  const epciChoisis = new Set(territoire.epci.map((e) => e.siren));
  const vide = territoire.communes.length + territoire.epci.length === 0;
  return (
    <div className="max-w-3xl">
      <p>
        <Link to={href("/espace/promeneurs/:id", { id: promeneur.id })} className="underline">
          ← Retour à la fiche du promeneur
        </Link>
      </p>
      <h1 className="mt-2">Territoire d'intervention de {promeneur.nomPublic}</h1>
      <p className="mt-1 text-slate-700">
        Les communes et intercommunalités du département {promeneur.departement} où {promeneur.prenom} {promeneur.nom}{" "}
        intervient. Le public les voit sur sa fiche.
      </p>
      <FormErrors errors={error ? [error] : undefined} id="territoire-erreur" />

      <section aria-labelledby="selection" className="mt-6">
        <h2 id="selection">Territoire actuel</h2>
        {vide ? (
          <p className="mt-2">Aucune commune ni intercommunalité pour l'instant.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {territoire.epci.map((e) => (
              <li key={e.siren} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                <span>{e.nom} (toute l'intercommunalité)</span>
                {peutModifier ? <RetirerForm name="epciSiren" value={e.siren} label={e.nom} /> : null}
              </li>
            ))}
            {territoire.communes.map((c) => (
              <li key={c.code} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                <span>{c.nom}</span>
                {peutModifier ? <RetirerForm name="communeCode" value={c.code} label={c.nom} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {peutModifier ? (
        <>
          <section aria-labelledby="ajouter-commune" className="mt-8">
            <h2 id="ajouter-commune">Ajouter une commune</h2>
            <div className="mt-2">
              <TerritoirePicker
                q={loaderData.q}
                resultats={loaderData.resultats}
                selection={territoire.communes.map((c) => c.code)}
              />
            </div>
          </section>

          <section aria-labelledby="ajouter-epci" className="mt-8">
            <h2 id="ajouter-epci">Ajouter une intercommunalité entière</h2>
            <ul className="mt-2 divide-y divide-slate-200">
              {epci.map((e) => (
                <li key={e.siren} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                  <span>
                    {e.nom}{" "}
                    <span className="text-sm text-slate-600">({plural(e.communes, "commune")} du département)</span>
                  </span>
                  {epciChoisis.has(e.siren) ? (
                    <span className="text-sm">déjà dans le territoire</span>
                  ) : (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="ajouter-epci" />
                      <input type="hidden" name="epciSiren" value={e.siren} />
                      <button
                        type="submit"
                        className="btn-secondary text-sm"
                        aria-label={`Ajouter tout l'EPCI ${e.nom}`}
                      >
                        Ajouter tout l'EPCI
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </div>
  );
}
