import { audienceLabels } from "~/domain/annonces/annonce.labels";
import { findAccusesLecture, findAnnonce, marquerLue } from "~/domain/annonces/annonce.queries.server";
import { formatDateTime, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/annonces.$id";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.annonce.titre ?? "Annonce"} – Promeneurs du Net` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "annonce.lire");
  const db = getDb();
  const annonce = await findAnnonce(db, actor, params.id);
  // A non-recipient, or anyone outside the département, learns nothing: not even that it exists.
  if (!annonce) return notFound();
  requirePermission(context, request, "annonce.lire", { departement: annonce.departement });
  // Opening it is the read receipt: idempotent, only the first opening is recorded.
  let luLe = annonce.destinataire?.luLe ?? null;
  if (annonce.destinataire && !luLe) {
    const now = new Date();
    if (await marquerLue(db, annonce.id, actor.userId, now)) luLe = now;
  }
  const accuses = annonce.coordination ? await findAccusesLecture(db, annonce.id) : null;
  // The counts are those of the list below, never another source that could disagree with it.
  const totaux = accuses ? { lues: accuses.filter((a) => a.luLe !== null).length, total: accuses.length } : null;
  return {
    annonce: {
      id: annonce.id,
      departement: annonce.departement,
      titre: annonce.titre,
      corps: annonce.corps,
      audience: annonce.audience,
      publieeLe: annonce.publieeLe,
      auteur: annonce.auteur,
    },
    luLe,
    accuses,
    totaux,
  };
}

export default function AnnoncePage({ loaderData }: Route.ComponentProps) {
  const { annonce, accuses, totaux } = loaderData;
  return (
    <div className="max-w-3xl">
      <p>
        <a href={`/espace/annonces?departement=${annonce.departement}`}>← Toutes les annonces</a>
      </p>
      <article className="mt-2">
        <h1>{annonce.titre}</h1>
        <p className="mt-1 text-sm text-slate-700">
          Envoyée le{" "}
          <time dateTime={new Date(annonce.publieeLe).toISOString()}>{formatDateTime(annonce.publieeLe)}</time>
          {annonce.auteur ? ` par ${annonce.auteur}` : ""} · {audienceLabels[annonce.audience]} · département{" "}
          {annonce.departement}
        </p>
        {/* Plain text: React escapes it, `whitespace-pre-line` keeps the line breaks. */}
        <div className="mt-6 whitespace-pre-line break-words">{annonce.corps}</div>
      </article>

      {accuses && totaux ? (
        <section aria-labelledby="accuses" className="mt-10">
          <h2 id="accuses">Accusés de lecture</h2>
          <p className="mt-1">
            Lue par {totaux.lues} sur {plural(totaux.total, "destinataire")}.
          </p>
          <DataTable
            className="mt-3"
            caption="Destinataires de l'annonce et date de lecture"
            rows={accuses}
            rowKey={(a) => a.userId}
            empty="Cette annonce n'a été envoyée à personne."
            columns={[
              { header: "Destinataire", cell: (a) => a.nom },
              { header: "E-mail", cell: (a) => <span className="break-all">{a.email}</span> },
              { header: "Lecture", cell: (a) => (a.luLe ? `Lue le ${formatDateTime(a.luLe)}` : "Non lue") },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
