import { controlesConformite, profilsSociaux, promeneurs } from "@db/schema";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { type CategorieSuivi, categorieSuivi, STATUTS_PROMENEUR_SUIVIS } from "./conformite.rules";
import { CONTROLES_CONFORMITE, controleConformiteLabels, controleSocleNational } from "./profil.labels";
import { etatDuProfil, getDelaiVerification, profilResumeColumns } from "./profil.queries.server";

/**
 * Gives a département its checklist the first time it is needed: list C in order, the first five
 * marked as the national framework. Does nothing once the département has any check (the
 * coordinator's renamings, additions and deactivations stay), and two concurrent first calls insert
 * each default once (unique département + code).
 */
export async function ensureControles(db: Executor, departement: string): Promise<void> {
  const [existing] = await db
    .select({ n: count() })
    .from(controlesConformite)
    .where(eq(controlesConformite.departement, departement));
  if ((existing?.n ?? 0) > 0) return;
  await db
    .insert(controlesConformite)
    .values(
      CONTROLES_CONFORMITE.map((code, index) => ({
        departement,
        code,
        libelle: controleConformiteLabels[code],
        socleNational: controleSocleNational[code],
        actif: true,
        ordre: index + 1,
      })),
    )
    .onConflictDoNothing();
}

export type Controle = typeof controlesConformite.$inferSelect;

/** The département's checklist in order (created on first use); `actifs` keeps the active checks only. */
export async function findControles(
  db: Executor,
  departement: string,
  options: { actifs?: boolean } = {},
): Promise<Controle[]> {
  await ensureControles(db, departement);
  return db
    .select()
    .from(controlesConformite)
    .where(
      and(
        eq(controlesConformite.departement, departement),
        options.actifs ? eq(controlesConformite.actif, true) : undefined,
      ),
    )
    .orderBy(asc(controlesConformite.ordre), asc(controlesConformite.code));
}

export type ProfilASuivre = {
  profilId: string;
  promeneurId: string;
  promeneur: string;
  reseau: string;
  handle: string;
  url: string;
  derniereVerificationLe: Date | null;
  echeance: Date | null;
  categorie: CategorieSuivi;
};

/**
 * The profiles a coordinator has to look at in a département at `now`: `a_verifier` (never verified
 * or too old), `non_conforme`, and conforming ones whose verification expires within `horizonJours`.
 * Only promeneurs from acceptance to suspension (not proposed, refused or gone). Sorted by due date,
 * never-verified first.
 */
export async function findProfilsASuivre(
  db: Executor,
  departement: string,
  now: Date,
  horizonJours: number,
): Promise<ProfilASuivre[]> {
  const delai = await getDelaiVerification(db, departement);
  const rows = await db
    .select({
      profilId: profilsSociaux.id,
      promeneurId: promeneurs.id,
      prenom: promeneurs.prenom,
      nom: promeneurs.nom,
      ...profilResumeColumns,
    })
    .from(profilsSociaux)
    .innerJoin(promeneurs, eq(promeneurs.id, profilsSociaux.promeneurId))
    .where(and(eq(promeneurs.departement, departement), inArray(promeneurs.statut, [...STATUTS_PROMENEUR_SUIVIS])))
    .orderBy(asc(promeneurs.nom), asc(promeneurs.prenom), asc(profilsSociaux.reseau));
  const suivis: ProfilASuivre[] = [];
  for (const row of rows) {
    const etat = etatDuProfil(row, now, delai);
    const categorie = categorieSuivi(etat, now, horizonJours);
    if (!categorie) continue;
    suivis.push({
      profilId: row.profilId,
      promeneurId: row.promeneurId,
      promeneur: `${row.prenom} ${row.nom}`,
      reseau: row.reseau,
      handle: row.handle,
      url: row.url,
      derniereVerificationLe: row.derniereVerificationLe,
      echeance: etat.echeance,
      categorie,
    });
  }
  const t = (d: Date | null) => d?.getTime() ?? Number.NEGATIVE_INFINITY;
  return suivis.sort((a, b) => t(a.echeance) - t(b.echeance));
}
