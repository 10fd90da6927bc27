/**
 * Small counts (DESIGN §5): in a village, « 1 » or « 2 » for a theme, a situation category or a
 * commune can point at a young person. Outside the coordination's own view such a count is shown
 * as « < 3 ».
 */
export const SEUIL_PETITS_EFFECTIFS = 3;

export function isPetitEffectif(nombre: number): boolean {
  return nombre > 0 && nombre < SEUIL_PETITS_EFFECTIFS;
}

export const PETIT_EFFECTIF_LIBELLE = `< ${SEUIL_PETITS_EFFECTIFS}`;

/**
 * Counts by code with the small ones taken out: `visibles` keeps the others, `masques` names the
 * codes withheld, `total` is the true sum (it does not say which code is small).
 */
export function masquerPetitsEffectifs(comptes: Readonly<Record<string, number>>): {
  visibles: Record<string, number>;
  masques: string[];
  total: number;
} {
  const visibles: Record<string, number> = {};
  const masques: string[] = [];
  let total = 0;
  for (const [code, nombre] of Object.entries(comptes)) {
    total += nombre;
    if (isPetitEffectif(nombre)) masques.push(code);
    else visibles[code] = nombre;
  }
  return { visibles, masques, total };
}

/**
 * A breakdown as a steering member may read it: each count of 1 or 2 becomes `null` (« < 3 »).
 * The breakdown's total is shown next to it, so a single withheld count could be recovered by
 * subtraction: when exactly one is withheld, the next smallest is withheld too (secondary
 * suppression) — the smallest count of 3 or more, or failing that a zero (« < 3 » stays true of it).
 * Ties go to the first in list order. The order and labels are kept; the input is not changed.
 */
export function retenirPetitsEffectifs<P extends { nombre: number | null }>(parts: readonly P[]): P[] {
  const retenues = parts.map((p) => (p.nombre !== null && isPetitEffectif(p.nombre) ? { ...p, nombre: null } : p));
  const masquees = retenues.filter((p, i) => p.nombre === null && parts[i]?.nombre !== null).length;
  if (masquees !== 1) return retenues;
  let choisie = -1;
  retenues.forEach((p, i) => {
    if (p.nombre === null) return;
    const meilleure = choisie >= 0 ? retenues[choisie]?.nombre : undefined;
    if (meilleure === undefined || meilleure === null) {
      choisie = i;
      return;
    }
    // A positive count protects better than a zero: prefer the smallest positive one.
    const rang = (n: number) => (n === 0 ? Number.POSITIVE_INFINITY : n);
    if (rang(p.nombre) < rang(meilleure)) choisie = i;
  });
  if (choisie >= 0) {
    const p = retenues[choisie];
    if (p) retenues[choisie] = { ...p, nombre: null };
  }
  return retenues;
}
