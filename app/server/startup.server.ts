import path from "node:path";
import { seedDemoIfEmpty } from "@db/seed/demo";
import { seedReference } from "@db/seed/reference";
import { pruneAccountData } from "~/domain/comptes/session.server";
import { type DatabaseHandle, openPglite, openPostgres, runMigrations, setDatabaseHandle } from "./db.server";
import type { Env } from "./env.server";
import { getLogger } from "./logger.server";

export function pgliteDir(env: Env): string {
  return path.join(env.dataDir, "pglite");
}

export async function openConfiguredDatabase(env: Env): Promise<DatabaseHandle> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite({ dataDir: pgliteDir(env) });
}

/**
 * Opens the database, applies migrations, loads reference data and (in demo mode) the demo, while
 * holding the start-up lock: several instances starting together do this once.
 */
export async function prepareDatabase(env: Env, options: { seedDemo?: boolean } = {}): Promise<DatabaseHandle> {
  const log = getLogger();
  const started = Date.now();
  const handle = await openConfiguredDatabase(env);
  try {
    await handle.withStartupLock(async (db) => {
      await runMigrations(handle, db);
      await seedReference(db);
      if (options.seedDemo ?? env.demo) {
        log.info("loading demo data if the database is empty");
        const demo = await seedDemoIfEmpty(db);
        if (demo === "seeded") log.info("demo data loaded");
      }
      await pruneAccountData(
        db,
        { idleMinutes: env.SESSION_IDLE_MINUTES, maxHours: env.SESSION_MAX_HOURS },
        new Date(),
      );
    });
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  setDatabaseHandle(handle);
  log.info({ kind: handle.kind, ms: Date.now() - started }, "database ready");
  return handle;
}
