import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, href, Link, redirect } from "react-router";
import { ajouterProfil, requirePromeneurPourProfils } from "~/domain/profils/profil.commands.server";
import { RESEAUX, type Reseau, reseauFormeAttendue, reseauLabels } from "~/domain/profils/profil.labels";
import { mayOnProfils } from "~/domain/profils/profil.policy";
import { findProfilsDuPromeneur, getDelaiVerification } from "~/domain/profils/profil.queries.server";
import { profilSchema, profilSchemaFor } from "~/domain/profils/profil.schema";
import { formatDate, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { DataTable } from "~/ui/data-table";
import { FormErrors } from "~/ui/field";
import type { Route } from "./+types/promeneurs.$id.profils";
import { ProfilFields, StatutBadge } from "./profils.form";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  {
    title: `Profils sur les réseaux sociaux${loaderData ? ` de ${loaderData.promeneur.nom}` : ""} – Promeneurs du Net`,
  },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  const promeneur = await requirePromeneurPourProfils(db, actor, params.id, "lire");
  const now = new Date();
  const [profils, delai] = await Promise.all([
    findProfilsDuPromeneur(db, promeneur, now),
    getDelaiVerification(db, promeneur.departement),
  ]);
  return {
    promeneur: {
      id: promeneur.id,
      nom: `${promeneur.prenom} ${promeneur.nom}`,
      structure: promeneur.structureNom,
      departement: promeneur.departement,
    },
    delai,
    profils: profils.map((p) => ({
      id: p.id,
      reseau: p.reseau,
      handle: p.handle,
      url: p.url,
      statut: p.statut,
      echeance: p.echeance,
      derniereVerificationLe: p.derniereVerificationLe,
      avertissementAccepte: p.avertissementAccepte,
    })),
    may: mayOnProfils(actor, promeneur),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  // Permission first: only someone who may change these profiles sees the form's errors.
  const promeneur = await requirePromeneurPourProfils(db, actor, params.id, "gerer");
  const formData = await request.formData();
  const schema = profilSchemaFor({ prenom: promeneur.prenom, nom: promeneur.nom, structure: promeneur.structureNom });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const profil = await ajouterProfil({ db, now: new Date(), requestId: requestId(context) }, actor, promeneur.id, {
      reseau: String(formData.get("reseau") ?? ""),
      saisie: String(formData.get("saisie") ?? ""),
      confirmationPersonnel: formData.get("confirmationPersonnel") === "on" ? "on" : undefined,
    });
    setFlash(
      context,
      `Profil ${reseauLabels[profil.reseau as Reseau]} « ${profil.handle} » ajouté : il est à vérifier par la coordination.`,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  return redirect(href("/espace/promeneurs/:id/profils", { id: promeneur.id }));
}

export default function ProfilsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { promeneur, profils, may, delai } = loaderData;
  const [form, fields] = useForm({
    id: "ajout-profil",
    lastResult: actionData,
    defaultValue: { reseau: "instagram" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profilSchema }),
  });
  return (
    <div className="max-w-4xl">
      <p className="text-sm">
        <Link to={href("/espace/promeneurs/:id", { id: promeneur.id })}>← Fiche de {promeneur.nom}</Link>
      </p>
      <h1 className="mt-2">Profils sur les réseaux sociaux</h1>
      <p className="mt-1 text-slate-700">
        {promeneur.nom} · {promeneur.structure} · département {promeneur.departement}
      </p>
      <p className="mt-2 text-sm text-slate-700">
        Chaque profil est vérifié par la coordination ; une vérification vaut {plural(delai, "mois", "mois")}.
      </p>

      <section aria-labelledby="liste-profils" className="mt-6">
        <h2 id="liste-profils">Profils enregistrés</h2>
        <DataTable
          className="mt-3"
          caption={`Profils de ${promeneur.nom} sur les réseaux sociaux`}
          captionHidden
          rows={profils}
          rowKey={(p) => p.id}
          empty="Aucun profil enregistré pour l'instant."
          columns={[
            { header: "Réseau", cell: (p) => reseauLabels[p.reseau as Reseau] ?? p.reseau },
            {
              header: "Compte",
              cell: (p) => (
                <a href={p.url} target="_blank" rel="noopener noreferrer" className="break-all">
                  {p.handle}
                  <span className="sr-only"> (ouvre le profil dans un nouvel onglet)</span>
                </a>
              ),
            },
            { header: "Statut", cell: (p) => <StatutBadge statut={p.statut} /> },
            { header: "Dernière vérification", cell: (p) => formatDate(p.derniereVerificationLe) },
            {
              header: "Valable jusqu'au",
              cell: (p) => (p.echeance ? formatDate(p.echeance) : "à vérifier"),
            },
            {
              header: "Actions",
              cell: (p) => (
                <span className="flex flex-wrap gap-x-3">
                  <Link to={href("/espace/profils/:profilId", { profilId: p.id })}>
                    {may.gerer ? "Modifier ou supprimer" : "Historique"}
                    <span className="sr-only"> le profil {p.handle}</span>
                  </Link>
                  {may.verifier ? (
                    <Link to={href("/espace/profils/:profilId/verifier", { profilId: p.id })}>
                      Vérifier<span className="sr-only"> le profil {p.handle}</span>
                    </Link>
                  ) : null}
                </span>
              ),
            },
          ]}
        />
      </section>

      {may.gerer ? (
        <section aria-labelledby="ajout" className="mt-8 max-w-lg">
          <h2 id="ajout">Ajouter un profil</h2>
          <p className="mt-1 text-sm text-slate-700">
            Un compte professionnel, distinct de tout compte personnel. Il sera vérifié par la coordination avant
            d'apparaître dans l'annuaire public.
          </p>
          <Form method="post" className="mt-4" {...getFormProps(form)}>
            <CsrfInput />
            <FormErrors errors={form.errors} id={form.errorId} />
            <ProfilFields
              fields={fields}
              hint="Collez l'adresse de la page du compte, ou saisissez son nom (par exemple @nom_du_compte)."
            >
              <details className="mb-4 text-sm">
                <summary>Forme d'adresse attendue pour chaque réseau</summary>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
                  {RESEAUX.map((r) => (
                    <div key={r} className="contents">
                      <dt className="font-semibold">{reseauLabels[r]}</dt>
                      <dd className="break-all">
                        <code>{reseauFormeAttendue[r]}</code>
                      </dd>
                    </div>
                  ))}
                </dl>
              </details>
            </ProfilFields>
            <button type="submit" className="btn">
              Ajouter le profil
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
