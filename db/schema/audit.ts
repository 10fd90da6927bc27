import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Who changed what, when. Written in the same transaction as the change it records. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    actorUserId: uuid(),
    actorLabel: text().notNull(),
    departement: text(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    changes: jsonb(),
    requestId: text(),
  },
  (t) => [index().on(t.departement, t.at), index().on(t.entityType, t.entityId)],
);
