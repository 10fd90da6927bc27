#!/usr/bin/env node
// `npm test`: lint, types, then every suite (pure rules, database on PGlite and on PostgreSQL when
// TEST_DATABASE_URL is set, whole processes, browser journeys), ending with one plain line
// "N passed, N failed" (CI reads it).
import { spawn, spawnSync } from "node:child_process";
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

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

function step(title, command, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const since = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.log(`✗ ${title} : échec (${seconds(since)})`);
    broken = true;
    return false;
  }
  console.log(`(${title} : ${seconds(since)})`);
  return true;
}

/**
 * Steps that do not depend on each other, run side by side (the single-threaded type check next
 * to the build and the demo data, on two processors); each one's output is printed whole once it
 * ends. Resolves with each step's success.
 */
function together(steps) {
  const since = Date.now();
  return Promise.all(
    steps.map(
      ({ title, command, args, quiet = false, optional = false }) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
          const output = [];
          child.stdout.on("data", (chunk) => output.push(chunk));
          child.stderr.on("data", (chunk) => output.push(chunk));
          child.on("error", (error) => output.push(Buffer.from(`${error.message}\n`)));
          child.on("close", (code) => {
            console.log(`\n▶ ${title}`);
            if (code !== 0 || !quiet) process.stdout.write(Buffer.concat(output));
            if (code !== 0) {
              console.log(`✗ ${title} : échec (${seconds(since)})`);
              if (!optional) broken = true;
            } else {
              console.log(`(${title} : ${seconds(since)})`);
            }
            resolve(code === 0);
          });
        }),
    ),
  );
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

// The built app and the demo database that the process and browser tests copy are prepared once,
// next to lint and types, for both Vitest runs below (e2e/support/global.ts).
const demoDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdn-e2e-demo-"));
const [, , prepared] = await together([
  { title: "Biome (lint et format)", command: "npx", args: ["biome", "check", "."] },
  { title: "Types (react-router typegen && tsc)", command: "sh", args: ["-c", "npx react-router typegen && npx tsc"] },
  {
    title: "Construction de l'application et base de démonstration des parcours",
    command: "node_modules/.bin/tsx",
    args: ["e2e/support/prepare.ts", demoDataDir],
    quiet: true,
    // Vitest's global setup prepares them itself when this did not, and reports its own failure.
    optional: true,
  },
]);
if (prepared) env.E2E_DEMO_DATA_DIR = demoDataDir;
else console.log("(la construction et la base de démonstration seront refaites par Vitest)");

// CI installs LibreOffice in the background (.ci/run): wait for it, now that lint and types are done.
const libreOfficeStatus = process.env.LIBREOFFICE_INSTALL_STATUS;
if (libreOfficeStatus) {
  const since = Date.now();
  // At most ten minutes: an install killed midway never writes its status.
  while (!fs.existsSync(libreOfficeStatus) && Date.now() - since < 600_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const log = fs.existsSync(process.env.LIBREOFFICE_INSTALL_LOG ?? "")
    ? fs.readFileSync(process.env.LIBREOFFICE_INSTALL_LOG, "utf8").trim()
    : "";
  if (fs.existsSync(libreOfficeStatus) && fs.readFileSync(libreOfficeStatus, "utf8").trim() === "0") {
    console.log(`\nLibreOffice installé (${log.split("\n").at(-1)}), attendu ${seconds(since)}.`);
  } else {
    console.log(log.split("\n").slice(-20).join("\n"));
    console.log(
      "\n✗ L'installation de LibreOffice a échoué (apt-get install --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui), ou « soffice --version » ne répond pas.",
    );
    broken = true;
    failed += 1;
  }
}

// With a PostgreSQL server at hand (CI), the database tests of the domain and of the seeds run on it
// only, in the next step: on PGlite, which is single-threaded WebAssembly in the test's process, they
// took two and a half times as long (387 s against 155 s), and CI must stay within 20 minutes.
// PGlite keeps the routes' tests (which run those same commands and queries through their loaders
// and actions), the server's, the commands', the processes' and the browser journeys (the built
// server on PGlite); without TEST_DATABASE_URL (`npm test` on a laptop), everything runs on PGlite.
vitest("Règles, base PGlite et processus", ["unit", "db", "system"], {
  TEST_DB_DRIVER: "pglite",
  // vitest.config.ts leaves out app/domain/ and db/ from the "db" project then.
  TEST_DB_SANS_DOMAINE: process.env.TEST_DATABASE_URL ? "1" : "0",
});

if (process.env.TEST_DATABASE_URL) {
  // On PostgreSQL, the tests of the domain, the server and the seeds, where every query and
  // transaction lives (the domain's and the seeds' on PostgreSQL only, see above); the routes'
  // tests, which call those same queries through their loaders and actions, run once, on PGlite
  // above (it keeps CI within its 20 minutes). Neither do the commands' tests (scripts/): they run
  // each command in its own process, on its own embedded database, whatever the suite's driver.
  vitest("Base PostgreSQL (TEST_DATABASE_URL)", ["db"], { TEST_DB_DRIVER: "postgres" }, [
    "app/domain/",
    "app/server/",
    "db/",
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
fs.rmSync(demoDataDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
