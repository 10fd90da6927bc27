import fs from "node:fs";
import path from "node:path";
import * as schema from "@db/schema";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";

/** Both drivers are typed as node-postgres: same schema, same queries. */
export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Database | Transaction;

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export type DatabaseHandle = {
  kind: "pglite" | "postgres";
  db: Database;
  /** Runs fn while holding the cluster-wide start-up lock (migrations and seeding). */
  withStartupLock<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

export class DataDirLockedError extends Error {
  constructor(
    public readonly dir: string,
    public readonly pid: number,
  ) {
    super(
      `La base embarquée ${dir} est déjà ouverte par le processus ${pid} : arrêtez-le avant de relancer (PGlite ne peut être ouverte que par un seul processus).`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** PGlite does not lock its data directory: take a PID lock file, refuse a live second opener. */
export function acquireDataDirLock(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8").trim(), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      fs.rmSync(lockPath, { force: true }); // stale lock from a killed process
    }
  }
  throw new Error(`Impossible de verrouiller ${dir}.`);
}

export async function openPglite(
  options: { dataDir?: string; loadDataDir?: Blob | File } = {},
): Promise<DatabaseHandle> {
  let release = () => {};
  if (options.dataDir) {
    release = acquireDataDirLock(options.dataDir);
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  }
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
  let queue = Promise.resolve();
  return {
    kind: "pglite",
    db,
    // One process owns the directory (lock file above); serialise start-up work within it.
    withStartupLock(fn) {
      const run = queue.then(() => fn(db));
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    async ping() {
      await client.query("select 1");
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

const STARTUP_LOCK_KEY = 4_040_404;

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    application_name: "promeneurs-du-net",
  });
  // An idle client losing its server must not crash the process: the next query reports it.
  pool.on("error", () => {});
  const db = drizzlePg({ client: pool, schema, casing: "snake_case" });
  return {
    kind: "postgres",
    db,
    async withStartupLock(fn) {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
        const lockedDb = drizzlePg({ client, schema, casing: "snake_case" });
        return await fn(lockedDb);
      } finally {
        await client.query("select pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    async ping() {
      await pool.query("select 1");
    },
    async close() {
      await pool.end();
    },
  };
}

/** Applies the committed SQL migrations (each pending one in a transaction). */
export async function runMigrations(handle: DatabaseHandle, db: Database): Promise<void> {
  if (handle.kind === "pglite") await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  else await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

let current: DatabaseHandle | undefined;

/** The process-wide database, set once at start (or per test file). */
export function getDb(): Database {
  if (!current) throw new Error("La base de données n'est pas ouverte.");
  return current.db;
}

export function getDatabaseHandle(): DatabaseHandle {
  if (!current) throw new Error("La base de données n'est pas ouverte.");
  return current;
}

export function setDatabaseHandle(handle: DatabaseHandle | undefined): void {
  current = handle;
}
