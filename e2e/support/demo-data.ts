import { spawnSync } from "node:child_process";
import { startServer } from "./app-process";

/** The password of the coordinator of the Hautes-Alpes (05) that `prepareDemoData` adds. */
export const COORDINATION_05_PASSWORD = "mot-de-passe-essai-05";

/**
 * Fills an empty data directory with the demo (the built server seeds it on its first start) and a
 * coordinator of another département (05). The e2e and system test files each copy it.
 */
export async function prepareDemoData(dataDir: string): Promise<void> {
  // The first start creates the database and seeds the demo: longer than a start on a copy.
  const app = await startServer({ DATA_DIR: dataDir, DEMO: "1" }, 300_000);
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
      input: `${COORDINATION_05_PASSWORD}\n`,
      encoding: "utf8",
    },
  );
  if (created.status !== 0) throw new Error(`admin:create failed: ${created.stderr}${created.stdout}`);
}
