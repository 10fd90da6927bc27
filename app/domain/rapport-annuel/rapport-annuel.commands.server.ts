import { generationsRapportAnnuel, rapportsAnnuels } from "@db/schema";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import type { VueIndicateurs } from "~/domain/indicateurs/indicateurs.types";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { Invalid, uniqueViolation } from "~/server/errors.server";
import { requireScoped } from "~/server/request.server";
import { lancerGeneration, type OptionsGeneration } from "./rapport-annuel.generation.server";
import { findFaitsMarquantsDeLAnnee, type Generation, getRapportAnnuel } from "./rapport-annuel.queries.server";
import { faitsMarquantsRetenus, vueDeGeneration } from "./rapport-annuel.rules";
import { CHAMP_VERSION, type RapportAnnuelInput } from "./rapport-annuel.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

const CONFLIT =
  "Ce rapport a été enregistré entre-temps, dans un autre onglet ou par une autre personne : rechargez la page pour repartir de sa dernière version.";

/**
 * Saves the coordination's choices for a year: the foreword and the highlights kept (only the
 * year's highlights, kept in month order). The form's version must be the stored one (else a
 * conflict, nothing written); the write and its audit row share one transaction.
 */
export async function enregistrerRapportAnnuel(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  input: RapportAnnuelInput,
): Promise<{ version: number }> {
  requireScoped(actor, "rapport-annuel.preparer", { departement });
  const disponibles = await findFaitsMarquantsDeLAnnee(db, departement, annee);
  const connus = new Set(disponibles.map((f) => f.id));
  if (input.faitsMarquants.some((id) => !connus.has(id))) {
    throw new Invalid(
      "faitsMarquants",
      "Un fait marquant choisi n'est plus disponible (son rapport a peut-être été renvoyé en correction) : rechargez la page.",
    );
  }
  const faitsMarquants = faitsMarquantsRetenus(disponibles, input.faitsMarquants);
  const avant = await getRapportAnnuel(db, departement, annee);
  const version = input.version + 1;
  const valeurs = {
    introduction: input.introduction,
    faitsMarquants,
    version,
    modifiePar: actor.userId,
    updatedAt: now,
  };
  try {
    await db.transaction(async (tx) => {
      if (input.version === 0) {
        await tx.insert(rapportsAnnuels).values({ departement, annee, ...valeurs });
      } else {
        const [row] = await tx
          .update(rapportsAnnuels)
          .set(valeurs)
          .where(
            and(
              eq(rapportsAnnuels.departement, departement),
              eq(rapportsAnnuels.annee, annee),
              eq(rapportsAnnuels.version, input.version),
            ),
          )
          .returning({ version: rapportsAnnuels.version });
        if (!row) throw new Invalid(CHAMP_VERSION, CONFLIT);
      }
      await recordAudit(
        tx,
        actor,
        {
          action: "rapport-annuel.preparer",
          entityType: "rapport_annuel",
          entityId: null,
          departement,
          changes: {
            annee,
            introduction:
              avant.introduction === input.introduction
                ? undefined
                : { avant: avant.introduction, apres: input.introduction },
            faitsMarquants: { avant: avant.faitsMarquants.length, apres: faitsMarquants.length },
          },
        },
        requestId,
      );
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) throw new Invalid(CHAMP_VERSION, CONFLIT);
    throw error;
  }
  return { version };
}

/** The version an actor generates for a département: coordination for its coordinator, aggregate otherwise. */
export function vueDeLActeur(actor: Actor, departement: string): VueIndicateurs {
  return vueDeGeneration(can(actor, "rapport-annuel.preparer", { departement }));
}

/**
 * Asks for the year's documents: creates the generation (with its audit row) unless the same
 * version is already being generated, then starts it in the background after the commit. Answers
 * the generation's id.
 */
export async function demanderGeneration(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  annee: number,
  options: OptionsGeneration = {},
): Promise<{ id: string; nouvelle: boolean }> {
  requireScoped(actor, "rapport-annuel.lire", { departement });
  const vue = vueDeLActeur(actor, departement);
  const g = generationsRapportAnnuel;
  const [enCours] = await db
    .select({ id: g.id })
    .from(g)
    .where(
      and(
        eq(g.departement, departement),
        eq(g.annee, annee),
        eq(g.vue, vue),
        inArray(g.etat, ["en_attente", "en_cours"]),
      ),
    )
    .orderBy(desc(g.demandeLe))
    .limit(1);
  if (enCours) return { id: enCours.id, nouvelle: false };
  const generation = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(g)
      .values({ departement, annee, vue, demandePar: actor.userId, demandeLe: now })
      .returning();
    if (!row) throw new Error("generation not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "rapport-annuel.generer",
        entityType: "generation_rapport_annuel",
        entityId: row.id,
        departement,
        changes: { annee, vue },
      },
      requestId,
    );
    return row satisfies Generation;
  });
  lancerGeneration(db, generation.id, options);
  return { id: generation.id, nouvelle: true };
}
