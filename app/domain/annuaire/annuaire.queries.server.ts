import { communes, profilsSociaux, promeneurs, structures, userRoles, users } from "@db/schema";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Reseau, reseauLabels } from "~/domain/profils/profil.labels";
import { promeneurNomsColumns } from "~/domain/promeneurs/promeneur.columns.server";
import type { Executor } from "~/server/db.server";
import { sqlContientMots } from "~/server/search.server";
import type { AnnuaireFiltres } from "./annuaire.rules";

/**
 * The directory shows professional contacts only: never a sign-in date, a status reason, a
 * private address or anything about an account's security. Each row type lists its fields.
 */
export type AnnuairePromeneur = {
  id: string;
  prenom: string;
  nom: string;
  nomPublic: string;
  fonction: string;
  structureId: string;
  structure: string;
  commune: string | null;
  email: string;
  telephone: string | null;
  reseaux: string[];
};
export type AnnuaireReferent = { userId: string; nom: string; email: string; structures: string[] };
export type AnnuaireCoordination = { userId: string; nom: string; email: string };

/** Each section of the directory, or null when the filters leave it out (the page does not show it). */
export type Annuaire = {
  promeneurs: AnnuairePromeneur[] | null;
  referents: AnnuaireReferent[] | null;
  coordination: AnnuaireCoordination[] | null;
};

/**
 * The network of one département for its members (the caller has checked `annuaire.lire` there):
 * active promeneurs, structure referents and the coordination, with professional contacts only.
 * A section the role filter does not ask for is null; so is the coordination under a structure
 * filter (it belongs to no structure).
 */
export async function findAnnuaire(
  db: Executor,
  departement: string,
  filtres: AnnuaireFiltres = {},
): Promise<Annuaire> {
  const wants = (role: NonNullable<AnnuaireFiltres["role"]>) => !filtres.role || filtres.role === role;
  const [promeneurRows, referentRows, coordinationRows] = await Promise.all([
    wants("promeneurs") ? findPromeneurs(db, departement, filtres) : null,
    wants("referents") ? findReferents(db, departement, filtres) : null,
    wants("coordination") && !filtres.structureId ? findCoordination(db, departement, filtres) : null,
  ]);
  return { promeneurs: promeneurRows, referents: referentRows, coordination: coordinationRows };
}

async function findPromeneurs(db: Executor, departement: string, filtres: AnnuaireFiltres) {
  const rows = await db
    .select({
      ...promeneurNomsColumns,
      structureId: structures.id,
      structure: structures.nom,
      commune: communes.nom,
      email: promeneurs.email,
      telephone: promeneurs.telephone,
    })
    .from(promeneurs)
    .innerJoin(structures, eq(structures.id, promeneurs.structureId))
    .leftJoin(communes, eq(communes.code, structures.communeCode))
    .where(
      and(
        eq(promeneurs.departement, departement),
        // Only promeneurs in activity: a suspended or former promeneur is not a contact to give.
        eq(promeneurs.statut, "actif"),
        filtres.structureId ? eq(promeneurs.structureId, filtres.structureId) : undefined,
        filtres.q
          ? sqlContientMots(
              [sql`${promeneurs.prenom} || ' ' || ${promeneurs.nom}`, promeneurs.nomPublic, structures.nom],
              filtres.q,
            )
          : undefined,
      ),
    )
    .orderBy(asc(promeneurs.nom), asc(promeneurs.prenom), asc(promeneurs.id));
  const ids = rows.map((r) => r.id);
  const profils = ids.length
    ? await db
        .selectDistinct({ promeneurId: profilsSociaux.promeneurId, reseau: profilsSociaux.reseau })
        .from(profilsSociaux)
        .where(inArray(profilsSociaux.promeneurId, ids))
    : [];
  const reseaux = new Map<string, string[]>();
  for (const p of profils) {
    const label = reseauLabels[p.reseau as Reseau] ?? p.reseau;
    reseaux.set(p.promeneurId, [...(reseaux.get(p.promeneurId) ?? []), label]);
  }
  return rows.map(
    (r): AnnuairePromeneur => ({ ...r, reseaux: (reseaux.get(r.id) ?? []).sort((a, b) => a.localeCompare(b, "fr")) }),
  );
}

async function findReferents(db: Executor, departement: string, filtres: AnnuaireFiltres) {
  const rows = await db
    .select({ userId: users.id, nom: users.nom, email: users.email, structure: structures.nom })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .innerJoin(structures, eq(structures.id, userRoles.structureId))
    .where(
      and(
        eq(userRoles.departement, departement),
        eq(userRoles.role, "referent"),
        isNull(users.disabledAt),
        filtres.structureId ? eq(userRoles.structureId, filtres.structureId) : undefined,
        filtres.q ? sqlContientMots([users.nom, structures.nom], filtres.q) : undefined,
      ),
    )
    .orderBy(asc(users.nom), asc(users.id), asc(structures.nom));
  const byUser = new Map<string, AnnuaireReferent>();
  for (const r of rows) {
    const referent = byUser.get(r.userId) ?? { userId: r.userId, nom: r.nom, email: r.email, structures: [] };
    referent.structures.push(r.structure);
    byUser.set(r.userId, referent);
  }
  return [...byUser.values()];
}

async function findCoordination(db: Executor, departement: string, filtres: AnnuaireFiltres) {
  return db
    .selectDistinct({ userId: users.id, nom: users.nom, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.departement, departement),
        eq(userRoles.role, "coordinateur"),
        isNull(users.disabledAt),
        filtres.q ? sqlContientMots([users.nom], filtres.q) : undefined,
      ),
    )
    .orderBy(asc(users.nom), asc(users.id));
}

/** Active structures of a département, for the directory's structure filter. */
export async function findAnnuaireStructures(db: Executor, departement: string) {
  return db
    .select({ id: structures.id, nom: structures.nom })
    .from(structures)
    .where(and(eq(structures.departement, departement), eq(structures.statut, "active")))
    .orderBy(asc(structures.nom));
}
