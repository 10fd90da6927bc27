import { bigserial, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { departements } from "./territoire";

/** A message sent with the public contact form; read in the coordinator's back-office inbox. */
export const messagesContact = pgTable(
  "messages_contact",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    nom: text().notNull(),
    email: text().notNull(),
    /** Who writes: parent, jeune, professionnel, partenaire, autre. */
    qualite: text().notNull(),
    objet: text().notNull(),
    message: text().notNull(),
    recuLe: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    luLe: timestamp({ withTimezone: true, mode: "date" }),
    luPar: uuid().references(() => users.id, { onDelete: "set null" }),
    archiveLe: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index().on(t.departement, t.recuLe)],
);

/**
 * Hits counted against a rate limit, keyed by a keyed hash (never the raw IP address), so that the
 * limit holds across app instances. Old rows are pruned.
 */
export const limitesDebit = pgTable(
  "limites_debit",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    cle: text().notNull(),
    at: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index().on(t.cle, t.at)],
);

/** Audience without cookies nor IP addresses: page views per public path and per day (Europe/Paris). */
export const vuesPages = pgTable(
  "vues_pages",
  {
    jour: date({ mode: "string" }).notNull(),
    departement: text().notNull(),
    chemin: text().notNull(),
    vues: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.jour, t.departement, t.chemin] })],
);
