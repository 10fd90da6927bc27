import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Small key/value facts about this database: seed markers, generated secrets. */
export const appMeta = pgTable("app_meta", {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
