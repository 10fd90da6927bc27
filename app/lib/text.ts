/**
 * Text helpers shared by every search, comparison and public address: accent-insensitive keys,
 * word matching, URL slugs and identifiers. Pure.
 */

/** Lower case, no diacritics, ligatures spelled out: "Éloïse", "CŒUR" → "eloise", "coeur". */
export function sansAccents(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/gi, "oe").replace(/æ/gi, "ae").toLowerCase();
}

/** A search key: `sansAccents`, and every run of other characters as one space: "Château-Arnoux" → "chateau arnoux". */
export function normaliserRecherche(value: string): string {
  return sansAccents(value)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** True when every word of the query appears in the name ("digne", "chateau arn"). */
export function correspond(nom: string, recherche: string): boolean {
  const mots = normaliserRecherche(recherche).split(" ").filter(Boolean);
  if (mots.length === 0) return false;
  const cible = normaliserRecherche(nom);
  return mots.every((mot) => cible.includes(mot));
}

/** "Léa", "Sisteron" → "lea-sisteron" (a-z, 0-9 and single hyphens, at most 60 characters). */
export function slugBase(...parts: (string | null | undefined)[]): string {
  const slug = parts
    .filter((p): p is string => Boolean(p?.trim()))
    .map((p) => normaliserRecherche(p).replace(/ /g, "-"))
    .filter(Boolean)
    .join("-")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "promeneur";
}

/** The base, or the base with the first free suffix (-2, -3…) among the slugs already taken. */
export function slugLibre(base: string, pris: Iterable<string>): string {
  const taken = pris instanceof Set ? (pris as Set<string>) : new Set(pris);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a URL is looked up only when it is a UUID (anything else is a 404, not a database error). */
export function isUuid(value: string | null | undefined): value is string {
  return typeof value === "string" && UUID.test(value);
}
