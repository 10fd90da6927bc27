import { data, Form, href, Link, redirect } from "react-router";
import { findControles } from "~/domain/profils/conformite.queries.server";
import { requireProfil, verifierProfil } from "~/domain/profils/profil.commands.server";
import { type Reseau, reseauLabels, type StatutProfil, statutProfilLabels } from "~/domain/profils/profil.labels";
import { getDelaiVerification, profilAffiche } from "~/domain/profils/profil.queries.server";
import { formatDate } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requireActor, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/profils.$profilId.verifier";

export const meta: Route.MetaFunction = () => [{ title: "Vérifier un profil – Promeneurs du Net" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  const { profil, promeneur } = await requireProfil(db, actor, params.profilId, "verifier");
  const [controles, delai] = await Promise.all([
    findControles(db, profil.departement, { actifs: true }),
    getDelaiVerification(db, profil.departement),
  ]);
  return {
    profil: profilAffiche(profil, new Date(), delai),
    promeneur: { id: promeneur.id, nom: `${promeneur.prenom} ${promeneur.nom}`, structure: promeneur.structureNom },
    controles: controles.map((c) => ({ code: c.code, libelle: c.libelle, socleNational: c.socleNational })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  const db = getDb();
  const { profil, promeneur } = await requireProfil(db, actor, params.profilId, "verifier");
  const formData = await request.formData();
  const coches = formData.getAll("coches").map(String);
  const commentaire = String(formData.get("commentaire") ?? "");
  try {
    const { resultat, manquants, mailEnvoye } = await verifierProfil(
      { db, now: new Date(), requestId: requestId(context) },
      actor,
      profil.id,
      { coches, commentaire },
    );
    const nom = `${reseauLabels[profil.reseau as Reseau] ?? profil.reseau} « ${profil.handle} »`;
    setFlash(
      context,
      resultat === "conforme"
        ? `Profil ${nom} conforme.`
        : `Profil ${nom} non conforme : il manque ${manquants.join(", ")}.${mailEnvoye ? ` ${promeneur.prenom} ${promeneur.nom} a reçu un e-mail avec ce qui manque.` : " L'e-mail au promeneur n'a pas pu partir."}`,
    );
  } catch (error) {
    if (error instanceof Invalid) {
      return data({ erreurs: { [error.field]: error.message }, coches, commentaire }, { status: 400 });
    }
    throw error;
  }
  return redirect(href("/espace/promeneurs/:id/profils", { id: promeneur.id }));
}

export default function VerifierPage({ loaderData, actionData }: Route.ComponentProps) {
  const { profil, promeneur, controles } = loaderData;
  const reseau = reseauLabels[profil.reseau as Reseau] ?? profil.reseau;
  const cochesPrecedentes = new Set(actionData?.coches ?? []);
  const erreurCommentaire = actionData?.erreurs.commentaire;
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link to={href("/espace/promeneurs/:id/profils", { id: promeneur.id })}>← Profils de {promeneur.nom}</Link>
      </p>
      <h1 className="mt-2">
        Vérifier le profil {reseau} « {profil.handle} »
      </h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">Promeneur</dt>
        <dd>
          {promeneur.nom} · {promeneur.structure}
        </dd>
        <dt className="font-semibold">Statut actuel</dt>
        <dd>
          {statutProfilLabels[profil.statut as StatutProfil]}
          {profil.derniereVerificationLe
            ? ` · dernière vérification le ${formatDate(profil.derniereVerificationLe)}`
            : ""}
        </dd>
      </dl>
      <p className="mt-4">
        <a href={profil.url} target="_blank" rel="noopener noreferrer" className="btn-secondary">
          Ouvrir le profil dans un nouvel onglet
        </a>
        <span className="ml-2 break-all text-sm text-slate-700">{profil.url}</span>
      </p>

      <Form method="post" className="mt-6">
        <CsrfInput />
        <fieldset className="rounded-md border border-slate-300 p-4">
          <legend className="px-1 font-semibold">Liste de contrôle</legend>
          <p className="mb-3 text-sm text-slate-700">
            Cochez ce qui est constaté sur le profil. Tous les contrôles sont obligatoires : un seul manquant et le
            profil est non conforme ; le promeneur reçoit alors par e-mail la liste de ce qui manque.
          </p>
          <ul className="space-y-2">
            {controles.map((c) => (
              <li key={c.code}>
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    name="coches"
                    value={c.code}
                    defaultChecked={cochesPrecedentes.has(c.code)}
                    className="mt-1"
                  />
                  <span>
                    {c.libelle}
                    {c.socleNational ? <span className="ml-2 text-sm text-slate-700">(socle national)</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="mt-4">
          <label htmlFor="commentaire" className="mb-1 block font-semibold">
            Commentaire (facultatif, envoyé au promeneur si le profil n'est pas conforme)
          </label>
          <textarea
            id="commentaire"
            name="commentaire"
            rows={4}
            maxLength={2000}
            className="input"
            defaultValue={actionData?.commentaire ?? ""}
            aria-invalid={erreurCommentaire ? true : undefined}
            aria-describedby={erreurCommentaire ? "commentaire-erreur" : undefined}
          />
          {erreurCommentaire ? (
            <p id="commentaire-erreur" className="mt-1 text-sm font-semibold text-alerte-700">
              {erreurCommentaire}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn mt-4">
          Enregistrer la vérification
        </button>
      </Form>
    </div>
  );
}
