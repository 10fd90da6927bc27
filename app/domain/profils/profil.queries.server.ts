import { parametresDepartement, profilsSociaux, promeneurs, structures, users, verificationsProfil } from "@db/schema";
import { asc, desc, eq } from "drizzle-orm";
import { promeneurAccesColumns } from "~/domain/promeneurs/promeneur.columns.server";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import type { StatutProfil } from "./profil.labels";
import { DELAI_VERIFICATION_MOIS, prochaineEcheance, statutProfil } from "./profil.rules";

/** After how many months a verification no longer holds, in a département (the coordinator's setting). */
export async function getDelaiVerification(db: Executor, departement: string): Promise<number> {
  const [row] = await db
    .select({ delai: parametresDepartement.delaiVerificationMois })
    .from(parametresDepartement)
    .where(eq(parametresDepartement.departement, departement));
  return row?.delai ?? DELAI_VERIFICATION_MOIS;
}

/** A social profile as lists show it: network, account, address, and what its status is read from. */
export const profilResumeColumns = {
  reseau: profilsSociaux.reseau,
  handle: profilsSociaux.handle,
  url: profilsSociaux.url,
  derniereVerificationLe: profilsSociaux.derniereVerificationLe,
  dernierResultat: profilsSociaux.dernierResultat,
};

/** What a profile's status is read from: the copy of its latest verification on its row. */
type DerniereVerification = { derniereVerificationLe: Date | null; dernierResultat: string | null };

/** A profile's status at `now`, from the copy of its latest verification on its row. */
export function statutDuProfil(profil: DerniereVerification, now: Date, delaiMois: number): StatutProfil {
  return statutProfil(profil.derniereVerificationLe, profil.dernierResultat, now, delaiMois);
}

/** How many of a promeneur's profiles are `conforme` at `now` (activation needs at least one). */
export async function countProfilsConformes(
  db: Executor,
  promeneur: { id: string; departement: string },
  now: Date,
): Promise<number> {
  const delai = await getDelaiVerification(db, promeneur.departement);
  const rows = await db
    .select({
      derniereVerificationLe: profilsSociaux.derniereVerificationLe,
      dernierResultat: profilsSociaux.dernierResultat,
    })
    .from(profilsSociaux)
    .where(eq(profilsSociaux.promeneurId, promeneur.id));
  return rows.filter((p) => statutDuProfil(p, now, delai) === "conforme").length;
}

// ---------------------------------------------------------------------------------------------
// Profiles of a promeneur, one profile, its verifications
// ---------------------------------------------------------------------------------------------

const promeneurColumns = {
  ...promeneurAccesColumns,
  email: promeneurs.email,
  structureNom: structures.nom,
};

/** A promeneur with what the profile pages and permissions need; `null` when absent. No scope: check it. */
export async function getPromeneurPourProfils(db: Executor, promeneurId: string | undefined) {
  if (!isUuid(promeneurId)) return null;
  const [row] = await db
    .select(promeneurColumns)
    .from(promeneurs)
    .innerJoin(structures, eq(structures.id, promeneurs.structureId))
    .where(eq(promeneurs.id, promeneurId));
  return row ?? null;
}
export type PromeneurPourProfils = NonNullable<Awaited<ReturnType<typeof getPromeneurPourProfils>>>;

/** A profile and its promeneur; `null` when absent. No scope: check it. */
export async function getProfil(db: Executor, profilId: string | undefined) {
  if (!isUuid(profilId)) return null;
  const [row] = await db
    .select({ profil: profilsSociaux, promeneur: promeneurColumns })
    .from(profilsSociaux)
    .innerJoin(promeneurs, eq(promeneurs.id, profilsSociaux.promeneurId))
    .innerJoin(structures, eq(structures.id, promeneurs.structureId))
    .where(eq(profilsSociaux.id, profilId));
  return row ?? null;
}

/** The status and last valid day of a profile, from the copy of its latest verification. */
export function etatDuProfil(
  profil: DerniereVerification,
  now: Date,
  delaiMois: number,
): { statut: StatutProfil; echeance: Date | null } {
  return {
    statut: statutDuProfil(profil, now, delaiMois),
    echeance: prochaineEcheance(profil.derniereVerificationLe, delaiMois),
  };
}

/** A profile as its pages show it: account, address, latest verification, status and last valid day. */
export function profilAffiche(
  profil: Pick<
    typeof profilsSociaux.$inferSelect,
    "id" | "reseau" | "handle" | "url" | "derniereVerificationLe" | "dernierResultat"
  >,
  now: Date,
  delaiMois: number,
) {
  return {
    id: profil.id,
    reseau: profil.reseau,
    handle: profil.handle,
    url: profil.url,
    derniereVerificationLe: profil.derniereVerificationLe,
    ...etatDuProfil(profil, now, delaiMois),
  };
}

/** A promeneur's profiles with their status at `now`, by network then handle. */
export async function findProfilsDuPromeneur(db: Executor, promeneur: { id: string; departement: string }, now: Date) {
  const delai = await getDelaiVerification(db, promeneur.departement);
  const rows = await db
    .select()
    .from(profilsSociaux)
    .where(eq(profilsSociaux.promeneurId, promeneur.id))
    .orderBy(asc(profilsSociaux.reseau), asc(profilsSociaux.handle));
  return rows.map((p) => ({ ...p, ...etatDuProfil(p, now, delai) }));
}

/** What one verification recorded for one check. */
export type ControleVerifie = { code: string; libelle: string; ok: boolean };

/** The verifications of a profile, newest first, with the verifier's name. */
export async function findVerifications(db: Executor, profilId: string) {
  const rows = await db
    .select({
      id: verificationsProfil.id,
      verifieLe: verificationsProfil.verifieLe,
      resultat: verificationsProfil.resultat,
      controles: verificationsProfil.controles,
      manques: verificationsProfil.manques,
      commentaire: verificationsProfil.commentaire,
      verificateur: users.nom,
    })
    .from(verificationsProfil)
    .leftJoin(users, eq(users.id, verificationsProfil.verifiePar))
    .where(eq(verificationsProfil.profilId, profilId))
    .orderBy(desc(verificationsProfil.verifieLe));
  return rows.map((v) => ({
    ...v,
    controles: v.controles as ControleVerifie[],
    manques: v.manques ? v.manques.split("\n") : [],
  }));
}
