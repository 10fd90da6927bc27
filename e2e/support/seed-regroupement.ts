/**
 * Adds to the database of DATA_DIR a practice analysis of 04 that started an hour ago (two hours
 * long) with the demo's nine promeneurs invited, for the attendance journey (e2e/regroupements.e2e.ts).
 * Also an upcoming training with a partner invited by e-mail, whose answer link the journey opens.
 * Prints one JSON line: the gathering's id, start and end, and that answer token. Run with tsx while no server has the
 * data directory open.
 */
import { promeneurs } from "@db/schema";
import { asc, eq } from "drizzle-orm";
import { runCommand } from "../../scripts/cli";
import { insertRegroupement, invitePersonne, invitePromeneur } from "../../tests/factories/regroupement";

const HEURE = 3_600_000;

await runCommand(async ({ db }) => {
  const now = Date.now();
  const invites = await db
    .select()
    .from(promeneurs)
    .where(eq(promeneurs.departement, "04"))
    .orderBy(asc(promeneurs.nom), asc(promeneurs.prenom))
    .limit(9);
  if (invites.length !== 9) throw new Error(`9 promeneurs attendus dans la démo, ${invites.length} trouvés`);
  const regroupement = await insertRegroupement(db, {
    type: "analyse_pratique",
    titre: "Analyse de la pratique (essai des présences)",
    debut: new Date(now - HEURE),
    fin: new Date(now + HEURE),
    audience: "promeneurs_choisis",
  });
  for (const p of invites) await invitePromeneur(db, regroupement, p, { reponse: "oui" });
  const formation = await insertRegroupement(db, {
    type: "formation_continue",
    titre: "Formation continue : les jeunes et les jeux en ligne (essai)",
    debut: new Date(now + 9 * 24 * HEURE),
    fin: new Date(now + 9 * 24 * HEURE + 3 * HEURE),
  });
  const partenaire = await invitePersonne(db, formation, {
    nom: "Camille Partenaire",
    email: "camille.partenaire@essai.pdn.fr",
    organisation: "Maison des Adolescents",
  });
  console.log(
    JSON.stringify({
      id: regroupement.id,
      debut: regroupement.debut.toISOString(),
      fin: regroupement.fin.toISOString(),
      formation: formation.id,
      jeton: partenaire.jeton,
    }),
  );
});
