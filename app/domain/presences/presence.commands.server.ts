import { creneauxPresence, exceptionsPresence, promeneurs } from "@db/schema";
import { and, asc, eq, gte } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { RESEAUX } from "~/domain/profils/profil.labels";
import { publicAccess } from "~/domain/promeneurs/promeneur.policy";
import { isUuid } from "~/lib/text";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { jourLabels } from "./presence.labels";
import {
  type CreneauPresence,
  type ExceptionPresence,
  formatPlage,
  localParts,
  validateCreneaux,
  validateExceptions,
} from "./presence.rules";
import type { HorairesInput } from "./presence.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/** How a slot reads in the journal: "mardi de 18 h 00 à 20 h 00 (instagram, tiktok)". */
function auditCreneau(c: Pick<CreneauPresence, "jour" | "debut" | "fin" | "reseaux">): string {
  return `${jourLabels[c.jour]} ${formatPlage(c.debut, c.fin)} (${[...c.reseaux].sort().join(", ")})`;
}
function auditException(e: ExceptionPresence): string {
  return `du ${e.du} au ${e.au}${e.motif ? ` : ${e.motif}` : ""}`;
}

/** The first rule a schedule breaks, as `Invalid` on the form's field name; the route shows all of them. */
function checkHoraires(input: HorairesInput): void {
  const [creneau] = validateCreneaux(input.creneaux);
  if (creneau) throw new Invalid(`creneaux[${creneau.index}].${creneau.field}`, creneau.message);
  const index = input.creneaux.findIndex((c) => c.reseaux.some((r) => !(RESEAUX as readonly string[]).includes(r)));
  if (index >= 0) throw new Invalid(`creneaux[${index}].reseaux`, "Choisissez des réseaux de la liste.");
  const [exception] = validateExceptions(input.exceptions);
  if (exception) throw new Invalid(`exceptions[${exception.index}].${exception.field}`, exception.message);
}

/**
 * Replaces a promeneur's weekly slots and their absences that are not over (`au` ≥ today in
 * Europe/Paris) by those given, in one transaction, audited `presence.modifier` with before and
 * after. Past absences are kept as they were. The promeneur themselves or the coordinator of the
 * département (`canManagePromeneurPublic`): 404 when the actor may not see the promeneur, 403 when
 * they may see but not edit.
 */
export async function enregistrerHoraires(
  ctx: Ctx,
  actor: Actor,
  promeneurId: string,
  input: HorairesInput,
): Promise<void> {
  if (!isUuid(promeneurId)) notFound();
  const today = localParts(ctx.now).date;
  await ctx.db.transaction(async (tx) => {
    // Locks the promeneur: two saves of the same hours run one after the other.
    const [row] = await tx.select().from(promeneurs).where(eq(promeneurs.id, promeneurId)).for("update");
    if (!row) notFound();
    const access = publicAccess(actor, row);
    if (access === "none") notFound();
    if (access === "read") {
      forbidden("Seuls le promeneur et la coordination de son département modifient ses horaires de présence.");
    }
    checkHoraires(input);

    const creneauxAvant = await tx
      .select()
      .from(creneauxPresence)
      .where(eq(creneauxPresence.promeneurId, promeneurId))
      .orderBy(asc(creneauxPresence.jour), asc(creneauxPresence.debut));
    const enCours = and(eq(exceptionsPresence.promeneurId, promeneurId), gte(exceptionsPresence.au, today));
    const exceptionsAvant = await tx
      .select()
      .from(exceptionsPresence)
      .where(enCours)
      .orderBy(asc(exceptionsPresence.du), asc(exceptionsPresence.au));

    const creneaux = [...input.creneaux].sort((a, b) => a.jour - b.jour || a.debut - b.debut);
    const exceptions = [...input.exceptions].sort((a, b) => a.du.localeCompare(b.du) || a.au.localeCompare(b.au));
    const changes = {
      creneaux: {
        avant: creneauxAvant.map((c) => auditCreneau({ ...c, jour: c.jour as CreneauPresence["jour"] })),
        apres: creneaux.map(auditCreneau),
      },
      exceptions: {
        avant: exceptionsAvant.map((e) => auditException({ du: e.du, au: e.au, motif: e.motif ?? undefined })),
        apres: exceptions.map(auditException),
      },
    };
    // Saving the form unchanged writes nothing, and nothing to the journal.
    if (
      JSON.stringify(changes.creneaux.avant) === JSON.stringify(changes.creneaux.apres) &&
      JSON.stringify(changes.exceptions.avant) === JSON.stringify(changes.exceptions.apres)
    )
      return;

    await tx.delete(creneauxPresence).where(eq(creneauxPresence.promeneurId, promeneurId));
    await tx.delete(exceptionsPresence).where(enCours);
    if (creneaux.length > 0) {
      await tx.insert(creneauxPresence).values(
        creneaux.map((c) => ({
          promeneurId,
          jour: c.jour,
          debut: c.debut,
          fin: c.fin,
          reseaux: [...new Set(c.reseaux)],
        })),
      );
    }
    if (exceptions.length > 0) {
      await tx
        .insert(exceptionsPresence)
        .values(exceptions.map((e) => ({ promeneurId, du: e.du, au: e.au, motif: e.motif ?? null })));
    }
    await recordAudit(
      tx,
      actor,
      {
        action: "presence.modifier",
        entityType: "promeneur",
        entityId: promeneurId,
        departement: row.departement,
        changes,
      },
      ctx.requestId,
    );
  });
}
