import { data, Form, Link, redirect } from "react-router";
import { can } from "~/domain/comptes/policy";
import { repondre } from "~/domain/regroupements/invitation.commands.server";
import { findMesInvitations } from "~/domain/regroupements/invitation.queries.server";
import {
  lieuOuEnLigne,
  REGROUPEMENT_TYPES,
  type RegroupementType,
  type Reponse,
  regroupementTypeLabels,
  reponseLabels,
} from "~/domain/regroupements/regroupement.labels";
import { findRegroupementsCoordination } from "~/domain/regroupements/regroupement.queries.server";
import { formatPlage, lirePeriode, lireType, PERIODES, periodeLabels } from "~/domain/regroupements/regroupement.rules";
import { reponseSchema } from "~/domain/regroupements/regroupement.schema";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, safeReturnPath, setFlash } from "~/server/request.server";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/regroupements";
import { BoutonsReponse } from "./regroupements.form";

export const meta: Route.MetaFunction = () => [{ title: "Regroupements – Promeneurs du Net" }];

const lieuDe = (r: { lieu: string; communeNom: string | null; lienVisio: string | null }) => lieuOuEnLigne(r) || "–";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "regroupement.lire");
  const db = getDb();
  const now = new Date();
  if (can(actor, "regroupement.gerer")) {
    const departement = pickDepartement(actor, "regroupement.gerer", request);
    const url = new URL(request.url);
    const periode = lirePeriode(url.searchParams.get("periode"));
    const type = lireType(url.searchParams.get("type"));
    const rows = await findRegroupementsCoordination(db, departement, { periode, type, now });
    return {
      vue: "coordination" as const,
      departement,
      periode,
      type,
      regroupements: rows.map((r) => ({
        id: r.id,
        type: r.type as RegroupementType,
        titre: r.titre,
        quand: formatPlage(r.debut, r.fin),
        lieu: lieuDe(r),
        capacite: r.capacite,
        annule: r.statut === "annule",
        invites: r.invites,
        inscrits: r.inscrits,
        enAttente: r.enAttente,
      })),
      invitations: [],
    };
  }
  const [aVenir, passees] = await Promise.all([
    findMesInvitations(db, actor.userId, { now }),
    findMesInvitations(db, actor.userId, { now, passees: true, limite: 20 }),
  ]);
  const vue = (rows: typeof aVenir) =>
    rows.map((r) => ({
      id: r.id,
      type: r.type as RegroupementType,
      titre: r.titre,
      quand: formatPlage(r.debut, r.fin),
      lieu: lieuDe(r),
      annule: r.statut === "annule",
      commence: r.debut.getTime() <= now.getTime(),
      reponse: r.reponse as Reponse,
    }));
  return {
    vue: "invite" as const,
    departement: null,
    periode: null,
    type: null,
    regroupements: [],
    invitations: vue(aVenir),
    passees: vue(passees),
  };
}

/** One-tap answers from the list (and from the promeneur's home, which posts here). */
export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "regroupement.repondre");
  const formData = await request.formData();
  const regroupementId = String(formData.get("regroupementId") ?? "");
  const parsed = reponseSchema.safeParse({ reponse: formData.get("reponse") ?? undefined });
  if (!parsed.success) {
    return data({ regroupementId, erreur: parsed.error.issues[0]?.message ?? "" }, { status: 400 });
  }
  try {
    await repondre(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      regroupementId,
      parsed.data.reponse,
    );
  } catch (error) {
    if (error instanceof Invalid) return data({ regroupementId, erreur: error.message }, { status: 400 });
    throw error;
  }
  setFlash(
    context,
    parsed.data.reponse === "oui"
      ? "Réponse enregistrée : vous participez."
      : "Réponse enregistrée : vous ne participez pas.",
  );
  return redirect(safeReturnPath(String(formData.get("retour") ?? ""), "/espace/regroupements"));
}

export default function RegroupementsPage({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.vue === "invite") {
    return (
      <div className="max-w-3xl">
        <h1>Mes regroupements</h1>
        <p className="mt-2">
          Les formations, temps d'échange et réunions auxquels vous êtes invité·e. Dites si vous venez : la coordination
          s'organise avec vos réponses.
        </p>
        <section aria-labelledby="a-venir" className="mt-6">
          <h2 id="a-venir">À venir</h2>
          {loaderData.invitations.length === 0 ? (
            <p className="mt-2">Aucune invitation pour l'instant.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200">
              {loaderData.invitations.map((i) => (
                <li key={i.id} className="py-3">
                  <p className="text-sm text-slate-700">{regroupementTypeLabels[i.type]}</p>
                  <p className="font-semibold">
                    <Link to={`/espace/regroupements/${i.id}`}>{i.titre}</Link>
                    {i.annule ? " — annulé" : ""}
                  </p>
                  <p>
                    {i.quand} · {i.lieu}
                  </p>
                  <p className="mt-1">
                    Votre réponse : <strong>{reponseLabels[i.reponse]}</strong>
                  </p>
                  {!i.annule && !i.commence ? (
                    <div className="mt-2">
                      <BoutonsReponse regroupementId={i.id} reponse={i.reponse} titre={i.titre} />
                    </div>
                  ) : null}
                  {actionData?.regroupementId === i.id ? (
                    <p role="alert" className="mt-1 text-sm font-semibold text-alerte-700">
                      {actionData.erreur}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        {loaderData.passees && loaderData.passees.length > 0 ? (
          <section aria-labelledby="passes" className="mt-6">
            <h2 id="passes">Passés</h2>
            <ul className="mt-2 divide-y divide-slate-200">
              {loaderData.passees.map((i) => (
                <li key={i.id} className="py-2">
                  <Link to={`/espace/regroupements/${i.id}`}>{i.titre}</Link> — {i.quand}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    );
  }
  const { departement, periode, type, regroupements } = loaderData;
  return (
    <div>
      <h1>Regroupements</h1>
      <p className="mt-1 text-slate-700">Département {departement}</p>
      <p className="mt-3">
        <Link to={`/espace/regroupements/nouveau?departement=${departement}`} className="btn">
          Nouveau regroupement
        </Link>
      </p>
      <Form method="get" className="mt-6 flex flex-wrap items-end gap-4">
        <input type="hidden" name="departement" value={departement ?? ""} />
        <SelectFiltre
          id="filtre-type"
          name="type"
          label="Type"
          defaultValue={type}
          toutes="Tous les types"
          options={REGROUPEMENT_TYPES.map((t) => ({ value: t, label: regroupementTypeLabels[t] }))}
        />
        <div>
          <label htmlFor="filtre-periode" className="mb-1 block font-semibold">
            Période
          </label>
          <select id="filtre-periode" name="periode" defaultValue={periode ?? "a_venir"} className="input">
            {PERIODES.map((p) => (
              <option key={p} value={p}>
                {periodeLabels[p]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Filtrer
        </button>
      </Form>
      {regroupements.length === 0 ? (
        <p className="mt-6">Aucun regroupement pour ces critères.</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">Regroupements du département {departement}</caption>
            <thead>
              <tr>
                <th scope="col">Regroupement</th>
                <th scope="col">Quand</th>
                <th scope="col">Où</th>
                <th scope="col">Inscrits</th>
                <th scope="col">Sans réponse</th>
              </tr>
            </thead>
            <tbody>
              {regroupements.map((r) => (
                <tr key={r.id} className="border-t border-slate-200 align-top">
                  <td className="py-2">
                    <span className="block text-sm text-slate-700">{regroupementTypeLabels[r.type]}</span>
                    <Link to={`/espace/regroupements/${r.id}`}>{r.titre}</Link>
                    {r.annule ? <span className="font-semibold"> (annulé)</span> : null}
                  </td>
                  <td className="py-2">{r.quand}</td>
                  <td className="py-2">{r.lieu}</td>
                  <td className="py-2">
                    {r.inscrits}
                    {r.capacite ? ` / ${r.capacite}` : ""}
                  </td>
                  <td className="py-2">
                    {r.enAttente} sur {r.invites}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
