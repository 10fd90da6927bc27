import { data, Form, redirect } from "react-router";
import { enregistrerHoraires } from "~/domain/presences/presence.commands.server";
import { formatCreneauDate, formatDateIso } from "~/domain/presences/presence.format";
import { jourLabels } from "~/domain/presences/presence.labels";
import { findHoraires } from "~/domain/presences/presence.queries.server";
import {
  formatCreneau,
  isEnLigne,
  JOURS_SEMAINE,
  PAS_MINUTES,
  prochainCreneau,
} from "~/domain/presences/presence.rules";
import {
  CRENEAUX_MAX,
  creneauVide,
  type ErreursHoraires,
  EXCEPTIONS_MAX,
  exceptionVide,
  type HorairesSaisis,
  horairesSaisis,
  MOTIF_MAX,
  parseHoraires,
  readHorairesForm,
} from "~/domain/presences/presence.schema";
import { RESEAUX, type Reseau, reseauLabels } from "~/domain/profils/profil.labels";
import { getPromeneurPublic } from "~/domain/promeneurs/fiche.queries.server";
import { getDb } from "~/server/db.server";
import { forbidden, Invalid } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { Field, FormErrors } from "~/ui/field";
import type { Route } from "./+types/promeneurs.$id.horaires";

export const meta: Route.MetaFunction = () => [{ title: "Horaires de présence – Promeneurs du Net" }];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const db = getDb();
  const now = new Date();
  const { promeneur, canManage } = await getPromeneurPublic(db, actor, params.id);
  const horaires = await findHoraires(db, promeneur.id, now);
  const prochain = prochainCreneau(horaires.creneaux, horaires.exceptions, now);
  return {
    promeneur: { id: promeneur.id, nomPublic: promeneur.nomPublic, prenom: promeneur.prenom, nom: promeneur.nom },
    canManage,
    saisis: horairesSaisis(horaires),
    creneaux: horaires.creneaux.map((c) => ({ texte: formatCreneau(c), reseaux: c.reseaux })),
    exceptions: horaires.exceptions.map((e) => ({
      texte: e.du === e.au ? `le ${formatDateIso(e.du)}` : `du ${formatDateIso(e.du)} au ${formatDateIso(e.au)}`,
      motif: e.motif ?? null,
    })),
    enLigne: isEnLigne(horaires.creneaux, horaires.exceptions, now),
    prochain: prochain ? formatCreneauDate(prochain) : null,
  };
}

type ActionData = { saisis: HorairesSaisis; errors: ErreursHoraires; formErrors?: string[] };

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "espace.acceder");
  const db = getDb();
  // Checked before the form is read: out of scope is a 404, a reader who may not edit a 403.
  const { promeneur, canManage } = await getPromeneurPublic(db, actor, params.id);
  if (!canManage) forbidden("Seuls le promeneur et la coordination de son département modifient ses horaires.");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const raw = readHorairesForm(form);

  // Adding or removing a row re-renders the form with what was typed, without saving anything.
  if (intent === "ajouter-creneau") {
    if (raw.creneaux.length >= CRENEAUX_MAX) {
      return data<ActionData>(
        { saisis: raw, errors: {}, formErrors: [`Pas plus de ${CRENEAUX_MAX} créneaux par semaine.`] },
        { status: 400 },
      );
    }
    return { saisis: { ...raw, creneaux: [...raw.creneaux, creneauVide()] }, errors: {} } satisfies ActionData;
  }
  if (intent === "ajouter-exception") {
    if (raw.exceptions.length >= EXCEPTIONS_MAX) {
      return data<ActionData>(
        { saisis: raw, errors: {}, formErrors: [`Pas plus de ${EXCEPTIONS_MAX} absences.`] },
        { status: 400 },
      );
    }
    return { saisis: { ...raw, exceptions: [...raw.exceptions, exceptionVide()] }, errors: {} } satisfies ActionData;
  }
  const supprimer = /^supprimer-(creneau|exception)-(\d{1,3})$/.exec(intent);
  if (supprimer) {
    const index = Number(supprimer[2]);
    const saisis =
      supprimer[1] === "creneau"
        ? { ...raw, creneaux: raw.creneaux.filter((_, i) => i !== index) }
        : { ...raw, exceptions: raw.exceptions.filter((_, i) => i !== index) };
    return { saisis, errors: {} } satisfies ActionData;
  }
  if (intent !== "enregistrer") throw data({ message: "Action inconnue." }, { status: 400 });

  const parsed = parseHoraires(raw);
  if (!parsed.ok) {
    return data<ActionData>(
      {
        saisis: parsed.saisis,
        errors: parsed.errors,
        formErrors: ["Les horaires n'ont pas été enregistrés : corrigez les champs signalés."],
      },
      { status: 400 },
    );
  }
  try {
    await enregistrerHoraires(
      { db, now: new Date(), requestId: requestId(context) },
      actor,
      promeneur.id,
      parsed.value,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data<ActionData>({ saisis: parsed.saisis, errors: { [error.field]: [error.message] } }, { status: 400 });
    }
    throw error;
  }
  setFlash(context, "Horaires de présence enregistrés.");
  return redirect(`/espace/promeneurs/${promeneur.id}/horaires`);
}

/** Props of a control tied to its error message (aria), and the message itself. */
function errorOf(errors: ErreursHoraires, name: string) {
  const messages = errors[name];
  const errorId = `${name.replace(/[[\].]/g, "-")}-erreur`;
  return {
    errors: messages,
    errorId,
    aria: messages?.length ? { "aria-invalid": true as const, "aria-describedby": errorId } : {},
  };
}

function fieldId(name: string) {
  return name.replace(/[[\].]/g, "-");
}

export default function HorairesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { promeneur, canManage } = loaderData;
  const result = actionData as ActionData | undefined;
  const saisis = result?.saisis ?? loaderData.saisis;
  const errors = result?.errors ?? {};
  return (
    <div>
      <p className="text-sm">
        <a href={`/espace/promeneurs/${promeneur.id}`}>Fiche de {promeneur.nomPublic}</a>
      </p>
      <h1 className="mt-2">Horaires de présence de {promeneur.nomPublic}</h1>

      <section aria-labelledby="resume" className="mt-6">
        <h2 id="resume">En ce moment</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="font-semibold">En ligne maintenant :</dt>
          <dd>{loaderData.enLigne ? "oui" : "non"}</dd>
          <dt className="font-semibold">Prochain créneau :</dt>
          <dd>{loaderData.prochain ?? "aucun dans les 14 prochains jours"}</dd>
        </dl>
        <p className="mt-2 text-sm text-slate-700">
          Les heures sont celles de la France métropolitaine (heure de Paris), changements d'heure compris.
        </p>
      </section>

      {canManage ? (
        <HorairesForm key={JSON.stringify(saisis)} saisis={saisis} errors={errors} formErrors={result?.formErrors} />
      ) : (
        <HorairesLecture creneaux={loaderData.creneaux} exceptions={loaderData.exceptions} />
      )}
    </div>
  );
}

function HorairesLecture({
  creneaux,
  exceptions,
}: {
  creneaux: { texte: string; reseaux: string[] }[];
  exceptions: { texte: string; motif: string | null }[];
}) {
  return (
    <>
      <section aria-labelledby="creneaux" className="mt-8">
        <h2 id="creneaux">Créneaux de la semaine</h2>
        {creneaux.length === 0 ? (
          <p className="mt-2">Aucun créneau de présence.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {creneaux.map((c) => (
              <li key={c.texte}>
                {capitalize(c.texte)} : {c.reseaux.map((r) => reseauLabels[r as Reseau] ?? r).join(", ")}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="absences" className="mt-8">
        <h2 id="absences">Absences à venir</h2>
        {exceptions.length === 0 ? (
          <p className="mt-2">Aucune absence prévue.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {exceptions.map((e) => (
              <li key={e.texte}>
                {capitalize(e.texte)}
                {e.motif ? ` (${e.motif})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="mt-6 text-sm text-slate-700">
        Seuls le promeneur et la coordination de son département modifient ces horaires.
      </p>
    </>
  );
}

function HorairesForm({
  saisis,
  errors,
  formErrors,
}: {
  saisis: HorairesSaisis;
  errors: ErreursHoraires;
  formErrors: string[] | undefined;
}) {
  return (
    <Form method="post" className="mt-8" noValidate>
      <CsrfInput />
      {/* Enter in a field saves: the first submit button of a form is its default one. */}
      <button type="submit" name="intent" value="enregistrer" className="sr-only" tabIndex={-1} aria-hidden="true">
        Enregistrer
      </button>
      <FormErrors errors={formErrors} />

      <section aria-labelledby="creneaux">
        <h2 id="creneaux">Créneaux de la semaine</h2>
        <p className="mt-1 text-sm text-slate-700">
          Un créneau ne dépasse pas minuit : pour finir à minuit, indiquez 00:00 comme heure de fin ; pour une présence
          de nuit, ajoutez un second créneau le lendemain. Heures à {PAS_MINUTES} minutes près.
        </p>
        {saisis.creneaux.length === 0 ? <p className="mt-3">Aucun créneau pour l'instant.</p> : null}
        {saisis.creneaux.map((creneau, index) => {
          const prefix = `creneaux[${index}]`;
          const jour = errorOf(errors, `${prefix}.jour`);
          const debut = errorOf(errors, `${prefix}.debut`);
          const fin = errorOf(errors, `${prefix}.fin`);
          const reseaux = errorOf(errors, `${prefix}.reseaux`);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity; the form is re-mounted on change.
            <fieldset key={index} className="mt-4 rounded-md border border-slate-300 p-4">
              <legend className="px-1 font-semibold">Créneau {index + 1}</legend>
              <div className="flex flex-wrap gap-x-6">
                <Field id={fieldId(`${prefix}.jour`)} label="Jour" errors={jour.errors} errorId={jour.errorId}>
                  <select
                    id={fieldId(`${prefix}.jour`)}
                    name={`${prefix}.jour`}
                    defaultValue={creneau.jour}
                    className="input"
                    {...jour.aria}
                  >
                    {JOURS_SEMAINE.map((j) => (
                      <option key={j} value={String(j)}>
                        {capitalize(jourLabels[j])}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id={fieldId(`${prefix}.debut`)} label="Début" errors={debut.errors} errorId={debut.errorId}>
                  <input
                    type="time"
                    step={PAS_MINUTES * 60}
                    id={fieldId(`${prefix}.debut`)}
                    name={`${prefix}.debut`}
                    defaultValue={creneau.debut}
                    className="input"
                    {...debut.aria}
                  />
                </Field>
                <Field id={fieldId(`${prefix}.fin`)} label="Fin" errors={fin.errors} errorId={fin.errorId}>
                  <input
                    type="time"
                    step={PAS_MINUTES * 60}
                    id={fieldId(`${prefix}.fin`)}
                    name={`${prefix}.fin`}
                    defaultValue={creneau.fin}
                    className="input"
                    {...fin.aria}
                  />
                </Field>
              </div>
              <fieldset {...reseaux.aria}>
                <legend className="font-semibold">Réseaux</legend>
                <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                  {RESEAUX.map((reseau) => (
                    <label key={reseau} className="inline-flex items-center gap-1">
                      <input
                        type="checkbox"
                        name={`${prefix}.reseaux`}
                        value={reseau}
                        defaultChecked={creneau.reseaux.includes(reseau)}
                      />
                      {reseauLabels[reseau]}
                    </label>
                  ))}
                </div>
                {reseaux.errors?.length ? (
                  <p id={reseaux.errorId} className="mt-1 text-sm font-semibold text-alerte-700">
                    {reseaux.errors.join(" ")}
                  </p>
                ) : null}
              </fieldset>
              <button type="submit" name="intent" value={`supprimer-creneau-${index}`} className="btn-secondary mt-3">
                Supprimer<span className="sr-only"> le créneau {index + 1}</span>
              </button>
            </fieldset>
          );
        })}
        <button type="submit" name="intent" value="ajouter-creneau" className="btn-secondary mt-4">
          Ajouter un créneau
        </button>
      </section>

      <section aria-labelledby="absences" className="mt-8">
        <h2 id="absences">Absences</h2>
        <p className="mt-1 text-sm text-slate-700">
          Congés, jours fériés : aucune présence n'est annoncée du premier au dernier jour inclus. Les absences passées
          sont conservées mais ne s'affichent plus.
        </p>
        {saisis.exceptions.length === 0 ? <p className="mt-3">Aucune absence prévue.</p> : null}
        {saisis.exceptions.map((exception, index) => {
          const prefix = `exceptions[${index}]`;
          const du = errorOf(errors, `${prefix}.du`);
          const au = errorOf(errors, `${prefix}.au`);
          const motif = errorOf(errors, `${prefix}.motif`);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity; the form is re-mounted on change.
            <fieldset key={index} className="mt-4 rounded-md border border-slate-300 p-4">
              <legend className="px-1 font-semibold">Absence {index + 1}</legend>
              <div className="flex flex-wrap gap-x-6">
                <Field id={fieldId(`${prefix}.du`)} label="Du" errors={du.errors} errorId={du.errorId}>
                  <input
                    type="date"
                    id={fieldId(`${prefix}.du`)}
                    name={`${prefix}.du`}
                    defaultValue={exception.du}
                    className="input"
                    {...du.aria}
                  />
                </Field>
                <Field id={fieldId(`${prefix}.au`)} label="Au (inclus)" errors={au.errors} errorId={au.errorId}>
                  <input
                    type="date"
                    id={fieldId(`${prefix}.au`)}
                    name={`${prefix}.au`}
                    defaultValue={exception.au}
                    className="input"
                    {...au.aria}
                  />
                </Field>
                <Field
                  id={fieldId(`${prefix}.motif`)}
                  label="Motif (facultatif)"
                  errors={motif.errors}
                  errorId={motif.errorId}
                >
                  <input
                    type="text"
                    id={fieldId(`${prefix}.motif`)}
                    name={`${prefix}.motif`}
                    defaultValue={exception.motif}
                    maxLength={MOTIF_MAX}
                    className="input"
                    {...motif.aria}
                  />
                </Field>
              </div>
              <button type="submit" name="intent" value={`supprimer-exception-${index}`} className="btn-secondary">
                Supprimer<span className="sr-only"> l'absence {index + 1}</span>
              </button>
            </fieldset>
          );
        })}
        <button type="submit" name="intent" value="ajouter-exception" className="btn-secondary mt-4">
          Ajouter une absence
        </button>
      </section>

      <div className="mt-8">
        <button type="submit" name="intent" value="enregistrer" className="btn">
          Enregistrer
        </button>
      </div>
    </Form>
  );
}
