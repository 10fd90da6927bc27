import { vuesPages } from "@db/schema";
import { and, between, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { joursEntre } from "./audience.rules";

export type Audience = {
  total: number;
  /** Every day of the period, with 0 when nothing was counted. */
  parJour: { jour: string; vues: number }[];
  /** The most viewed pages, most viewed first. */
  pages: { chemin: string; vues: number }[];
};

/** Page views of the public site of a département between two Europe/Paris days (both included). */
export async function findAudience(
  db: Executor,
  { departement, du, au, limitePages = 20 }: { departement: string; du: string; au: string; limitePages?: number },
): Promise<Audience> {
  const inPeriod = and(eq(vuesPages.departement, departement), between(vuesPages.jour, du, au));
  const vues = sql<number>`sum(${vuesPages.vues})::int`;
  const [days, pages] = await Promise.all([
    db.select({ jour: vuesPages.jour, vues }).from(vuesPages).where(inPeriod).groupBy(vuesPages.jour),
    db
      .select({ chemin: vuesPages.chemin, vues })
      .from(vuesPages)
      .where(inPeriod)
      .groupBy(vuesPages.chemin)
      .orderBy(desc(vues), vuesPages.chemin)
      .limit(limitePages),
  ]);
  const byDay = new Map(days.map((d) => [d.jour, Number(d.vues)]));
  return {
    total: days.reduce((sum, d) => sum + Number(d.vues), 0),
    parJour: joursEntre(du, au).map((jour) => ({ jour, vues: byDay.get(jour) ?? 0 })),
    pages: pages.map((p) => ({ chemin: p.chemin, vues: Number(p.vues) })),
  };
}
