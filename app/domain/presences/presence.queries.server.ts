import { creneauxPresence, exceptionsPresence, promeneurs } from "@db/schema";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { type CreneauPresence, type ExceptionPresence, isEnLigne, isJourSemaine, localParts } from "./presence.rules";

function toCreneau(row: { jour: number; debut: number; fin: number; reseaux: string[] }): CreneauPresence {
  if (!isJourSemaine(row.jour)) throw new Error(`jour invalide en base : ${row.jour}`);
  return { jour: row.jour, debut: row.debut, fin: row.fin, reseaux: row.reseaux };
}

function toException(row: { du: string; au: string; motif: string | null }): ExceptionPresence {
  return row.motif ? { du: row.du, au: row.au, motif: row.motif } : { du: row.du, au: row.au };
}

/**
 * A promeneur's weekly slots (by day and start) and the absences that are not over at `now` (by
 * start): past absences stay in the database but are not shown in the form, and no longer matter
 * to "en ligne maintenant" nor to the next slot.
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

/**
 * Ids of the active promeneurs of a département who are online at `now` (Europe/Paris wall clock,
 * `isEnLigne`): a slot of today's local weekday covers the instant and no absence covers today.
 * Sorted, for the public site's "en ligne maintenant".
 */
export async function enLigneMaintenant(db: Executor, departement: string, now: Date): Promise<string[]> {
  const { date, jour } = localParts(now);
  const rows = await db
    .select({
      promeneurId: creneauxPresence.promeneurId,
      jour: creneauxPresence.jour,
      debut: creneauxPresence.debut,
      fin: creneauxPresence.fin,
      reseaux: creneauxPresence.reseaux,
    })
    .from(creneauxPresence)
    .innerJoin(promeneurs, eq(promeneurs.id, creneauxPresence.promeneurId))
    .where(
      and(
        eq(promeneurs.departement, departement),
        eq(promeneurs.statut, "actif"),
        // Only today's slots can cover the instant; isEnLigne decides which do.
        eq(creneauxPresence.jour, jour),
      ),
    );
  const creneaux = new Map<string, CreneauPresence[]>();
  for (const row of rows) creneaux.set(row.promeneurId, [...(creneaux.get(row.promeneurId) ?? []), toCreneau(row)]);
  if (creneaux.size === 0) return [];
  const absences = await db
    .select({
      promeneurId: exceptionsPresence.promeneurId,
      du: exceptionsPresence.du,
      au: exceptionsPresence.au,
      motif: exceptionsPresence.motif,
    })
    .from(exceptionsPresence)
    .where(
      and(
        inArray(exceptionsPresence.promeneurId, [...creneaux.keys()]),
        lte(exceptionsPresence.du, date),
        gte(exceptionsPresence.au, date),
      ),
    );
  const exceptions = new Map<string, ExceptionPresence[]>();
  for (const row of absences)
    exceptions.set(row.promeneurId, [...(exceptions.get(row.promeneurId) ?? []), toException(row)]);
  return [...creneaux.entries()]
    .filter(([id, list]) => isEnLigne(list, exceptions.get(id) ?? [], now))
    .map(([id]) => id)
    .sort();
}
