import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { fichiers } from "./fichiers";
import { communes, departements } from "./territoire";

/** An employer of promeneurs (list A gives the types). */
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
    codePostal: text(),
    communeCode: text().references(() => communes.code),
    telephone: text(),
    email: text(),
    siteWeb: text(),
    /** `active` or `inactive` (no longer part of the network; kept for history). */
    statut: text().notNull().default("active"),
    /** Employer charter: when it was signed (compared as Europe/Paris calendar days), who signed, the signed copy. */
    charteSigneeLe: timestamp({ withTimezone: true, mode: "date" }),
    charteSignataire: text(),
    charteDocumentId: uuid().references(() => fichiers.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.departement),
    // One name per département whatever the case, accents and spaces (same folding as `foldSql`).
    uniqueIndex("structures_nom_unique").on(
      t.departement,
      sql`btrim(regexp_replace(replace(replace(translate(lower(${t.nom}), 'àáâäãåçèéêëìíîïñòóôöõùúûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy'), 'œ', 'oe'), 'æ', 'ae'), '[[:space:]]+', ' ', 'g'))`,
    ),
  ],
);
