import { parametresDepartement, profilsSociaux } from "@db/schema";
import { eq } from "drizzle-orm";
import type { Executor } from "~/server/db.server";
import type { ResultatVerification, StatutProfil } from "./profil.labels";
import { DELAI_VERIFICATION_MOIS, statutProfil } from "./profil.rules";

/** After how many months a verification no longer holds, in a département (the coordinator's setting). */
export async function getDelaiVerification(db: Executor, departement: string): Promise<number> {
  const [row] = await db
    .select({ delai: parametresDepartement.delaiVerificationMois })
    .from(parametresDepartement)
    .where(eq(parametresDepartement.departement, departement));
  return row?.delai ?? DELAI_VERIFICATION_MOIS;
}

/** A profile's status from its latest verification (repeated on the row) at `now`. */
export function statutDuProfil(
  profil: { derniereVerificationLe: Date | null; dernierResultat: string | null },
  now: Date,
  delaiMois: number,
): StatutProfil {
  if (!profil.derniereVerificationLe || !profil.dernierResultat) return "a_verifier";
  return statutProfil(
    [{ at: profil.derniereVerificationLe, resultat: profil.dernierResultat as ResultatVerification, manquants: [] }],
    now,
    delaiMois,
  );
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
