import type { Database } from "~/server/db.server";
import { insertPromeneur } from "../../tests/factories/promeneur";
import { insertRegroupement, invitePersonne, invitePromeneur } from "../../tests/factories/regroupement";
import { insertStructure } from "../../tests/factories/structure";
import { insertUser, TEST_PASSWORD } from "../../tests/factories/user";

/** What e2e/durabilite.system.ts writes to, and as whom (password: the factories' TEST_PASSWORD). */
export type SeedDurabilite = {
  motDePasse: string;
  coordination: string;
  promeneurs: { email: string; userId: string; promeneurId: string }[];
  regroupementId: string;
  invitations: string[];
};

const HEURE = 3_600_000;

/**
 * Adds to a migrated database with reference data: `promeneurs` active promeneurs of 04, each with
 * an account, no report and an entry long ago (every past month is theirs to report); a coordinator
 * of 04; a practice analysis that started an hour ago with `invites` people invited (the promeneurs
 * first). Run while no server has an embedded database open.
 */
export async function seedDurabilite(
  db: Database,
  { promeneurs: nombrePromeneurs, invites }: { promeneurs: number; invites: number },
): Promise<SeedDurabilite> {
  const structure = await insertStructure(db, { nom: "Espace jeunes de l'essai de durabilité", communeCode: "04070" });
  const coordination = await insertUser(db, {
    email: "coordination@durabilite.pdn.fr",
    nom: "Coordination de l'essai",
    roles: [{ role: "coordinateur", departement: "04" }],
  });
  const regroupement = await insertRegroupement(db, {
    type: "analyse_pratique",
    titre: "Analyse de la pratique (essai de durabilité)",
    debut: new Date(Date.now() - HEURE),
    fin: new Date(Date.now() + HEURE),
    audience: "promeneurs_choisis",
  });
  const promeneurs: SeedDurabilite["promeneurs"] = [];
  const invitations: string[] = [];
  for (let i = 1; i <= nombrePromeneurs; i++) {
    const email = `promeneur${i}@durabilite.pdn.fr`;
    const user = await insertUser(db, {
      email,
      nom: `Promeneur ${i} de l'essai`,
      roles: [{ role: "promeneur", departement: "04", structureId: structure.id }],
    });
    const promeneur = await insertPromeneur(db, {
      structureId: structure.id,
      proposePar: coordination.id,
      userId: user.id,
      email,
      statut: "actif",
      entreeLe: new Date("2010-01-01T00:00:00Z"),
    });
    promeneurs.push({ email, userId: user.id, promeneurId: promeneur.id });
    invitations.push((await invitePromeneur(db, regroupement, promeneur, { reponse: "oui" })).id);
  }
  for (let i = invitations.length + 1; i <= invites; i++) {
    const invitation = await invitePersonne(db, regroupement, {
      nom: `Partenaire ${i} de l'essai`,
      email: `partenaire${i}@durabilite.pdn.fr`,
    });
    invitations.push(invitation.id);
  }
  return {
    motDePasse: TEST_PASSWORD,
    coordination: coordination.email,
    promeneurs,
    regroupementId: regroupement.id,
    invitations,
  };
}
