import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { fichiers } from "./fichiers";
import { departements } from "./territoire";

const at = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * Pre-aggregated monthly report figures per département (issue 7): the sums of the counted reports
 * (submitted or validated) of a département and month, by (rubrique, code). Rubrique `total` holds
 * the report totals (codes `rapports`, `nouveaux_jeunes`, `file_active`, `echanges`,
 * `echanges_individuels`, `echanges_collectifs`, `heures_dixiemes`); the other rubriques are those
 * of `rapport_comptes`. The unfiltered département and national dashboards read it; filtered views
 * read the reports. Rebuilt from the reports for a (département, month) listed in
 * `agregats_a_refaire`, so it never drifts from them.
 */
export const agregatsMensuels = pgTable(
  "agregats_mensuels",
  {
    departement: text()
      .notNull()
      .references(() => departements.code),
    mois: date({ mode: "string" }).notNull(),
    rubrique: text().notNull(),
    code: text().notNull(),
    nombre: bigint({ mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.departement, t.mois, t.rubrique, t.code] }), index().on(t.mois, t.rubrique)],
);

/**
 * The (département, month) pairs whose aggregates are stale: a report write adds its pair in the
 * same transaction (insert … on conflict do nothing, no lock taken on a hot row); a reader rebuilds
 * the pairs of its scope before reading.
 */
export const agregatsARefaire = pgTable(
  "agregats_a_refaire",
  {
    departement: text()
      .notNull()
      .references(() => departements.code),
    mois: date({ mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.departement, t.mois] })],
);

/**
 * The coordinator's choices for a year's activity report: the highlights kept (report ids, in the
 * order chosen) and a foreword.
 */
export const rapportsAnnuels = pgTable(
  "rapports_annuels",
  {
    departement: text()
      .notNull()
      .references(() => departements.code),
    annee: smallint().notNull(),
    introduction: text().notNull().default(""),
    faitsMarquants: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    version: integer().notNull().default(1),
    modifiePar: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.departement, t.annee] })],
);

/**
 * One generation of the annual report documents (DOCX, PDF, XLSX), run in the background: its state
 * and progress are shown to whoever asked while it runs, its files kept in `fichiers`.
 * `vue` is `coordination` or `agregee` (the steering committee's documents carry no highlight).
 */
export const generationsRapportAnnuel = pgTable(
  "generations_rapport_annuel",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    annee: smallint().notNull(),
    vue: text().notNull(),
    /** `en_attente`, `en_cours`, `terminee` or `echec`. */
    etat: text().notNull().default("en_attente"),
    /** 0–100. */
    progression: smallint().notNull().default(0),
    /** What is being done, in French (« Graphiques », « Document Word »…). */
    etape: text().notNull().default(""),
    erreur: text(),
    docxId: uuid().references(() => fichiers.id, { onDelete: "set null" }),
    pdfId: uuid().references(() => fichiers.id, { onDelete: "set null" }),
    xlsxId: uuid().references(() => fichiers.id, { onDelete: "set null" }),
    demandePar: uuid().references(() => users.id, { onDelete: "set null" }),
    demandeLe: at().notNull().defaultNow(),
    /** Lease of the worker running it (several app instances). */
    verrouJusqua: at(),
    termineLe: at(),
  },
  (t) => [
    index().on(t.departement, t.annee, t.demandeLe),
    index().on(t.etat),
    check("generations_rapport_annuel_etat", sql`${t.etat} in ('en_attente', 'en_cours', 'terminee', 'echec')`),
    check("generations_rapport_annuel_vue", sql`${t.vue} in ('coordination', 'agregee')`),
    check("generations_rapport_annuel_progression", sql`${t.progression} between 0 and 100`),
  ],
);
