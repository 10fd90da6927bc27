import { fichiers, ressources } from "@db/schema";
import { eq } from "drizzle-orm";
import type { Actor } from "~/domain/comptes/actor";
import { can } from "~/domain/comptes/policy";
import { recordAudit } from "~/server/audit.server";
import type { Database } from "~/server/db.server";
import { forbidden, Invalid, notFound } from "~/server/errors.server";
import { type FichierVerifie, storeFichier } from "~/server/fichiers.server";
import { requireScoped } from "~/server/request.server";
import { getRessource, type Ressource } from "./ressource.queries.server";
import type { RessourceInput } from "./ressource.schema";

type Ctx = { db: Database; now: Date; requestId?: string };

async function ressourceModifiable(db: Database, actor: Actor, id: string | undefined): Promise<Ressource> {
  if (!can(actor, "contenu.gerer")) forbidden();
  const ressource = await getRessource(db, id);
  if (!ressource) notFound();
  requireScoped(actor, "contenu.gerer", { departement: ressource.departement });
  return ressource;
}

function champs(input: RessourceInput) {
  return {
    titre: input.titre,
    description: input.description,
    categorie: input.categorie,
    public: input.visibilite === "public",
    ordre: input.ordre,
  };
}

/**
 * Adds a resource: a checked file or a link, exactly one of them (`Invalid` otherwise). The file,
 * the resource and the audit row share one transaction.
 */
export async function createRessource(
  { db, now, requestId }: Ctx,
  actor: Actor,
  departement: string,
  input: RessourceInput,
  fichier: FichierVerifie | null,
): Promise<{ id: string }> {
  requireScoped(actor, "contenu.gerer", { departement });
  if (fichier && input.url) throw new Invalid("url", "Choisissez un fichier ou un lien, pas les deux.");
  if (!fichier && !input.url) throw new Invalid("fichier", "Joignez un fichier ou donnez un lien.");
  return db.transaction(async (tx) => {
    const fichierId = fichier ? await storeFichier(tx, fichier, { departement, creePar: actor.userId }) : null;
    const [row] = await tx
      .insert(ressources)
      .values({
        ...champs(input),
        departement,
        fichierId,
        url: fichier ? null : input.url,
        creePar: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: ressources.id });
    if (!row) throw new Error("ressource not inserted");
    await recordAudit(
      tx,
      actor,
      {
        action: "ressource.creer",
        entityType: "ressource",
        entityId: row.id,
        departement,
        changes: { titre: input.titre, visibilite: input.visibilite, fichier: fichier?.nom ?? null, url: input.url },
      },
      requestId,
    );
    return row;
  });
}

/**
 * Saves a resource. A link stays a link (its address required); a file stays a file, replaced when
 * a new one is given (the old one is deleted in the same transaction).
 */
export async function updateRessource(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
  input: RessourceInput,
  nouveauFichier: FichierVerifie | null,
): Promise<Ressource> {
  const ressource = await ressourceModifiable(db, actor, id);
  const estFichier = ressource.fichierId !== null;
  if (estFichier && input.url) {
    throw new Invalid(
      "url",
      "Cette ressource est un fichier : remplacez le fichier, ou supprimez-la et ajoutez un lien.",
    );
  }
  if (!estFichier && nouveauFichier) {
    throw new Invalid(
      "fichier",
      "Cette ressource est un lien : supprimez-la et ajoutez le fichier comme nouvelle ressource.",
    );
  }
  if (!estFichier && !input.url) throw new Invalid("url", "Donnez l'adresse du lien.");
  await db.transaction(async (tx) => {
    const fichierId = nouveauFichier
      ? await storeFichier(tx, nouveauFichier, { departement: ressource.departement, creePar: actor.userId })
      : ressource.fichierId;
    await tx
      .update(ressources)
      .set({ ...champs(input), url: estFichier ? null : input.url, fichierId, updatedAt: now })
      .where(eq(ressources.id, ressource.id));
    if (nouveauFichier && ressource.fichierId) await tx.delete(fichiers).where(eq(fichiers.id, ressource.fichierId));
    await recordAudit(
      tx,
      actor,
      {
        action: "ressource.modifier",
        entityType: "ressource",
        entityId: ressource.id,
        departement: ressource.departement,
        changes: { titre: input.titre, visibilite: input.visibilite, fichierRemplace: nouveauFichier !== null },
      },
      requestId,
    );
  });
  return ressource;
}

/** Hides a resource from every list (it stays in the back-office for the coordination), or shows it again. */
export async function setRessourcePubliee(
  { db, now, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
  publie: boolean,
): Promise<Ressource> {
  const ressource = await ressourceModifiable(db, actor, id);
  await db.transaction(async (tx) => {
    await tx.update(ressources).set({ publie, updatedAt: now }).where(eq(ressources.id, ressource.id));
    await recordAudit(
      tx,
      actor,
      {
        action: publie ? "ressource.afficher" : "ressource.masquer",
        entityType: "ressource",
        entityId: ressource.id,
        departement: ressource.departement,
        changes: { titre: ressource.titre },
      },
      requestId,
    );
  });
  return ressource;
}

/** Deletes a resource and its file, with the audit row, in one transaction. */
export async function deleteRessource(
  { db, requestId }: Ctx,
  actor: Actor,
  id: string | undefined,
): Promise<Ressource> {
  const ressource = await ressourceModifiable(db, actor, id);
  await db.transaction(async (tx) => {
    await tx.delete(ressources).where(eq(ressources.id, ressource.id));
    if (ressource.fichierId) await tx.delete(fichiers).where(eq(fichiers.id, ressource.fichierId));
    await recordAudit(
      tx,
      actor,
      {
        action: "ressource.supprimer",
        entityType: "ressource",
        entityId: ressource.id,
        departement: ressource.departement,
        changes: { titre: ressource.titre, fichier: ressource.fichierId !== null, url: ressource.url },
      },
      requestId,
    );
  });
  return ressource;
}
