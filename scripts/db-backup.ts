/**
 * `npm run db:backup -- [--dossier sauvegardes] [--garder 14]`: writes one archive (database, files
 * of DATA_DIR, manifest) into the folder and prints its path. On the embedded database the app must
 * be stopped meanwhile; on PostgreSQL the backup is consistent while it runs. `--garder N` keeps the
 * N most recent archives of the folder. See « Exploitation » in the README.
 */
import { EnvError, parseEnv, setEnv } from "~/server/env.server";
import { creerSauvegarde } from "~/server/sauvegarde.server";
import { parseArgs } from "./cli";

const args = parseArgs(process.argv.slice(2));
const garder = args.garder === undefined ? undefined : Number(args.garder);
if (
  (garder !== undefined && (!Number.isInteger(garder) || garder < 1)) ||
  args.dossier === true ||
  Object.keys(args).some((nom) => nom !== "dossier" && nom !== "garder")
) {
  console.error("Usage : npm run db:backup -- [--dossier sauvegardes] [--garder 14]");
  process.exit(1);
}

try {
  const env = parseEnv({ LOG_LEVEL: "warn", ...process.env });
  setEnv(env);
  const debut = Date.now();
  const { archive, manifeste, supprimees } = await creerSauvegarde(env, {
    dossier: typeof args.dossier === "string" ? args.dossier : "sauvegardes",
    garder,
  });
  const documents = manifeste.fichiers.length - 1;
  const base = manifeste.base.type === "pglite" ? "base embarquée" : "PostgreSQL";
  console.log(
    `Sauvegarde écrite : ${archive} (${base}, migration ${manifeste.base.migrations.derniere ?? "aucune"}, ${documents} fichier${documents > 1 ? "s" : ""}, ${((Date.now() - debut) / 1000).toFixed(1)} s).`,
  );
  for (const ancienne of supprimees) console.log(`Ancienne sauvegarde supprimée : ${ancienne}`);
} catch (error) {
  if (error instanceof EnvError) for (const line of error.lines) console.error(line);
  else console.error(`Échec de la sauvegarde : ${(error as Error).message}`);
  process.exit(1);
}
