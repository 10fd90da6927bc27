import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { inviteUser, revokeInvitation } from "~/domain/comptes/comptes.commands.server";
import { inviteSchema } from "~/domain/comptes/comptes.schema";
import { can, invitableRoles, scopeFor } from "~/domain/comptes/policy";
import { type RoleCode, roleLabels } from "~/domain/comptes/roles";
import { findPendingInvitations, findTeam } from "~/domain/comptes/user.queries.server";
import { findStructureOptions } from "~/domain/structures/structure.queries.server";
import { formatDate, formatDateTime } from "~/lib/format";
import { getDb } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { Invalid, NotFound } from "~/server/errors.server";
import { getLogger } from "~/server/logger.server";
import { sendMail } from "~/server/mail.server";
import { pickDepartement, requestId, requirePermission, setFlash } from "~/server/request.server";
import { CsrfInput } from "~/ui/csrf-input";
import { DataTable } from "~/ui/data-table";
import { Field, FormErrors, InputField } from "~/ui/field";
import type { Route } from "./+types/equipe";

export const meta: Route.MetaFunction = () => [{ title: "Équipe et invitations – Promeneurs du Net" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePermission(context, request, "equipe.lire");
  const departement = pickDepartement(actor, "equipe.lire", request);
  const db = getDb();
  const [team, invitations, structures] = await Promise.all([
    findTeam(db, departement),
    findPendingInvitations(db, departement, new Date()),
    findStructureOptions(db, departement),
  ]);
  return {
    departement,
    team,
    invitations,
    structures,
    roles: can(actor, "equipe.inviter", { departement }) ? invitableRoles(actor, departement) : [],
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  // Checked before reading the form: only someone who may invite somewhere sees its errors.
  requirePermission(context, request, "equipe.inviter");
  const formData = await request.formData();
  const db = getDb();
  const now = new Date();
  if (formData.get("intent") === "annuler") {
    const actor = requirePermission(context, request, "equipe.inviter");
    const scope = scopeFor(actor, "equipe.inviter");
    try {
      await revokeInvitation(
        { db, now, requestId: requestId(context) },
        actor,
        String(formData.get("invitationId") ?? ""),
        scope.all ? "all" : scope.departements,
      );
    } catch (error) {
      if (error instanceof NotFound) throw data({ message: error.message }, { status: 404 });
      throw error;
    }
    setFlash(context, "Invitation annulée.");
    return redirect(new URL(request.url).pathname + new URL(request.url).search);
  }
  const submission = parseWithZod(formData, { schema: inviteSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const actor = requirePermission(context, request, "equipe.inviter", { departement: submission.value.departement });
  try {
    const { mail } = await inviteUser(
      { db, now, requestId: requestId(context) },
      actor,
      submission.value,
      getEnv().publicUrl,
    );
    await sendMail(mail).catch((error) => getLogger().error({ err: error }, "invitation mail failed"));
  } catch (error) {
    if (error instanceof Invalid) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), { status: 400 });
    }
    throw error;
  }
  setFlash(context, `Invitation envoyée à ${submission.value.email}.`);
  return redirect(`/espace/equipe?departement=${submission.value.departement}`);
}

export default function EquipePage({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    lastResult: actionData,
    defaultValue: { departement: loaderData.departement, role: "promeneur" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  return (
    <div>
      <h1>Équipe et invitations</h1>
      <p className="mt-1 text-slate-700">Département {loaderData.departement}</p>

      <section aria-labelledby="team" className="mt-6">
        <h2 id="team">Personnes ayant un compte</h2>
        <DataTable
          className="mt-3"
          caption="Personnes ayant un compte dans le département"
          captionHidden
          rows={loaderData.team}
          rowKey={(m) => m.userId}
          columns={[
            { header: "Nom", cell: (m) => m.nom },
            { header: "E-mail", cell: (m) => <span className="break-all">{m.email}</span> },
            {
              header: "Rôles",
              cell: (m) =>
                m.roles.map((r) => `${roleLabels[r.role]}${r.structure ? ` (${r.structure})` : ""}`).join(", "),
            },
            { header: "Dernière connexion", cell: (m) => (m.lastSignInAt ? formatDateTime(m.lastSignInAt) : "jamais") },
          ]}
        />
      </section>

      <section aria-labelledby="pending" className="mt-8">
        <h2 id="pending">Invitations en attente</h2>
        {loaderData.invitations.length === 0 ? (
          <p className="mt-2">Aucune invitation en attente.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {loaderData.invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {i.nom} · {i.email} · {roleLabels[i.role as RoleCode] ?? i.role}
                  {i.structure ? ` (${i.structure})` : ""} · expire le {formatDate(i.expiresAt)}
                </span>
                {loaderData.roles.length > 0 ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="annuler" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="btn-secondary text-sm">
                      Annuler l'invitation de {i.nom}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {loaderData.roles.length > 0 ? (
        <section aria-labelledby="invite" className="mt-8 max-w-lg">
          <h2 id="invite">Inviter une personne</h2>
          <p className="mt-1 text-sm text-slate-700">
            Elle reçoit un e-mail avec un lien valable 14 jours pour choisir son mot de passe.
          </p>
          <Form method="post" className="mt-4" {...getFormProps(form)}>
            <CsrfInput />
            <input {...getInputProps(fields.departement, { type: "hidden" })} />
            <FormErrors errors={form.errors} id={form.errorId} />
            <InputField field={fields.nom} label="Prénom et nom" type="text" autoComplete="off" />
            <InputField field={fields.email} label="Adresse e-mail" type="email" autoComplete="off" />
            <Field id={fields.role.id} label="Rôle" errors={fields.role.errors} errorId={fields.role.errorId}>
              <select {...getSelectProps(fields.role)} className="input">
                {loaderData.roles.map((role) => (
                  <option key={role} value={role}>
                    {roleLabels[role]}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id={fields.structureId.id}
              label="Structure (pour un référent)"
              errors={fields.structureId.errors}
              errorId={fields.structureId.errorId}
            >
              <select {...getSelectProps(fields.structureId)} className="input">
                <option value="">— Aucune —</option>
                {loaderData.structures.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.nom}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit" className="btn">
              Envoyer l'invitation
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
