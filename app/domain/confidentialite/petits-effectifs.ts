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
