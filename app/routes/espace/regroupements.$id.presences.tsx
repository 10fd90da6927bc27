import type { MouseEvent } from "react";
import { data, Form, redirect, useFetcher, useFetchers } from "react-router";
import { motifRequis, refusPresence } from "~/domain/regroupements/participation.rules";
import { noterPresence, regroupementPourPresences } from "~/domain/regroupements/presence.commands.server";
import { findInvitesPresence } from "~/domain/regroupements/presence.queries.server";
import { CHAMP_MOTIF, CHAMP_PRESENCE, MOTIF_MIN } from "~/domain/regroupements/presence.schema";
import {
  DELAI_PRESENCES_JOURS,
  type Presence,
  presenceLabels,
  type RegroupementType,
  regroupementTypeLabels,
} from "~/domain/regroupements/regroupement.labels";
import { formatPlage } from "~/domain/regroupements/regroupement.rules";
import { formatNumber, plural } from "~/lib/format";
import { isUuid } from "~/lib/text";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors } from "~/ui/field";
import type { Route } from "./+types/regroupements.$id.presences";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `Présences – ${data.regroupement.titre} – Promeneurs du Net` : "Présences – Promeneurs du Net" },
];

/**
 * The attendance of a gathering, recorded by the coordination on its phone during the meeting:
 * one tap per invitee (Présent, Excusé, Absent). Without JavaScript each button posts the form and
 * the page comes back scrolled to that person; with JavaScript the tap is recorded without
 * reloading, the choice pressed at once. A promeneur, a referent or the copil get a 403, the
 * coordination of another département a 404.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "presence.noter");
  const db = getDb();
  const now = new Date();
  const regroupement = await regroupementPourPresences(db, actor, params.id);
  const invites = await findInvitesPresence(db, regroupement.id);
  return {
    regroupement: {
      id: regroupement.id,
      titre: regroupement.titre,
      type: regroupementTypeLabels[regroupement.type as RegroupementType] ?? regroupement.type,
      plage: formatPlage(regroupement.debut, regroupement.fin),
    },
    refus: refusPresence(regroupement, now),
    motifRequis: motifRequis(regroupement, now),
    invites: invites.map((i) => ({
      id: i.id,
      nom: i.nom,
      organisation: i.organisation,
      presence: i.presence as Presence | null,
    })),
  };
}

/**
 * A refusal: `invitationId` names the person's line for an error of the presence field (a reason
 * error goes next to the reason field); `recueLe` orders the answers of several fetchers.
 */
export type PresenceErreur = { field: string; message: string; invitationId: string | null; recueLe: number };

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "presence.noter");
  const form = await request.formData();
  const parFetcher = form.get("_fetcher") === "1";
  const motif = form.get("motif")?.toString();
  const tous = form.get("intent") === "tous";
  const [invitationId = "", presence = ""] = (form.get("choix")?.toString() ?? "").split(":");
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  let changees = 0;
  try {
    ({ changees } = await noterPresence(
      ctx,
      actor,
      params.id,
      tous ? { tous: true } : { saisies: [{ invitationId, presence }] },
      motif,
    ));
  } catch (error) {
    if (error instanceof Invalid) {
      return data(
        {
          field: error.field,
          message: error.message,
          invitationId: error.field === CHAMP_PRESENCE && !tous && isUuid(invitationId) ? invitationId : null,
          recueLe: Date.now(),
        } satisfies PresenceErreur,
        { status: 400 },
      );
    }
    throw error;
  }
  if (parFetcher) return { ok: true as const, recueLe: Date.now() };
  if (tous) {
    setFlash(
      context,
      changees === 0
        ? "Toutes les présences étaient déjà notées."
        : `${plural(changees, "personne notée présente", "personnes notées présentes")}.`,
    );
  }
  // Back to the page, scrolled to the person just recorded (the anchor of their line).
  return redirect(
    `/espace/regroupements/${params.id}/presences${!tous && isUuid(invitationId) ? `#p-${invitationId}` : ""}`,
  );
}

type Invite = Route.ComponentProps["loaderData"]["invites"][number];

const styles: Record<Presence, { appuye: string; libre: string }> = {
  present: {
    appuye: "border-green-800 bg-green-800 text-white",
    libre: "border-green-800 bg-white text-green-900",
  },
  excuse: {
    appuye: "border-amber-800 bg-amber-800 text-white",
    libre: "border-amber-800 bg-white text-amber-900",
  },
  absent: {
    appuye: "border-alerte-700 bg-alerte-700 text-white",
    libre: "border-alerte-700 bg-white text-alerte-700",
  },
};

const boutons: Record<Presence, string> = { present: "Présent", excuse: "Excusé", absent: "Absent" };

function isErreur(value: unknown): value is PresenceErreur {
  return typeof value === "object" && value !== null && "message" in value;
}

/**
 * With JavaScript, the reason's error answered to the latest tap (a later tap recorded clears it):
 * the fetchers' answers, the most recent first.
 */
function useErreurMotifFetcher(): string | null {
  const reponses = useFetchers()
    .filter((f) => f.state === "idle" && typeof f.data === "object" && f.data !== null && "recueLe" in f.data)
    .map((f) => f.data as PresenceErreur | { ok: true; recueLe: number })
    .sort((a, b) => b.recueLe - a.recueLe);
  const derniere = reponses[0];
  return derniere && isErreur(derniere) && derniere.field === CHAMP_MOTIF ? derniere.message : null;
}

/** The presence being sent for each invitee (taps not answered yet), so that the page shows them at once. */
function useEnvois(): Map<string, Presence> {
  const fetchers = useFetchers();
  const envois = new Map<string, Presence>();
  for (const f of fetchers) {
    const [id, presence] = f.formData?.get("choix")?.toString().split(":") ?? [];
    if (id && presence && presence in boutons) envois.set(id, presence as Presence);
  }
  return envois;
}

function LignePresence({
  invite,
  presence,
  erreurPage,
}: {
  invite: Invite;
  presence: Presence | null;
  erreurPage: string | null;
}) {
  const fetcher = useFetcher<typeof action>({ key: `presence-${invite.id}` });
  // Only the errors of the person's attendance: a reason error is shown next to the reason field.
  const erreurFetcher =
    isErreur(fetcher.data) && fetcher.state === "idle" && fetcher.data.field === CHAMP_PRESENCE
      ? fetcher.data.message
      : null;
  const erreur = erreurFetcher ?? erreurPage;

  function taper(event: MouseEvent<HTMLButtonElement>, choix: Presence) {
    const form = event.currentTarget.form;
    if (!form) return;
    // With JavaScript: recorded without reloading; the required reason is checked by the browser first.
    event.preventDefault();
    if (!form.reportValidity()) return;
    const envoi = new FormData(form);
    envoi.set("choix", `${invite.id}:${choix}`);
    envoi.set("_fetcher", "1");
    void fetcher.submit(envoi, { method: "post" });
  }

  return (
    <li id={`p-${invite.id}`} className="scroll-mt-24 py-3">
      <fieldset aria-describedby={erreur ? `p-${invite.id}-erreur` : undefined}>
        <legend className="font-semibold">
          {invite.nom}
          {invite.organisation ? <span className="font-normal text-slate-700"> · {invite.organisation}</span> : null}
        </legend>
        <div className="mt-2 grid grid-cols-3 gap-2">
          {(Object.keys(boutons) as Presence[]).map((choix) => {
            const appuye = presence === choix;
            return (
              <button
                key={choix}
                type="submit"
                name="choix"
                value={`${invite.id}:${choix}`}
                aria-pressed={appuye}
                onClick={(event) => taper(event, choix)}
                className={`min-h-12 rounded-md border-2 px-1 py-2 font-semibold ${appuye ? styles[choix].appuye : styles[choix].libre}`}
              >
                {appuye ? <span aria-hidden="true">✓ </span> : null}
                {boutons[choix]}
              </button>
            );
          })}
        </div>
        {erreur ? (
          <p id={`p-${invite.id}-erreur`} role="alert" className="mt-1 text-sm font-semibold text-alerte-700">
            {erreur}
          </p>
        ) : null}
      </fieldset>
    </li>
  );
}

export default function Presences({ loaderData, actionData }: Route.ComponentProps) {
  const { regroupement, invites } = loaderData;
  const envois = useEnvois();
  const presences = invites.map((i) => envois.get(i.id) ?? i.presence);
  const compter = (p: Presence) => presences.filter((x) => x === p).length;
  const aNoter = presences.filter((p) => p === null).length;
  const erreur = isErreur(actionData) ? actionData : null;
  const erreurMotifFetcher = useErreurMotifFetcher();
  const erreurMotif = erreurMotifFetcher ?? (erreur?.field === CHAMP_MOTIF ? erreur.message : null);
  const erreurGenerale = erreur && erreur.field === CHAMP_PRESENCE && !erreur.invitationId ? erreur.message : null;
  return (
    <div className="max-w-xl">
      <h1>Présences</h1>
      <p className="mt-1">
        <a href={`/espace/regroupements/${regroupement.id}`}>{regroupement.titre}</a>
      </p>
      <p className="text-slate-700">
        {regroupement.type} · {regroupement.plage}
      </p>
      {loaderData.refus ? (
        <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-4 py-3">{loaderData.refus}</p>
      ) : invites.length === 0 ? (
        <p className="mt-4">Personne n'est invité à ce regroupement.</p>
      ) : (
        <Form method="post" className="mt-4">
          <CsrfInput />
          {/* The form's default button, disabled: Enter in the reason field submits nothing (else it would press the first « Présent »). */}
          <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1}>
            Enregistrer
          </button>
          <p
            aria-live="polite"
            className="sticky top-0 z-10 rounded-md border border-pdn-700 bg-pdn-50 px-3 py-2 font-semibold"
          >
            {plural(compter("present"), "présent")} sur {formatNumber(invites.length)}
            <span className="font-normal">
              {" "}
              · {plural(compter("excuse"), "excusé")} · {plural(compter("absent"), "absent")} · {formatNumber(aNoter)} à
              noter
            </span>
          </p>
          {loaderData.motifRequis ? (
            <div className="mt-4">
              <Field
                id="motif"
                label="Motif de la modification"
                hint={`Ce regroupement est terminé depuis plus de ${DELAI_PRESENCES_JOURS} jours\u00a0: indiquez pourquoi vous modifiez les présences (${MOTIF_MIN} caractères au moins). Le motif est gardé au journal.`}
                descriptionId="motif-aide"
                errors={erreurMotif ? [erreurMotif] : undefined}
                errorId="motif-erreur"
              >
                <input
                  id="motif"
                  name="motif"
                  type="text"
                  required
                  minLength={MOTIF_MIN}
                  maxLength={500}
                  className="input"
                  aria-invalid={erreurMotif ? true : undefined}
                  aria-describedby={erreurMotif ? "motif-aide motif-erreur" : "motif-aide"}
                />
              </Field>
            </div>
          ) : null}
          <FormErrors errors={erreurGenerale ? [erreurGenerale] : undefined} />
          <ul className="mt-2 divide-y divide-slate-200">
            {invites.map((invite, n) => (
              <LignePresence
                key={invite.id}
                invite={invite}
                presence={presences[n] ?? null}
                erreurPage={erreur?.invitationId === invite.id ? erreur.message : null}
              />
            ))}
          </ul>
          {aNoter > 0 ? (
            <p className="mt-4">
              <button type="submit" name="intent" value="tous" className="btn min-h-12 w-full">
                Tous présents
              </button>
              <span className="mt-1 block text-sm text-slate-700">
                {aNoter > 1
                  ? `Note présentes les ${plural(aNoter, "personne")} pas encore notées.`
                  : "Note présente la personne pas encore notée."}
              </span>
            </p>
          ) : null}
          <p className="mt-4 text-sm text-slate-700">
            Légende : {presenceLabels.present}, {presenceLabels.excuse.toLowerCase()} (absence prévenue),{" "}
            {presenceLabels.absent.toLowerCase()}.
          </p>
        </Form>
      )}
    </div>
  );
}
