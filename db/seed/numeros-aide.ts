import { sql } from "drizzle-orm";
import {
  NUMEROS_NATIONAUX,
  NUMEROS_NATIONAUX_VERIFIES_LE,
  type NumeroNational,
  sourceOf,
} from "~/domain/orientation/numeros-nationaux";
import type { Executor } from "~/server/db.server";
import { numerosAide } from "../schema";

/** Who each national line is for, when it is not everyone. */
const PUBLIC_OF: Record<string, "jeunes"> = { "fil-sante-jeunes": "jeunes" };

/** The row of the referral directory for a national line of `numeros-nationaux.ts`. */
export function numeroNationalRow(numero: NumeroNational, ordre: number) {
  return {
    departement: null,
    code: numero.code,
    nom: numero.nom,
    description: numero.description,
    telephone: numero.tel === null ? null : numero.numero,
    sms: numero.sms,
    url: numero.url,
    horaires: numero.horaires,
    genre: numero.kind,
    gratuit: numero.gratuit,
    public: PUBLIC_OF[numero.code] ?? "tous",
    source: sourceOf(numero),
    verifieLe: NUMEROS_NATIONAUX_VERIFIES_LE,
    categories: [...numero.categories],
    ordre,
  };
}

/**
 * The national lines of the referral directory, in every database (production included): inserts
 * the codes that are missing. Of an existing line it updates only its situation categories (list
 * G), which belong to `numeros-nationaux.ts` (the back-office does not offer them for a seeded
 * line); everything else the national role may have edited or deactivated since stays as it is.
 */
export async function seedNumerosNationaux(db: Executor): Promise<{ inserted: number; updated: number }> {
  const rows = NUMEROS_NATIONAUX.map((n, i) => numeroNationalRow(n, (i + 1) * 10));
  const written = await db
    .insert(numerosAide)
    .values(rows)
    .onConflictDoUpdate({
      target: numerosAide.code,
      // The partial unique index `numeros_aide_code_national`.
      targetWhere: sql.raw(`"departement" is null and "code" is not null`),
      set: { categories: sql.raw(`excluded."categories"`) },
      // An unchanged line is not rewritten (nor returned).
      setWhere: sql.raw(`"numeros_aide"."categories" is distinct from excluded."categories"`),
    })
    // xmax is 0 for a row this statement inserted, set for a row it updated.
    .returning({ id: numerosAide.id, inserted: sql<boolean>`(xmax = 0)` });
  const inserted = written.filter((row) => row.inserted).length;
  return { inserted, updated: written.length - inserted };
}
