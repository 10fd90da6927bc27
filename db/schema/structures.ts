import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { communes, departements } from "./territoire";

/** An employer of promeneurs (list A gives the types). Issue "the network" extends it. */
export const structures = pgTable(
  "structures",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    nom: text().notNull(),
    type: text().notNull(),
    siret: text(),
    adresse: text(),
    communeCode: text().references(() => communes.code),
    telephone: text(),
    email: text(),
    statut: text().notNull().default("active"),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index().on(t.departement)],
);
