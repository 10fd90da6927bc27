import crypto from "node:crypto";
import fs from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { type DatabaseHandle, openPglite, openPostgres, setDatabaseHandle } from "~/server/db.server";
import { withDatabase } from "./global-db";
import { applyTestEnv } from "./test-env";

// pg 8 queues a query sent on a client that is still running one (a Promise.all of queries on a
// transaction) and warns once per process; pg 9 will refuse it. The warning fails the test that
// caused it, through tests/setup/console.ts.
const guard = Symbol.for("pdn.pgQueuedQueryGuard");
if (!(globalThis as Record<symbol, unknown>)[guard]) {
  (globalThis as Record<symbol, unknown>)[guard] = true;
  process.on("warning", (warning) => {
    if (warning.name === "DeprecationWarning" && /already executing a query/.test(warning.message)) {
      console.error(`Requêtes simultanées sur une même connexion (une transaction ?) : ${warning.message}`);
    }
  });
}

// Each test file gets its own copy of the golden database: PGlite in memory, or a PostgreSQL
// database cloned from the template when TEST_DATABASE_URL is set.
let handle: DatabaseHandle | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  applyTestEnv();
  const golden = inject("golden");
  if (golden.kind === "pglite") {
    const bytes = await fs.readFile(golden.file);
    handle = await openPglite({ loadDataDir: new Blob([bytes]) });
  } else {
    const name = `pdn_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: golden.url });
    await admin.connect();
    await admin.query(`create database ${name} template ${golden.template}`);
    await admin.end();
    handle = openPostgres(withDatabase(golden.url, name), { max: 4 });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: golden.url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  setDatabaseHandle(handle);
});

afterAll(async () => {
  await handle?.close();
  setDatabaseHandle(undefined);
  await dropDatabase?.();
});
