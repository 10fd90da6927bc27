import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { promeneurs } from "./reseau";
import { structures } from "./structures";
import { departements } from "./territoire";

const at = (name?: string) =>
  name ? timestamp(name, { withTimezone: true, mode: "date" }) : timestamp({ withTimezone: true, mode: "date" });

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Always stored lower-cased and trimmed. */
    email: text().notNull(),
    nom: text().notNull(),
    passwordHash: text(),
    totpSecret: text(),
    totpEnabledAt: at(),
    /** The last TOTP time step accepted: a code is never accepted twice. */
    totpLastStep: integer(),
    disabledAt: at(),
    passwordChangedAt: at(),
    lastSignInAt: at(),
    createdAt: at().notNull().defaultNow(),
    /**
     * Set when the person's identity was erased (RGPD): name and e-mail are then placeholders and
     * the account cannot sign in. The row stays so that what they recorded keeps its author.
     */
    effaceLe: at(),
    /** The number of « Personne effacée n° X », unique across the deployment. */
    numeroEffacement: integer(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    uniqueIndex("users_numero_effacement_unique").on(t.numeroEffacement),
  ],
);

/** A role held in a département (and, for a referent, a structure). National roles have no département. */
export const userRoles = pgTable(
  "user_roles",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text().notNull(),
    departement: text().references(() => departements.code),
    structureId: uuid().references(() => structures.id),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    unique("user_roles_unique").on(t.userId, t.role, t.departement, t.structureId).nullsNotDistinct(),
    index().on(t.departement, t.role),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: at().notNull().defaultNow(),
    lastSeenAt: at().notNull().defaultNow(),
    expiresAt: at().notNull(),
    /** True between a correct password and the TOTP code of an account that has one. */
    secondFactorPending: boolean().notNull().default(false),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    nom: text().notNull(),
    role: text().notNull(),
    departement: text().references(() => departements.code),
    structureId: uuid().references(() => structures.id),
    /** For a promeneur's invitation: the promeneur record the new account is linked to. */
    promeneurId: uuid().references((): AnyPgColumn => promeneurs.id, { onDelete: "cascade" }),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    tokenHash: text().notNull().unique(),
    expiresAt: at().notNull(),
    acceptedAt: at(),
    revokedAt: at(),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [index().on(t.departement)],
);

export const passwordResets = pgTable("password_resets", {
  id: uuid().primaryKey().defaultRandom(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text().notNull().unique(),
  expiresAt: at().notNull(),
  usedAt: at(),
  createdAt: at().notNull().defaultNow(),
});

/** Every sign-in attempt, so that throttling holds across app instances. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    email: text().notNull(),
    ip: text().notNull(),
    success: boolean().notNull(),
    at: at().notNull().defaultNow(),
  },
  (t) => [index().on(t.email, t.ip, t.at), index().on(t.ip, t.at)],
);
