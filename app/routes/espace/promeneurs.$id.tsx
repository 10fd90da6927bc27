import { data, Form, href, Link, redirect } from "react-router";
import { auditActionLabel } from "~/domain/audit/audit.labels";
import { type Reseau, reseauLabels, type StatutProfil, statutProfilLabels } from "~/domain/profils/profil.labels";
import { transitionPromeneur } from "~/domain/promeneurs/promeneur.commands.server";
import {
  PROMENEUR_TRANSITIONS,
  type PromeneurStatut,
  type PromeneurTransition,
  promeneurStatutLabels,
  promeneurTransitionLabels,
} from "~/domain/promeneurs/promeneur.labels";
import { canManagePromeneurPublic, canModifierPromeneur, canTransition } from "~/domain/promeneurs/promeneur.policy";
import { getPromeneurDetail } from "~/domain/promeneurs/promeneur.queries.server";
import { MOTIF_MAX, transitionsDepuis } from "~/domain/promeneurs/promeneur.rules";
import { transitionFormSchema } from "~/domain/promeneurs/promeneur.schema";
import { formatDate, formatDateTime, formatNumber, TIME_ZONE } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors } from "~/ui/field";
import type { Route } from "./+types/promeneurs.$id";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  {
    title: loaderData
      ? `${loaderData.promeneur.prenom} ${loaderData.promeneur.nom} – Promeneurs du Net`
      : "Promeneur – Promeneurs du Net",
  },
];

type Intent = Exclude<PromeneurTransition, "proposer">;
const INTENTS = PROMENEUR_TRANSITIONS.filter((t): t is Intent => t !== "proposer");

/** Which fields each transition's form has. */
const CHAMPS: Record<Intent, { date?: string; motif?: "requis" | "facultatif" }> = {
  accepter: {},
  refuser: { motif: "requis" },
  enregistrer_charte: { date: "Date de signature de la charte" },
  enregistrer_formation: { date: "Date de la formation initiale" },
  activer: { date: "Date d'entrée dans le dispositif" },
  suspendre: { motif: "requis" },
  reactiver: {},
  enregistrer_sortie: { date: "Date de sortie", motif: "facultatif" },
};

type ActionErrors = { intent: Intent; fieldErrors: Record<string, string[]>; formErrors: string[] };

function aujourdhui(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(now);
}

/** The internal record: 404 for whoever does not read this promeneur (another département, another role). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const now = new Date();
  const detail = await getPromeneurDetail(getDb(), actor, params.id, now);
  const p = detail.promeneur;
  const transitions = transitionsDepuis(p.statut as PromeneurStatut).filter(
    (t): t is Intent => t !== "proposer" && canTransition(actor, t, p),
  );
  return {
    ...detail,
    history: detail.history.map((h) => ({ ...h, label: auditActionLabel(h.action) })),
    transitions,
    // With an entry date already set (a reactivation), activer takes no date.
    aujourdhui: aujourdhui(now),
    peutModifier: canModifierPromeneur(actor, p) !== null,
    peutGererPublic: canManagePromeneurPublic(actor, p),
  };
}

/** A transition; the command answers 404 / 403 itself (who may do it is promeneur.policy.ts). */
export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  if (!INTENTS.includes(intent)) throw data({ message: "Action inconnue." }, { status: 400 });
  const parsed = transitionFormSchema.safeParse({
    date: formData.get("date") ?? undefined,
    motif: formData.get("motif") ?? undefined,
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
    }
    return data({ intent, fieldErrors, formErrors: [] } satisfies ActionErrors, { status: 400 });
  }
  const { date, motif } = parsed.data;
  try {
    await transitionPromeneur(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      params.id,
      intent,
      { date, motif } as never,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      const result: ActionErrors =
        error.field === "form"
          ? { intent, fieldErrors: {}, formErrors: [error.message] }
          : { intent, fieldErrors: { [error.field]: [error.message] }, formErrors: [] };
      return data(result, { status: 400 });
    }
    throw error;
  }
  setFlash(context, `${promeneurTransitionLabels[intent]} : c'est enregistré.`);
  return redirect(href("/espace/promeneurs/:id", { id: params.id }));
}

function TransitionForm({
  intent,
  errors,
  defaultDate,
  avecDate,
}: {
  intent: Intent;
  errors: ActionErrors | undefined;
  defaultDate: string;
  avecDate: boolean;
}) {
  const champs = CHAMPS[intent];
  const mine = errors?.intent === intent ? errors : undefined;
  const dateErrors = mine?.fieldErrors.date;
  const motifErrors = mine?.fieldErrors.motif;
  const id = (name: string) => `${intent}-${name}`;
  return (
    <Form method="post" className="rounded-md border border-slate-300 p-4" aria-labelledby={id("titre")}>
      <h3 id={id("titre")} className="text-base">
        {promeneurTransitionLabels[intent]}
      </h3>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <FormErrors errors={mine?.formErrors} id={id("erreurs")} />
      {champs.date && avecDate ? (
        <Field id={id("date")} label={champs.date} errors={dateErrors} errorId={id("date-erreur")}>
          <input
            id={id("date")}
            name="date"
            type="date"
            className="input"
            defaultValue={defaultDate}
            max={defaultDate}
            aria-invalid={dateErrors ? true : undefined}
            aria-describedby={dateErrors ? id("date-erreur") : undefined}
          />
        </Field>
      ) : null}
      {champs.motif ? (
        <Field
          id={id("motif")}
          label={champs.motif === "requis" ? "Motif" : "Motif (facultatif)"}
          hint="Envoyé par e-mail et gardé au journal : sans adresse, numéro, pseudonyme ni lien."
          descriptionId={id("motif-aide")}
          errors={motifErrors}
          errorId={id("motif-erreur")}
        >
          <textarea
            id={id("motif")}
            name="motif"
            rows={2}
            maxLength={MOTIF_MAX}
            className="input"
            required={champs.motif === "requis"}
            aria-invalid={motifErrors ? true : undefined}
            aria-describedby={motifErrors ? `${id("motif-aide")} ${id("motif-erreur")}` : id("motif-aide")}
          />
        </Field>
      ) : null}
      <button
        type="submit"
        className={intent === "refuser" || intent === "suspendre" ? "btn-secondary mt-3" : "btn mt-3"}
      >
        {promeneurTransitionLabels[intent]}
      </button>
    </Form>
  );
}

export default function PromeneurPage({ loaderData, actionData }: Route.ComponentProps) {
  const { promeneur: p, structure, territoire, profils, manques, history, transitions } = loaderData;
  const errors = actionData as ActionErrors | undefined;
  const statut = p.statut as PromeneurStatut;
  const montrerManques = ["accepte", "forme", "suspendu"].includes(statut) && manques.length > 0;
  const liens = [
    loaderData.peutModifier
      ? { to: href("/espace/promeneurs/:id/modifier", { id: p.id }), label: "Modifier les informations" }
      : null,
    { to: href("/espace/promeneurs/:id/territoire", { id: p.id }), label: "Territoire d'intervention" },
    { to: href("/espace/promeneurs/:id/profils", { id: p.id }), label: "Profils sur les réseaux sociaux" },
    { to: href("/espace/promeneurs/:id/horaires", { id: p.id }), label: "Horaires de présence" },
    loaderData.peutGererPublic
      ? { to: href("/espace/promeneurs/:id/fiche", { id: p.id }), label: "Fiche publique" }
      : null,
  ].filter((l) => l !== null);

  return (
    <div>
      <p>
        <Link to={href("/espace/promeneurs")} className="underline">
          ← Tous les promeneurs
        </Link>
      </p>
      <h1 className="mt-2">
        {p.prenom} {p.nom}
      </h1>
      <p className="mt-1 text-slate-700">
        {p.fonction} · {structure.nom} · statut <strong>{promeneurStatutLabels[statut] ?? p.statut}</strong> depuis le{" "}
        {formatDate(p.statutDepuis)}
      </p>
      {p.motifStatut ? <p className="mt-1">Motif : {p.motifStatut}</p> : null}

      <nav aria-label="Pages du promeneur" className="mt-4">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {liens.map((l) => (
            <li key={l.to}>
              <Link to={l.to} className="underline">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="informations" className="mt-6">
        <h2 id="informations">Informations internes</h2>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">Nom public</dt>
          <dd>{p.nomPublic}</dd>
          <dt className="font-semibold">E-mail professionnel</dt>
          <dd className="break-all">{p.email}</dd>
          <dt className="font-semibold">Téléphone professionnel</dt>
          <dd>{p.telephone ?? "–"}</dd>
          <dt className="font-semibold">Structure</dt>
          <dd>
            {structure.nom}
            {structure.commune ? ` (${structure.commune})` : ""}
          </dd>
          <dt className="font-semibold">Heures par semaine</dt>
          <dd>{formatNumber(p.heuresHebdomadaires)} h</dd>
          <dt className="font-semibold">Compte</dt>
          <dd>{p.userId ? "créé" : "pas encore créé"}</dd>
        </dl>
      </section>

      <section aria-labelledby="parcours" className="mt-6">
        <h2 id="parcours">Parcours</h2>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">Proposé le</dt>
          <dd>
            {formatDate(p.proposeLe)}
            {loaderData.proposePar ? ` par ${loaderData.proposePar}` : ""}
          </dd>
          <dt className="font-semibold">Charte du promeneur signée le</dt>
          <dd>{formatDate(p.charteSigneeLe)}</dd>
          <dt className="font-semibold">Formation initiale le</dt>
          <dd>{formatDate(p.formationInitialeLe)}</dd>
          <dt className="font-semibold">Charte employeur signée le</dt>
          <dd>{formatDate(structure.charteSigneeLe)}</dd>
          <dt className="font-semibold">Entrée dans le dispositif</dt>
          <dd>{formatDate(p.entreeLe)}</dd>
          <dt className="font-semibold">Sortie</dt>
          <dd>{formatDate(p.sortieLe)}</dd>
        </dl>
      </section>

      {montrerManques ? (
        <section aria-labelledby="manques" className="mt-6">
          <h2 id="manques">Ce qui manque pour activer</h2>
          <ul className="mt-2 list-disc pl-6">
            {manques.map((m) => (
              <li key={m}>{m.charAt(0).toUpperCase() + m.slice(1)}.</li>
            ))}
          </ul>
        </section>
      ) : null}

      {transitions.length > 0 ? (
        <section aria-labelledby="actions" className="mt-6">
          <h2 id="actions">Actions</h2>
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            {transitions.map((t) => (
              <TransitionForm
                key={t}
                intent={t}
                errors={errors}
                defaultDate={loaderData.aujourdhui}
                avecDate={!(t === "activer" && p.entreeLe)}
              />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="territoire" className="mt-6">
        <h2 id="territoire">Territoire d'intervention</h2>
        {territoire.communes.length + territoire.epci.length === 0 ? (
          <p className="mt-2">Aucun territoire défini.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {territoire.epci.map((e) => (
              <li key={e.siren}>{e.nom} (toute l'intercommunalité)</li>
            ))}
            {territoire.communes.map((c) => (
              <li key={c.code}>{c.nom}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="profils" className="mt-6">
        <h2 id="profils">Profils sur les réseaux sociaux</h2>
        {profils.length === 0 ? (
          <p className="mt-2">Aucun profil déclaré.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {profils.map((profil) => (
              <li key={profil.id}>
                {reseauLabels[profil.reseau as Reseau] ?? profil.reseau} : {profil.handle} —{" "}
                {statutProfilLabels[profil.statut as StatutProfil]}
                {profil.derniereVerificationLe ? ` (vérifié le ${formatDate(profil.derniereVerificationLe)})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="historique" className="mt-6">
        <h2 id="historique">Historique</h2>
        {history.length === 0 ? (
          <p className="mt-2">Aucune modification enregistrée.</p>
        ) : (
          <ol className="mt-2 space-y-1">
            {history.map((h) => (
              <li key={h.id}>
                <time dateTime={new Date(h.at).toISOString()}>{formatDateTime(h.at)}</time> · {h.label} · {h.actorLabel}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
