/**
 * Pure rules of the national benchmark load (`npm run demo:national`): how the CSV of
 * `../shared/bench/gen-data.mjs` maps onto the platform's model, and how what our model has beyond
 * those columns is completed. Everything is deterministic: identifiers derive from the CSV ids,
 * and every drawn value comes from a mulberry32 PRNG seeded by (seed, entity, id), so the same
 * CSV and seed always give the same rows, whatever the batch order.
 */
import crypto from "node:crypto";
import type { Reseau } from "~/domain/profils/profil.labels";
import type { Theme } from "~/domain/promeneurs/theme.labels";
import { CANAUX, PUBLICATIONS, TRANCHES_AGE } from "~/domain/rapports/rapport.labels";
import type { StructureType } from "~/domain/structures/structure.labels";

/** The domain of every account the load creates: never a real mailbox. */
export const DOMAINE_BENCH = "bench.pdn.invalid";

/**
 * A stable UUID for a CSV row: SHA-1 of `kind:id`, formatted with the version-4 and variant bits so
 * it looks like any other id of the platform. `uuidDe("promeneur", 733)` is promeneur 733 everywhere.
 */
export function uuidDe(kind: string, id: number | string): string {
  const h = crypto.createHash("sha1").update(`${kind}:${id}`).digest("hex");
  const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Structure types of the generator → list A (which has no "other": `autre` becomes a local youth association). */
export const TYPE_STRUCTURE: Record<string, StructureType> = {
  centre_social: "centre_social",
  mjc: "accueil_jeunes",
  mission_locale: "mission_locale",
  service_jeunesse_municipal: "service_jeunesse",
  prevention_specialisee: "prevention_specialisee",
  point_information_jeunesse: "information_jeunesse",
  maison_des_adolescents: "maison_adolescents",
  espace_de_vie_sociale: "evs",
  foyer_jeunes_travailleurs: "fjt",
  association_education_populaire: "education_populaire",
  etablissement_scolaire: "etablissement_scolaire",
  protection_enfance: "mecs",
  association_sportive: "association_jeunesse",
  collectivite_intercommunale: "service_jeunesse",
  structure_sante: "paej",
  autre: "association_jeunesse",
};

/** Networks of the generator → list B. */
export const RESEAU: Record<string, Reseau> = {
  instagram: "instagram",
  snapchat: "snapchat",
  tiktok: "tiktok",
  facebook: "facebook",
  discord: "discord",
  whatsapp: "whatsapp",
  youtube: "youtube",
  twitch: "twitch",
  x: "x",
  other: "autre",
};

/** Request themes of the generator → list E (`harcelement` and `numerique_risques` are summed). */
export const THEME: Record<string, Theme> = {
  psychosocial: "bien_etre",
  sante: "sante",
  logement: "logement",
  scolarite: "scolarite",
  emploi_formation: "formation_emploi",
  projets: "projets",
  loisirs: "loisirs",
  famille: "famille",
  numerique_risques: "risques_numeriques",
  harcelement: "risques_numeriques",
  addictions: "addictions",
  autre: "autre",
};

export const STATUT_PROMENEUR: Record<string, "actif" | "suspendu" | "sorti"> = {
  active: "actif",
  suspended: "suspendu",
  left: "sorti",
};

export const STATUT_RAPPORT: Record<string, "valide" | "soumis"> = { validated: "valide", submitted: "soumis" };

function requis<T>(table: Record<string, T>, code: string, quoi: string): T {
  const value = table[code];
  if (value === undefined) throw new Error(`Code inconnu dans les données de référence (${quoi}) : « ${code} ».`);
  return value;
}
export const typeStructureDe = (code: string) => requis(TYPE_STRUCTURE, code, "type de structure");
export const reseauDe = (code: string) => requis(RESEAU, code, "réseau");
export const themeDe = (code: string) => requis(THEME, code, "thème");
export const statutPromeneurDe = (code: string) => requis(STATUT_PROMENEUR, code, "statut de promeneur");
export const statutRapportDe = (code: string) => requis(STATUT_RAPPORT, code, "statut de bilan");

/** FNV-1a (32 bits) of the parts: the seed of one entity's PRNG. */
export function graine(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32, the generator's PRNG: a function returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits `total` into `poids.length` whole parts by weight (multinomial: each unit drawn by
 * weight), so the parts always sum to `total`. Units beyond 200 are shared proportionally first.
 */
export function repartir(total: number, poids: readonly number[], rand: () => number): number[] {
  const parts = poids.map(() => 0);
  if (total <= 0 || poids.length === 0) return parts;
  const somme = poids.reduce((s, w) => s + w, 0);
  let reste = total;
  if (total > 200) {
    for (let i = 0; i < poids.length; i++) {
      const part = Math.floor(((total - 200) * (poids[i] ?? 0)) / somme);
      parts[i] = part;
      reste -= part;
    }
  }
  for (let u = 0; u < reste; u++) {
    let r = rand() * somme;
    let i = 0;
    for (; i < poids.length - 1; i++) {
      r -= poids[i] ?? 0;
      if (r < 0) break;
    }
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

/** "Camille Le Gall" → prénom "Camille", nom "Le Gall". */
export function decouperNom(affiche: string): { prenom: string; nom: string } {
  const propre = affiche.trim().replace(/\s+/g, " ");
  const espace = propre.indexOf(" ");
  if (espace < 0) return { prenom: propre, nom: propre };
  return { prenom: propre.slice(0, espace), nom: propre.slice(espace + 1) };
}

/** ASCII, lower case, words joined by hyphens. */
export function slugifier(texte: string): string {
  return texte
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The public URL part: the display name and the CSV id, unique across the deployment. */
export function slugPromeneur(affiche: string, id: number): string {
  return `${slugifier(affiche)}-${id}`;
}

/**
 * The generator draws commune codes at random within the département: a code of a current commune
 * is kept; otherwise the commune is the département's (codes sorted) at index (number part mod n).
 */
export function communeDeStructure(
  code: string,
  communesDuDepartement: readonly string[],
  existe: (code: string) => boolean,
) {
  if (existe(code)) return code;
  if (communesDuDepartement.length === 0) return null;
  const nombre = Number.parseInt(code.replace(/\D/g, "") || "0", 10);
  return communesDuDepartement[nombre % communesDuDepartement.length] ?? null;
}

/** Folds a structure name the way the unique index does (case, accents, spaces). */
export function nomPlie(nom: string): string {
  return nom
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/\s+/g, " ")
    .trim();
}

/** Structure names are unique per département: a repeated one gets its CSV id (« … (n° 812) »). */
export function nomDeStructureUnique(nom: string, id: number, dejaPris: Set<string>): string {
  let retenu = nom;
  if (dejaPris.has(nomPlie(retenu))) retenu = `${nom} (n° ${id})`;
  dejaPris.add(nomPlie(retenu));
  return retenu;
}

/** Age bands weights (12–14, 15–17, 18–21, 22–25, other): the public of the mission. */
export const POIDS_AGES = [3, 5, 4, 2, 0.5] as const;
/** Channels (list D, in its order): private messages first. */
export const POIDS_CANAUX = [10, 3, 2, 1.5, 1.5, 0.5] as const;
/** Publications (list F, in its order). */
export const POIDS_PUBLICATIONS = [4, 3, 1.5, 2, 1.5, 0.5, 0.5] as const;
/** Share of collective exchanges (group conversations, lives). */
export const PART_COLLECTIFS = 0.15;

export type RapportCsv = {
  id: number;
  youthNew: number;
  youthFollowed: number;
  exchanges: number;
  hoursOnline: number;
};

export type Compte = { rubrique: string; code: string; nombre: number };

/**
 * What the report has beyond the CSV, drawn from its own PRNG (seed, "rapport", id): age bands of
 * the new contacts and of the active file (sums = youth_new, youth_followed), channels (sum =
 * exchanges), individual / collective (sum = exchanges), publications (about one per two hours
 * online), exchanges per network among the promeneur's own networks (sum = exchanges minus the
 * in-person meetings). Zeros are not returned (the table stores none).
 */
export function completerRapport(
  rapport: RapportCsv,
  reseaux: readonly string[],
  seed: number,
): { comptes: Compte[]; individuels: number; collectifs: number } {
  const rand = prng(graine(seed, "rapport", rapport.id));
  const comptes: Compte[] = [];
  const ajouter = (rubrique: string, codes: readonly string[], parts: number[]) => {
    parts.forEach((nombre, i) => {
      if (nombre > 0) comptes.push({ rubrique, code: codes[i] as string, nombre });
    });
  };
  ajouter("age_nouveaux", TRANCHES_AGE, repartir(rapport.youthNew, POIDS_AGES, rand));
  ajouter("age_file", TRANCHES_AGE, repartir(rapport.youthFollowed, POIDS_AGES, rand));
  const canaux = repartir(rapport.exchanges, POIDS_CANAUX, rand);
  ajouter("canal", CANAUX, canaux);
  let collectifs = 0;
  for (let i = 0; i < rapport.exchanges; i++) if (rand() < PART_COLLECTIFS) collectifs++;
  const publications = Math.round(rapport.hoursOnline / 2);
  ajouter("publication", PUBLICATIONS, repartir(publications, POIDS_PUBLICATIONS, rand));
  if (reseaux.length > 0) {
    const rencontres = canaux[CANAUX.indexOf("rencontres")] ?? 0;
    const poids = reseaux.map((_, i) => 1 / (i + 1));
    ajouter("reseau", reseaux, repartir(rapport.exchanges - rencontres, poids, rand));
  }
  return { comptes, individuels: rapport.exchanges - collectifs, collectifs };
}

/** Sums the CSV request counts of one report by list-E theme (two generator themes share one code). */
export function themesDuRapport(demandes: ReadonlyArray<{ theme: string; count: number }>): Compte[] {
  const parTheme = new Map<string, number>();
  for (const d of demandes) {
    const code = themeDe(d.theme);
    parTheme.set(code, (parTheme.get(code) ?? 0) + d.count);
  }
  return [...parTheme].filter(([, n]) => n > 0).map(([code, nombre]) => ({ rubrique: "theme", code, nombre }));
}

/** The data's last month: conformity checks fall in the six months before its first day. */
export const FIN_DES_DONNEES = "2026-12-01";

/** The date of the profile's one verification: a day within the 6 months before the end of the data. */
export function dateDeVerification(profilId: number, seed: number): Date {
  const rand = prng(graine(seed, "verification", profilId));
  const fin = Date.parse(`${FIN_DES_DONNEES}T10:00:00Z`);
  const jours = 1 + Math.floor(rand() * 180);
  return new Date(fin - jours * 86_400_000);
}

/** The exit date of a promeneur who left: between their entry and the end of the data. */
export function dateDeSortie(promeneurId: number, entree: Date, seed: number): Date {
  const rand = prng(graine(seed, "sortie", promeneurId));
  const fin = Date.parse(`${FIN_DES_DONNEES}T00:00:00Z`);
  const debut = Math.min(entree.getTime() + 30 * 86_400_000, fin - 86_400_000);
  return new Date(debut + Math.floor(rand() * (fin - debut)));
}

/** Mostly the EPCI of the structure's commune; one promeneur in five works on the commune only. */
export function territoireDuPromeneur(
  promeneurId: number,
  commune: { code: string; epciSiren: string | null } | null,
  seed: number,
): { communeCode: string | null; epciSiren: string | null } | null {
  if (!commune) return null;
  const communeSeule = prng(graine(seed, "territoire", promeneurId))() < 0.2;
  if (communeSeule || !commune.epciSiren) return { communeCode: commune.code, epciSiren: null };
  return { communeCode: null, epciSiren: commune.epciSiren };
}

/** A minimal RFC 4180 line parser (quoted cells with doubled quotes; no line break inside cells). */
export function lireLigneCsv(ligne: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= ligne.length) {
    if (ligne[i] === '"') {
      let value = "";
      i++;
      while (i < ligne.length) {
        if (ligne[i] === '"') {
          if (ligne[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else value += ligne[i++];
      }
      cells.push(value);
      i++; // the comma
    } else {
      const next = ligne.indexOf(",", i);
      const end = next < 0 ? ligne.length : next;
      cells.push(ligne.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}
