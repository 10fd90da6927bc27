/**
 * Calls for applications (issue 9, DESIGN §3): a call with its required documents, eligibility
 * questions and weighted criteria (as the coordinator set them, JSON checked by
 * app/domain/appels/appel.schema.ts); the applicants, who sign in by an e-mail link and never get a
 * staff account; their applications, uploaded documents (bytes on the file storage, never in a web
 * root), the reviewers' assignments and scores, and the decision.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./comptes";
import { departements } from "./territoire";

const at = () => timestamp({ withTimezone: true, mode: "date" });

export const appels = pgTable(
  "appels",
  {
    id: uuid().primaryKey().defaultRandom(),
    departement: text()
      .notNull()
      .references(() => departements.code),
    /** `coordination` (the CAF's call) or `recrutement` (a structure proposes a professional). */
    type: text().notNull(),
    /** The public address: /appels/:slug. */
    slug: text().notNull(),
    titre: text().notNull(),
    /** Markdown, rendered sanitised. */
    description: text().notNull(),
    ouvertureLe: at().notNull(),
    /** The deadline, an instant (Europe/Paris as typed): a submission after it is refused. */
    clotureLe: at().notNull(),
    decisionLe: at(),
    /** `DocumentRequis[]`. */
    documents: jsonb().notNull(),
    /** `QuestionEligibilite[]`. */
    questions: jsonb().notNull(),
    /** `Critere[]`. */
    criteres: jsonb().notNull(),
    /** Whether an application carries a proposed annual budget, checked against the funding rules. */
    budgetPropose: boolean().notNull().default(false),
    /** A call is shown on /appels once published. */
    publieLe: at(),
    version: integer().notNull().default(1),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.departement, t.slug),
    check("appels_type", sql`${t.type} in ('coordination', 'recrutement')`),
    check("appels_dates", sql`${t.clotureLe} > ${t.ouvertureLe}`),
    check("appels_decision", sql`${t.decisionLe} is null or ${t.decisionLe} >= ${t.clotureLe}`),
  ],
);

/** The call's selection commission: users with the `evaluateur` role of its département. */
export const appelEvaluateurs = pgTable(
  "appel_evaluateurs",
  {
    appelId: uuid()
      .notNull()
      .references(() => appels.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appelId, t.userId] }), index().on(t.userId)],
);

/** A person applying on behalf of a structure: an e-mail address, proved by the links sent to it. */
export const candidats = pgTable("candidats", {
  id: uuid().primaryKey().defaultRandom(),
  /** Always stored lower-cased and trimmed. */
  email: text().notNull().unique(),
  createdAt: at().notNull().defaultNow(),
  lastSeenAt: at(),
});

/** A sign-in link sent by e-mail: single use, short-lived; only the SHA-256 of its token is kept. */
export const candidatLiens = pgTable(
  "candidat_liens",
  {
    tokenHash: text().primaryKey(),
    candidatId: uuid()
      .notNull()
      .references(() => candidats.id, { onDelete: "cascade" }),
    /** Where the link leads once used (the call applied to). */
    appelId: uuid().references(() => appels.id, { onDelete: "cascade" }),
    createdAt: at().notNull().defaultNow(),
    expiresAt: at().notNull(),
    usedAt: at(),
  },
  (t) => [index().on(t.candidatId, t.createdAt)],
);

/** An applicant's session (cookie `pdn_candidat`), separate from the staff's: it opens no staff page. */
export const candidatSessions = pgTable(
  "candidat_sessions",
  {
    /** SHA-256 of the cookie's token. */
    id: text().primaryKey(),
    candidatId: uuid()
      .notNull()
      .references(() => candidats.id, { onDelete: "cascade" }),
    createdAt: at().notNull().defaultNow(),
    expiresAt: at().notNull(),
  },
  (t) => [index().on(t.candidatId)],
);

export const candidatures = pgTable(
  "candidatures",
  {
    id: uuid().primaryKey().defaultRandom(),
    appelId: uuid()
      .notNull()
      .references(() => appels.id, { onDelete: "cascade" }),
    departement: text()
      .notNull()
      .references(() => departements.code),
    candidatId: uuid()
      .notNull()
      .references(() => candidats.id, { onDelete: "cascade" }),
    /** brouillon → deposee → recevable | irrecevable → retenue | refusee. */
    statut: text().notNull().default("brouillon"),
    structureNom: text().notNull().default(""),
    structureCommune: text().notNull().default(""),
    structureSiret: text().notNull().default(""),
    /** The applicant's own name and phone (a professional, never a young person). */
    contactNom: text().notNull().default(""),
    contactTelephone: text().notNull().default(""),
    /** The person proposed: the coordinator (coordination call) or the professional (recruitment). */
    personneProposee: text().notNull().default(""),
    personneFonction: text().notNull().default(""),
    /** The project, in the applicant's words (Markdown-free plain text). */
    projet: text().notNull().default(""),
    /** `{ [question code]: boolean }`. */
    reponses: jsonb().notNull().default({}),
    /** `BudgetPropose` (cents), when the call asks for one. */
    budget: jsonb(),
    deposeeLe: at(),
    /** The coordinator's completeness and eligibility check, and why it is not receivable. */
    verifieeLe: at(),
    verifieePar: uuid().references(() => users.id, { onDelete: "set null" }),
    motifIrrecevabilite: text(),
    decideeLe: at(),
    decideePar: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The reasons given to the applicant with the decision (mandatory for a refusal). */
    motifDecision: text(),
    version: integer().notNull().default(1),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.appelId, t.candidatId),
    index().on(t.candidatId),
    check(
      "candidatures_statut",
      sql`${t.statut} in ('brouillon', 'deposee', 'recevable', 'irrecevable', 'retenue', 'refusee')`,
    ),
    check("candidatures_deposee", sql`${t.statut} = 'brouillon' or ${t.deposeeLe} is not null`),
  ],
);

/**
 * An uploaded document: its bytes live on the file storage under `cle` (random, never the file's
 * name); the type was read from the bytes. One file per required document (a new upload replaces it).
 */
export const candidaturePieces = pgTable(
  "candidature_pieces",
  {
    id: uuid().primaryKey().defaultRandom(),
    candidatureId: uuid()
      .notNull()
      .references(() => candidatures.id, { onDelete: "cascade" }),
    documentCode: text().notNull(),
    /** The name shown and offered on download (cleaned). */
    nom: text().notNull(),
    typeMime: text().notNull(),
    taille: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    cle: text().notNull().unique(),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [unique().on(t.candidatureId, t.documentCode), check("candidature_pieces_taille", sql`${t.taille} > 0`)],
);

/** A reviewer assigned to an application; their scores count once submitted (`soumiseLe`). */
export const evaluations = pgTable(
  "evaluations",
  {
    candidatureId: uuid()
      .notNull()
      .references(() => candidatures.id, { onDelete: "cascade" }),
    evaluateurId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    attribueeLe: at().notNull().defaultNow(),
    soumiseLe: at(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.candidatureId, t.evaluateurId] }), index().on(t.evaluateurId)],
);

/** One criterion's score (0–5) and comment by one reviewer. */
export const evaluationNotes = pgTable(
  "evaluation_notes",
  {
    candidatureId: uuid().notNull(),
    evaluateurId: uuid().notNull(),
    critereCode: text().notNull(),
    note: smallint().notNull(),
    commentaire: text().notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.candidatureId, t.evaluateurId, t.critereCode] }),
    foreignKey({
      columns: [t.candidatureId, t.evaluateurId],
      foreignColumns: [evaluations.candidatureId, evaluations.evaluateurId],
    }).onDelete("cascade"),
    check("evaluation_notes_note", sql`${t.note} between 0 and 5`),
  ],
);
