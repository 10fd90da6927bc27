/** `npm run db:seed`: loads the fictional demo into an empty database (refused on one with accounts). */
import { seedDemoIfEmpty } from "@db/seed/demo";
import { runCommand } from "./cli";

await runCommand(async ({ db }) => {
  const result = await seedDemoIfEmpty(db);
  const messages = {
    seeded: "Démonstration chargée (comptes démo : mot de passe demo-pdn-04).",
    present: "La démonstration est déjà chargée : rien à faire.",
    skipped: "Cette base contient déjà des comptes : la démonstration n'est pas chargée.",
  } as const;
  console.log(messages[result]);
});
