import { formatDateTime } from "~/lib/format";
import { getEnv } from "~/server/env.server";
import { notFound } from "~/server/errors.server";
import { findOutboxMails } from "~/server/mail.server";
import { requirePermission } from "~/server/request.server";
import type { Route } from "./+types/outbox";

export const meta: Route.MetaFunction = () => [{ title: "E-mails envoyés (démo) – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "outbox.lire");
  const env = getEnv();
  if (!env.demo || env.SMTP_URL) notFound();
  return { mails: await findOutboxMails() };
}

export default function OutboxPage({ loaderData }: Route.ComponentProps) {
  return (
    <div>
      <h1>E-mails envoyés (démonstration)</h1>
      <p className="mt-2">
        Sans serveur SMTP configuré, les e-mails ne partent pas : ils sont conservés ici pour la démonstration.
      </p>
      {loaderData.mails.length === 0 ? <p className="mt-4">Aucun e-mail pour le moment.</p> : null}
      <ul className="mt-6 space-y-4">
        {loaderData.mails.map((mail) => (
          <li key={mail.id} className="rounded-md border border-slate-300 p-4">
            <h2 className="text-lg">{mail.subject}</h2>
            <p className="text-sm text-slate-700">
              À {mail.to} · {formatDateTime(mail.date)}
            </p>
            <pre className="mt-2 text-sm whitespace-pre-wrap">{mail.text}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
