import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { fichiers } from "./fichiers";
import { departements } from "./territoire";

const at = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * An image the coordination uploaded for its public pages: checked from its bytes, stripped of its
 * metadata and stored in two WebP widths (for `srcset`). Only files named here are served publicly
 * (at `/medias/:id`), never another row of `fichiers`.
 */
export const medias = pgTable(
  "medias",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    /** The large rendition (at most 1 200 px wide) and the small one (at most 480 px wide). */
    fichierId: uuid()
      .notNull()
      .references(() => fichiers.id, { onDelete: "cascade" }),
    fichierPetitId: uuid()
      .notNull()
      .references(() => fichiers.id, { onDelete: "cascade" }),
    largeur: integer().notNull(),
    hauteur: integer().notNull(),
    /** The text alternative the coordinator gave; empty for a decorative image. */
    alt: text().notNull().default(""),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [index().on(t.departement, t.createdAt)],
);

/**
 * A news post of a département (`/actualites/:slug`): a summary and a Markdown body, rendered to
 * sanitised HTML (no raw HTML from the editor ever reaches a page). Public once `publie` and its
 * publication date has come.
 */
export const actualites = pgTable(
  "actualites",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    slug: text().notNull(),
    titre: text().notNull(),
    /** One or two sentences: the list, the meta description, the feed's summary. */
    resume: text().notNull(),
    /** Markdown, as typed. */
    corps: text().notNull(),
    imageId: uuid().references(() => medias.id, { onDelete: "set null" }),
    /** `brouillon` or `publie`. */
    statut: text().notNull().default("brouillon"),
    publieLe: at(),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.departement, t.slug),
    index().on(t.departement, t.statut, t.publieLe),
    check("actualites_statut", sql`${t.statut} in ('brouillon', 'publie')`),
    check("actualites_publiee_datee", sql`${t.statut} <> 'publie' or ${t.publieLe} is not null`),
  ],
);

/**
 * A page of the public site written by the coordination, in Markdown: the fixed pages (`charte`,
 * `mentions-legales`, `confidentialite`, `accessibilite`, `devenir-promeneur`), which show their
 * built-in text until one is saved, and free pages at `/pages/:slug`.
 */
export const pagesPubliques = pgTable(
  "pages_publiques",
  {
    departement: text()
      .notNull()
      .references(() => departements.code),
    slug: text().notNull(),
    titre: text().notNull(),
    /** The meta description. */
    description: text().notNull(),
    corps: text().notNull(),
    /** `brouillon` or `publie`; a fixed page in draft keeps showing its previous published text. */
    statut: text().notNull().default("publie"),
    /**
     * The accessibility page only: the RGAA conformity status (`non_conforme`,
     * `partiellement_conforme`, `totalement_conforme`), its audit date and rate.
     */
    etatConformite: text(),
    auditLe: date({ mode: "string" }),
    tauxConformite: integer(),
    majPar: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.departement, t.slug] }),
    check("pages_publiques_statut", sql`${t.statut} in ('brouillon', 'publie')`),
    check(
      "pages_publiques_conformite",
      sql`${t.etatConformite} is null or ${t.etatConformite} in ('non_conforme', 'partiellement_conforme', 'totalement_conforme')`,
    ),
    check("pages_publiques_taux", sql`${t.tauxConformite} is null or ${t.tauxConformite} between 0 and 100`),
  ],
);

/**
 * A resource (`/ressources`): a file or a link, in a category; public, or for the network only
 * (promeneurs, referents and the coordination, in the back-office).
 */
export const ressources = pgTable(
  "ressources",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    titre: text().notNull(),
    description: text().notNull().default(""),
    categorie: text().notNull(),
    fichierId: uuid().references(() => fichiers.id, { onDelete: "restrict" }),
    url: text(),
    /** Shown on the public site; otherwise to the network only. */
    public: boolean().notNull().default(true),
    /** Hidden from every list without being deleted. */
    publie: boolean().notNull().default(true),
    ordre: integer().notNull().default(0),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.departement, t.categorie, t.ordre),
    check("ressources_fichier_ou_lien", sql`(${t.fichierId} is null) <> (${t.url} is null)`),
  ],
);

/**
 * The referral directory (DESIGN §3): national lines (`departement` null, kept by the national
 * role) and the services of a département (kept by its coordination). Shown on `/besoin-d-aide`
 * and beside the situation form; an entry not verified for 12 months is flagged.
 */
export const numerosAide = pgTable(
  "numeros_aide",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null for a national line. */
    departement: text().references(() => departements.code),
    /** A stable code for the seeded national lines (`3114`, `119`…), so that the seed never duplicates them. */
    code: text(),
    nom: text().notNull(),
    description: text().notNull().default(""),
    telephone: text(),
    sms: text(),
    /** A chat or a web form. */
    url: text(),
    horaires: text().notNull().default(""),
    /**
     * `urgence`, `ecoute` or `signalement`: the public page shows emergency numbers first, then
     * listening lines, then reporting services, then the département's services.
     */
    genre: text().notNull().default("ecoute"),
    /** True: free of charge; null: not stated. */
    gratuit: boolean(),
    /** Situation categories (list G) the entry answers; empty for general help. */
    categories: text().array().notNull().default(sql`'{}'::text[]`),
    /** Who may call: jeunes, parents, professionnels, tous. */
    public: text().notNull().default("tous"),
    /** Where the information comes from, and when it was last checked. */
    source: text().notNull(),
    verifieLe: date({ mode: "string" }).notNull(),
    ordre: integer().notNull().default(0),
    actif: boolean().notNull().default(true),
    majPar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.departement, t.ordre),
    uniqueIndex("numeros_aide_code_national").on(t.code).where(sql`${t.departement} is null and ${t.code} is not null`),
    check("numeros_aide_joignable", sql`${t.telephone} is not null or ${t.sms} is not null or ${t.url} is not null`),
    check("numeros_aide_genre", sql`${t.genre} in ('urgence', 'ecoute', 'signalement')`),
  ],
);
