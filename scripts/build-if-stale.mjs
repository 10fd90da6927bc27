// Builds the app when a source is newer than build/server/index.js. Used by `npm start` and tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "server",
  "db",
  "tests/factories",
  "public",
  "vite.config.ts",
  "react-router.config.ts",
  "package-lock.json",
];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

export function isBuildStale(root = process.cwd()) {
  const built = path.join(root, "build/server/index.js");
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  return Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s)))) > builtAt;
}

/** Returns true when the build is up to date (built now or already). */
export function buildIfStale({ quiet = false, root = process.cwd() } = {}) {
  if (!isBuildStale(root)) return true;
  if (!quiet) console.log("Construction de l'application (une fois, puis à chaque modification des sources)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@react-router/dev/bin.js"), "build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return result.status === 0;
}
