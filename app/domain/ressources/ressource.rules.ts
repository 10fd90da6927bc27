import { formatNumber } from "~/lib/format";
import { RESSOURCE_CATEGORIES, type RessourceCategorie } from "./ressource.labels";

/** « 512 octets », « 240 Ko », « 1,4 Mo »: a file's size as a link announces it. */
export function formatTaille(octets: number): string {
  if (octets < 1024) return `${formatNumber(octets)} octets`;
  if (octets < 1024 * 1024) return `${formatNumber(Math.round(octets / 1024))}\u00a0Ko`;
  const mo = Math.round((octets / 1024 / 1024) * 10) / 10;
  return `${formatNumber(mo)}\u00a0Mo`;
}

const TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "image PNG",
  "image/jpeg": "image JPEG",
  "image/webp": "image WebP",
};

/** « PDF, 240 Ko »: what a download link says of its file. */
export function fichierLabel(typeMime: string, taille: number): string {
  return `${TYPES[typeMime] ?? "fichier"}, ${formatTaille(taille)}`;
}

/** Resources grouped by category, in the order of the categories, empty categories left out. */
export function grouperParCategorie<T extends { categorie: string }>(
  ressources: readonly T[],
): { categorie: RessourceCategorie; ressources: T[] }[] {
  return RESSOURCE_CATEGORIES.map((categorie) => ({
    categorie,
    ressources: ressources.filter((r) => r.categorie === categorie),
  })).filter((g) => g.ressources.length > 0);
}
