import { vuesPages } from "@db/schema";
import { sql } from "drizzle-orm";
import { jourIso } from "~/lib/jour";
import type { Executor } from "~/server/db.server";
import { getLogger } from "~/server/logger.server";
import { estVueComptable, normaliserChemin, type RequeteVue } from "./audience.rules";

/**
 * Counts one view of a public page for its Europe/Paris day: one row per day, département and
 * path, `vues + 1`. Nothing about the visitor is stored (no cookie, no IP address, no user agent).
 * Returns whether a view was counted.
 */
export async function compterVue(
  db: Executor,
  { chemin, departement, now }: { chemin: string; departement: string; now: Date },
): Promise<boolean> {
  const normalise = normaliserChemin(chemin);
  if (!normalise) return false;
  await db
    .insert(vuesPages)
    .values({ jour: jourIso(now), departement, chemin: normalise, vues: 1 })
    .onConflictDoUpdate({
      target: [vuesPages.jour, vuesPages.departement, vuesPages.chemin],
      set: { vues: sql`${vuesPages.vues} + 1` },
    });
  return true;
}

/** A request once answered: what was asked, and the status and type of the answer. */
export type VueRepondue = RequeteVue & { status: number; contentType: string | null };

/**
 * Counts the view of a page once it has been answered: a person's GET (see `estVueComptable`) of a
 * public page or a promeneur's profile that answered 200 with HTML. A profile that is not public
 * answers 404 and leaves no trace. Never fails: an error is logged.
 */
export async function compterVueRepondue(
  db: Executor,
  vue: VueRepondue,
  { departement, now }: { departement: string; now: Date },
): Promise<boolean> {
  try {
    if (vue.status !== 200 || !vue.contentType?.toLowerCase().startsWith("text/html")) return false;
    if (!estVueComptable(vue)) return false;
    return await compterVue(db, { chemin: new URL(vue.url, "http://localhost").pathname, departement, now });
  } catch (error) {
    getLogger().warn({ err: error }, "audience: page view not counted");
    return false;
  }
}

/** The little of Express's request and response the audience middleware uses. */
type ExpressRequest = { method: string; originalUrl: string; get(name: string): string | undefined };
type ExpressResponse = {
  statusCode: number;
  getHeader(name: string): number | string | string[] | undefined;
  once(event: "finish", listener: () => void): unknown;
};

/**
 * Express middleware counting the views of the public site once each answer is sent (`finish`):
 * the page never waits for the count, and only pages that answered 200 are counted.
 */
export function audienceMiddleware(options: { db: () => Executor; departement: string }) {
  return (req: ExpressRequest, res: ExpressResponse, next: () => void) => {
    if (req.method === "GET" && normaliserChemin(req.originalUrl)) {
      res.once("finish", () => {
        const contentType = res.getHeader("content-type");
        const vue: VueRepondue = {
          method: req.method,
          url: req.originalUrl,
          headers: { get: (name) => req.get(name) ?? null },
          status: res.statusCode,
          contentType: typeof contentType === "string" ? contentType : null,
        };
        Promise.resolve()
          .then(() => compterVueRepondue(options.db(), vue, { departement: options.departement, now: new Date() }))
          .catch((error: unknown) => getLogger().warn({ err: error }, "audience: page view not counted"));
      });
    }
    next();
  };
}
