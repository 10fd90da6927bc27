import type { Database } from "~/server/db.server";
import { seedNumerosNationaux } from "./numeros-aide";
import { seedTerritoire } from "./territoire";

/** Reference data loaded at every start: idempotent upserts by code, never deleting additions. */
export async function seedReference(db: Database): Promise<void> {
  await seedTerritoire(db);
  await seedNumerosNationaux(db);
}
