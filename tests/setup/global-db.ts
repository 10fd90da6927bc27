import fs from "node:fs/promises";
import path from "node:path";
import { seedReference } from "@db/seed/reference";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres, runMigrations } from "~/server/db.server";
import { applyTestEnv } from "./test-env";

export type GoldenDatabase = { kind: "pglite"; file: string } | { kind: "postgres"; url: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    golden: GoldenDatabase;
  }
}

const CACHE = path.resolve("node_modules/.cache/pdn-test");

/** Builds the migrated database with reference data once; every test file opens its own copy. */
export default async function setup(project: TestProject) {
  applyTestEnv();
  // PostgreSQL when TEST_DATABASE_URL is set, unless TEST_DB_DRIVER=pglite asks for the embedded one.
  const url = process.env.TEST_DB_DRIVER === "pglite" ? undefined : process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `pdn_golden_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const goldenUrl = withDatabase(url, template);
    const handle = openPostgres(goldenUrl, { max: 2 });
    await handle.withStartupLock(async (db) => {
      await runMigrations(handle, db);
      await seedReference(db);
    });
    await handle.close();
    project.provide("golden", { kind: "postgres", url, template });
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const handle = await openPglite();
  await runMigrations(handle, handle.db);
  await seedReference(handle.db);
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: string): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  await handle.close();
  await fs.mkdir(CACHE, { recursive: true });
  const file = path.join(CACHE, `golden-${process.pid}.tar`);
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("golden", { kind: "pglite", file });
  return async () => {
    await fs.rm(file, { force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
