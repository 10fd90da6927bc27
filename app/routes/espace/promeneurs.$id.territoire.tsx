import { data, Form, href, Link, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { ajouterTerritoire, retirerTerritoire } from "~/domain/promeneurs/promeneur.commands.server";
import { publicAccess } from "~/domain/promeneurs/promeneur.policy";
import {
  findEpciDuDepartement,
  findPromeneurRow,
  findTerritoire,
  rechercherCommunes,
} from "~/domain/promeneurs/promeneur.queries.server";
import { territoireChangeSchema } from "~/domain/promeneurs/promeneur.schema";
import { plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { FormErrors } from "~/ui/field";
import { TerritoirePicker } from "~/ui/territoire-picker";
import type { Route } from "./+types/promeneurs.$id.territoire";

export const meta: Route.MetaFunction = () => [{ title: "Territoire d'intervention – Promeneurs du Net" }];

/**
 * Who sees this page follows the one rule of a promeneur's pages (`publicAccess`): whoever reads
 * the internal record (national, coordinator, referent) and the promeneur themselves; the
 * coordinator and the promeneur edit. Anyone else: 404. The commands check again on the locked row.
 */
async function access(actor: Actor, id: string) {
  const row = await findPromeneurRow(getDb(), id);
  if (!row) notFound();
  const acces = publicAccess(actor, row);
  if (acces === "none") notFound();
  return { row, peutModifier: acces === "manage" };
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

const MESSAGES = {
  "ajouter-commune": "Commune ajoutée au territoire.",
  "ajouter-epci": "Intercommunalité ajoutée au territoire.",
  "retirer-commune": "Commune retirée du territoire.",
  "retirer-epci": "Intercommunalité retirée du territoire.",
} as const;

/** One change (add or remove one commune or EPCI), applied on the locked promeneur by the command. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const { row } = await access(actor, params.id);
  const formData = await request.formData();
  const parsed = territoireChangeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "intent");
    if (field === "intent") throw data({ message: "Action inconnue." }, { status: 400 });
    return data({ field, message: issue?.message ?? "Saisie invalide." }, { status: 400 });
  }
  const change = parsed.data;
  const element = "communeCode" in change ? { communeCode: change.communeCode } : { epciSiren: change.epciSiren };
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  try {
    if (change.intent.startsWith("ajouter")) await ajouterTerritoire(ctx, actor, row.id, element);
    else await retirerTerritoire(ctx, actor, row.id, element);
  } catch (error) {
    if (error instanceof Invalid) return data({ field: error.field, message: error.message }, { status: 400 });
    throw error;
  }
  setFlash(context, MESSAGES[change.intent]);
  const url = new URL(request.url);
  return redirect(`${url.pathname}${url.search}`);
}

function RetirerForm({ name, value, label }: { name: "communeCode" | "epciSiren"; value: string; label: string }) {
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value={name === "communeCode" ? "retirer-commune" : "retirer-epci"} />
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
