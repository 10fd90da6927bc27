import { creneauxPresence, exceptionsPresence } from "@db/schema";
import { and, asc, eq, gte } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { type CreneauPresence, type ExceptionPresence, isJourSemaine, localParts } from "./presence.rules";

/** A stored weekly slot (the database checks its day is 1–7). */
export function toCreneau(row: { jour: number; debut: number; fin: number; reseaux: string[] }): CreneauPresence {
  if (!isJourSemaine(row.jour)) throw new Error(`jour invalide en base : ${row.jour}`);
  return { jour: row.jour, debut: row.debut, fin: row.fin, reseaux: row.reseaux };
}

/** A stored absence; its motive only when selected (never on the public site). */
export function toException(row: { du: string; au: string; motif?: string | null }): ExceptionPresence {
  return row.motif ? { du: row.du, au: row.au, motif: row.motif } : { du: row.du, au: row.au };
}

/**
 * A promeneur's weekly slots (by day and start) and the absences that are not over at `now` (by
 * start): past absences stay in the database but are not shown in the form, and no longer matter
 * to whether one is online nor to the next slot.
 */
export async function findHoraires(db: Executor, promeneurId: string, now: Date) {
  const today = localParts(now).date;
  const [creneaux, exceptions] = await Promise.all([
    db
      .select()
      .from(creneauxPresence)
      .where(eq(creneauxPresence.promeneurId, promeneurId))
      .orderBy(asc(creneauxPresence.jour), asc(creneauxPresence.debut), asc(creneauxPresence.fin)),
    db
      .select()
      .from(exceptionsPresence)
      .where(and(eq(exceptionsPresence.promeneurId, promeneurId), gte(exceptionsPresence.au, today)))
      .orderBy(asc(exceptionsPresence.du), asc(exceptionsPresence.au)),
  ]);
  return { creneaux: creneaux.map(toCreneau), exceptions: exceptions.map(toException) };
}
