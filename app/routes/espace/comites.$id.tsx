import { data, Form, redirect } from "react-router";
import { addMembre, setMembreActif, updateMembre } from "~/domain/regroupements/comite.commands.server";
import {
  comptesCopil,
  decisionsDe,
  findComiteLisible,
  membresDe,
  reunionsDe,
} from "~/domain/regroupements/comite.queries.server";
import { estReunionAVenir } from "~/domain/regroupements/comite.rules";
import { MEMBRE_TEXTE_MAX, membreSchema } from "~/domain/regroupements/comite.schema";
import { enRetard } from "~/domain/regroupements/decision.rules";
import {
  DECISION_ETATS,
  type DecisionEtat,
  decisionEtatLabels,
  regroupementTypeLabels,
} from "~/domain/regroupements/regroupement.labels";
import { formatDate, formatDateTime } from "~/lib/format";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/comites.$id";
import { Champ, erreursDe, type RetourFormulaire, retourDe, valeursDe } from "./comites.form";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.comite.nom ?? "Comité"} – Promeneurs du Net` },
];

/**
 * A committee: its members, its meetings and its decisions. The coordination manages the members;
 * a steering member who sits on it reads it.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "comite.lire");
  const db = getDb();
  const { comite, gere } = await findComiteLisible(db, actor, params.id);
  const etatDemande = new URL(request.url).searchParams.get("etat");
  const etat = (DECISION_ETATS as readonly string[]).includes(etatDemande ?? "") ? (etatDemande as DecisionEtat) : null;
  const now = new Date();
  const [membres, reunions, decisions, comptes] = await Promise.all([
    membresDe(db, comite.id),
    reunionsDe(db, comite.id),
    decisionsDe(db, comite.id, etat),
    gere ? comptesCopil(db, comite.departement) : Promise.resolve([]),
  ]);
  return {
    comite: {
      id: comite.id,
      nom: comite.nom,
      type: comite.type,
      description: comite.description,
      departement: comite.departement,
    },
    gere,
    membres,
    comptes,
    aVenir: reunions.filter((r) => estReunionAVenir(r, now)).reverse(),
    passees: reunions.filter((r) => !estReunionAVenir(r, now)),
    decisions,
    etat,
    aujourdhui: jourIso(now),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "comite.gerer");
  const db = getDb();
  // The committee first: another département gets 404 whatever the form says.
  await findComiteLisible(db, actor, params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const membreId = String(form.get("membreId") ?? "") || undefined;
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  if (intent === "desactiver" || intent === "reactiver") {
    await setMembreActif(ctx, actor, params.id, membreId, intent === "reactiver");
    setFlash(context, intent === "reactiver" ? "Membre de nouveau actif." : "Membre retiré du comité.");
    return redirect(`/espace/comites/${params.id}`);
  }
  if (intent !== "ajouter" && intent !== "modifier") {
    return data({ formulaire: "", cible: null, erreurs: { "": ["Action inconnue."] }, valeurs: {} }, { status: 400 });
  }
  const cible = intent === "modifier" ? (membreId ?? null) : null;
  const refus = (erreurs: Record<string, string[]>) =>
    data({ formulaire: "membre", cible, erreurs, valeurs: valeursDe(form) } satisfies RetourFormulaire, {
      status: 400,
    });
  const parsed = membreSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return refus(erreursDe(parsed.error));
  try {
    if (intent === "ajouter") await addMembre(ctx, actor, params.id, parsed.data);
    else await updateMembre(ctx, actor, params.id, membreId, parsed.data);
  } catch (error) {
    if (error instanceof Invalid) return refus({ [error.field]: [error.message] });
    throw error;
  }
  setFlash(context, intent === "ajouter" ? `${parsed.data.nom} ajouté·e au comité.` : "Membre mis à jour.");
  return redirect(`/espace/comites/${params.id}`);
}

type Membre = Route.ComponentProps["loaderData"]["membres"][number];
type Compte = Route.ComponentProps["loaderData"]["comptes"][number];

function MembreForm({
  membre,
  comptes,
  retour,
}: {
  membre: Membre | null;
  comptes: readonly Compte[];
  retour: ReturnType<typeof retourDe>;
}) {
  const p = membre ? `membre-${membre.id}` : "membre-nouveau";
  const v = retour?.valeurs ?? {
    organisation: membre?.organisation ?? "",
    nom: membre?.nom ?? "",
    fonction: membre?.fonction ?? "",
    email: membre?.email ?? "",
    userId: membre?.userId ?? "",
  };
  const e = retour?.erreurs ?? {};
  return (
    <Form method="post" className="mt-3 max-w-xl">
      <CsrfInput />
      <input type="hidden" name="intent" value={membre ? "modifier" : "ajouter"} />
      {membre ? <input type="hidden" name="membreId" value={membre.id} /> : null}
      <Champ id={`${p}-organisation`} name="organisation" label="Organisation" erreurs={e.organisation}>
        {(aria) => (
          <input
            {...aria}
            type="text"
            required
            maxLength={MEMBRE_TEXTE_MAX}
            defaultValue={v.organisation}
            className="input w-full"
          />
        )}
      </Champ>
      <Champ id={`${p}-nom`} name="nom" label="Personne qui siège" erreurs={e.nom}>
        {(aria) => (
          <input
            {...aria}
            type="text"
            required
            maxLength={MEMBRE_TEXTE_MAX}
            defaultValue={v.nom}
            className="input w-full"
          />
        )}
      </Champ>
      <Champ id={`${p}-fonction`} name="fonction" label="Fonction (facultatif)" erreurs={e.fonction}>
        {(aria) => (
          <input
            {...aria}
            type="text"
            maxLength={MEMBRE_TEXTE_MAX}
            defaultValue={v.fonction}
            className="input w-full"
          />
        )}
      </Champ>
      <Champ id={`${p}-email`} name="email" label="E-mail (facultatif)" erreurs={e.email}>
        {(aria) => <input {...aria} type="email" autoComplete="off" defaultValue={v.email} className="input w-full" />}
      </Champ>
      <Champ
        id={`${p}-compte`}
        name="userId"
        label="Compte lié (facultatif)"
        erreurs={e.userId}
        aide="Un compte « membre du comité de pilotage » du département : la personne lit alors les réunions, documents et décisions de ce comité."
      >
        {(aria) => (
          <select {...aria} defaultValue={v.userId ?? ""} className="input w-full">
            <option value="">Aucun compte</option>
            {comptes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.nom} ({c.email})
              </option>
            ))}
          </select>
        )}
      </Champ>
      <button type="submit" className="btn">
        {membre ? "Enregistrer" : "Ajouter ce membre"}
      </button>
    </Form>
  );
}

export default function ComitePage({ loaderData, actionData }: Route.ComponentProps) {
  const { comite, gere, membres, comptes, aVenir, passees, decisions, etat, aujourdhui } = loaderData;
  const reunion = (r: (typeof aVenir)[number]) => (
    <li key={r.id} className="py-1">
      <a href={`/espace/regroupements/${r.id}`}>{r.titre}</a> · {formatDateTime(r.debut)}
      {r.statut === "annule" ? " · annulée" : ""}
      {" · "}
      <a href={`/espace/regroupements/${r.id}/decisions`}>décisions</a>
      {" · "}
      <a href={`/espace/regroupements/${r.id}/documents`}>documents et compte rendu</a>
    </li>
  );
  return (
    <div>
      <p>
        <a href={`/espace/comites?departement=${comite.departement}`}>← Tous les comités</a>
      </p>
      <h1 className="mt-2">{comite.nom}</h1>
      <p className="mt-1 text-slate-700">
        {regroupementTypeLabels[comite.type as keyof typeof regroupementTypeLabels] ?? comite.type} · département{" "}
        {comite.departement}
      </p>
      {comite.description ? <p className="mt-2 whitespace-pre-line">{comite.description}</p> : null}

      <section aria-labelledby="membres" className="mt-8">
        <h2 id="membres">Membres</h2>
        {membres.length === 0 ? <p className="mt-2">Aucun membre pour l'instant.</p> : null}
        <ul className="mt-2 divide-y divide-slate-200">
          {membres.map((m) => (
            <li key={m.id} className={`py-3 ${m.actif ? "" : "text-slate-600"}`}>
              <p>
                <strong>{m.organisation}</strong> · {m.nom}
                {m.fonction ? `, ${m.fonction}` : ""}
                {m.actif ? "" : " · ne siège plus"}
              </p>
              <p className="text-sm">
                {m.email ? <a href={`mailto:${m.email}`}>{m.email}</a> : "Pas d'e-mail"}
                {m.compteNom ? ` · compte lié : ${m.compteNom}` : ""}
              </p>
              {gere ? (
                <div className="mt-1 flex flex-wrap items-start gap-4">
                  <details open={Boolean(retourDe(actionData, "membre", m.id))}>
                    <summary className="cursor-pointer">Modifier</summary>
                    <MembreForm membre={m} comptes={comptes} retour={retourDe(actionData, "membre", m.id)} />
                  </details>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="membreId" value={m.id} />
                    <input type="hidden" name="intent" value={m.actif ? "desactiver" : "reactiver"} />
                    <button
                      type="submit"
                      className="btn-secondary"
                      aria-label={`${m.actif ? "Retirer du comité" : "Réintégrer"} : ${m.nom} (${m.organisation})`}
                    >
                      {m.actif ? "Retirer du comité" : "Réintégrer"}
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {gere ? (
          <details className="mt-4" open={Boolean(retourDe(actionData, "membre"))}>
            <summary className="cursor-pointer font-semibold">Ajouter un membre</summary>
            <MembreForm membre={null} comptes={comptes} retour={retourDe(actionData, "membre")} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="reunions" className="mt-8">
        <h2 id="reunions">Réunions</h2>
        <h3 className="mt-3">À venir</h3>
        {aVenir.length === 0 ? <p>Aucune réunion programmée.</p> : <ul>{aVenir.map(reunion)}</ul>}
        <h3 className="mt-3">Passées ou annulées</h3>
        {passees.length === 0 ? <p>Aucune réunion passée ou annulée.</p> : <ul>{passees.map(reunion)}</ul>}
        {gere ? (
          <p className="mt-2">
            <a href={`/espace/regroupements/nouveau?departement=${comite.departement}&comite=${comite.id}`}>
              Programmer une réunion
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="decisions" className="mt-8">
        <h2 id="decisions">Décisions</h2>
        <form method="get" className="mt-2 flex flex-wrap items-end gap-3">
          <SelectFiltre
            id="filtre-etat"
            name="etat"
            label="État"
            defaultValue={etat}
            toutes="Tous les états"
            options={DECISION_ETATS.map((e) => ({ value: e, label: decisionEtatLabels[e] }))}
          />
          <button type="submit" className="btn-secondary">
            Filtrer
          </button>
        </form>
        {decisions.length === 0 ? (
          <p className="mt-3">Aucune décision{etat ? " dans cet état" : ""}.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {decisions.map((d) => {
              const retard = enRetard(d, aujourdhui);
              return (
                <li key={d.id} className={`py-3 ${retard ? "border-l-4 border-alerte-700 pl-3" : ""}`}>
                  <p>
                    <a href={`/espace/decisions/${d.id}`}>{d.texte}</a>
                  </p>
                  <p className="text-sm text-slate-700">
                    {decisionEtatLabels[d.etat as DecisionEtat] ?? d.etat} · porteur : {d.responsable}
                    {d.echeance ? ` · échéance : ${formatDate(d.echeance)}` : ""}
                    {d.reunionDebut ? ` · prise le ${formatDate(d.reunionDebut)}` : ""}
                    {retard ? <strong className="ml-1 text-alerte-700">· en retard</strong> : null}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
