import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { promeneurs } from "./reseau";
import { structures } from "./structures";
import { departements } from "./territoire";

const at = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * The monthly activity report (DESIGN §3): one per promeneur and month, counts only — nothing
 * identifies a young person. `mois` is the first day of the month. The totals are stored (they are
 * what the indicators sum); the breakdowns are rows of `rapport_comptes`. Cross-field consistency
 * (channels = exchanges…) is checked by the domain rules when a promeneur submits, not by the
 * database, so that imported history (benchmarks, previous tools) loads as it was recorded.
 */
export const rapportsMensuels = pgTable(
  "rapports_mensuels",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    promeneurId: uuid()
      .notNull()
      .references(() => promeneurs.id, { onDelete: "cascade" }),
    /** The promeneur's structure when the report was created (filters and referents' reading). */
    structureId: uuid()
      .notNull()
      .references(() => structures.id),
    mois: date({ mode: "string" }).notNull(),
    /** `brouillon`, `soumis`, `valide` or `a_corriger`. */
    statut: text().notNull().default("brouillon"),
    /** New young people in contact this month (sum of the age bands). */
    nouveauxJeunes: integer().notNull().default(0),
    /** Young people followed this month: the active file (sum of the age bands). */
    fileActive: integer().notNull().default(0),
    /** Exchanges of the month (sum of the channels). */
    echanges: integer().notNull().default(0),
    echangesIndividuels: integer().notNull().default(0),
    echangesCollectifs: integer().notNull().default(0),
    heuresEnLigne: numeric({ precision: 5, scale: 1, mode: "number" }).notNull().default(0),
    /** A short highlight of the month, checked for identifying data. */
    faitMarquant: text().notNull().default(""),
    /** The coordinator's comment when sending the report back (`a_corriger`). */
    commentaireCoordination: text(),
    /** The coordinator's reason when reopening a validated report. */
    motifReouverture: text(),
    soumisLe: at(),
    valideLe: at(),
    validePar: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Optimistic concurrency: each write increments it; a form carries the version it was read at. */
    version: integer().notNull().default(1),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rapports_mensuels_promeneur_mois").on(t.promeneurId, t.mois),
    index().on(t.departement, t.mois, t.statut),
    index().on(t.structureId, t.mois),
    check("rapports_mensuels_statut", sql`${t.statut} in ('brouillon', 'soumis', 'valide', 'a_corriger')`),
    check("rapports_mensuels_mois", sql`extract(day from ${t.mois}) = 1`),
    check(
      "rapports_mensuels_positifs",
      sql`${t.nouveauxJeunes} >= 0 and ${t.fileActive} >= 0 and ${t.echanges} >= 0 and ${t.echangesIndividuels} >= 0 and ${t.echangesCollectifs} >= 0 and ${t.heuresEnLigne} >= 0`,
    ),
  ],
);

/**
 * The breakdowns of a report: one row per (rubrique, code) with a count. Rubriques:
 * `age_nouveaux` and `age_file` (age bands), `canal` (list D), `theme` (list E, requests),
 * `publication` (list F), `orientation` (partner types), `reseau` (list B, exchanges per network).
 * A zero is not stored.
 */
export const rapportComptes = pgTable(
  "rapport_comptes",
  {
    rapportId: uuid()
      .notNull()
      .references(() => rapportsMensuels.id, { onDelete: "cascade" }),
    rubrique: text().notNull(),
    code: text().notNull(),
    nombre: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.rapportId, t.rubrique, t.code] }),
    index().on(t.rubrique, t.code),
    check("rapport_comptes_nombre", sql`${t.nombre} > 0`),
  ],
);

/**
 * Reminders sent for a report due (1st and 8th of the following month): the unique key makes a
 * reminder go out once per promeneur, month and rank, whatever the number of app instances.
 */
export const rappelsRapport = pgTable(
  "rappels_rapport",
  {
    promeneurId: uuid()
      .notNull()
      .references(() => promeneurs.id, { onDelete: "cascade" }),
    mois: date({ mode: "string" }).notNull(),
    /** `1` (first of the month) or `8` (two days before the deadline). */
    rang: smallint().notNull(),
    envoyeLe: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.promeneurId, t.mois, t.rang] })],
);

/**
 * A situation of concern (veille / repérage, DESIGN §3, lists G and H): no identity, ever. Visible
 * to its promeneur and the coordination only; counted in reports and indicators.
 */
export const situationsPreoccupantes = pgTable(
  "situations_preoccupantes",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    promeneurId: uuid()
      .notNull()
      .references(() => promeneurs.id, { onDelete: "cascade" }),
    structureId: uuid()
      .notNull()
      .references(() => structures.id),
    date: date({ mode: "string" }).notNull(),
    /** List G. */
    categorie: text().notNull(),
    /** List H: what was done (one or more). */
    actions: text().array().notNull().default(sql`'{}'::text[]`),
    /** The type of partner alerted (partner types), if any. */
    partenaire: text(),
    /** `a_suivre`, `en_cours` or `close`. */
    suivi: text().notNull().default("en_cours"),
    /** A short professional note, checked for identifying data. */
    note: text().notNull().default(""),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.departement, t.date),
    index().on(t.promeneurId, t.date),
    check("situations_suivi", sql`${t.suivi} in ('a_suivre', 'en_cours', 'close')`),
  ],
);

/** A young people's project a promeneur supports online (DESIGN §3): no identities. */
export const projetsJeunes = pgTable(
  "projets_jeunes",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    promeneurId: uuid()
      .notNull()
      .references(() => promeneurs.id, { onDelete: "cascade" }),
    structureId: uuid()
      .notNull()
      .references(() => structures.id),
    titre: text().notNull(),
    /** List E. */
    theme: text().notNull(),
    /** `individuel` or `collectif`. */
    forme: text().notNull(),
    nombreJeunes: integer().notNull(),
    partenaires: text().notNull().default(""),
    description: text().notNull().default(""),
    /** `emergence`, `en_cours`, `realise` or `abandonne`. */
    etat: text().notNull().default("emergence"),
    debutLe: date({ mode: "string" }).notNull(),
    /** The promeneur asks for the coordination's support (the coordinator is notified). */
    besoinSoutien: boolean().notNull().default(false),
    soutienDemandeLe: at(),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.departement, t.etat),
    index().on(t.promeneurId),
    check("projets_jeunes_nombre", sql`${t.nombreJeunes} >= 1`),
    check("projets_jeunes_forme", sql`${t.forme} in ('individuel', 'collectif')`),
    check("projets_jeunes_etat", sql`${t.etat} in ('emergence', 'en_cours', 'realise', 'abandonne')`),
  ],
);

/** A communication action of the coordination (list J), for indicator 8. */
export const actionsCommunication = pgTable(
  "actions_communication",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    date: date({ mode: "string" }).notNull(),
    /** List J. */
    type: text().notNull(),
    titre: text().notNull(),
    /** Who it addressed (young people, parents, partners, professionals…), in words. */
    public: text().notNull().default(""),
    /** How many people it reached (copies, attendees, views…), when known. */
    portee: integer(),
    commentaire: text().notNull().default(""),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [index().on(t.departement, t.date), check("actions_communication_portee", sql`${t.portee} >= 0`)],
);
