import { data, Form, redirect } from "react-router";
import { can } from "~/domain/comptes/policy";
import { masquerPetitsEffectifs } from "~/domain/confidentialite/petits-effectifs";
import { libelleMois } from "~/domain/rapports/rapport.format";
import type { RapportStatut } from "~/domain/rapports/rapport.labels";
import { type ComptesRapport, getRapportComplet } from "~/domain/rapports/rapport.queries.server";
import { statutApres } from "~/domain/rapports/rapport.workflow";
import { findEnteteRapport } from "~/domain/rapports/rapport-liste.queries.server";
import { renvoyerRapport, rouvrirRapport, validerRapport } from "~/domain/rapports/rapport-revue.commands.server";
import { CHAMP_STATUT } from "~/domain/rapports/rapport-revue.schema";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid, notFound } from "~/server/errors.server";
import { requestId, requirePermission, requireScoped, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/rapports.$id";
import { RapportLecture, StatutRapport } from "./rapport.lecture";

export const meta: Route.MetaFunction = ({ data }) => [
  {
    title: data
      ? `Bilan de ${libelleMois(data.rapport.mois)} – ${data.promeneur} – Promeneurs du Net`
      : "Bilan mensuel – Promeneurs du Net",
  },
];

/** A report's theme counts with the small ones (1 or 2) withheld, and the true total. */
function masquerThemes(comptes: ComptesRapport) {
  const { visibles, masques, total } = masquerPetitsEffectifs(comptes.theme);
  return { comptes: { ...comptes, theme: visibles }, themesMasques: { codes: masques, total } };
}

/**
 * One monthly report: the coordination reads all of it and reviews it; a referent of the
 * promeneur's structure reads its counts only. Copil, national and promeneurs get a 403 (a promeneur
 * reads their own reports at /espace/mes-rapports), a referent of another structure or a
 * coordinator of another département a 404.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "rapport.lire");
  const db = getDb();
  const complet = await getRapportComplet(db, { id: params.id });
  if (!complet) notFound();
  const { rapport, comptes } = complet;
  requireScoped(actor, "rapport.lire", { departement: rapport.departement, structureId: rapport.structureId });
  const detail = can(actor, "rapport.lire.detail", { departement: rapport.departement });
  const revue = can(actor, "rapport.valider", { departement: rapport.departement });
  const personne = await findEnteteRapport(db, rapport);
  const statut = rapport.statut as RapportStatut;
  return {
    rapport: {
      id: rapport.id,
      departement: rapport.departement,
      mois: rapport.mois,
      statut,
      version: rapport.version,
      soumisLe: rapport.soumisLe,
      valideLe: rapport.valideLe,
    },
    promeneur: personne ? `${personne.prenom} ${personne.nom}` : "Promeneur",
    structure: personne?.structure ?? "",
    totaux: {
      nouveauxJeunes: rapport.nouveauxJeunes,
      fileActive: rapport.fileActive,
      echanges: rapport.echanges,
      echangesIndividuels: rapport.echangesIndividuels,
      echangesCollectifs: rapport.echangesCollectifs,
      heuresEnLigne: rapport.heuresEnLigne,
    },
    // Outside the coordination's view, a theme counted 1 or 2 is « < 3 » (DESIGN §5): the exact
    // figure does not leave the server.
    ...(detail ? { comptes, themesMasques: null } : masquerThemes(comptes)),
    // The highlight and the comments leave the server only for those who may read them.
    detail: detail
      ? {
          faitMarquant: rapport.faitMarquant,
          commentaireCoordination: rapport.commentaireCoordination,
          motifReouverture: rapport.motifReouverture,
        }
      : null,
    actions: revue
      ? {
          valider: statutApres(statut, "valider") !== null,
          renvoyer: statutApres(statut, "renvoyer") !== null,
          rouvrir: statutApres(statut, "rouvrir") !== null,
        }
      : null,
  };
}

type Intent = "valider" | "renvoyer" | "rouvrir";
export type RevueErreur = { intent: Intent; field: string; message: string };

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "rapport.valider");
  const ctx = { db: getDb(), now: new Date(), requestId: requestId(context) };
  const form = await request.formData();
  const intent = form.get("intent");
  const versionText = form.get("version")?.toString();
  const version = versionText && /^\d+$/.test(versionText) ? Number(versionText) : undefined;
  try {
    if (intent === "valider") {
      await validerRapport(ctx, actor, params.id, version);
      setFlash(context, "Bilan validé : il est verrouillé.");
    } else if (intent === "renvoyer") {
      await renvoyerRapport(ctx, actor, params.id, form.get("commentaire")?.toString() ?? "", version);
      setFlash(context, "Bilan renvoyé pour correction : le promeneur est prévenu par e-mail.");
    } else if (intent === "rouvrir") {
      await rouvrirRapport(ctx, actor, params.id, form.get("motif")?.toString() ?? "", version);
      setFlash(context, "Bilan rouvert : le promeneur est prévenu par e-mail.");
    } else {
      return data({ intent: "valider", field: CHAMP_STATUT, message: "Action inconnue." } satisfies RevueErreur, {
        status: 400,
      });
    }
  } catch (error) {
    if (error instanceof Invalid) {
      return data({ intent: intent as Intent, field: error.field, message: error.message } satisfies RevueErreur, {
        // The report changed under the form: a conflict, not bad input.
        status: error.field === CHAMP_STATUT ? 409 : 400,
      });
    }
    throw error;
  }
  return redirect(`/espace/rapports/${params.id}`);
}

function ChampTexte({
  id,
  name,
  label,
  hint,
  erreur,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  erreur: string | undefined;
}) {
  const describedBy = [`${id}-aide`, erreur ? `${id}-erreur` : null].filter(Boolean).join(" ");
  return (
    <div className="mb-3">
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      <p id={`${id}-aide`} className="mb-1 text-sm text-slate-700">
        {hint}
      </p>
      <textarea
        id={id}
        name={name}
        rows={4}
        maxLength={1000}
        required
        aria-invalid={erreur ? true : undefined}
        aria-describedby={describedBy}
        className="input w-full"
      />
      {erreur ? (
        <p id={`${id}-erreur`} className="mt-1 text-sm font-semibold text-alerte-700">
          {erreur}
        </p>
      ) : null}
    </div>
  );
}

/** A review action that needs a written reason (renvoyer, rouvrir): the report's version, one text, one button. */
function FormulaireMotif({
  className,
  intent,
  version,
  name,
  label,
  hint,
  erreur,
  bouton,
}: {
  className: string;
  intent: Intent;
  version: number;
  name: string;
  label: string;
  hint: string;
  erreur: string | undefined;
  bouton: string;
}) {
  return (
    <Form method="post" className={className}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      <ChampTexte id={name} name={name} label={label} hint={hint} erreur={erreur} />
      <button type="submit" className="btn-secondary">
        {bouton}
      </button>
    </Form>
  );
}

export default function RapportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { rapport, actions, detail } = loaderData;
  const erreur = actionData as RevueErreur | undefined;
  const erreurDe = (intent: Intent, field: string) =>
    erreur?.intent === intent && erreur.field === field ? erreur.message : undefined;
  const conflit = erreur?.field === CHAMP_STATUT ? erreur.message : undefined;
  const aucuneAction = actions && !actions.valider && !actions.renvoyer && !actions.rouvrir;
  return (
    <div className="max-w-4xl">
      <p>
        <a href={`/espace/rapports?departement=${rapport.departement}`}>← Tous les bilans</a>
      </p>
      <h1 className="mt-2">
        Bilan de {libelleMois(rapport.mois)} – {loaderData.promeneur}
      </h1>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-700">
        <span>{loaderData.structure}</span>
        <StatutRapport statut={rapport.statut} />
        {rapport.soumisLe ? <span>Soumis le {formatDateTime(rapport.soumisLe)}</span> : null}
        {rapport.valideLe ? <span>· validé le {formatDateTime(rapport.valideLe)}</span> : null}
      </p>
      {detail ? null : (
        <p className="mt-3 text-sm text-slate-700">
          Vous voyez les chiffres du bilan ; le fait marquant et les échanges avec la coordination restent entre le
          promeneur et la coordination.
        </p>
      )}

      {conflit ? (
        <div role="alert" className="mt-4 rounded-md border border-alerte-700 bg-red-50 px-4 py-3 text-alerte-700">
          {conflit}
        </div>
      ) : null}

      {actions ? (
        <section aria-labelledby="titre-revue" className="mt-6 rounded border border-slate-300 p-4">
          <h2 id="titre-revue">Revue de la coordination</h2>
          {aucuneAction ? (
            <p className="mt-2">
              {rapport.statut === "brouillon"
                ? "Ce bilan est un brouillon : il pourra être validé ou renvoyé une fois soumis par le promeneur."
                : "Ce bilan attend la correction du promeneur."}
            </p>
          ) : null}
          {actions.valider ? (
            <Form method="post" className="mt-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="valider" />
              <input type="hidden" name="version" value={rapport.version} />
              <button type="submit" className="btn">
                Valider
              </button>
            </Form>
          ) : null}
          {actions.renvoyer ? (
            <FormulaireMotif
              className="mt-4"
              intent="renvoyer"
              version={rapport.version}
              name="commentaire"
              label="Commentaire pour le promeneur"
              hint="Ce qu'il faut corriger (1 000 caractères au plus, sans nom ni coordonnées de jeune)."
              erreur={erreurDe("renvoyer", "commentaire")}
              bouton="Renvoyer pour correction"
            />
          ) : null}
          {actions.rouvrir ? (
            <FormulaireMotif
              className="mt-3"
              intent="rouvrir"
              version={rapport.version}
              name="motif"
              label="Motif de la réouverture"
              hint="Pourquoi ce bilan validé doit être modifié : le promeneur le reçoit par e-mail."
              erreur={erreurDe("rouvrir", "motif")}
              bouton="Rouvrir"
            />
          ) : null}
        </section>
      ) : null}

      <div className="mt-8">
        <RapportLecture
          totaux={loaderData.totaux}
          comptes={loaderData.comptes}
          masques={loaderData.themesMasques ? { theme: loaderData.themesMasques } : undefined}
          {...(detail
            ? {
                faitMarquant: detail.faitMarquant,
                commentaireCoordination: detail.commentaireCoordination,
                motifReouverture: detail.motifReouverture,
              }
            : {})}
        />
      </div>
    </div>
  );
}
