import crypto from "node:crypto";
import fs from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { type DatabaseHandle, openPglite, openPostgres, setDatabaseHandle } from "~/server/db.server";
import { withDatabase } from "./global-db";
import { applyTestEnv } from "./test-env";

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
