import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { startServer, tempDir } from "./app-process";

declare module "vitest" {
  export interface ProvidedContext {
    demoDataDir: string;
    chromium: string | null;
  }
}

export const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Builds the app once, then prepares an embedded database with the demo and a coordinator of
 * another département (05), which each test file copies.
 */
export default async function setup(project: TestProject) {
  if (!buildIfStale({ quiet: true })) throw new Error("react-router build failed");
  const dataDir = await tempDir("e2e-demo");
  const app = await startServer({ DATA_DIR: dataDir, DEMO: "1" });
  await app.stop();
  const created = spawnSync(
    "node_modules/.bin/tsx",
    [
      "scripts/admin-create.ts",
      "--email",
      "coordination@demo.pdn05.fr",
      "--nom",
      "Coordination Hautes-Alpes (essai)",
      "--departement",
      "05",
      "--password-stdin",
    ],
    {
      env: { ...process.env, DATA_DIR: dataDir, DEMO: "0", LOG_LEVEL: "silent" },
      input: "mot-de-passe-essai-05\n",
      encoding: "utf8",
    },
  );
  if (created.status !== 0) throw new Error(`admin:create failed: ${created.stderr}${created.stdout}`);
  project.provide("demoDataDir", dataDir);
  project.provide("chromium", CHROMIUM_PATHS.find((p) => fs.existsSync(p)) ?? null);
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}
