import { comiteMembres, comites, decisions, regroupementInvitations, regroupements } from "@db/schema";
import { createToken } from "~/domain/comptes/tokens.server";
import type { Executor } from "~/server/db.server";
import type { PromeneurRow } from "./promeneur";

export type RegroupementRow = typeof regroupements.$inferSelect;
export type RegroupementInsert = typeof regroupements.$inferInsert;
export type InvitationRow = typeof regroupementInvitations.$inferSelect;
export type ComiteRow = typeof comites.$inferSelect;
export type MembreRow = typeof comiteMembres.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

const HEURE = 3_600_000;
const JOUR = 24 * HEURE;
let sequence = 0;

/**
 * Inserts a gathering (default: a practice analysis in 04 for all promeneurs, a week from now,
 * lasting 2 h 30, in Digne-les-Bains). A `comite_*` type needs `comiteId`.
 */
export async function insertRegroupement(
  db: Executor,
  overrides: Partial<RegroupementInsert> = {},
): Promise<RegroupementRow> {
  sequence += 1;
  const debut = overrides.debut ?? new Date(Date.now() + 7 * JOUR);
  const [row] = await db
    .insert(regroupements)
    .values({
      departement: "04",
      type: "analyse_pratique",
      titre: `Regroupement d'essai ${sequence}`,
      debut,
      fin: new Date(debut.getTime() + 2.5 * HEURE),
      lieu: "Maison des associations, Digne-les-Bains",
      audience: "promeneurs",
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("regroupement not inserted");
  return row;
}

/**
 * Invites a promeneur (their record and, when they have one, their account) to a gathering.
 * Returns the row and the answer token the e-mail would carry.
 */
export async function invitePromeneur(
  db: Executor,
  regroupement: Pick<RegroupementRow, "id">,
  promeneur: Pick<PromeneurRow, "id" | "userId" | "prenom" | "nom" | "email">,
  overrides: Partial<typeof regroupementInvitations.$inferInsert> = {},
): Promise<InvitationRow & { jeton: string }> {
  const { token, hash } = createToken();
  const [row] = await db
    .insert(regroupementInvitations)
    .values({
      regroupementId: regroupement.id,
      promeneurId: promeneur.id,
      userId: promeneur.userId,
      nom: `${promeneur.prenom} ${promeneur.nom}`,
      email: promeneur.email,
      jetonHash: hash,
      invitationEnvoyeeLe: new Date(),
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("invitation not inserted");
  return { ...row, jeton: token };
}

/** Invites a person who is not a promeneur (a referent, a committee member…) by e-mail. */
export async function invitePersonne(
  db: Executor,
  regroupement: Pick<RegroupementRow, "id">,
  personne: { nom: string; email: string; userId?: string | null; membreId?: string | null; organisation?: string },
  overrides: Partial<typeof regroupementInvitations.$inferInsert> = {},
): Promise<InvitationRow & { jeton: string }> {
  const { token, hash } = createToken();
  const [row] = await db
    .insert(regroupementInvitations)
    .values({
      regroupementId: regroupement.id,
      nom: personne.nom,
      email: personne.email.toLowerCase(),
      userId: personne.userId ?? null,
      membreId: personne.membreId ?? null,
      organisation: personne.organisation ?? null,
      jetonHash: hash,
      invitationEnvoyeeLe: new Date(),
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("invitation not inserted");
  return { ...row, jeton: token };
}

/** Inserts a committee (default: the comité de pilotage of 04). */
export async function insertComite(db: Executor, overrides: Partial<typeof comites.$inferInsert> = {}) {
  sequence += 1;
  const [row] = await db
    .insert(comites)
    .values({ departement: "04", type: "comite_pilotage", nom: `Comité de pilotage ${sequence}`, ...overrides })
    .returning();
  if (!row) throw new Error("comite not inserted");
  return row;
}

/** Adds a member to a committee (default: CAF 04, linked to no account). */
export async function insertMembre(
  db: Executor,
  comite: Pick<ComiteRow, "id">,
  overrides: Partial<typeof comiteMembres.$inferInsert> = {},
): Promise<MembreRow> {
  sequence += 1;
  const [row] = await db
    .insert(comiteMembres)
    .values({
      comiteId: comite.id,
      organisation: "CAF des Alpes-de-Haute-Provence",
      nom: `Membre d'essai ${sequence}`,
      fonction: "Conseillère technique",
      email: `membre${sequence}-${Date.now()}@essai.pdn.fr`,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("membre not inserted");
  return row;
}

/** Inserts an open decision of a committee (default: due in a month). */
export async function insertDecision(
  db: Executor,
  comite: Pick<ComiteRow, "id" | "departement">,
  overrides: Partial<typeof decisions.$inferInsert> = {},
): Promise<DecisionRow> {
  sequence += 1;
  const echeance = new Date(Date.now() + 30 * JOUR).toISOString().slice(0, 10);
  const [row] = await db
    .insert(decisions)
    .values({
      departement: comite.departement,
      comiteId: comite.id,
      texte: `Décision d'essai ${sequence}`,
      responsable: "Coordination départementale",
      echeance,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("decision not inserted");
  return row;
}
