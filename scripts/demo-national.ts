/**
 * `npm run demo:national [-- --out DIR] [--scale 1] [--seed 42] [--pglite DIR]`: generates the
 * national benchmark data with ../shared/bench/gen-data.mjs and loads it into the database the app
 * uses (DATABASE_URL, else the embedded directory DATA_DIR/pglite), or into `--pglite DIR`.
 * See docs/bench.md.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chargerNational } from "@db/seed/national/national.load";
import { seedReference } from "@db/seed/reference";
import { type DatabaseHandle, openPglite, openPostgres, runMigrations } from "~/server/db.server";
import { EnvError, parseEnv, setEnv } from "~/server/env.server";
import { pgliteDir } from "~/server/startup.server";
import { parseArgs } from "./cli";

export const GENERATEUR = path.resolve(process.cwd(), "../shared/bench/gen-data.mjs");

/** Generates the CSV into `dossier` unless its summary says they are already there for this scale and seed. */
export function genererDonnees(dossier: string, scale: number, seed: number): void {
  if (!fs.existsSync(GENERATEUR)) {
    throw new Error(
      `Le générateur de données nationales est introuvable : ${GENERATEUR} (il est fourni à côté du projet, dans ../shared/bench/).`,
    );
  }
  const resume = path.join(dossier, "summary.json");
  if (fs.existsSync(resume)) {
    const s = JSON.parse(fs.readFileSync(resume, "utf8")) as { scale: number; seed: number };
    if (s.scale === scale && s.seed === seed) return;
  }
  execFileSync(process.execPath, [GENERATEUR, dossier, "--scale", String(scale), "--seed", String(seed)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function nombre(value: string | true | undefined, defaut: number, nom: string): number {
  if (value === undefined) return defaut;
  const n = Number(value);
  if (value === true || !Number.isFinite(n) || n <= 0) {
    throw new Error(`--${nom} attend un nombre positif (reçu : ${String(value)}).`);
  }
  return n;
}

/** The first line of a failure (a failed query's parameters are huge) and its cause. */
export function messageCourt(error: unknown): string {
  const e = error as Error & { cause?: Error };
  const premiere = (e.message ?? String(error)).split("\n")[0]?.slice(0, 300) ?? "";
  return e.cause?.message ? `${premiere}… — ${e.cause.message}` : premiere;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const scale = nombre(args.scale, 1, "scale");
  const seed = nombre(args.seed, 42, "seed");
  const out = typeof args.out === "string" ? path.resolve(args.out) : null;
  const dossier = out ?? fs.mkdtempSync(path.join(os.tmpdir(), "pdn-national-"));
  const debut = Date.now();
  let handle: DatabaseHandle | undefined;
  try {
    const env = parseEnv({ LOG_LEVEL: "warn", ...process.env });
    setEnv(env);
    genererDonnees(dossier, scale, seed);
    console.log(
      `Données générées dans ${dossier} (échelle ${scale}, graine ${seed}, ${((Date.now() - debut) / 1000).toFixed(1)} s).`,
    );
    const pglite = typeof args.pglite === "string" ? path.resolve(args.pglite) : null;
    handle = pglite
      ? await openPglite({ dataDir: pglite })
      : env.DATABASE_URL
        ? openPostgres(env.DATABASE_URL)
        : await openPglite({ dataDir: pgliteDir(env) });
    const cible = pglite ?? (env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : pgliteDir(env));
    console.log(`Base : ${cible}`);
    const h = handle;
    await h.withStartupLock(async (db) => {
      await runMigrations(h, db);
      await seedReference(db);
    });
    const resultat = await chargerNational(handle.db, { dossier, scale, seed, log: (m) => console.log(m) });
    if (resultat.etat === "deja_charge")
      console.log("Ces données nationales sont déjà chargées dans cette base : rien à faire.");
    console.log(`Terminé en ${((Date.now() - debut) / 1000).toFixed(1)} s.`);
    for (const [table, n] of Object.entries(resultat.comptage)) {
      console.log(`  ${table.padEnd(28)} ${n.toLocaleString("fr-FR").padStart(12)}`);
    }
    await handle.close();
  } catch (error) {
    await handle?.close().catch(() => {});
    if (error instanceof EnvError) for (const line of error.lines) console.error(line);
    else console.error(`Échec : ${messageCourt(error)}`);
    process.exitCode = 1;
  } finally {
    if (!out) fs.rmSync(dossier, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
