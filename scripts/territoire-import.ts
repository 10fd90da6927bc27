/**
 * `npm run territoire:import -- <dossier ou URL> [autres dossiers ou URL]`: loads the FRR/ZRR status
 * of communes, the QPV list and the commune boundaries into the territory tables, in one transaction
 * with an audit row. Files are recognised by their content (CSV header, GeoJSON type).
 * Exit code 0 on success, 1 with one French line on error.
 */
import { seedReference } from "@db/seed/reference";
import { describeFile, describeReport, TerritoireImportError } from "~/domain/territoire/territoire-import.rules";
import { collectTerritoireFiles, importTerritoireFiles } from "~/domain/territoire/territoire-import.server";
import { DataDirLockedError, runMigrations } from "~/server/db.server";
import { type Env, EnvError, parseEnv, setEnv } from "~/server/env.server";
import { openConfiguredDatabase } from "~/server/startup.server";

const USAGE = "Usage : npm run territoire:import -- <dossier ou URL> [autres dossiers ou URL]";

async function main(args: string[]): Promise<number> {
  let env: Env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      for (const line of error.lines) console.error(line);
      return 1;
    }
    throw error;
  }
  setEnv(env);
  if (args.length === 0) {
    console.error(USAGE);
    return 1;
  }

  // Read and check every file before touching the database: a bad file changes nothing.
  const collected = await collectTerritoireFiles(args);
  for (const file of collected.files) console.log(`Lu : ${file.source} : ${describeFile(file.parsed)}.`);
  for (const file of collected.ignored) console.log(`Ignoré : ${file.source} (${file.reason}).`);

  const handle = await openConfiguredDatabase(env);
  try {
    await handle.withStartupLock(async (db) => {
      await runMigrations(handle, db);
      await seedReference(db);
    });
    const report = await importTerritoireFiles(handle.db, collected.files);
    for (const line of describeReport(report)) console.log(line);
    console.log("Import du territoire terminé (une ligne ajoutée au journal d'audit).");
  } finally {
    await handle.close();
  }
  return 0;
}

function errorLine(error: unknown): string {
  if (error instanceof TerritoireImportError || error instanceof DataDirLockedError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `Échec de l'import du territoire : ${message.split("\n")[0]}`;
}

try {
  process.exitCode = await main(process.argv.slice(2).filter((arg) => arg !== "--"));
} catch (error) {
  console.error(errorLine(error));
  process.exitCode = 1;
}
