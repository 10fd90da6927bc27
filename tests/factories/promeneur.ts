import { creneauxPresence, profilsSociaux, promeneurs } from "@db/schema";
import type { Executor } from "~/server/db.server";
import { insertStructure } from "./structure";
import { insertUser } from "./user";

export type PromeneurRow = typeof promeneurs.$inferSelect;
export type PromeneurInsert = typeof promeneurs.$inferInsert;
export type ProfilRow = typeof profilsSociaux.$inferSelect;

let sequence = 0;

/**
 * Inserts a promeneur (default: `propose` in 04, in a new structure, proposed by a new referent of
 * it). Pass `statut: "actif"` with the dates you need; nothing here checks the lifecycle.
 */
export async function insertPromeneur(db: Executor, overrides: Partial<PromeneurInsert> = {}): Promise<PromeneurRow> {
  sequence += 1;
  const departement = overrides.departement ?? "04";
  const structureId = overrides.structureId ?? (await insertStructure(db, { departement })).id;
  const proposePar =
    overrides.proposePar ?? (await insertUser(db, { roles: [{ role: "referent", departement, structureId }] })).id;
  const stamp = `${Date.now().toString(36)}${sequence}`;
  const [row] = await db
    .insert(promeneurs)
    .values({
      departement,
      structureId,
      proposePar,
      prenom: "Alex",
      nom: `Essai${sequence}`,
      email: `promeneur${stamp}@essai.pdn.fr`,
      fonction: "Animateur jeunesse",
      nomPublic: `Alex ${sequence}`,
      slug: `alex-essai-${stamp}`,
      heuresHebdomadaires: 4,
      statut: "propose",
      proposeLe: new Date(Date.now() - 30 * 86_400_000),
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("promeneur not inserted");
  return row;
}

/** Inserts a social profile of a promeneur (default: an Instagram account, never verified). */
export async function insertProfil(
  db: Executor,
  promeneur: Pick<PromeneurRow, "id" | "departement">,
  overrides: Partial<typeof profilsSociaux.$inferInsert> = {},
): Promise<ProfilRow> {
  sequence += 1;
  const handle = overrides.handle ?? `pdn04.essai${Date.now().toString(36)}${sequence}`;
  const [row] = await db
    .insert(profilsSociaux)
    .values({
      departement: promeneur.departement,
      promeneurId: promeneur.id,
      reseau: "instagram",
      handle,
      url: `https://www.instagram.com/${handle}/`,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("profil not inserted");
  return row;
}

export async function insertCreneau(
  db: Executor,
  promeneurId: string,
  creneau: { jour: number; debut: number; fin: number; reseaux?: string[] },
) {
  await db.insert(creneauxPresence).values({ promeneurId, reseaux: [], ...creneau });
}
