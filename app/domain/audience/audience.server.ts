import { promeneurs, vuesPages } from "@db/schema";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { getLogger } from "~/server/logger.server";
import { estVueComptable, jourParis, normaliserChemin, slugDuChemin } from "./audience.rules";

/**
 * Counts one view of a public page for its Europe/Paris day: one row per day, département and
 * path, `vues + 1`. Nothing about the visitor is stored (no cookie, no IP address, no user agent).
 * A promeneur's profile counts only while it is online (actif), so unknown slugs leave no trace.
 * Returns whether a view was counted.
 */
export async function compterVue(
  db: Executor,
  { chemin, departement, now }: { chemin: string; departement: string; now: Date },
): Promise<boolean> {
  const normalise = normaliserChemin(chemin);
  if (!normalise) return false;
  const slug = slugDuChemin(normalise);
  if (slug) {
    const [enLigne] = await db
      .select({ id: promeneurs.id })
      .from(promeneurs)
      .where(and(eq(promeneurs.slug, slug), eq(promeneurs.statut, "actif")))
      .limit(1);
    if (!enLigne) return false;
  }
  await db
    .insert(vuesPages)
    .values({ jour: jourParis(now), departement, chemin: normalise, vues: 1 })
    .onConflictDoUpdate({
      target: [vuesPages.jour, vuesPages.departement, vuesPages.chemin],
      set: { vues: sql`${vuesPages.vues} + 1` },
    });
  return true;
}

/**
 * Counts the page view of a public page request when it is one (see `estVueComptable`). Never
 * fails: counting must not break a page, so an error is only logged.
 */
export async function compterVueDeLaRequete(
  db: Executor,
  request: Request,
  { departement, now }: { departement: string; now: Date },
): Promise<boolean> {
  try {
    if (!estVueComptable(request)) return false;
    return await compterVue(db, { chemin: new URL(request.url).pathname, departement, now });
  } catch (error) {
    getLogger().warn({ err: error }, "audience: page view not counted");
    return false;
  }
}
