import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { tempDir } from "./app-process";
import { prepareDemoData } from "./demo-data";

declare module "vitest" {
  export interface ProvidedContext {
    demoDataDir: string;
    chromium: string | null;
  }
}

export const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Builds the app once, then prepares an embedded database with the demo and a coordinator of
 * another département (05), which each test file copies. `npm test` prepares it beforehand, next
 * to lint and types (e2e/support/prepare.ts), and names it in E2E_DEMO_DATA_DIR: it is used as is,
 * and left to `npm test` to remove.
 */
export default async function setup(project: TestProject) {
  if (!buildIfStale({ quiet: true })) throw new Error("react-router build failed");
  project.provide("chromium", CHROMIUM_PATHS.find((p) => fs.existsSync(p)) ?? null);
  const prepared = process.env.E2E_DEMO_DATA_DIR;
  if (prepared && fs.existsSync(`${prepared}/pglite/PG_VERSION`)) {
    project.provide("demoDataDir", prepared);
    return;
  }
  const dataDir = await tempDir("e2e-demo");
  await prepareDemoData(dataDir);
  project.provide("demoDataDir", dataDir);
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}
