/**
 * `npm run db:restore -- <archive> [--ecraser] [--verifier]`: checks the archive whole (checksums,
 * kind, migration level), then replaces the configured database and the files of DATA_DIR by its
 * content. The app must be stopped. `--ecraser` is required when the target holds data;
 * `--verifier` only checks the archive. See « Exploitation » in the README.
 */
import { EnvError, parseEnv, setEnv } from "~/server/env.server";
import { restaurerSauvegarde } from "~/server/sauvegarde.server";

const argv = process.argv.slice(2);
const options = new Set(argv.filter((arg) => arg.startsWith("--")));
const positions = argv.filter((arg) => !arg.startsWith("--"));
const archive = positions[0];
if (!archive || positions.length > 1 || [...options].some((o) => o !== "--ecraser" && o !== "--verifier")) {
  console.error("Usage : npm run db:restore -- sauvegardes/pdn-sauvegarde-….tar.gz [--ecraser] [--verifier]");
  process.exit(1);
}

try {
  const env = parseEnv({ LOG_LEVEL: "warn", ...process.env });
  setEnv(env);
  const { manifeste, remplace, verifieSeulement } = await restaurerSauvegarde(env, archive, {
    ecraser: options.has("--ecraser"),
    verifier: options.has("--verifier"),
  });
  const lignes = Object.values(manifeste.base.lignes).reduce((a, b) => a + b, 0);
  const fichiers = manifeste.fichiers.length - 1;
  const resume = `${manifeste.base.type === "pglite" ? "base embarquée" : "PostgreSQL"} du ${manifeste.creeeLe}, migration ${manifeste.base.migrations.derniere ?? "aucune"}, ${lignes} lignes, ${fichiers} fichier${fichiers > 1 ? "s" : ""}`;
  if (verifieSeulement) console.log(`Archive valide : ${resume}.`);
  else {
    console.log(`Sauvegarde restaurée${remplace ? " (les données précédentes sont remplacées)" : ""} : ${resume}.`);
    console.log("Au prochain démarrage, l'application appliquera les migrations plus récentes s'il y en a.");
  }
} catch (error) {
  if (error instanceof EnvError) for (const line of error.lines) console.error(line);
  else console.error(`Échec de la restauration : ${(error as Error).message}`);
  process.exit(1);
}
