import { data, Form, redirect } from "react-router";
import { can } from "~/domain/comptes/policy";
import { changerSeuilParticipation } from "~/domain/regroupements/participation.commands.server";
import {
  findParticipationParPromeneur,
  findParticipationParType,
  getSeuilParticipation,
  type ParticipationParType,
} from "~/domain/regroupements/participation.queries.server";
import {
  CHAMP_SEUIL,
  HEURES_PAR_JOUR,
  NOTEES_MIN_SIGNALEMENT,
  periodeParDefaut,
} from "~/domain/regroupements/participation.rules";
import {
  REGROUPEMENT_TYPES,
  type RegroupementType,
  regroupementTypeLabels,
  TYPES_FORMATION,
} from "~/domain/regroupements/regroupement.labels";
import { lireType } from "~/domain/regroupements/regroupement.rules";
import { formatDate, formatHeures, formatNumber, plural } from "~/lib/format";
import { periodeDemandee } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { DataTable } from "~/ui/data-table";
import { Field } from "~/ui/field";
import { SelectFiltre } from "~/ui/select-filtre";
import type { Route } from "./+types/participation";

export const meta: Route.MetaFunction = () => [{ title: "Participation aux regroupements – Promeneurs du Net" }];

/**
 * Indicator 6, participation in gatherings, over any period (GET `du`, `au`, `type`): by gathering
 * type and training hours for the coordination, the copil and the national team; the coordination
 * also reads it per promeneur, the flagged ones first, and sets the threshold.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "participation.lire");
  const departement = pickDepartement(actor, "participation.lire", request);
  const url = new URL(request.url);
  const now = new Date();
  const { jours, ...periode } = periodeDemandee(url.searchParams, periodeParDefaut(now));
  const type = lireType(url.searchParams.get("type"));
  const db = getDb();
  const filtre = { departement, periode: jours, type, now };
  const detail = can(actor, "participation.lire.detail", { departement });
  const [parType, seuil] = await Promise.all([
    findParticipationParType(db, filtre),
    detail ? getSeuilParticipation(db, departement) : null,
  ]);
  const promeneurs = seuil === null ? null : await findParticipationParPromeneur(db, filtre, seuil);
  const invalide = Boolean(periode.errors.du || periode.errors.au);
  return data({ departement, periode, type, ...parType, seuil, promeneurs }, { status: invalide ? 400 : 200 });
}

export type SeuilErreur = { field: string; message: string };

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "participation.lire.detail");
  const departement = pickDepartement(actor, "participation.lire.detail", request);
  const form = await request.formData();
  try {
    await changerSeuilParticipation(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      departement,
      form.get(CHAMP_SEUIL),
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data({ field: error.field, message: error.message } satisfies SeuilErreur, { status: 400 });
    }
    throw error;
  }
  setFlash(context, "Seuil de participation enregistré.");
  const url = new URL(request.url);
  return redirect(`/espace/participation${url.search}`);
}

const taux = (t: number | null) => (t === null ? "—" : `${t}\u00a0%`);
const heures = (type: string, h: number) =>
  (TYPES_FORMATION as readonly string[]).includes(type) || type === "" ? formatHeures(h, 2) : "—";

type LigneType = ParticipationParType & { libelle: string };

export default function ParticipationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { departement, periode, totaux, promeneurs, seuil } = loaderData;
  const lignes: LigneType[] = [
    ...loaderData.types.map((t) => ({ ...t, libelle: regroupementTypeLabels[t.type as RegroupementType] ?? t.type })),
  ].sort((a, b) => a.libelle.localeCompare(b.libelle, "fr"));
  if (lignes.length > 1) lignes.push({ ...totaux, type: "", libelle: "Total" });
  const signales = promeneurs?.filter((p) => p.signale).length ?? 0;
  const erreurSeuil = actionData?.field === CHAMP_SEUIL ? actionData.message : null;
  return (
    <div>
      <h1>Participation aux regroupements</h1>
      <p className="mt-1 text-slate-700">
        Département {departement} · du {formatDate(periode.du)} au {formatDate(periode.au)}
        {loaderData.type ? ` · ${regroupementTypeLabels[loaderData.type]}` : null}
      </p>

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-4">
        <input type="hidden" name="departement" value={departement} />
        <Field id="participation-du" label="Du" errors={periode.errors.du} errorId="participation-du-erreur">
          <input
            id="participation-du"
            name="du"
            type="date"
            defaultValue={periode.saisie.du}
            aria-invalid={periode.errors.du ? true : undefined}
            aria-describedby={periode.errors.du ? "participation-du-erreur" : undefined}
            className="input"
          />
        </Field>
        <Field id="participation-au" label="Au" errors={periode.errors.au} errorId="participation-au-erreur">
          <input
            id="participation-au"
            name="au"
            type="date"
            defaultValue={periode.saisie.au}
            aria-invalid={periode.errors.au ? true : undefined}
            aria-describedby={periode.errors.au ? "participation-au-erreur" : undefined}
            className="input"
          />
        </Field>
        <SelectFiltre
          id="participation-type"
          name="type"
          label="Type de regroupement"
          defaultValue={loaderData.type}
          toutes="Tous les types"
          options={REGROUPEMENT_TYPES.map((t) => ({ value: t, label: regroupementTypeLabels[t] }))}
          className="mb-4"
        />
        <div className="mb-4">
          <button type="submit" className="btn">
            Afficher
          </button>
        </div>
      </Form>

      <section aria-labelledby="indicateur" className="mt-6">
        <h2 id="indicateur">Indicateur 6 : participation aux regroupements</h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-2">
          <div className="rounded-md border border-slate-300 p-4">
            <dt className="font-semibold">Taux de participation</dt>
            <dd className="text-3xl font-bold">{taux(totaux.taux)}</dd>
            <dd className="mt-1 text-sm text-slate-700">
              Présents ÷ invitations dont la présence a été notée ({formatNumber(totaux.presents)} sur{" "}
              {formatNumber(totaux.notees)}), pour les promeneurs invités aux regroupements tenus (ni annulés, ni à
              venir) qui ont commencé dans la période. Une personne excusée compte comme non présente.
            </dd>
          </div>
          <div className="rounded-md border border-slate-300 p-4">
            <dt className="font-semibold">Heures de formation</dt>
            <dd className="text-3xl font-bold">{formatHeures(totaux.heures, 2)}</dd>
            <dd className="mt-1 text-sm text-slate-700">
              Somme, pour chaque promeneur présent à une formation, une analyse de la pratique ou un échange de
              pratiques, de la durée du regroupement arrondie au quart d'heure&nbsp;; un regroupement sur plusieurs
              jours compte {HEURES_PAR_JOUR}&nbsp;h par jour.
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="par-type" className="mt-8">
        <h2 id="par-type">Par type de regroupement</h2>
        <DataTable
          caption="Participation des promeneurs par type de regroupement"
          captionHidden
          rows={lignes}
          rowKey={(l) => l.type || "total"}
          empty="Aucun regroupement tenu sur cette période."
          columns={[
            {
              header: "Type",
              // A link to the type alone (and a focusable element in the table, which scrolls sideways on a phone).
              cell: (l) =>
                l.type ? (
                  <a href={`?departement=${departement}&du=${periode.du}&au=${periode.au}&type=${l.type}`}>
                    {l.libelle}
                  </a>
                ) : (
                  <strong>Total</strong>
                ),
            },
            { header: "Regroupements", cell: (l) => formatNumber(l.regroupements), align: "right" },
            { header: "Invitations", cell: (l) => formatNumber(l.invitations), align: "right" },
            { header: "Présences notées", cell: (l) => formatNumber(l.notees), align: "right" },
            { header: "Présents", cell: (l) => formatNumber(l.presents), align: "right" },
            { header: "Excusés", cell: (l) => formatNumber(l.excuses), align: "right" },
            { header: "Absents", cell: (l) => formatNumber(l.absents), align: "right" },
            { header: "Taux", cell: (l) => taux(l.taux), align: "right" },
            { header: "Heures de formation", cell: (l) => heures(l.type, l.heures), align: "right" },
          ]}
        />
      </section>

      {promeneurs && seuil !== null ? (
        <section aria-labelledby="par-promeneur" className="mt-8">
          <h2 id="par-promeneur">Par promeneur</h2>
          <p className="mt-1 text-sm text-slate-700">
            Un promeneur est signalé quand son taux est sous le seuil de {seuil}&nbsp;% sur au moins{" "}
            {NOTEES_MIN_SIGNALEMENT} regroupements notés (jamais un promeneur sorti ou refusé).{" "}
            {signales === 0
              ? "Aucun promeneur signalé."
              : `${plural(signales, "promeneur signalé", "promeneurs signalés")}.`}
          </p>
          <DataTable
            caption="Participation de chaque promeneur, les promeneurs signalés d'abord"
            captionHidden
            rows={promeneurs}
            rowKey={(p) => p.promeneurId}
            empty="Aucun promeneur invité à un regroupement tenu sur cette période."
            columns={[
              {
                header: "Promeneur",
                cell: (p) => (
                  <>
                    <a href={`/espace/promeneurs/${p.promeneurId}`}>
                      {p.prenom} {p.nom}
                    </a>
                    {p.signale ? (
                      <>
                        {" "}
                        <span className="whitespace-nowrap rounded-full bg-alerte-700 px-2 py-0.5 text-xs font-semibold text-white">
                          ⚑ sous le seuil
                        </span>
                      </>
                    ) : null}
                  </>
                ),
              },
              { header: "Invitations", cell: (p) => formatNumber(p.invitations), align: "right" },
              { header: "Notées", cell: (p) => formatNumber(p.notees), align: "right" },
              { header: "Présent", cell: (p) => formatNumber(p.presents), align: "right" },
              { header: "Excusé", cell: (p) => formatNumber(p.excuses), align: "right" },
              { header: "Absent", cell: (p) => formatNumber(p.absents), align: "right" },
              { header: "Taux", cell: (p) => taux(p.taux), align: "right" },
              { header: "Heures de formation", cell: (p) => formatHeures(p.heures, 2), align: "right" },
            ]}
          />
          <Form method="post" className="mt-6 flex flex-wrap items-end gap-4">
            <CsrfInput />
            <Field
              id="seuil"
              label="Seuil de participation (%)"
              hint="De 0 à 100 : un promeneur dont le taux est en dessous est signalé."
              descriptionId="seuil-aide"
              errors={erreurSeuil ? [erreurSeuil] : undefined}
              errorId="seuil-erreur"
            >
              <input
                id="seuil"
                name={CHAMP_SEUIL}
                type="number"
                min={0}
                max={100}
                step={1}
                required
                defaultValue={seuil}
                aria-invalid={erreurSeuil ? true : undefined}
                aria-describedby={erreurSeuil ? "seuil-aide seuil-erreur" : "seuil-aide"}
                className="input w-28"
              />
            </Field>
            <div className="mb-4">
              <button type="submit" className="btn-secondary">
                Enregistrer le seuil
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
