import { rapportComptes, rapportsMensuels } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { RUBRIQUES, type Rubrique } from "./rapport.labels";

export type RapportRow = typeof rapportsMensuels.$inferSelect;

/** The breakdowns of a report by rubrique then code (absent codes count 0). */
export type ComptesRapport = Record<Rubrique, Record<string, number>>;

export type RapportComplet = { rapport: RapportRow; comptes: ComptesRapport };

export function comptesVides(): ComptesRapport {
  return Object.fromEntries(RUBRIQUES.map((r) => [r, {}])) as ComptesRapport;
}

/**
 * One report with its breakdowns, by id or by promeneur and month; null when there is none. No
 * permission here: callers check the actor may read it (and what of it) first.
 */
export async function getRapportComplet(
  db: Executor,
  cle: { id: string } | { promeneurId: string; mois: string },
): Promise<RapportComplet | null> {
  if ("id" in cle && !isUuid(cle.id)) return null;
  const where =
    "id" in cle
      ? eq(rapportsMensuels.id, cle.id)
      : and(eq(rapportsMensuels.promeneurId, cle.promeneurId), eq(rapportsMensuels.mois, cle.mois));
  const [rapport] = await db.select().from(rapportsMensuels).where(where).limit(1);
  if (!rapport) return null;
  const comptes = comptesVides();
  const lignes = await db.select().from(rapportComptes).where(eq(rapportComptes.rapportId, rapport.id));
  for (const ligne of lignes) {
    const rubrique = comptes[ligne.rubrique as Rubrique];
    if (rubrique) rubrique[ligne.code] = ligne.nombre;
  }
  return { rapport, comptes };
}
