import fs from "node:fs/promises";
import { inject } from "vitest";
import { type AppProcess, startServer, tempDir } from "./app-process";

/** A server on a private copy of the prepared demo database. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<AppProcess & { dataDir: string }> {
  const dataDir = await tempDir("e2e");
  await fs.cp(inject("demoDataDir"), dataDir, { recursive: true });
  await fs.rm(`${dataDir}/pglite.lock`, { force: true });
  const app = await startServer({ DATA_DIR: dataDir, DEMO: "1", ...env });
  return Object.assign(app, { dataDir });
}

export const DEMO_PASSWORD = "demo-pdn-04";
