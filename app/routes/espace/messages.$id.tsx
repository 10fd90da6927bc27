import { data, Form, redirect } from "react-router";
import { can } from "~/domain/comptes/policy";
import { archiverMessage, marquerMessageLu } from "~/domain/contact/contact.commands.server";
import { qualiteLabel } from "~/domain/contact/contact.labels";
import { findMessage } from "~/domain/contact/contact.queries.server";
import { formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import type { Route } from "./+types/messages.$id";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.message.objet ?? "Message"} – Messages reçus – Promeneurs du Net` },
];

/** The message if the actor may read this département's inbox; a 404 otherwise (not even its existence). */
async function messageInScope(context: Route.LoaderArgs["context"], request: Request, id: string) {
  const actor = requirePermission(context, request, "messages.lire");
  const message = await findMessage(getDb(), id);
  if (!message || !can(actor, "messages.lire", { departement: message.departement })) notFound();
  return { actor, message };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, message } = await messageInScope(context, request, params.id);
  let { luLe, luParNom } = message;
  // Opening it marks it read: only the first opening is recorded.
  if (!luLe) {
    const now = new Date();
    if (await marquerMessageLu(getDb(), message.id, actor, now)) {
      luLe = now;
      luParNom = actor.nom;
    }
  }
  return { message: { ...message, luLe, luParNom } };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, message } = await messageInScope(context, request, params.id);
  const intent = (await request.formData()).get("intent");
  if (intent !== "archiver" && intent !== "desarchiver") {
    throw data({ message: "Action inconnue." }, { status: 400 });
  }
  const archiver = intent === "archiver";
  await archiverMessage(
    { db: getDb(), now: new Date(), requestId: requestId(context) },
    actor,
    { id: message.id, departement: message.departement },
    archiver,
  );
  setFlash(context, archiver ? "Message archivé." : "Message remis dans la boîte de réception.");
  return redirect(`/espace/messages?departement=${message.departement}`);
}

export default function MessagePage({ loaderData }: Route.ComponentProps) {
  const { message } = loaderData;
  const reply = `mailto:${encodeURIComponent(message.email)}?subject=${encodeURIComponent(`Re : ${message.objet}`)}`;
  return (
    <div className="max-w-3xl">
      <p>
        <a href={`/espace/messages?departement=${message.departement}`}>← Messages reçus</a>
      </p>
      <article className="mt-2">
        <h1>{message.objet}</h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-semibold">De</dt>
          <dd className="break-all">
            {message.nom} &lt;{message.email}&gt;
          </dd>
          <dt className="font-semibold">Qualité</dt>
          <dd>{qualiteLabel(message.qualite)}</dd>
          <dt className="font-semibold">Reçu le</dt>
          <dd>
            <time dateTime={new Date(message.recuLe).toISOString()}>{formatDateTime(message.recuLe)}</time>
          </dd>
          <dt className="font-semibold">Lu</dt>
          <dd>
            {message.luLe
              ? `le ${formatDateTime(message.luLe)}${message.luParNom ? ` par ${message.luParNom}` : ""}`
              : "non"}
          </dd>
          {message.archiveLe ? (
            <>
              <dt className="font-semibold">Archivé le</dt>
              <dd>{formatDateTime(message.archiveLe)}</dd>
            </>
          ) : null}
        </dl>
        <h2 className="sr-only">Texte du message</h2>
        {/* Plain text, never HTML: React escapes it; line breaks are kept by the CSS. */}
        <div className="mt-4 whitespace-pre-wrap break-words rounded-md border border-slate-300 bg-white p-4">
          {message.message}
        </div>
      </article>
      <div className="mt-6 flex flex-wrap items-center gap-3">
        <a href={reply} className="btn">
          Répondre par e-mail
        </a>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value={message.archiveLe ? "desarchiver" : "archiver"} />
          <button type="submit" className="btn-secondary">
            {message.archiveLe ? "Remettre dans la boîte de réception" : "Archiver"}
          </button>
        </Form>
      </div>
    </div>
  );
}
