import { fichiers, ressources } from "@db/schema";
import { and, asc, eq } from "drizzle-orm";
import { isUuid } from "~/lib/text";
import type { Executor } from "~/server/db.server";

export type Ressource = typeof ressources.$inferSelect;

/** A resource as a list shows it: its file's name, type and size (never its bytes). */
export type RessourceListItem = Pick<
  Ressource,
  "id" | "departement" | "titre" | "description" | "categorie" | "url" | "public" | "publie" | "ordre" | "fichierId"
> & { fichier: { nom: string; typeMime: string; taille: number } | null };

async function findRessources(db: Executor, where: ReturnType<typeof and>): Promise<RessourceListItem[]> {
  const rows = await db
    .select({
      id: ressources.id,
      departement: ressources.departement,
      titre: ressources.titre,
      description: ressources.description,
      categorie: ressources.categorie,
      url: ressources.url,
      public: ressources.public,
      publie: ressources.publie,
      ordre: ressources.ordre,
      fichierId: ressources.fichierId,
      fichierNom: fichiers.nom,
      fichierType: fichiers.typeMime,
      fichierTaille: fichiers.taille,
    })
    .from(ressources)
    .leftJoin(fichiers, eq(fichiers.id, ressources.fichierId))
    .where(where)
    .orderBy(asc(ressources.categorie), asc(ressources.ordre), asc(ressources.titre));
  return rows.map(({ fichierNom, fichierType, fichierTaille, ...r }) => ({
    ...r,
    fichier:
      fichierNom !== null && fichierType !== null && fichierTaille !== null
        ? { nom: fichierNom, typeMime: fichierType, taille: fichierTaille }
        : null,
  }));
}

/** The public site's resources of a département: public and not hidden. */
export function findRessourcesPubliques(db: Executor, departement: string): Promise<RessourceListItem[]> {
  return findRessources(
    db,
    and(eq(ressources.departement, departement), eq(ressources.public, true), eq(ressources.publie, true)),
  );
}

/**
 * The back-office list of a département: public and network-only resources; hidden ones too for
 * the coordination (`avecMasquees`).
 */
export function findRessourcesReseau(
  db: Executor,
  departement: string,
  options: { avecMasquees: boolean },
): Promise<RessourceListItem[]> {
  return findRessources(
    db,
    and(eq(ressources.departement, departement), options.avecMasquees ? undefined : eq(ressources.publie, true)),
  );
}

export async function getRessource(db: Executor, id: string | undefined): Promise<Ressource | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(ressources).where(eq(ressources.id, id));
  return row ?? null;
}

/** The name, type and size of a resource's file (not its bytes). */
export async function getFichierMeta(db: Executor, fichierId: string) {
  const [row] = await db
    .select({ nom: fichiers.nom, typeMime: fichiers.typeMime, taille: fichiers.taille })
    .from(fichiers)
    .where(eq(fichiers.id, fichierId));
  return row ?? null;
}
