import {
  communes,
  creneauxPresence,
  epci,
  exceptionsPresence,
  fichiers,
  profilsSociaux,
  promeneurs,
  promeneurTerritoires,
  structures,
} from "@db/schema";
import { and, asc, eq, gte, inArray, isNotNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { formatCreneauDate, formatDateIso } from "~/domain/presences/presence.format";
import { jourLabels } from "~/domain/presences/presence.labels";
import { toCreneau, toException } from "~/domain/presences/presence.queries.server";
import {
  type CreneauDate,
  type CreneauPresence,
  creneauxDuJour,
  type ExceptionPresence,
  formatPlage,
  isEnLigne,
  JOURS_SEMAINE,
  localParts,
  prochainCreneau,
} from "~/domain/presences/presence.rules";
import { type Reseau, reseauLabels } from "~/domain/profils/profil.labels";
import {
  countProfilsConformes,
  getDelaiVerification,
  profilResumeColumns,
  statutDuProfil,
} from "~/domain/profils/profil.queries.server";
import { isTheme, themeLabels } from "~/domain/promeneurs/theme.labels";
import { normaliserRecherche } from "~/lib/text";
import type { Executor } from "~/server/db.server";

/**
 * The public directory (DESIGN §3, issue 4): what anyone may read about a promeneur. A promeneur is
 * public while `actif` AND with at least one profile `conforme` at `now`; only the conforming
 * profiles are shown. Nothing here returns an internal id, a first and last name, an e-mail, a phone
 * number, a status, a reason or an absence's motive: the objects are built field by field.
 */

export type FiltresAnnuaire = {
  /** INSEE code or name of a commune, as typed. */
  commune?: string | undefined;
  /** Network code (list B). */
  reseau?: string | undefined;
  /** Theme code (list E). */
  theme?: string | undefined;
  /** Only the promeneurs online at `now`. */
  enLigne?: boolean | undefined;
};

export type ReseauPublic = { reseau: string; label: string; handle: string; url: string };

/** How far ahead the profile page lists absences. */
export const ABSENCES_SEMAINES = 8;
/** How many "prochainement" the home page shows. */
export const PROCHAINS_MAX = 5;

const PAS_AUJOURD_HUI = "pas de présence aujourd'hui";

function reseauLabel(code: string): string {
  return reseauLabels[code as Reseau] ?? code;
}

const CODE_INSEE = /^(\d[\dab]\d{3})$/i;

type PromeneurInterne = {
  id: string;
  slug: string;
  nomPublic: string;
  bio: string | null;
  themes: string[];
  ageMin: number;
  ageMax: number;
  hasPhoto: boolean;
  structure: { nom: string; commune: string | null };
  reseaux: ReseauPublic[];
  creneaux: CreneauPresence[];
  exceptions: ExceptionPresence[];
};

/**
 * THE definition of "public": the promeneurs of a département (or the one with `slug`) that are
 * `actif` with at least one profile `conforme` at `now`, with their conforming profiles. Everything
 * the public sees (directory, profiles, photos, sitemap, coverage map) starts from here.
 */
async function selectPublics(db: Executor, departement: string, now: Date, slug?: string) {
  const structureCommune = alias(communes, "structure_commune");
  const rows = await db
    .select({
      id: promeneurs.id,
      slug: promeneurs.slug,
      nomPublic: promeneurs.nomPublic,
      bio: promeneurs.bio,
      themes: promeneurs.themes,
      ageMin: promeneurs.ageMin,
      ageMax: promeneurs.ageMax,
      photoId: promeneurs.photoId,
      structureId: structures.id,
      structureNom: structures.nom,
      structureCommuneCode: structures.communeCode,
      structureStatut: structures.statut,
      structureCommune: structureCommune.nom,
    })
    .from(promeneurs)
    .innerJoin(structures, eq(structures.id, promeneurs.structureId))
    .leftJoin(structureCommune, eq(structureCommune.code, structures.communeCode))
    .where(
      and(
        eq(promeneurs.departement, departement),
        eq(promeneurs.statut, "actif"),
        slug === undefined ? undefined : eq(promeneurs.slug, slug),
      ),
    );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);

  const [delai, profils] = await Promise.all([
    getDelaiVerification(db, departement),
    db
      .select({ promeneurId: profilsSociaux.promeneurId, ...profilResumeColumns })
      .from(profilsSociaux)
      .where(and(inArray(profilsSociaux.promeneurId, ids), isNotNull(profilsSociaux.derniereVerificationLe)))
      .orderBy(asc(profilsSociaux.reseau), asc(profilsSociaux.handle)),
  ]);
  const reseaux = new Map<string, ReseauPublic[]>();
  for (const p of profils) {
    if (statutDuProfil(p, now, delai) !== "conforme") continue;
    const list = reseaux.get(p.promeneurId) ?? [];
    list.push({ reseau: p.reseau, label: reseauLabel(p.reseau), handle: p.handle, url: p.url });
    reseaux.set(p.promeneurId, list);
  }
  return rows.filter((r) => reseaux.has(r.id)).map((r) => ({ ...r, reseaux: reseaux.get(r.id) ?? [] }));
}

/** The public promeneurs of a département (or the one with `slug`), sorted by public name. */
async function loadPublics(db: Executor, departement: string, now: Date, slug?: string): Promise<PromeneurInterne[]> {
  const publics = await selectPublics(db, departement, now, slug);
  if (publics.length === 0) return [];
  const publicIds = publics.map((r) => r.id);

  const today = localParts(now).date;
  const [creneauRows, exceptionRows] = await Promise.all([
    db
      .select({
        promeneurId: creneauxPresence.promeneurId,
        jour: creneauxPresence.jour,
        debut: creneauxPresence.debut,
        fin: creneauxPresence.fin,
        reseaux: creneauxPresence.reseaux,
      })
      .from(creneauxPresence)
      .where(inArray(creneauxPresence.promeneurId, publicIds))
      .orderBy(asc(creneauxPresence.jour), asc(creneauxPresence.debut)),
    db
      .select({ promeneurId: exceptionsPresence.promeneurId, du: exceptionsPresence.du, au: exceptionsPresence.au })
      .from(exceptionsPresence)
      .where(and(inArray(exceptionsPresence.promeneurId, publicIds), gte(exceptionsPresence.au, today)))
      .orderBy(asc(exceptionsPresence.du)),
  ]);
  const creneaux = new Map<string, CreneauPresence[]>();
  for (const c of creneauRows) {
    const list = creneaux.get(c.promeneurId) ?? [];
    list.push(toCreneau(c));
    creneaux.set(c.promeneurId, list);
  }
  // The motive of an absence is never selected here: it stays in the back office.
  const exceptions = new Map<string, ExceptionPresence[]>();
  for (const e of exceptionRows) {
    const list = exceptions.get(e.promeneurId) ?? [];
    list.push(toException(e));
    exceptions.set(e.promeneurId, list);
  }

  return publics
    .map((r) => ({
      id: r.id,
      slug: r.slug,
      nomPublic: r.nomPublic,
      bio: r.bio,
      themes: r.themes,
      ageMin: r.ageMin,
      ageMax: r.ageMax,
      hasPhoto: r.photoId !== null,
      structure: { nom: r.structureNom, commune: r.structureCommune },
      reseaux: r.reseaux,
      creneaux: creneaux.get(r.id) ?? [],
      exceptions: exceptions.get(r.id) ?? [],
    }))
    .sort((a, b) => a.nomPublic.localeCompare(b.nomPublic, "fr") || a.slug.localeCompare(b.slug));
}

function photoUrl(p: Pick<PromeneurInterne, "slug" | "hasPhoto">): string | null {
  return p.hasPhoto ? `/promeneurs/${encodeURIComponent(p.slug)}/photo` : null;
}

function horairesDuJour(p: PromeneurInterne, date: string): string {
  const slots = creneauxDuJour(p.creneaux, p.exceptions, date);
  return slots.length === 0 ? PAS_AUJOURD_HUI : slots.map((c) => formatPlage(c.debut, c.fin)).join(", ");
}

// ─── Communes ────────────────────────────────────────────────────────────────────────────────────

/** The communes a set of promeneurs cover: territory communes and every commune of territory EPCI. */
async function communesCouvertes(db: Executor, promeneurIds: string[]) {
  if (promeneurIds.length === 0) return new Map<string, Set<string>>();
  const rows = await db
    .select({ promeneurId: promeneurTerritoires.promeneurId, code: communes.code })
    .from(promeneurTerritoires)
    .innerJoin(
      communes,
      or(eq(communes.code, promeneurTerritoires.communeCode), eq(communes.epciSiren, promeneurTerritoires.epciSiren)),
    )
    .where(inArray(promeneurTerritoires.promeneurId, promeneurIds));
  const byPromeneur = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = byPromeneur.get(row.promeneurId) ?? new Set<string>();
    set.add(row.code);
    byPromeneur.set(row.promeneurId, set);
  }
  return byPromeneur;
}

/** INSEE codes a typed commune designates: the code itself, or every commune of that name. */
async function resolveCommune(
  db: Executor,
  departement: string,
  codesCouverts: string[],
  typed: string,
): Promise<string[]> {
  const value = typed.trim();
  // "Nice (06088)", as the datalist may show it, or a bare code.
  const code = /\((\d[\dAB]\d{3})\)\s*$/i.exec(value)?.[1] ?? (CODE_INSEE.test(value) ? value : null);
  if (code) {
    const [row] = await db.select({ code: communes.code }).from(communes).where(eq(communes.code, code.toUpperCase()));
    return row ? [row.code] : [];
  }
  const wanted = normaliserRecherche(value);
  if (!wanted) return [];
  // Names are compared without accents or hyphens, among the département's communes and those covered.
  const rows = await db
    .select({ code: communes.code, nom: communes.nom })
    .from(communes)
    .where(
      codesCouverts.length > 0
        ? or(eq(communes.departement, departement), inArray(communes.code, codesCouverts))
        : eq(communes.departement, departement),
    );
  return rows.filter((c) => normaliserRecherche(c.nom) === wanted).map((c) => c.code);
}

// ─── Directory ───────────────────────────────────────────────────────────────────────────────────

export type CartePromeneur = {
  slug: string;
  nomPublic: string;
  structure: { nom: string; commune: string | null };
  photo: string | null;
  reseaux: ReseauPublic[];
  horairesDuJour: string;
  enLigne: boolean;
};

export type AnnuairePublic = {
  promeneurs: CartePromeneur[];
  /** Names of the communes the public promeneurs cover (for the datalist), sorted. */
  communes: string[];
  /** The commune filter matched no commune. */
  communeInconnue: boolean;
};

/** The public directory of a département at `now`, filtered. */
export async function findPromeneursPublics(
  db: Executor,
  departement: string,
  now: Date,
  filtres: FiltresAnnuaire = {},
): Promise<AnnuairePublic> {
  const all = await loadPublics(db, departement, now);
  const couvertes = await communesCouvertes(
    db,
    all.map((p) => p.id),
  );
  const codesCouverts = [...new Set([...couvertes.values()].flatMap((s) => [...s]))];
  const nomsCommunes =
    codesCouverts.length === 0
      ? []
      : (await db.select({ nom: communes.nom }).from(communes).where(inArray(communes.code, codesCouverts)))
          .map((c) => c.nom)
          .filter((nom, i, list) => list.indexOf(nom) === i)
          .sort((a, b) => a.localeCompare(b, "fr"));

  let communeCodes: string[] | null = null;
  const communeFiltre = filtres.commune?.trim();
  if (communeFiltre) communeCodes = await resolveCommune(db, departement, codesCouverts, communeFiltre);

  const { date } = localParts(now);
  const cartes = all
    .filter((p) => {
      if (communeCodes && !communeCodes.some((code) => couvertes.get(p.id)?.has(code))) return false;
      if (filtres.reseau && !p.reseaux.some((r) => r.reseau === filtres.reseau)) return false;
      if (filtres.theme && !p.themes.includes(filtres.theme)) return false;
      if (filtres.enLigne && !isEnLigne(p.creneaux, p.exceptions, now)) return false;
      return true;
    })
    .map((p) => ({
      slug: p.slug,
      nomPublic: p.nomPublic,
      structure: p.structure,
      photo: photoUrl(p),
      reseaux: p.reseaux,
      horairesDuJour: horairesDuJour(p, date),
      enLigne: isEnLigne(p.creneaux, p.exceptions, now),
    }));
  return { promeneurs: cartes, communes: nomsCommunes, communeInconnue: communeCodes?.length === 0 };
}

// ─── One profile ─────────────────────────────────────────────────────────────────────────────────

export type JourPublic = { jour: string; plages: { plage: string; reseaux: string[] }[] };

/** The public profile of a promeneur at `now`, or null when it is not public. */
export async function findPromeneurPublic(db: Executor, departement: string, slug: string, now: Date) {
  const [p] = await loadPublics(db, departement, now, slug);
  if (!p) return null;
  const territoireRows = await db
    .select({ commune: communes.nom, epci: epci.nom })
    .from(promeneurTerritoires)
    .leftJoin(communes, eq(communes.code, promeneurTerritoires.communeCode))
    .leftJoin(epci, eq(epci.siren, promeneurTerritoires.epciSiren))
    .where(eq(promeneurTerritoires.promeneurId, p.id));
  const territoire = territoireRows
    .map((t) => t.epci ?? t.commune)
    .filter((nom): nom is string => nom !== null)
    .sort((a, b) => a.localeCompare(b, "fr"));

  const semaine: JourPublic[] = JOURS_SEMAINE.map((jour) => ({
    jour: jourLabels[jour],
    plages: p.creneaux
      .filter((c) => c.jour === jour)
      .sort((a, b) => a.debut - b.debut)
      .map((c) => ({ plage: formatPlage(c.debut, c.fin), reseaux: c.reseaux.map(reseauLabel) })),
  }));

  const { date } = localParts(now);
  const limite = new Date(Date.parse(`${date}T00:00:00Z`) + ABSENCES_SEMAINES * 7 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const absences = p.exceptions
    .filter((e) => e.du <= limite)
    .map((e) => (e.du === e.au ? `le ${formatDateIso(e.du)}` : `du ${formatDateIso(e.du)} au ${formatDateIso(e.au)}`));

  const enLigne = isEnLigne(p.creneaux, p.exceptions, now);
  const prochain = prochainCreneau(p.creneaux, p.exceptions, now);
  return {
    slug: p.slug,
    nomPublic: p.nomPublic,
    structure: p.structure,
    photo: photoUrl(p),
    bio: p.bio,
    themes: p.themes.filter(isTheme).map((t) => themeLabels[t]),
    ages: `de ${p.ageMin} à ${p.ageMax}\u00a0ans`,
    territoire,
    reseaux: p.reseaux,
    semaine,
    horairesDuJour: horairesDuJour(p, date),
    enLigne,
    prochain: prochain ? formatCreneauDate(prochain) : null,
    absences,
  };
}
export type PromeneurPublic = NonNullable<Awaited<ReturnType<typeof findPromeneurPublic>>>;

/**
 * The photo of a public promeneur (actif, with a profile `conforme` at `now`): its file id and hash,
 * without its bytes, so that the route can answer 304 before reading them. Null when the promeneur
 * is not public or has no photo.
 */
export async function findPhotoPublique(
  db: Executor,
  departement: string,
  slug: string,
  now: Date,
): Promise<{ fichierId: string; sha256: string } | null> {
  const [row] = await db
    .select({ promeneurId: promeneurs.id, fichierId: fichiers.id, sha256: fichiers.sha256 })
    .from(promeneurs)
    .innerJoin(fichiers, eq(fichiers.id, promeneurs.photoId))
    .where(and(eq(promeneurs.departement, departement), eq(promeneurs.statut, "actif"), eq(promeneurs.slug, slug)));
  if (!row) return null;
  if ((await countProfilsConformes(db, { id: row.promeneurId, departement }, now)) === 0) return null;
  return { fichierId: row.fichierId, sha256: row.sha256 };
}

/** Slugs of the public promeneurs (the sitemap). */
export async function findSlugsPublics(db: Executor, departement: string, now: Date): Promise<string[]> {
  return (await loadPublics(db, departement, now)).map((p) => p.slug);
}

// ─── Home page ───────────────────────────────────────────────────────────────────────────────────

export type EnLignePublic = { slug: string; nomPublic: string; reseaux: ReseauPublic[] };
export type ProchainPublic = EnLignePublic & { quand: string };

function startKey(c: CreneauDate): string {
  return `${c.date}-${String(c.debut).padStart(4, "0")}`;
}

/** Who is online at `now`, and the next (up to five) to come online, soonest first. */
export async function findEnLigneEtProchains(
  db: Executor,
  departement: string,
  now: Date,
): Promise<{ enLigne: EnLignePublic[]; prochains: ProchainPublic[] }> {
  const all = await loadPublics(db, departement, now);
  const enLigne: EnLignePublic[] = [];
  const prochains: (ProchainPublic & { key: string })[] = [];
  for (const p of all) {
    const base = { slug: p.slug, nomPublic: p.nomPublic, reseaux: p.reseaux };
    if (isEnLigne(p.creneaux, p.exceptions, now)) {
      enLigne.push(base);
      continue;
    }
    const next = prochainCreneau(p.creneaux, p.exceptions, now);
    if (next) prochains.push({ ...base, quand: formatCreneauDate(next), key: startKey(next) });
  }
  prochains.sort((a, b) => a.key.localeCompare(b.key) || a.nomPublic.localeCompare(b.nomPublic, "fr"));
  return { enLigne, prochains: prochains.slice(0, PROCHAINS_MAX).map(({ key: _key, ...rest }) => rest) };
}

// ─── Coverage map ────────────────────────────────────────────────────────────────────────────────

export type PromeneurCouvrant = { slug: string; nomPublic: string };

export type CouverturePublique = {
  /** INSEE code → the public promeneurs covering the commune (directly or through its EPCI), by name. */
  parCommune: Map<string, PromeneurCouvrant[]>;
  /** Active structures employing at least one public promeneur, with their commune. */
  structures: { id: string; nom: string; communeCode: string | null }[];
};

/**
 * Who covers which commune at `now`, for the public coverage map: the very promeneurs of the public
 * directory (same predicate), and the communes of their intervention territory (a commune, or every
 * commune of an EPCI). A few small queries, cheap enough to run on every request.
 */
export async function findCouverturePublique(
  db: Executor,
  departement: string,
  now: Date,
): Promise<CouverturePublique> {
  const publics = (await selectPublics(db, departement, now)).sort(
    (a, b) => a.nomPublic.localeCompare(b.nomPublic, "fr") || a.slug.localeCompare(b.slug),
  );
  const couvertes = await communesCouvertes(
    db,
    publics.map((p) => p.id),
  );
  const parCommune = new Map<string, PromeneurCouvrant[]>();
  for (const p of publics) {
    for (const code of couvertes.get(p.id) ?? []) {
      const list = parCommune.get(code) ?? [];
      list.push({ slug: p.slug, nomPublic: p.nomPublic });
      parCommune.set(code, list);
    }
  }
  const structuresVues = new Map<string, { id: string; nom: string; communeCode: string | null }>();
  for (const p of publics) {
    if (p.structureStatut !== "active") continue;
    structuresVues.set(p.structureId, { id: p.structureId, nom: p.structureNom, communeCode: p.structureCommuneCode });
  }
  return {
    parCommune,
    structures: [...structuresVues.values()].sort((a, b) => a.nom.localeCompare(b.nom, "fr")),
  };
}
