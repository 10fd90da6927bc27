/**
 * `npm start`: checks the configuration, builds the app when the sources are newer than the build,
 * then serves it (with the demo on the embedded database unless configured otherwise).
 */
import path from "node:path";
import { EnvError, parseEnv } from "~/server/env.server";
import { buildIfStale } from "./build-if-stale.mjs";

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
if (!dev && !buildIfStale()) {
  console.error("La construction de l'application a échoué (voir ci-dessus).");
  process.exit(1);
}
const entry = path.resolve("server.js");
await import(entry);
