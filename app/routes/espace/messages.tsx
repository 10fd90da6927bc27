import { qualiteLabel } from "~/domain/contact/contact.labels";
import { findMessages, MESSAGES_MAX } from "~/domain/contact/contact.queries.server";
import { formatDateTime, formatNumber, plural } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { pickDepartement, requirePermission } from "~/server/request.server";
import { DataTable } from "~/ui/data-table";
import type { Route } from "./+types/messages";

export const meta: Route.MetaFunction = () => [{ title: "Messages reçus – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "messages.lire");
  // The départements this actor may read; another one is a 404.
  const departement = pickDepartement(actor, "messages.lire", request);
  const archives = new URL(request.url).searchParams.get("archives") === "1";
  const messages = await findMessages(getDb(), departement, { archives });
  return { departement, archives, messages, tronque: messages.length >= MESSAGES_MAX, max: MESSAGES_MAX };
}

export default function MessagesPage({ loaderData }: Route.ComponentProps) {
  const { departement, archives, messages, tronque, max } = loaderData;
  // Unread messages come first in the inbox, so the list holds them all (up to the limit).
  const nonLus = messages.filter((m) => !m.luLe).length;
  const query = `departement=${departement}`;
  return (
    <div>
      <h1>{archives ? "Messages archivés" : "Messages reçus"}</h1>
      <p className="mt-1 text-slate-700">
        Formulaire de contact du site public · département {departement}
        {archives
          ? ""
          : ` · ${nonLus === 0 ? "aucun message non lu" : plural(nonLus, "message non lu", "messages non lus")}`}
      </p>
      {tronque ? (
        <p className="mt-2 text-slate-700">
          Seuls les {formatNumber(max)} plus récents sont affichés
          {archives ? "" : " (les messages non lus d'abord)"}.
        </p>
      ) : null}
      <p className="mt-2">
        {archives ? (
          <a href={`/espace/messages?${query}`}>← Retour à la boîte de réception</a>
        ) : (
          <a href={`/espace/messages?${query}&archives=1`}>Voir les messages archivés</a>
        )}
      </p>
      <DataTable
        className="mt-4"
        caption={archives ? "Messages archivés, du plus récent au plus ancien" : "Messages reçus, non lus d'abord"}
        captionHidden
        rows={messages}
        rowKey={(m) => m.id}
        empty={archives ? "Aucun message archivé." : "Aucun message dans la boîte de réception."}
        columns={[
          {
            header: "Objet",
            cell: (m) => (
              <a href={`/espace/messages/${m.id}`} className={m.luLe ? "" : "font-semibold"}>
                {m.luLe ? null : (
                  <span className="mr-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">
                    Nouveau
                  </span>
                )}
                {m.objet}
              </a>
            ),
          },
          { header: "Reçu le", cell: (m) => formatDateTime(m.recuLe) },
          {
            header: "De",
            cell: (m) => (
              <>
                {m.nom} <span className="break-all text-slate-700">&lt;{m.email}&gt;</span>
              </>
            ),
          },
          { header: "Qualité", cell: (m) => qualiteLabel(m.qualite) },
          { header: "État", cell: (m) => (m.luLe ? "Lu" : "Non lu") },
        ]}
      />
    </div>
  );
}
