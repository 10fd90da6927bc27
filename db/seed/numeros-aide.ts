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
    ordre,
  };
}

/**
 * The national lines of the referral directory, in every database (production included): inserts
 * the codes that are missing and never touches an existing entry, which the national role may have
 * edited or deactivated since.
 */
export async function seedNumerosNationaux(db: Executor): Promise<{ inserted: number }> {
  const rows = NUMEROS_NATIONAUX.map((n, i) => numeroNationalRow(n, (i + 1) * 10));
  const inserted = await db
    .insert(numerosAide)
    .values(rows)
    .onConflictDoNothing({
      target: numerosAide.code,
      // The partial unique index `numeros_aide_code_national`.
      where: sql.raw(`"departement" is null and "code" is not null`),
    })
    .returning({ id: numerosAide.id });
  return { inserted: inserted.length };
}
