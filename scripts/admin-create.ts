/**
 * `npm run admin:create -- --email x@y.fr --nom "Prénom Nom" [--departement 04] [--role coordinateur|national]
 *  [--password-stdin]`: creates the first coordinator of a production deployment. Without
 *  --password-stdin it prints a one-time link to choose the password.
 */
import { adminAccountSchema, createAdminAccount } from "~/domain/comptes/admin.commands.server";
import { Invalid } from "~/server/errors.server";
import { parseArgs, runCommand } from "./cli";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

const args = parseArgs(process.argv.slice(2));
const parsed = adminAccountSchema.safeParse({
  email: args.email,
  nom: args.nom,
  role: args.role ?? "coordinateur",
  departement: args.departement ?? "04",
  password: args["password-stdin"] ? await readStdin() : undefined,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`Argument invalide : ${issue.message}`);
  console.error('Usage : npm run admin:create -- --email prenom.nom@exemple.fr --nom "Prénom Nom" --departement 04');
  process.exit(1);
}

await runCommand(async ({ db, env }) => {
  try {
    const result = await createAdminAccount(db, parsed.data, new Date());
    console.log(
      result.created
        ? `Compte créé : ${parsed.data.email} (${parsed.data.role}, ${parsed.data.departement}).`
        : `Rôle ajouté au compte existant ${parsed.data.email}.`,
    );
    if (result.setupToken) {
      console.log(
        `Pour choisir le mot de passe (lien valable 72 heures) : ${env.publicUrl}/reinitialiser/${result.setupToken}`,
      );
    }
  } catch (error) {
    if (error instanceof Invalid) throw new Error(error.message);
    throw error;
  }
});
