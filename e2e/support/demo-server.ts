import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import { inject } from "vitest";
import { type AppProcess, startServer, tempDir } from "./app-process";

/**
 * A server on a private copy of the prepared demo database. `prepare` runs on the copy before the
 * server opens it (e.g. `seedAnnuaire`, to add data for one test file).
 */
export async function startDemoServer(
  env: Record<string, string> = {},
  prepare?: (dataDir: string) => Promise<void>,
): Promise<AppProcess & { dataDir: string }> {
  const dataDir = await tempDir("e2e");
  await fs.cp(inject("demoDataDir"), dataDir, { recursive: true });
  await fs.rm(`${dataDir}/pglite.lock`, { force: true });
  await prepare?.(dataDir);
  const app = await startServer({ DATA_DIR: dataDir, DEMO: "1", ...env });
  return Object.assign(app, { dataDir });
}

export const DEMO_PASSWORD = "demo-pdn-04";

/** Adds `nombre` public promeneurs with 800 px photos to a data directory (e2e/support/seed-annuaire.ts). */
export async function seedAnnuaire(dataDir: string, nombre = 50): Promise<void> {
  const run = spawnSync("node_modules/.bin/tsx", ["e2e/support/seed-annuaire.ts", "--nombre", String(nombre)], {
    env: { ...process.env, DATA_DIR: dataDir, DEMO: "0", LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`seed-annuaire failed: ${run.stderr}${run.stdout}`);
}
