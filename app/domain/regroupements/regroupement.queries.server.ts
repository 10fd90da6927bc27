import { comites, communes, regroupementInvitations, regroupements } from "@db/schema";
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { RegroupementType } from "./regroupement.labels";
import type { Periode } from "./regroupement.rules";

const compte = (reponse: string) =>
  sql<number>`count(${regroupementInvitations.id}) filter (where ${regroupementInvitations.reponse} = ${reponse})`.mapWith(
    Number,
  );

/**
 * The coordinator's list of a département's gatherings: upcoming ones soonest first (those not yet
 * ended), past ones latest first, with their answers counted.
 */
export async function findRegroupementsCoordination(
  db: Executor,
  departement: string,
  filtre: { periode: Periode; type: RegroupementType | null; now: Date },
) {
  const periode =
    filtre.periode === "a_venir"
      ? gte(regroupements.fin, filtre.now)
      : filtre.periode === "passes"
        ? lt(regroupements.fin, filtre.now)
        : undefined;
  return db
    .select({
      id: regroupements.id,
      type: regroupements.type,
      titre: regroupements.titre,
      debut: regroupements.debut,
      fin: regroupements.fin,
      lieu: regroupements.lieu,
      communeNom: communes.nom,
      lienVisio: regroupements.lienVisio,
      capacite: regroupements.capacite,
      statut: regroupements.statut,
      invites: sql<number>`count(${regroupementInvitations.id})`.mapWith(Number),
      inscrits: compte("oui"),
      declines: compte("non"),
      enAttente: compte("en_attente"),
    })
    .from(regroupements)
    .leftJoin(communes, eq(communes.code, regroupements.communeCode))
    .leftJoin(regroupementInvitations, eq(regroupementInvitations.regroupementId, regroupements.id))
    .where(
      and(
        eq(regroupements.departement, departement),
        periode,
        filtre.type ? eq(regroupements.type, filtre.type) : undefined,
      ),
    )
    .groupBy(regroupements.id, communes.nom)
    .orderBy(filtre.periode === "a_venir" ? asc(regroupements.debut) : desc(regroupements.debut))
    .limit(200);
}

/** The names of a gathering's commune and committee (its row is already read), for its page. */
export async function findRegroupementNoms(
  db: Executor,
  r: { communeCode: string | null; comiteId: string | null },
): Promise<{ communeNom: string | null; comiteNom: string | null }> {
  const [commune, comite] = await Promise.all([
    r.communeCode
      ? db.select({ nom: communes.nom }).from(communes).where(eq(communes.code, r.communeCode)).limit(1)
      : Promise.resolve([]),
    r.comiteId
      ? db.select({ nom: comites.nom }).from(comites).where(eq(comites.id, r.comiteId)).limit(1)
      : Promise.resolve([]),
  ]);
  return { communeNom: commune[0]?.nom ?? null, comiteNom: comite[0]?.nom ?? null };
}

/** The active committees of a département, for the form's list. */
export async function findComiteOptions(db: Executor, departement: string) {
  return db
    .select({ id: comites.id, nom: comites.nom, type: comites.type })
    .from(comites)
    .where(and(eq(comites.departement, departement), eq(comites.actif, true)))
    .orderBy(asc(comites.type), asc(comites.nom));
}
