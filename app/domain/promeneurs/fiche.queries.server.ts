import { profilsSociaux, promeneurs } from "@db/schema";
import { count, eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { findHoraires } from "~/domain/presences/presence.queries.server";
import { type CreneauDate, isEnLigne, prochainCreneau } from "~/domain/presences/presence.rules";
import { countProfilsConformes } from "~/domain/profils/profil.queries.server";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";
import { notFound } from "~/server/errors.server";
import { promeneurAccesColumns } from "./promeneur.columns.server";
import { publicAccess } from "./promeneur.policy";

/**
 * A promeneur whose public record the actor may see, with what they may do on it (`read` or
 * `manage`); a 404 when it does not exist or is out of the actor's scope.
 */
export async function getPromeneurPublic(db: Executor, actor: Actor, id: string | undefined) {
  if (!isUuid(id)) notFound();
  const [row] = await db
    .select({
      ...promeneurAccesColumns,
      nomPublic: promeneurs.nomPublic,
      bio: promeneurs.bio,
      themes: promeneurs.themes,
      ageMin: promeneurs.ageMin,
      ageMax: promeneurs.ageMax,
      photoId: promeneurs.photoId,
    })
    .from(promeneurs)
    .where(eq(promeneurs.id, id));
  if (!row) notFound();
  const access = publicAccess(actor, row);
  if (access === "none") notFound();
  return { promeneur: row, canManage: access === "manage" };
}

/** The promeneur record linked to an account, or null. */
export async function findPromeneurOfUser(db: Executor, userId: string) {
  const [row] = await db
    .select({
      id: promeneurs.id,
      departement: promeneurs.departement,
      statut: promeneurs.statut,
      nomPublic: promeneurs.nomPublic,
      photoId: promeneurs.photoId,
    })
    .from(promeneurs)
    .where(eq(promeneurs.userId, userId));
  return row ?? null;
}

/**
 * What the promeneur's home shows: their record (linked to the account), how many social profiles
 * they have and how many conform, whether they are online now and their next slot. Null when no
 * record is linked to the account yet.
 */
export async function findAccueilPromeneur(
  db: Executor,
  userId: string,
  now: Date,
): Promise<{
  promeneur: NonNullable<Awaited<ReturnType<typeof findPromeneurOfUser>>>;
  profils: number;
  profilsConformes: number;
  creneaux: number;
  enLigne: boolean;
  prochain: CreneauDate | null;
} | null> {
  const promeneur = await findPromeneurOfUser(db, userId);
  if (!promeneur) return null;
  const [[profils], profilsConformes, horaires] = await Promise.all([
    db.select({ n: count() }).from(profilsSociaux).where(eq(profilsSociaux.promeneurId, promeneur.id)),
    countProfilsConformes(db, promeneur, now),
    findHoraires(db, promeneur.id, now),
  ]);
  return {
    promeneur,
    profils: profils?.n ?? 0,
    profilsConformes,
    creneaux: horaires.creneaux.length,
    enLigne: isEnLigne(horaires.creneaux, horaires.exceptions, now),
    prochain: prochainCreneau(horaires.creneaux, horaires.exceptions, now),
  };
}
