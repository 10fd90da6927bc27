import { structures } from "@db/schema";
import type { StructureType } from "~/domain/structures/structure.labels";
import type { Executor } from "~/server/db.server";

export type StructureRow = typeof structures.$inferSelect;
export type StructureInsert = typeof structures.$inferInsert;

let sequence = 0;

export function buildStructure(overrides: Partial<StructureInsert> = {}): StructureInsert {
  sequence += 1;
  return {
    departement: "04",
    nom: `Structure d'essai ${sequence}`,
    type: "centre_social" satisfies StructureType,
    communeCode: "04070",
    statut: "active",
    ...overrides,
  };
}

export async function insertStructure(db: Executor, overrides: Partial<StructureInsert> = {}): Promise<StructureRow> {
  const [row] = await db.insert(structures).values(buildStructure(overrides)).returning();
  if (!row) throw new Error("structure not inserted");
  return row;
}
