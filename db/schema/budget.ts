/**
 * The convention's money (issue 8, DESIGN §7, list K): one budget per département and year, its
 * lines planned vs actual, the subsidy's payments. Every amount is in cents (bigint: integers, never
 * floating-point euros); the rules are app/domain/budget/*.rules.ts.
 */
import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { fichiers } from "./fichiers";
import { departements } from "./territoire";

const at = () => timestamp({ withTimezone: true, mode: "date" });
const centimes = () => bigint({ mode: "number" });

export const budgets = pgTable(
  "budgets",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    annee: integer().notNull(),
    /** `brouillon` (may break a rule) or `soumis` (every rule kept when submitted). */
    statut: text().notNull().default("brouillon"),
    /** The coordinator's time, in hundredths of a full-time equivalent (50 = 0.5 FTE). */
    etpCoordination: integer(),
    /** The coordinator's full-time annual cost; the staff line is FTE × this cost. */
    coutAnnuelCoordination: centimes(),
    /** The day both the activity and the financial reports were received (the balance is then due). */
    rapportsRecusLe: date({ mode: "string" }),
    /** The prorated subsidy, once the coordinator confirmed the prorating (null: not prorated). */
    subventionProratisee: centimes(),
    proratisationConfirmeeLe: at(),
    version: integer().notNull().default(1),
    soumisLe: at(),
    soumisPar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.departement, t.annee),
    check("budgets_statut", sql`${t.statut} in ('brouillon', 'soumis')`),
    check("budgets_annee", sql`${t.annee} between 2000 and 2100`),
    check("budgets_etp", sql`${t.etpCoordination} between 0 and 100`),
    check("budgets_cout", sql`${t.coutAnnuelCoordination} >= 0`),
    check("budgets_proratisee", sql`${t.subventionProratisee} >= 0`),
  ],
);

/** A charge or income line of list K (`code`), or a line the coordinator added (`autre_*`, its own label). */
export const budgetLignes = pgTable(
  "budget_lignes",
  {
    id: uuid().primaryKey().defaultRandom(),
    budgetId: uuid()
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    sens: text().notNull(),
    code: text().notNull(),
    /** The label of a line the coordinator added; list K's lines take theirs from the code. */
    libelle: text().notNull().default(""),
    prevu: centimes().notNull().default(0),
    /** Null until the actual amount is entered. */
    realise: centimes(),
    commentaire: text().notNull().default(""),
    ordre: integer().notNull().default(0),
  },
  (t) => [
    unique().on(t.budgetId, t.sens, t.code, t.libelle),
    check("budget_lignes_sens", sql`${t.sens} in ('charge', 'produit')`),
    check("budget_lignes_prevu", sql`${t.prevu} >= 0`),
    check("budget_lignes_realise", sql`${t.realise} >= 0`),
  ],
);

/** Supporting documents of a line (invoices, pay slips, notifications of funding). */
export const budgetJustificatifs = pgTable(
  "budget_justificatifs",
  {
    id: uuid().primaryKey().defaultRandom(),
    ligneId: uuid()
      .notNull()
      .references(() => budgetLignes.id, { onDelete: "cascade" }),
    fichierId: uuid()
      .notNull()
      .references(() => fichiers.id, { onDelete: "cascade" }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [index().on(t.ligneId)],
);

/** A payment of the subsidy (advance, balance) or a repayment after a prorating. */
export const budgetVersements = pgTable(
  "budget_versements",
  {
    id: uuid().primaryKey().defaultRandom(),
    budgetId: uuid()
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    type: text().notNull(),
    centimes: centimes().notNull(),
    verseLe: date({ mode: "string" }).notNull(),
    commentaire: text().notNull().default(""),
    creePar: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.budgetId),
    check("budget_versements_type", sql`${t.type} in ('avance', 'solde', 'remboursement')`),
    check("budget_versements_centimes", sql`${t.centimes} > 0`),
  ],
);
