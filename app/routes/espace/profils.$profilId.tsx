import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, href, Link, redirect } from "react-router";
import { modifierProfil, requireProfil, supprimerProfil } from "~/domain/profils/profil.commands.server";
import {
  type Reseau,
  reseauFormeAttendue,
  reseauLabels,
  type StatutProfil,
  statutProfilLabels,
} from "~/domain/profils/profil.labels";
import { mayOnProfils } from "~/domain/profils/profil.policy";
import { findVerifications, getDelaiVerification, profilAffiche } from "~/domain/profils/profil.queries.server";
import { profilSchema } from "~/domain/profils/profil.schema";
import { formatDate, formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { DataTable } from "~/ui/data-table";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/profils.$profilId";
import { ProfilFields, StatutBadge } from "./profils.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  {
    title: `${loaderData ? `Profil ${reseauLabels[loaderData.profil.reseau as Reseau] ?? ""} ${loaderData.profil.handle}` : "Profil"} – Promeneurs du Net`,
  },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  const { profil, promeneur } = await requireProfil(db, actor, params.profilId, "lire");
  const [delai, verifications] = await Promise.all([
    getDelaiVerification(db, profil.departement),
    findVerifications(db, profil.id),
  ]);
  return {
    profil: { ...profilAffiche(profil, new Date(), delai), avertissementAccepte: profil.avertissementAccepte },
    promeneur: { id: promeneur.id, nom: `${promeneur.prenom} ${promeneur.nom}` },
    verifications,
    may: mayOnProfils(actor, promeneur),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  // Permission first: only someone who may change this profile sees the form's errors.
  const { profil, promeneur } = await requireProfil(db, actor, params.profilId, "gerer");
  const ctx = { db, now: new Date(), requestId: requestId(context) };
  const formData = await request.formData();
  const profilsPath = href("/espace/promeneurs/:id/profils", { id: promeneur.id });

  if (formData.get("intent") === "supprimer") {
    if (formData.get("confirmer") !== "on") {
      return data(
        {
          intent: "supprimer" as const,
          erreur: "Cochez la case pour confirmer la suppression, ou revenez à la liste des profils.",
        },
        { status: 400 },
      );
    }
    await supprimerProfil(ctx, actor, profil.id);
    setFlash(
      context,
      `Profil ${reseauLabels[profil.reseau as Reseau] ?? profil.reseau} « ${profil.handle} » supprimé.`,
    );
    return redirect(profilsPath);
  }

  const submission = parseWithZod(formData, { schema: profilSchema });
  if (submission.status !== "success") {
    return data({ intent: "modifier" as const, result: submission.reply() }, { status: 400 });
  }
  try {
    const modifie = await modifierProfil(ctx, actor, profil.id, {
      reseau: String(formData.get("reseau") ?? ""),
      saisie: String(formData.get("saisie") ?? ""),
      confirmationPersonnel: formData.get("confirmationPersonnel") === "on" ? "on" : undefined,
    });
    const aVerifier = modifie.derniereVerificationLe === null && profil.derniereVerificationLe !== null;
    setFlash(
      context,
      `Profil enregistré${aVerifier ? " : c'est un nouveau compte, il est de nouveau à vérifier par la coordination" : ""}.`,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data(
        { intent: "modifier" as const, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) },
        { status: 400 },
      );
    }
    throw error;
  }
  return redirect(profilsPath);
}

export default function ProfilPage({ loaderData, actionData }: Route.ComponentProps) {
  const { profil, promeneur, verifications, may } = loaderData;
  const reseau = reseauLabels[profil.reseau as Reseau] ?? profil.reseau;
  const [form, fields] = useForm({
    id: "modifier-profil",
    lastResult: actionData?.intent === "modifier" ? actionData.result : undefined,
    defaultValue: { reseau: profil.reseau, saisie: profil.url },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profilSchema }),
  });
  const erreurSuppression = actionData?.intent === "supprimer" ? actionData.erreur : null;
  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <Link to={href("/espace/promeneurs/:id/profils", { id: promeneur.id })}>← Profils de {promeneur.nom}</Link>
      </p>
      <h1 className="mt-2">
        Profil {reseau} « {profil.handle} »
      </h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">Promeneur</dt>
        <dd>{promeneur.nom}</dd>
        <dt className="font-semibold">Adresse</dt>
        <dd className="break-all">
          <a href={profil.url} target="_blank" rel="noopener noreferrer">
            {profil.url}
            <span className="sr-only"> (nouvel onglet)</span>
          </a>
        </dd>
        <dt className="font-semibold">Statut</dt>
        <dd>
          <StatutBadge statut={profil.statut} />
          {profil.echeance ? ` · vérification valable jusqu'au ${formatDate(profil.echeance)}` : null}
        </dd>
        {profil.avertissementAccepte ? (
          <>
            <dt className="font-semibold">Avertissement</dt>
            <dd>Le nom du compte ressemble à un compte personnel ; il a été confirmé comme professionnel.</dd>
          </>
        ) : null}
      </dl>
      {may.verifier ? (
        <p className="mt-4">
          <Link className="btn" to={href("/espace/profils/:profilId/verifier", { profilId: profil.id })}>
            Vérifier ce profil
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="historique" className="mt-8">
        <h2 id="historique">Historique des vérifications</h2>
        <DataTable
          className="mt-3"
          caption={`Vérifications du profil ${profil.handle}`}
          captionHidden
          rows={verifications}
          rowKey={(v) => v.id}
          empty="Ce profil n'a encore jamais été vérifié."
          columns={[
            { header: "Date", cell: (v) => formatDateTime(v.verifieLe) },
            { header: "Vérifié par", cell: (v) => v.verificateur ?? "compte supprimé" },
            {
              header: "Résultat",
              cell: (v) => statutProfilLabels[v.resultat as StatutProfil] ?? v.resultat,
            },
            {
              header: "Manquants",
              cell: (v) =>
                v.manques.length ? (
                  <ul className="list-disc pl-4">
                    {v.manques.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ) : (
                  "–"
                ),
            },
            { header: "Commentaire", cell: (v) => <span className="whitespace-pre-line">{v.commentaire ?? "–"}</span> },
          ]}
        />
      </section>

      {may.gerer ? (
        <>
          <section aria-labelledby="modifier" className="mt-8 max-w-lg">
            <h2 id="modifier">Modifier le profil</h2>
            <p className="mt-1 text-sm text-slate-700">
              Changer de compte (autre nom ou autre réseau) efface la dernière vérification : le profil redevient à
              vérifier.
            </p>
            <Form method="post" className="mt-4" {...getFormProps(form)}>
              <CsrfInput />
              <input type="hidden" name="intent" value="modifier" />
              <FormErrors errors={form.errors} id={form.errorId} />
              <ProfilFields
                fields={fields}
                hint={`Par exemple ${reseauFormeAttendue[profil.reseau as Reseau] ?? reseauFormeAttendue.autre}`}
              />
              <button type="submit" className="btn">
                Enregistrer
              </button>
            </Form>
          </section>

          <section aria-labelledby="supprimer" className="mt-8 max-w-lg">
            <h2 id="supprimer">Supprimer le profil</h2>
            <p className="mt-1 text-sm text-slate-700">
              Le profil et son historique de vérification sont supprimés ; le journal des modifications en garde la
              trace.
            </p>
            <Form method="post" className="mt-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="supprimer" />
              <div className="mb-3">
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    name="confirmer"
                    id="confirmer-suppression"
                    className="mt-1"
                    aria-invalid={erreurSuppression ? true : undefined}
                    aria-describedby={erreurSuppression ? "erreur-suppression" : undefined}
                  />
                  <span>
                    Je confirme la suppression du profil {reseau} « {profil.handle} »
                  </span>
                </label>
                {erreurSuppression ? (
                  <p id="erreur-suppression" className="mt-1 text-sm font-semibold text-alerte-700">
                    {erreurSuppression}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="btn-secondary">
                Supprimer le profil
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
