import { data, Form, Link, redirect } from "react-router";
import type { Actor } from "~/domain/comptes/actor";
import { findCandidats, inviter, repondre } from "~/domain/regroupements/invitation.commands.server";
import { CANDIDAT_KINDS, type CandidatKind, candidatKindLabels } from "~/domain/regroupements/invitation.labels";
import { findInvites, findReponseInvitation } from "~/domain/regroupements/invitation.queries.server";
import { findRegroupementLisible } from "~/domain/regroupements/regroupement.acces.server";
import { annulerRegroupement } from "~/domain/regroupements/regroupement.commands.server";
import {
  audienceLabels,
  estComite,
  lieuComplet,
  type RegroupementAudience,
  type RegroupementType,
  regroupementTypeLabels,
  reponseLabels,
} from "~/domain/regroupements/regroupement.labels";
import { findRegroupementNoms } from "~/domain/regroupements/regroupement.queries.server";
import { formatPlage } from "~/domain/regroupements/regroupement.rules";
import { annulationSchema, MOTIF_MAX, reponseSchema } from "~/domain/regroupements/regroupement.schema";
import { formatDateTime, formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requireActor, safeReturnPath, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field } from "~/ui/field";
import type { Route } from "./+types/regroupements.$id";
import { BoutonsReponse } from "./regroupements.form";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.regroupement.titre ?? "Regroupement"} – Promeneurs du Net` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  const { regroupement: r, gere, invitationId } = await findRegroupementLisible(db, actor, params.id);
  const now = new Date();
  const [{ communeNom, comiteNom }, invites, candidats, maReponse] = await Promise.all([
    findRegroupementNoms(db, r),
    // The coordination only: who is invited, their answers, who may still be invited.
    gere ? findInvites(db, r.id, r.capacite) : Promise.resolve(null),
    gere ? findCandidats(db, r) : Promise.resolve([]),
    invitationId ? findReponseInvitation(db, invitationId) : Promise.resolve(null),
  ]);
  return {
    regroupement: {
      id: r.id,
      departement: r.departement,
      type: r.type as RegroupementType,
      titre: r.titre,
      quand: formatPlage(r.debut, r.fin),
      lieu: r.lieu,
      communeNom,
      comiteNom,
      lienVisio: r.lienVisio,
      description: r.description,
      audience: r.audience as RegroupementAudience,
      capacite: r.capacite,
      statut: r.statut,
      motifAnnulation: r.motifAnnulation,
      commence: r.debut.getTime() <= now.getTime(),
      termine: r.fin.getTime() <= now.getTime(),
      comite: estComite(r.type),
    },
    gere,
    maReponse,
    invites: invites?.invites ?? null,
    totaux: invites?.totaux ?? null,
    candidats: gere
      ? candidats
          .filter((c) => !c.dejaInvite)
          .map((c) => ({ cle: c.cle, kind: c.kind, nom: c.nom, organisation: c.organisation, propose: c.propose }))
      : null,
  };
}

type Intent = "repondre" | "inviter" | "annuler";
type ActionData = { intent: Intent; erreur: string; motif?: string };

function refus(intent: Intent, error: unknown) {
  if (error instanceof Invalid) return data<ActionData>({ intent, erreur: error.message }, { status: 400 });
  throw error;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor: Actor = requireActor(context, request);
  const db = getDb();
  // Out of reach (another département, not invited): 404, before reading the form.
  const acces = await findRegroupementLisible(db, actor, params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  const ici = `/espace/regroupements/${params.id}`;
  if (intent === "repondre") {
    const parsed = reponseSchema.safeParse({ reponse: formData.get("reponse") ?? undefined });
    if (!parsed.success) {
      return data<ActionData>({ intent, erreur: parsed.error.issues[0]?.message ?? "" }, { status: 400 });
    }
    try {
      await repondre(ctx, actor, acces, parsed.data.reponse);
    } catch (error) {
      return refus(intent, error);
    }
    setFlash(
      context,
      parsed.data.reponse === "oui"
        ? "Réponse enregistrée : vous participez."
        : "Réponse enregistrée : vous ne participez pas.",
    );
    return redirect(safeReturnPath(String(formData.get("retour") ?? ""), ici));
  }
  if (intent === "inviter") {
    const cles = formData.getAll("invites").map(String);
    try {
      const { invites } = await inviter(ctx, actor, params.id, cles);
      setFlash(
        context,
        invites === 0
          ? "Ces personnes étaient déjà invitées : rien n'a été envoyé."
          : `${plural(invites, "invitation envoyée", "invitations envoyées")} par e-mail.`,
      );
    } catch (error) {
      return refus(intent, error);
    }
    return redirect(`${ici}#invites`);
  }
  if (intent === "annuler") {
    const motif = String(formData.get("motif") ?? "");
    const parsed = annulationSchema.safeParse({ motif: formData.get("motif") ?? undefined });
    if (!parsed.success) {
      return data<ActionData>({ intent, erreur: parsed.error.issues[0]?.message ?? "", motif }, { status: 400 });
    }
    try {
      const { prevenus } = await annulerRegroupement(ctx, actor, params.id, parsed.data.motif);
      setFlash(context, `Regroupement annulé. ${plural(prevenus, "invité prévenu", "invités prévenus")} par e-mail.`);
    } catch (error) {
      if (error instanceof Invalid) return data<ActionData>({ intent, erreur: error.message, motif }, { status: 400 });
      throw error;
    }
    return redirect(ici);
  }
  throw data({ message: "Action inconnue." }, { status: 400 });
}

function Erreur({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm font-semibold text-alerte-700">
      {message}
    </p>
  );
}

export default function RegroupementPage({ loaderData, actionData }: Route.ComponentProps) {
  const { regroupement: r, gere, maReponse, invites, totaux, candidats } = loaderData;
  const erreur = (intent: Intent) => (actionData?.intent === intent ? actionData.erreur : undefined);
  const lieu = lieuComplet(r.lieu, r.communeNom);
  const annule = r.statut === "annule";
  return (
    <div className="max-w-3xl">
      <p>
        <Link to="/espace/regroupements">← Regroupements</Link>
      </p>
      <p className="mt-2 text-sm font-semibold text-slate-700">
        {regroupementTypeLabels[r.type]}
        {r.comiteNom ? ` · ${r.comiteNom}` : ""}
      </p>
      <h1>{r.titre}</h1>
      {annule ? (
        <div role="status" className="mt-3 rounded-md border border-alerte-700 bg-red-50 px-4 py-3 text-alerte-700">
          <p className="font-semibold">Ce regroupement est annulé.</p>
          {r.motifAnnulation ? <p>Motif : {r.motifAnnulation}</p> : null}
        </div>
      ) : null}
      <dl className="mt-4 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Quand</dt>
        <dd>{r.quand.charAt(0).toUpperCase() + r.quand.slice(1)}</dd>
        {lieu ? (
          <>
            <dt className="font-semibold">Où</dt>
            <dd>{lieu}</dd>
          </>
        ) : null}
        {r.lienVisio ? (
          <>
            <dt className="font-semibold">Visioconférence</dt>
            <dd>
              <a href={r.lienVisio} rel="noopener noreferrer">
                {r.lienVisio}
              </a>
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">Pour qui</dt>
        <dd>{audienceLabels[r.audience]}</dd>
        {r.capacite ? (
          <>
            <dt className="font-semibold">Capacité</dt>
            <dd>{plural(r.capacite, "place")}</dd>
          </>
        ) : null}
      </dl>
      {r.description ? <p className="mt-4 whitespace-pre-line">{r.description}</p> : null}

      {maReponse !== null ? (
        <section aria-labelledby="ma-reponse" className="mt-6">
          <h2 id="ma-reponse">Ma réponse</h2>
          <p className="mt-1">
            Votre réponse : <strong>{reponseLabels[maReponse]}</strong>
          </p>
          {!annule && !r.commence ? (
            <div className="mt-2">
              <BoutonsReponse regroupementId={r.id} reponse={maReponse} />
            </div>
          ) : null}
          <Erreur id="erreur-reponse" message={erreur("repondre")} />
        </section>
      ) : null}

      <nav aria-label="Pages du regroupement" className="mt-6">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {gere ? (
            <li>
              <Link to={`/espace/regroupements/${r.id}/presences`}>Présences</Link>
            </li>
          ) : null}
          <li>
            <Link to={`/espace/regroupements/${r.id}/documents`}>Documents</Link>
          </li>
          {r.comite ? (
            <li>
              <Link to={`/espace/regroupements/${r.id}/decisions`}>Décisions</Link>
            </li>
          ) : null}
          {gere && !annule ? (
            <li>
              <Link to={`/espace/regroupements/${r.id}/modifier`}>Modifier</Link>
            </li>
          ) : null}
        </ul>
      </nav>

      {gere && invites && totaux ? (
        <section aria-labelledby="invites" className="mt-8">
          <h2 id="invites">Invités et réponses</h2>
          <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
            <li>{plural(totaux.inscrits, "inscrit")}</li>
            <li>{plural(totaux.declines, "ne vient pas", "ne viennent pas")}</li>
            <li>{formatNumber(totaux.enAttente)} sans réponse</li>
            {totaux.placesRestantes !== null ? (
              <li>{plural(totaux.placesRestantes, "place restante", "places restantes")}</li>
            ) : null}
          </ul>
          {invites.length === 0 ? (
            <p className="mt-2">Personne n'est encore invité.</p>
          ) : (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left">
                <caption className="sr-only">Les invités, leur réponse et sa date</caption>
                <thead>
                  <tr>
                    <th scope="col">Invité</th>
                    <th scope="col">Réponse</th>
                    <th scope="col">Répondu le</th>
                  </tr>
                </thead>
                <tbody>
                  {invites.map((i) => (
                    <tr key={i.id} className="border-t border-slate-200">
                      <td>
                        {i.nom}
                        {i.organisation ? <span className="text-sm text-slate-700"> ({i.organisation})</span> : null}
                      </td>
                      <td>{reponseLabels[i.reponse]}</td>
                      <td>{i.reponduLe ? formatDateTime(i.reponduLe) : "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {gere && candidats && !annule && !r.commence ? (
        <section aria-labelledby="inviter" className="mt-8">
          <h2 id="inviter">Inviter</h2>
          {candidats.length === 0 ? (
            <p className="mt-2">Toutes les personnes du département qui peuvent l'être sont déjà invitées.</p>
          ) : (
            <Form method="post" className="mt-2">
              <CsrfInput />
              <input type="hidden" name="intent" value="inviter" />
              <p className="text-sm text-slate-700">
                Les personnes proposées selon le public du regroupement sont déjà cochées. Chacune reçoit un e-mail avec
                les informations, ses liens de réponse et le fichier pour son agenda.
              </p>
              {CANDIDAT_KINDS.map((kind: CandidatKind) => {
                const groupe = candidats.filter((c) => c.kind === kind);
                if (groupe.length === 0) return null;
                return (
                  <fieldset
                    key={kind}
                    className="mt-3"
                    aria-describedby={erreur("inviter") ? "erreur-inviter" : undefined}
                  >
                    <legend className="font-semibold">
                      {candidatKindLabels[kind]} ({groupe.length})
                    </legend>
                    {groupe.map((c) => (
                      <div key={c.cle} className="flex items-center gap-2 py-0.5">
                        <input
                          type="checkbox"
                          id={`invite-${c.cle}`}
                          name="invites"
                          value={c.cle}
                          defaultChecked={c.propose}
                        />
                        <label htmlFor={`invite-${c.cle}`}>
                          {c.nom}
                          {c.organisation ? ` (${c.organisation})` : ""}
                        </label>
                      </div>
                    ))}
                  </fieldset>
                );
              })}
              <Erreur id="erreur-inviter" message={erreur("inviter")} />
              <button type="submit" className="btn mt-3">
                Inviter et envoyer
              </button>
            </Form>
          )}
        </section>
      ) : null}

      {gere && !annule && !r.termine ? (
        <section aria-labelledby="annuler" className="mt-8">
          <h2 id="annuler">Annuler le regroupement</h2>
          <Form method="post" className="mt-2">
            <CsrfInput />
            <input type="hidden" name="intent" value="annuler" />
            <Field
              id="motif"
              label="Motif de l'annulation"
              hint="Il est envoyé aux invités qui n'ont pas décliné, avec de quoi retirer le regroupement de leur agenda."
              descriptionId="motif-aide"
              errors={erreur("annuler") ? [erreur("annuler") as string] : undefined}
              errorId="erreur-annuler"
            >
              <textarea
                id="motif"
                name="motif"
                rows={3}
                maxLength={MOTIF_MAX}
                required
                className="input w-full"
                defaultValue={actionData?.intent === "annuler" ? actionData.motif : undefined}
                aria-describedby={erreur("annuler") ? "motif-aide erreur-annuler" : "motif-aide"}
                aria-invalid={erreur("annuler") ? true : undefined}
              />
            </Field>
            <button type="submit" className="btn-danger">
              Annuler le regroupement
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
