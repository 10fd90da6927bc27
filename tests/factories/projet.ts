import { projetsJeunes } from "@db/schema";
import { jourIso } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import type { PromeneurRow } from "./promeneur";

export type ProjetRow = typeof projetsJeunes.$inferSelect;
export type ProjetInsert = typeof projetsJeunes.$inferInsert;

let sequence = 0;

/**
 * Inserts a young people's project supported by `promeneur` (default: a collective leisure project
 * of 5 young people, emerging, started today, no support asked).
 */
export async function insertProjet(
  db: Executor,
  promeneur: Pick<PromeneurRow, "id" | "departement" | "structureId" | "userId">,
  overrides: Partial<ProjetInsert> = {},
): Promise<ProjetRow> {
  sequence += 1;
  const [row] = await db
    .insert(projetsJeunes)
    .values({
      departement: promeneur.departement,
      promeneurId: promeneur.id,
      structureId: promeneur.structureId,
      titre: `Projet d'essai ${sequence}`,
      theme: "loisirs",
      forme: "collectif",
      nombreJeunes: 5,
      etat: "emergence",
      debutLe: jourIso(new Date()),
      creePar: promeneur.userId,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("projet not inserted");
  return row;
}
