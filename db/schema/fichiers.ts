import { type AnyPgColumn, customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { departements } from "./territoire";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Uploaded files (charters, photos) kept in the database itself, so that several app instances
 * and a backup of the database see the same files. Checked from their bytes before they land here.
 */
export const fichiers = pgTable(
  "fichiers",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text().references(() => departements.code),
    /** The name shown on download (the uploader's file name, cleaned). */
    nom: text().notNull(),
    /** The type read from the bytes, never the one the browser claimed. */
    typeMime: text().notNull(),
    taille: integer().notNull(),
    sha256: text().notNull(),
    contenu: bytea().notNull(),
    creePar: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index().on(t.departement)],
);
