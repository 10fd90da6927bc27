/** `npm run db:migrate`: applies the committed migrations and loads reference data. */
import { runCommand } from "./cli";

await runCommand(async ({ handle }) => {
  console.log(`Base à jour (${handle.kind === "pglite" ? "PGlite embarquée" : "PostgreSQL"}).`);
});
