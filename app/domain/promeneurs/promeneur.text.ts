/**
 * Text helpers of the promeneurs area (pure): public URL slugs and accent-insensitive search.
 */

/** Lower case, no accents, every run of other characters as one space: "Château-Arnoux" → "chateau arnoux". */
export function normaliserRecherche(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/œ/gi, "oe")
    .replace(/æ/gi, "ae")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** True when every word of the query starts a word of the name, or appears in it ("digne", "chateau arn"). */
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
  const taken = new Set(pris);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
