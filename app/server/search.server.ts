import { and, or, type SQL, sql } from "drizzle-orm";
import { normaliserRecherche } from "~/lib/text";

// The SQL side of `sansAccents` (app/lib/text.ts): lower case, accents of French names dropped,
// ligatures spelled out. `translate` runs on PostgreSQL and PGlite alike (no `unaccent` needed).
const ACCENTS = "àáâäãåçèéêëìíîïñòóôöõùúûüýÿ";
const PLAIN = "aaaaaaceeeeiiiinooooouuuuyy";

/** `expr` in lower case without accents, comparable with `sansAccents(text)`. */
export function sqlSansAccents(expr: unknown): SQL<string> {
  return sql<string>`replace(replace(translate(lower(${expr}), ${ACCENTS}::text, ${PLAIN}::text), 'œ', 'oe'), 'æ', 'ae')`;
}

function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, "\\$&");
}

/**
 * Every word of the query appears in at least one of the columns, whatever the case and accents
 * ("chateau arn" finds « Château-Arnoux »). Undefined for a blank query (no filter); a query of
 * punctuation only ("%") has no word to find and matches nothing.
 */
export function sqlContientMots(columns: unknown[], query: string): SQL | undefined {
  if (query.trim() === "") return undefined;
  const mots = normaliserRecherche(query).split(" ").filter(Boolean);
  if (mots.length === 0) return sql`false`;
  return and(
    ...mots.map((mot) => or(...columns.map((c) => sql`${sqlSansAccents(c)} like ${`%${escapeLike(mot)}%`}::text`))),
  );
}
