import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Départements (and collectivités) of the COG, from @etalab/decoupage-administratif. */
export const departements = pgTable("departements", {
  code: text().primaryKey(),
  nom: text().notNull(),
  region: text(),
});

/** Intercommunalités (EPCI à fiscalité propre). One EPCI may span several départements. */
export const epci = pgTable("epci", {
  siren: text().primaryKey(),
  nom: text().notNull(),
  type: text().notNull(),
  population: integer(),
  departements: text().array().notNull().default(sql`'{}'::text[]`),
});

export const communes = pgTable(
  "communes",
  {
    code: text().primaryKey(),
    nom: text().notNull(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    epciSiren: text().references(() => epci.siren),
    population: integer().notNull().default(0),
    codesPostaux: text().array().notNull().default(sql`'{}'::text[]`),
    /** France Ruralités Revitalisation: frr_plus | frr_socle | non_classee; null until imported. */
    frrStatut: text(),
    /** ZRR status before July 2024 (C, M, A, NC), kept for history. */
    zrrStatut: text(),
    /** GeoJSON geometry (WGS84) of the commune boundary; null until imported. */
    contour: jsonb(),
    territoireImporteLe: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index().on(t.departement), index().on(t.epciSiren)],
);

/** Quartiers prioritaires de la politique de la ville. */
export const qpv = pgTable(
  "qpv",
  {
    code: text().primaryKey(),
    nom: text().notNull(),
    communeCode: text()
      .notNull()
      .references(() => communes.code),
    departement: text()
      .notNull()
      .references(() => departements.code),
  },
  (t) => [index().on(t.departement)],
);
