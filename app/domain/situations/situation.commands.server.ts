import { situationsPreoccupantes } from "@db/schema";
import { eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, notFound } from "~/server/errors.server";
import { findPromeneurSaisissant, getSituationForActor } from "./situation.queries.server";
import { champsModifies, peutSaisirSituations } from "./situation.rules";
import type { SituationInput } from "./situation.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

/** The fields of a situation a form writes, in the order the journal lists them. */
const CHAMPS = ["date", "categorie", "actions", "partenaire", "suivi", "note"] as const;

function valeurs(input: SituationInput) {
  return {
    date: input.date,
    categorie: input.categorie,
    actions: [...input.actions],
    partenaire: input.partenaire,
    suivi: input.suivi,
    note: input.note,
  };
}

const REFUS_SORTI =
  "Vous avez quitté le dispositif\u00a0: vous pouvez relire vos situations, mais plus en enregistrer ni les modifier.";

/**
 * The promeneur record of the actor, when they may record situations: a promeneur whose account
 * is linked to a record that is still in the scheme (403 otherwise, with the reason).
 */
export async function requirePromeneurSaisissant(db: Database, actor: Actor) {
  if (!can(actor, "situation.saisir")) forbidden();
  const promeneur = await findPromeneurSaisissant(db, actor.userId);
  if (!promeneur || !can(actor, "situation.saisir", { departement: promeneur.departement })) {
    forbidden("Votre compte n'est pas relié à une fiche de promeneur\u00a0: contactez la coordination.");
  }
  if (!peutSaisirSituations(promeneur.statut)) forbidden(REFUS_SORTI);
  return promeneur;
}

/**
 * Records a situation of the actor (a promeneur): their département and structure come from their
 * record. The audit row names the fields filled in, never their content.
 */
export async function createSituation({ db, now, requestId }: Ctx, actor: Actor, input: SituationInput) {
  const promeneur = await requirePromeneurSaisissant(db, actor);
  const apres = valeurs(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(situationsPreoccupantes)
      .values({
        ...apres,
        departement: promeneur.departement,
        promeneurId: promeneur.id,
        structureId: promeneur.structureId,
        creePar: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: situationsPreoccupantes.id });
    if (!row) throw new Error("situation not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "situation.creer",
        entityType: "situation_preoccupante",
        entityId: row.id,
        departement: promeneur.departement,
        changes: { champs: CHAMPS.filter((c) => apres[c] !== null && apres[c] !== "") },
      },
      requestId,
    );
    return row;
  });
}

/**
 * Saves the form of a situation: its promeneur only (the coordination reads it), while they are in
 * the scheme. The audit row names the changed fields, never their values (nor the note's text).
 */
export async function updateSituation(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
  input: SituationInput,
): Promise<{ id: string; champs: string[] }> {
  const { situation } = await requireSituationModifiable(db, actor, id);
  const apres = valeurs(input);
  const champs = champsModifies(situation, apres, CHAMPS);
  if (champs.length === 0) return { id: situation.id, champs };
  await db.transaction(async (tx) => {
    await tx
      .update(situationsPreoccupantes)
      .set({ ...apres, updatedAt: now })
      .where(eq(situationsPreoccupantes.id, situation.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "situation.modifier",
        entityType: "situation_preoccupante",
        entityId: situation.id,
        departement: situation.departement,
        changes: { champs },
      },
      requestId,
    );
  });
  return { id: situation.id, champs };
}

/**
 * A situation the actor may change: 403 for a role that never records situations, 404 out of
 * scope, 403 for the coordination (it reads, the promeneur writes) and for a promeneur who left.
 */
export async function requireSituationModifiable(db: Database, actor: Actor, id: string | undefined) {
  if (!can(actor, "situation.saisir")) {
    // The coordination of the département reads it but does not change it; others learn nothing.
    await getSituationForActor(db, actor, id);
    forbidden("La situation est tenue par le promeneur qui l'a enregistrée\u00a0: la coordination la consulte.");
  }
  const found = await getSituationForActor(db, actor, id);
  if (!found.proprietaire) notFound();
  if (!found.modifiable) forbidden(REFUS_SORTI);
  return found;
}
