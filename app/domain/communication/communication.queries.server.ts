import { actionsCommunication } from "@db/schema";
import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { COMMUNICATION_TYPES, type CommunicationType } from "./communication.labels";

export type ActionCommunication = typeof actionsCommunication.$inferSelect;

const anneeBornes = (annee: number) => [`${annee}-01-01`, `${annee}-12-31`] as const;

/** The communication actions of a département dated in a calendar year, the latest first. */
export async function findActionsCommunication(
  db: Executor,
  departement: string,
  annee: number,
): Promise<ActionCommunication[]> {
  const [du, au] = anneeBornes(annee);
  return db
    .select()
    .from(actionsCommunication)
    .where(
      and(
        eq(actionsCommunication.departement, departement),
        gte(actionsCommunication.date, du),
        lte(actionsCommunication.date, au),
      ),
    )
    .orderBy(desc(actionsCommunication.date), asc(actionsCommunication.titre), asc(actionsCommunication.id));
}

export type TotalCommunication = {
  type: CommunicationType;
  actions: number;
  /** People reached, summed over the actions whose reach is known. */
  portee: number;
  /** Actions of this type whose reach is not known (not counted in `portee`). */
  porteeInconnue: number;
};

/**
 * Indicator 8 (communication): for each type of list J, how many actions a département logged
 * between two days (inclusive, 'YYYY-MM-DD') and how many people they reached, every type listed
 * (zero when none).
 */
export async function totalCommunicationParType(
  db: Executor,
  departement: string,
  periode: { du: string; au: string },
): Promise<TotalCommunication[]> {
  const rows = await db
    .select({
      type: actionsCommunication.type,
      actions: sql<number>`count(*)::int`,
      portee: sql<number>`coalesce(sum(${actionsCommunication.portee}), 0)::int`,
      porteeInconnue: sql<number>`(count(*) - count(${actionsCommunication.portee}))::int`,
    })
    .from(actionsCommunication)
    .where(
      and(
        eq(actionsCommunication.departement, departement),
        gte(actionsCommunication.date, periode.du),
        lte(actionsCommunication.date, periode.au),
      ),
    )
    .groupBy(actionsCommunication.type);
  const parType = new Map(rows.map((r) => [r.type, r]));
  return COMMUNICATION_TYPES.map((type) => {
    const r = parType.get(type);
    return { type, actions: r?.actions ?? 0, portee: r?.portee ?? 0, porteeInconnue: r?.porteeInconnue ?? 0 };
  });
}

/** The totals of a calendar year (the list page). */
export function totalCommunicationAnnee(db: Executor, departement: string, annee: number) {
  const [du, au] = anneeBornes(annee);
  return totalCommunicationParType(db, departement, { du, au });
}

/** The years in which a département logged actions, the latest first (links of the list page). */
export async function findAnneesCommunication(db: Executor, departement: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ annee: sql<number>`extract(year from ${actionsCommunication.date})::int` })
    .from(actionsCommunication)
    .where(eq(actionsCommunication.departement, departement));
  return rows.map((r) => r.annee).sort((a, b) => b - a);
}

export async function getActionCommunication(
  db: Executor,
  id: string | undefined,
): Promise<ActionCommunication | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(actionsCommunication).where(eq(actionsCommunication.id, id));
  return row ?? null;
}
