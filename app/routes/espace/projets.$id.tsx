import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { getProjetModifiable, updateProjet } from "~/domain/projets/projet.commands.server";
import { type ProjetEtat, type ProjetForme, projetEtatLabels, projetFormeLabels } from "~/domain/projets/projet.labels";
import { getProjetPourActeur } from "~/domain/projets/projet.queries.server";
import { projetSchema } from "~/domain/projets/projet.schema";
import { themeLabels } from "~/domain/promeneurs/theme.labels";
import { formatDate, formatDateTime, plural } from "~/lib/format";
import { formatJourIso, jourParis } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { requestId, requireActor, requirePermission, setFlash } from "~/server/request.server";
import type { Route } from "./+types/projets.$id";
import { ProjetForm } from "./projets.form";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.projet.titre ?? "Projet de jeunes"} – Promeneurs du Net` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const { projet, promeneurNom, structureNom, modifiable } = await getProjetPourActeur(getDb(), actor, params.id);
  return {
    modifiable,
    promeneurNom,
    structureNom,
    today: formatJourIso(jourParis(new Date())),
    projet: {
      id: projet.id,
      departement: projet.departement,
      titre: projet.titre,
      theme: projet.theme,
      forme: projet.forme,
      nombreJeunes: projet.nombreJeunes,
      partenaires: projet.partenaires,
      description: projet.description,
      etat: projet.etat,
      debutLe: projet.debutLe,
      besoinSoutien: projet.besoinSoutien,
      soutienDemandeLe: projet.soutienDemandeLe,
      updatedAt: projet.updatedAt,
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "projet.saisir");
  const db = getDb();
  // Its promeneur only, checked before reading the form: nobody else sees its errors.
  const { projet: avant } = await getProjetModifiable(db, actor, params.id);
  const now = new Date();
  const submission = parseWithZod(await request.formData(), { schema: projetSchema(jourParis(now)) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const projet = await updateProjet({ db, now, requestId: requestId(context) }, actor, params.id, submission.value);
  setFlash(
    context,
    projet.besoinSoutien && !avant.besoinSoutien
      ? `Projet « ${projet.titre} » enregistré. La coordination a été prévenue de votre demande de soutien.`
      : `Projet « ${projet.titre} » enregistré.`,
  );
  return redirect(`/espace/projets/${projet.id}`);
}

export default function ProjetPage({ loaderData, actionData }: Route.ComponentProps) {
  const { projet, modifiable } = loaderData;
  const theme = themeLabels[projet.theme as keyof typeof themeLabels] ?? projet.theme;
  return (
    <div>
      <p>
        <a href={modifiable ? "/espace/projets?vue=miens" : `/espace/projets?departement=${projet.departement}`}>
          ← {modifiable ? "Mes projets de jeunes" : "Projets de jeunes"}
        </a>
      </p>
      <h1 className="mt-2">{projet.titre}</h1>
      <p className="mt-1 text-slate-700">
        Accompagné par {loaderData.promeneurNom} ({loaderData.structureNom}) · mis à jour le{" "}
        {formatDateTime(projet.updatedAt)}
      </p>
      {projet.besoinSoutien ? (
        <p className="mt-3 w-fit rounded bg-amber-100 px-3 py-1 font-semibold text-amber-950">
          Demande le soutien de la coordination
          {projet.soutienDemandeLe ? ` depuis le ${formatDate(projet.soutienDemandeLe)}` : ""}
        </p>
      ) : null}
      <dl className="mt-4 grid max-w-2xl gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Thème</dt>
        <dd>{theme}</dd>
        <dt className="font-semibold">Forme</dt>
        <dd>
          {projetFormeLabels[projet.forme as ProjetForme] ?? projet.forme},{" "}
          {plural(projet.nombreJeunes, "jeune", "jeunes")}
        </dd>
        <dt className="font-semibold">État</dt>
        <dd>{projetEtatLabels[projet.etat as ProjetEtat] ?? projet.etat}</dd>
        <dt className="font-semibold">Début</dt>
        <dd>{formatDate(projet.debutLe)}</dd>
        <dt className="font-semibold">Partenaires</dt>
        <dd>{projet.partenaires || "Aucun indiqué"}</dd>
        <dt className="font-semibold">Description</dt>
        <dd className="whitespace-pre-line">{projet.description || "Aucune description"}</dd>
      </dl>
      {modifiable ? (
        <section aria-labelledby="titre-modifier" className="mt-8">
          <h2 id="titre-modifier">Mettre à jour le projet</h2>
          <ProjetForm
            lastResult={actionData}
            today={loaderData.today}
            defaults={{
              titre: projet.titre,
              theme: projet.theme,
              forme: projet.forme,
              nombreJeunes: projet.nombreJeunes,
              etat: projet.etat,
              debutLe: projet.debutLe,
              partenaires: projet.partenaires,
              description: projet.description,
              besoinSoutien: projet.besoinSoutien,
            }}
            submitLabel="Enregistrer"
          />
        </section>
      ) : null}
    </div>
  );
}
