import { rapportComptes, rapportsMensuels } from "@db/schema";
import type { Rubrique } from "~/domain/rapports/rapport.labels";
import type { Executor } from "~/server/db.server";
import type { PromeneurRow } from "./promeneur";

export type RapportRow = typeof rapportsMensuels.$inferSelect;
export type RapportInsert = typeof rapportsMensuels.$inferInsert;

/** Breakdowns to store with a report: `{ canal: { messages_prives: 12 }, theme: { sante: 3 } }`. */
export type Comptes = Partial<Record<Rubrique, Record<string, number>>>;

/**
 * Inserts a monthly report of `promeneur` for `mois` (first day, `YYYY-MM-01`), by default a
 * draft with no counts, and its breakdowns (zeros are skipped, as the commands do). Nothing here
 * checks consistency: pass the totals you need.
 */
export async function insertRapport(
  db: Executor,
  promeneur: Pick<PromeneurRow, "id" | "departement" | "structureId">,
  mois: string,
  overrides: Partial<RapportInsert> = {},
  comptes: Comptes = {},
): Promise<RapportRow> {
  const [row] = await db
    .insert(rapportsMensuels)
    .values({
      departement: promeneur.departement,
      promeneurId: promeneur.id,
      structureId: promeneur.structureId,
      mois,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("rapport not inserted");
  const lignes = Object.entries(comptes).flatMap(([rubrique, codes]) =>
    Object.entries(codes ?? {})
      .filter(([, nombre]) => nombre > 0)
      .map(([code, nombre]) => ({ rapportId: row.id, rubrique, code, nombre })),
  );
  if (lignes.length) await db.insert(rapportComptes).values(lignes);
  return row;
}
