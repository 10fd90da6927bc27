import { situationsPreoccupantes } from "@db/schema";
import { jourIso } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import type { PromeneurRow } from "./promeneur";

export type SituationRow = typeof situationsPreoccupantes.$inferSelect;
export type SituationInsert = typeof situationsPreoccupantes.$inferInsert;

/**
 * Inserts a situation of concern recorded by `promeneur` (default: today, harassment, listened
 * and advised, followed up, no note). Nothing here checks the lists or the note.
 */
export async function insertSituation(
  db: Executor,
  promeneur: Pick<PromeneurRow, "id" | "departement" | "structureId" | "userId">,
  overrides: Partial<SituationInsert> = {},
): Promise<SituationRow> {
  const [row] = await db
    .insert(situationsPreoccupantes)
    .values({
      departement: promeneur.departement,
      promeneurId: promeneur.id,
      structureId: promeneur.structureId,
      date: jourIso(new Date()),
      categorie: "harcelement",
      actions: ["ecoute_conseil"],
      suivi: "en_cours",
      creePar: promeneur.userId,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("situation not inserted");
  return row;
}
