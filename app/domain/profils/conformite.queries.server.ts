import { createHash } from "node:crypto";
import { controlesConformite, profilsSociaux, promeneurs } from "@db/schema";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import { type CategorieSuivi, categorieSuivi, HORIZON_PAGE_JOURS, STATUTS_PROMENEUR_SUIVIS } from "./conformite.rules";
import { CONTROLES_CONFORMITE, controleConformiteLabels, controleSocleNational } from "./profil.labels";
import { etatDuProfil, getDelaiVerification, profilResumeColumns } from "./profil.queries.server";

export type Controle = typeof controlesConformite.$inferSelect;

/**
 * The id a default check has before it is stored, and keeps once stored: derived from the
 * département and the code (a name-based UUID, version 5 layout), so that the settings page can
 * name a check the coordinator has not changed yet, and the first change stores it under that id.
 */
function idParDefaut(departement: string, code: string): string {
  const octets = createHash("sha1").update(`pdn:controle-conformite/${departement}/${code}`).digest().subarray(0, 16);
  octets[6] = ((octets[6] ?? 0) & 0x0f) | 0x50;
  octets[8] = ((octets[8] ?? 0) & 0x3f) | 0x80;
  const hex = octets.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The checklist of a département whose coordinator changed nothing: list C in order, the first five national. */
export function controlesParDefaut(departement: string): Controle[] {
  return CONTROLES_CONFORMITE.map((code, index) => ({
    id: idParDefaut(departement, code),
    departement,
    code,
    libelle: controleConformiteLabels[code],
    socleNational: controleSocleNational[code],
    actif: true,
    ordre: index + 1,
  }));
}

/**
 * The département's checklist in order; `actifs` keeps the active checks only. Rows exist once the
 * coordinator changed a setting (see conformite.commands); before that, the defaults, from memory:
 * reading never writes.
 */
export async function findControles(
  db: Executor,
  departement: string,
  options: { actifs?: boolean } = {},
): Promise<Controle[]> {
  const enregistres = await db
    .select()
    .from(controlesConformite)
    .where(eq(controlesConformite.departement, departement))
    .orderBy(asc(controlesConformite.ordre), asc(controlesConformite.code));
  const controles = enregistres.length > 0 ? enregistres : controlesParDefaut(departement);
  return options.actifs ? controles.filter((c) => c.actif) : controles;
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

/** Profiles of the promeneurs the coordination follows in a département (from acceptance to suspension). */
const profilsSuivis = (departement: string) =>
  and(eq(promeneurs.departement, departement), inArray(promeneurs.statut, STATUTS_PROMENEUR_SUIVIS));

/**
 * The profiles a coordinator has to look at in a département at `now`: `a_verifier` (never verified
 * or too old), `non_conforme`, and conforming ones whose verification expires within `horizonJours`.
 * Only promeneurs from acceptance to suspension (not proposed, refused or gone). Sorted by due date,
 * never-verified first. With the département's verification delay (months), which the list was read with.
 */
export async function findProfilsASuivre(
  db: Executor,
  departement: string,
  now: Date,
  horizonJours: number,
): Promise<{ delai: number; profils: ProfilASuivre[] }> {
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
    .where(profilsSuivis(departement))
    .orderBy(asc(promeneurs.nom), asc(promeneurs.prenom), asc(profilsSociaux.reseau));
  const profils: ProfilASuivre[] = [];
  for (const row of rows) {
    const etat = etatDuProfil(row, now, delai);
    const categorie = categorieSuivi(etat, now, horizonJours);
    if (!categorie) continue;
    profils.push({
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
  return { delai, profils: profils.sort((a, b) => t(a.echeance) - t(b.echeance)) };
}

/**
 * The two numbers of the coordinator's dashboard at `now`, counted as `findProfilsASuivre` sorts
 * (same rules, the conformity page's horizon of `HORIZON_PAGE_JOURS` days) but reading only what a
 * status is made of: `enRetard`, profiles to verify or not conforming; `echeances`, conforming
 * profiles whose verification expires within the horizon.
 */
export async function countProfilsASuivre(
  db: Executor,
  departement: string,
  now: Date,
): Promise<{ enRetard: number; echeances: number }> {
  const delai = await getDelaiVerification(db, departement);
  const rows = await db
    .select({
      derniereVerificationLe: profilsSociaux.derniereVerificationLe,
      dernierResultat: profilsSociaux.dernierResultat,
    })
    .from(profilsSociaux)
    .innerJoin(promeneurs, eq(promeneurs.id, profilsSociaux.promeneurId))
    .where(profilsSuivis(departement));
  const compte = { enRetard: 0, echeances: 0 };
  for (const row of rows) {
    const categorie = categorieSuivi(etatDuProfil(row, now, delai), now, HORIZON_PAGE_JOURS);
    if (categorie === "echeance_proche") compte.echeances++;
    else if (categorie) compte.enRetard++;
  }
  return compte;
}
