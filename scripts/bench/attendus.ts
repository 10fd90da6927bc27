/**
 * The expected answers of the four workloads, computed from the CSV as ../shared/bench/README.md
 * defines them (so any scale and seed is checked), and the published figures of scale 1, seed 42.
 */
import type { Ligne } from "@db/seed/national/national.load";
import { themeDe } from "@db/seed/national/national.rules";

export type Annuaire = Array<{ id: number; nom: string }>;
export type Totaux = { nouveaux: number; echanges: number; demandes: number; parTheme: Record<string, number> };

const francais = new Intl.Collator("fr");

/**
 * Active promeneurs of the département with a conforming profile on the network, by display name
 * (French collation, as the directory sorts: « Héloïse » before « Hugo ») then id, at most 50.
 */
export function annuaireAttendu(
  promeneurs: readonly Ligne[],
  profils: readonly Ligne[],
  departement: string,
  reseau = "instagram",
): Annuaire {
  const avecProfil = new Set(
    profils.filter((p) => p.network === reseau && p.conform === "true").map((p) => Number(p.promeneur_id)),
  );
  return promeneurs
    .filter((p) => p.departement === departement && p.status === "active" && avecProfil.has(Number(p.id)))
    .map((p) => ({ id: Number(p.id), nom: p.display_name as string }))
    .sort((a, b) => francais.compare(a.nom, b.nom) || a.id - b.id)
    .slice(0, 50);
}

/**
 * Sums of youth_new, exchanges and requests (by list-E theme) of the reports of a year, for the
 * promeneurs of the given départements (all when null). Every report counts (validated or submitted).
 */
export function totauxAttendus(
  promeneurs: readonly Ligne[],
  rapports: readonly Ligne[],
  demandes: ReadonlyArray<{ reportId: number; theme: string; count: number }>,
  departements: readonly string[] | null,
  annee: number,
): Totaux {
  const dep = new Map(promeneurs.map((p) => [Number(p.id), p.departement as string]));
  const retenus = new Set<number>();
  const totaux: Totaux = { nouveaux: 0, echanges: 0, demandes: 0, parTheme: {} };
  for (const r of rapports) {
    if (!(r.period as string).startsWith(`${annee}-`)) continue;
    if (departements && !departements.includes(dep.get(Number(r.promeneur_id)) ?? "")) continue;
    retenus.add(Number(r.id));
    totaux.nouveaux += Number(r.youth_new);
    totaux.echanges += Number(r.exchanges);
  }
  for (const d of demandes) {
    if (!retenus.has(d.reportId)) continue;
    totaux.demandes += d.count;
    const code = themeDe(d.theme);
    totaux.parTheme[code] = (totaux.parTheme[code] ?? 0) + d.count;
  }
  return totaux;
}

/** What ../shared/bench/README.md publishes for scale 1, seed 42 (a second check of the CSV reading). */
export const PUBLIES = {
  annuaire14: [733, 1254, 2809, 1830, 477, 586, 1200],
  annuaire13Debut: [2366, 2584, 99, 962, 1497],
  annuaire13Taille: 22,
  departement14: {
    nouveaux: 786,
    echanges: 9770,
    demandes: 6321,
    bien_etre: 825,
    scolarite: 659,
    formation_emploi: 659,
    sante: 621,
  },
  national: { nouveaux: 77_650, echanges: 975_936, demandes: 626_339 },
} as const;

/** The ids of the promeneurs a directory page lists, in order (their slugs end with the CSV id). */
export function idsDeLaPage(html: string): number[] {
  const ids: number[] = [];
  const seen = new Set<number>();
  for (const m of html.matchAll(/href="\/promeneurs\/[a-z0-9-]*-(\d+)"/g)) {
    const id = Number(m[1]);
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/** Whether a number appears in the page as the French format writes it (any kind of thousands space). */
export function nombreDansLaPage(html: string, n: number): boolean {
  const brut = String(n);
  const groupes = brut.replace(/\B(?=(\d{3})+(?!\d))/g, "\u0000");
  return ["\u202f", "\u00a0", " ", "&nbsp;", "&#8239;", "&#x202F;", "&#160;"].some((sep) =>
    new RegExp(`(^|[^\\d])${groupes.split("\u0000").join(sep.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))}([^\\d]|$)`).test(
      html,
    ),
  );
}
