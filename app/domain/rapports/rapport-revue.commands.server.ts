import { promeneurs, rapportsMensuels } from "@db/schema";
import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { marquerAgregatsARefaire } from "~/domain/indicateurs/agregats.server";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { getEnv } from "~/server/env.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { type Mail, sendMails } from "~/server/mail.server";
import { requireScoped } from "~/server/request.server";
import { libelleMois, moisUrl } from "./rapport.format";
import type { RapportStatut } from "./rapport.labels";
import type { RapportRow } from "./rapport.queries.server";
import { type RapportEvenement, refusTransition, statutApres } from "./rapport.workflow";
import { CHAMP_STATUT, commentaireRenvoiSchema, motifReouvertureSchema } from "./rapport-revue.schema";

export { CHAMP_STATUT };

type Ctx = { db: Database; now: Date; requestId?: string };

/** A report the actor may review: 403 for a role that never reviews, 404 when absent or in another département. */
async function rapportARevoir(db: Database, actor: Actor, id: string): Promise<RapportRow> {
  // Checked before the lookup: a role without the permission learns nothing of the report.
  if (!can(actor, "rapport.valider")) forbidden();
  if (!isUuid(id)) notFound();
  const [rapport] = await db.select().from(rapportsMensuels).where(eq(rapportsMensuels.id, id)).limit(1);
  if (!rapport) notFound();
  requireScoped(actor, "rapport.valider", { departement: rapport.departement });
  return rapport;
}

function parseTexte(schema: typeof commentaireRenvoiSchema, field: string, value: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Invalid(field, parsed.error.issues[0]?.message ?? "Ce texte n'est pas valide.");
  return parsed.data;
}

/**
 * Moves the report from the status it was read at to the event's next status, with one conditional
 * UPDATE on status and version: of two concurrent reviews, one changes the row, the other finds
 * nothing to change and is refused with the reason (no second audit row, no second mail).
 */
async function transition(
  { db, now, requestId }: Ctx,
  actor: Actor,
  rapport: RapportRow,
  evenement: RapportEvenement,
  set: Partial<typeof rapportsMensuels.$inferInsert>,
  changes: Record<string, unknown>,
  version: number | undefined,
): Promise<RapportRow> {
  const statut = rapport.statut as RapportStatut;
  const suivant = statutApres(statut, evenement);
  if (!suivant) throw new Invalid(CHAMP_STATUT, refusTransition(statut, evenement));
  if (version !== undefined && version !== rapport.version) {
    throw new Invalid(CHAMP_STATUT, "Ce bilan a changé depuis que vous l'avez ouvert : relisez-le avant d'agir.");
  }
  return db.transaction(async (tx) => {
    const [apres] = await tx
      .update(rapportsMensuels)
      .set({ ...set, statut: suivant, version: sql`${rapportsMensuels.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(rapportsMensuels.id, rapport.id),
          eq(rapportsMensuels.statut, statut),
          eq(rapportsMensuels.version, rapport.version),
        ),
      )
      .returning();
    if (!apres) {
      const [actuel] = await tx
        .select({ statut: rapportsMensuels.statut })
        .from(rapportsMensuels)
        .where(eq(rapportsMensuels.id, rapport.id));
      const maintenant = (actuel?.statut ?? null) as RapportStatut | null;
      throw new Invalid(
        CHAMP_STATUT,
        statutApres(maintenant, evenement)
          ? "Ce bilan a changé depuis que vous l'avez ouvert : relisez-le avant d'agir."
          : refusTransition(maintenant, evenement),
      );
    }
    // Every review moves a counted report (submitted or validated): the month's indicators change.
    await marquerAgregatsARefaire(tx, rapport.departement, rapport.mois);
    await recordAudit(
      tx,
      actor,
      {
        action: `rapport.${evenement}`,
        entityType: "rapport_mensuel",
        entityId: rapport.id,
        departement: rapport.departement,
        changes: { mois: rapport.mois, statut: [statut, suivant], ...changes },
      },
      requestId,
    );
    return apres;
  });
}

async function mailPromeneur(
  db: Database,
  rapport: RapportRow,
  sujet: (mois: string) => string,
  corps: (prenom: string, mois: string, lien: string) => string[],
): Promise<void> {
  const [promeneur] = await db
    .select({ email: promeneurs.email, prenom: promeneurs.prenom })
    .from(promeneurs)
    .where(eq(promeneurs.id, rapport.promeneurId));
  if (!promeneur) return;
  const mois = libelleMois(rapport.mois);
  const lien = `${getEnv().publicUrl}/espace/mes-rapports/${moisUrl(rapport.mois)}`;
  const mail: Mail = {
    to: promeneur.email,
    subject: sujet(mois),
    text: corps(promeneur.prenom, mois, lien).join("\n"),
  };
  await sendMails([mail], { rapportId: rapport.id });
}

/**
 * Sends a submitted report back to its promeneur (`soumis → a_corriger`) with a required comment
 * (checked for identifying data, 1 000 characters at most); after the commit, the promeneur gets
 * an e-mail with the comment and the link to correct it.
 */
export async function renvoyerRapport(
  ctx: Ctx,
  actor: Actor,
  id: string,
  commentaire: string,
  version?: number,
): Promise<RapportRow> {
  const rapport = await rapportARevoir(ctx.db, actor, id);
  const texte = parseTexte(commentaireRenvoiSchema, "commentaire", commentaire);
  const apres = await transition(
    ctx,
    actor,
    rapport,
    "renvoyer",
    { commentaireCoordination: texte },
    { commentaire: texte },
    version,
  );
  await mailPromeneur(
    ctx.db,
    apres,
    (mois) => `Votre bilan de ${mois} est à corriger`,
    (prenom, mois, lien) => [
      `Bonjour ${prenom},`,
      "",
      `La coordination vous renvoie votre bilan de ${mois} pour correction :`,
      "",
      texte,
      "",
      `Corrigez-le puis soumettez-le de nouveau : ${lien}`,
    ],
  );
  return apres;
}

/** Validates a submitted report (`soumis → valide`): it is locked; the date and the validator are kept. */
export async function validerRapport(ctx: Ctx, actor: Actor, id: string, version?: number): Promise<RapportRow> {
  const rapport = await rapportARevoir(ctx.db, actor, id);
  return transition(ctx, actor, rapport, "valider", { valideLe: ctx.now, validePar: actor.userId }, {}, version);
}

/**
 * Reopens a validated report (`valide → a_corriger`) with a required reason, kept on the report
 * and in the journal; after the commit, the promeneur gets an e-mail with the reason and the link.
 */
export async function rouvrirRapport(
  ctx: Ctx,
  actor: Actor,
  id: string,
  motif: string,
  version?: number,
): Promise<RapportRow> {
  const rapport = await rapportARevoir(ctx.db, actor, id);
  const texte = parseTexte(motifReouvertureSchema, "motif", motif);
  const apres = await transition(
    ctx,
    actor,
    rapport,
    "rouvrir",
    { motifReouverture: texte, valideLe: null, validePar: null },
    { motif: texte },
    version,
  );
  await mailPromeneur(
    ctx.db,
    apres,
    (mois) => `Votre bilan de ${mois} est rouvert`,
    (prenom, mois, lien) => [
      `Bonjour ${prenom},`,
      "",
      `La coordination a rouvert votre bilan de ${mois}, déjà validé, pour la raison suivante :`,
      "",
      texte,
      "",
      `Vous pouvez le modifier puis le soumettre de nouveau : ${lien}`,
    ],
  );
  return apres;
}
