import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import { findRegroupementLisible } from "~/domain/regroupements/regroupement.acces.server";
import { modifierRegroupement } from "~/domain/regroupements/regroupement.commands.server";
import { findComiteOptions } from "~/domain/regroupements/regroupement.queries.server";
import { heureIso } from "~/domain/regroupements/regroupement.rules";
import { modificationSchema } from "~/domain/regroupements/regroupement.schema";
import { findCommuneOptions } from "~/domain/structures/structure.queries.server";
import { jourIso } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { requestId, requireActor, requireScoped, setFlash } from "~/server/request.server";
import type { Route } from "./+types/regroupements.$id.modifier";
import { RegroupementForm, replyInvalid } from "./regroupements.form";

export const meta: Route.MetaFunction = () => [{ title: "Modifier un regroupement – Promeneurs du Net" }];

/** The gathering, for its coordination only: another département 404, an invitee 403. */
async function acces(actor: Parameters<typeof findRegroupementLisible>[1], id: string) {
  const { regroupement } = await findRegroupementLisible(getDb(), actor, id);
  requireScoped(actor, "regroupement.gerer", { departement: regroupement.departement });
  return regroupement;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const r = await acces(actor, params.id);
  const db = getDb();
  const [communes, comites] = await Promise.all([
    findCommuneOptions(db, r.departement),
    findComiteOptions(db, r.departement),
  ]);
  const jourFin = jourIso(r.fin);
  return {
    regroupement: {
      id: r.id,
      titre: r.titre,
      statut: r.statut,
      version: r.version,
      valeurs: {
        type: r.type,
        titre: r.titre,
        jourDebut: jourIso(r.debut),
        heureDebut: heureIso(r.debut),
        jourFin: jourFin === jourIso(r.debut) ? "" : jourFin,
        heureFin: heureIso(r.fin),
        lieu: r.lieu,
        communeCode: r.communeCode,
        lienVisio: r.lienVisio,
        description: r.description,
        audience: r.audience,
        capacite: r.capacite,
        comiteId: r.comiteId,
      },
    },
    communes: communes.map((c) => ({ code: c.code, nom: c.nom })),
    comites,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  await acces(actor, params.id);
  const submission = parseWithZod(await request.formData(), { schema: modificationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...input } = submission.value;
  try {
    const { prevenus } = await modifierRegroupement(
      { db: getDb(), now: new Date(), requestId: requestId(context) },
      actor,
      params.id,
      version,
      input,
    );
    setFlash(
      context,
      prevenus > 0
        ? `Regroupement modifié. ${prevenus > 1 ? `${prevenus} invités ont été prévenus` : "1 invité a été prévenu"} par e-mail.`
        : "Regroupement modifié.",
    );
    return redirect(`/espace/regroupements/${params.id}`);
  } catch (error) {
    if (error instanceof Invalid) return replyInvalid(submission, error);
    throw error;
  }
}

export default function ModifierRegroupementPage({ loaderData, actionData }: Route.ComponentProps) {
  const { regroupement } = loaderData;
  return (
    <div>
      <p>
        <a href={`/espace/regroupements/${regroupement.id}`}>← {regroupement.titre}</a>
      </p>
      <h1 className="mt-2">Modifier le regroupement</h1>
      {regroupement.statut === "annule" ? (
        <p className="mt-3">Ce regroupement est annulé : il ne peut plus être modifié.</p>
      ) : (
        <>
          <p className="mt-3">
            Si vous changez l'horaire ou le lieu, chaque invité qui n'a pas décliné reçoit un e-mail avec l'invitation
            mise à jour pour son agenda.
          </p>
          <RegroupementForm
            lastResult={actionData}
            defaults={regroupement.valeurs}
            hidden={{ version: String(regroupement.version) }}
            communes={loaderData.communes}
            comites={loaderData.comites}
            submitLabel="Enregistrer les modifications"
          />
        </>
      )}
    </div>
  );
}
