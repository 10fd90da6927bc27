/**
 * `npm start`: checks the configuration, builds the app when the sources are newer than the build,
 * then serves it (with the demo on the embedded database unless configured otherwise).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "~/server/env.server";

try {
  parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    for (const line of error.lines) console.error(line);
    process.exit(1);
  }
  throw error;
}

const dev = process.argv.includes("--dev");

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

if (!dev) {
  const built = fs.existsSync("build/server/index.js") ? fs.statSync("build/server/index.js").mtimeMs : 0;
  const sources = Math.max(
    ...["app", "server", "db", "tests/factories", "vite.config.ts", "react-router.config.ts", "package-lock.json"].map(
      newestMtime,
    ),
  );
  if (sources > built) {
    console.log("Construction de l'application (une fois, puis à chaque modification des sources)…");
    const result = spawnSync(process.execPath, ["node_modules/@react-router/dev/bin.js", "build"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (result.status !== 0) {
      console.error("La construction a échoué (voir ci-dessus).");
      process.exit(1);
    }
  }
}

if (dev) process.argv.push("--dev");
const entry = path.resolve("server.js");
await import(entry);
