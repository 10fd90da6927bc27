import { actionsCommunication } from "@db/schema";
import { jourIso } from "~/lib/jour";
import type { Executor } from "~/server/db.server";

export type ActionCommunicationRow = typeof actionsCommunication.$inferSelect;
export type ActionCommunicationInsert = typeof actionsCommunication.$inferInsert;

let sequence = 0;

/** Inserts a communication action of the coordination (default: in 04, today, a press article, reach unknown). */
export async function insertActionCommunication(
  db: Executor,
  overrides: Partial<ActionCommunicationInsert> = {},
): Promise<ActionCommunicationRow> {
  sequence += 1;
  const [row] = await db
    .insert(actionsCommunication)
    .values({
      departement: "04",
      date: jourIso(new Date()),
      type: "presse",
      titre: `Action d'essai ${sequence}`,
      public: "Grand public",
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("action de communication not inserted");
  return row;
}
