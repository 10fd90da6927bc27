#!/usr/bin/env node
// `npm test`: lint, types, then every suite (pure rules, database on PGlite and on PostgreSQL when
// TEST_DATABASE_URL is set, whole processes, browser journeys), ending with one plain line
// "N passed, N failed" (CI reads it).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const env = { ...process.env, TZ: "Europe/Paris" };
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const requireE2e = process.env.REQUIRE_E2E === "1";
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdn-test-"));
let passed = 0;
let failed = 0;
let broken = false;

function step(title, command, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.log(`✗ ${title} : échec`);
    broken = true;
    return false;
  }
  return true;
}

function vitest(title, projects, extraEnv = {}, extraArgs = []) {
  const report = path.join(reportDir, `${title.replace(/\W+/g, "-")}.json`);
  const args = [
    "vitest",
    "run",
    ...projects.flatMap((p) => ["--project", p]),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...extraArgs,
  ];
  const ok = step(title, "npx", args, extraEnv);
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    passed += json.numPassedTests ?? 0;
    failed += json.numFailedTests ?? 0;
    if ((json.numTotalTests ?? 0) === 0) {
      console.log(`✗ ${title} : aucun test exécuté`);
      broken = true;
    }
  } else if (!ok) {
    failed += 1;
  }
}

step("Biome (lint et format)", "npx", ["biome", "check", "."]);
step("Types (react-router typegen && tsc)", "sh", ["-c", "npx react-router typegen && npx tsc"]);
vitest("Règles, base PGlite et processus", ["unit", "db", "system"], { TEST_DB_DRIVER: "pglite" });

if (process.env.TEST_DATABASE_URL) {
  // On PostgreSQL, the tests of the domain, the schema, the seeds and the commands, where every
  // query and transaction lives; the routes' tests, which call those same queries through their
  // loaders and actions, run once, on PGlite above (it keeps CI within its 20 minutes).
  vitest("Base PostgreSQL (TEST_DATABASE_URL)", ["db"], { TEST_DB_DRIVER: "postgres" }, [
    "app/domain/",
    "app/server/",
    "db/",
    "scripts/",
  ]);
} else {
  console.log("\nSuite PostgreSQL non lancée : TEST_DATABASE_URL n'est pas défini (bash .ci/run la lance).");
}

if (chromium) {
  vitest("Parcours navigateur (Chromium)", ["e2e"]);
} else if (requireE2e) {
  console.log(
    "\n✗ Parcours navigateur exigés (REQUIRE_E2E=1) mais Chromium est introuvable : apt-get install chromium",
  );
  broken = true;
  failed += 1;
} else {
  console.log(
    "\nParcours navigateur ignorés : Chromium introuvable (apt-get install chromium, ou REQUIRE_E2E=1 pour l'exiger).",
  );
}

fs.rmSync(reportDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
