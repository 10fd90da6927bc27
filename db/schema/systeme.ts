import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { departements } from "./territoire";

/** Small key/value facts about this database: seed markers, generated secrets. */
export const appMeta = pgTable("app_meta", {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Settings a coordinator changes for their département. */
export const parametresDepartement = pgTable("parametres_departement", {
  departement: text()
    .primaryKey()
    .references(() => departements.code),
  /** After how many months a verified profile is `à vérifier` again. */
  delaiVerificationMois: integer().notNull().default(6),
  /** Attendance rate (percent) under which a promeneur is flagged (indicator 6). */
  seuilParticipation: integer().notNull().default(50),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * Scheduled jobs (weekly e-mails…), leased through the database so that one app instance out of
 * several runs each occurrence, on PGlite and PostgreSQL alike.
 */
export const tachesPlanifiees = pgTable("taches_planifiees", {
  nom: text().primaryKey(),
  prochaineExecution: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  verrouJusqua: timestamp({ withTimezone: true, mode: "date" }),
  verrouPar: text(),
  derniereExecution: timestamp({ withTimezone: true, mode: "date" }),
  derniereErreur: text(),
});
