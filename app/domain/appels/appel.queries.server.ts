/**
 * The calls' shared reads (issue 9): a call with its definition (documents, questions, criteria,
 * read from JSON and checked), an application with its documents and its reviewers' scores. Each
 * page and command checks permissions itself; these reads only fetch.
 */
import {
  appelEvaluateurs,
  appels,
  candidaturePieces,
  candidatures,
  evaluationNotes,
  evaluations,
  users,
} from "@db/schema";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "~/server/db.server";
import { FAMILLES_FICHIER, type StatutCandidature, type TypeAppel } from "./appel.labels";
import type { Critere, DocumentRequis, QuestionEligibilite } from "./appel.modeles";
import type { BudgetPropose } from "./budget-propose";

export type { BudgetPropose };

const documentsSchema = z.array(
  z.object({
    code: z.string(),
    libelle: z.string(),
    obligatoire: z.boolean(),
    familles: z.array(z.enum(FAMILLES_FICHIER)),
    tailleMaxMo: z.number(),
  }),
);
const questionsSchema = z.array(z.object({ code: z.string(), question: z.string(), eliminatoire: z.boolean() }));
const criteresSchema = z.array(z.object({ code: z.string(), libelle: z.string(), poids: z.number() }));
const reponsesSchema = z.record(z.string(), z.boolean());

const budgetProposeSchema = z.object({
  charges: z.record(z.string(), z.number().int().nonnegative()),
  produits: z.record(z.string(), z.number().int().nonnegative()),
  etpCentiemes: z.number().int().min(0).max(100).nullable(),
});

export type Appel = Omit<typeof appels.$inferSelect, "documents" | "questions" | "criteres" | "type"> & {
  type: TypeAppel;
  documents: DocumentRequis[];
  questions: QuestionEligibilite[];
  criteres: Critere[];
};

/** A row of `appels` with its JSON definition read and typed. */
export function appelDepuisLigne(row: typeof appels.$inferSelect): Appel {
  return {
    ...row,
    type: row.type as TypeAppel,
    documents: documentsSchema.parse(row.documents),
    questions: questionsSchema.parse(row.questions),
    criteres: criteresSchema.parse(row.criteres),
  };
}

export async function getAppel(db: Executor, id: string): Promise<Appel | null> {
  const [row] = await db.select().from(appels).where(eq(appels.id, id));
  return row ? appelDepuisLigne(row) : null;
}

/** A published call of a département by its public address. */
export async function findAppelPublie(db: Executor, departement: string, slug: string): Promise<Appel | null> {
  const [row] = await db
    .select()
    .from(appels)
    .where(and(eq(appels.departement, departement), eq(appels.slug, slug)));
  return row?.publieLe ? appelDepuisLigne(row) : null;
}

/** The call's selection commission. */
export async function evaluateursDeLAppel(db: Executor, appelId: string) {
  return db
    .select({ userId: users.id, nom: users.nom, email: users.email })
    .from(appelEvaluateurs)
    .innerJoin(users, eq(users.id, appelEvaluateurs.userId))
    .where(eq(appelEvaluateurs.appelId, appelId))
    .orderBy(asc(users.nom));
}

export type Candidature = Omit<typeof candidatures.$inferSelect, "reponses" | "budget" | "statut"> & {
  statut: StatutCandidature;
  reponses: Record<string, boolean>;
  budget: BudgetPropose | null;
};

export function candidatureDepuisLigne(row: typeof candidatures.$inferSelect): Candidature {
  return {
    ...row,
    statut: row.statut as StatutCandidature,
    reponses: reponsesSchema.parse(row.reponses ?? {}),
    budget: row.budget == null ? null : budgetProposeSchema.parse(row.budget),
  };
}

export type Piece = typeof candidaturePieces.$inferSelect;

export type NoteCritere = { critereCode: string; note: number; commentaire: string };
export type EvaluationLue = {
  evaluateurId: string;
  evaluateurNom: string;
  attribueeLe: Date;
  soumiseLe: Date | null;
  notes: NoteCritere[];
};

export type CandidatureComplete = {
  candidature: Candidature;
  appel: Appel;
  pieces: Piece[];
  /** Every reviewer's scores: a page shows others' only as the blind rule allows (evaluation rules). */
  evaluations: EvaluationLue[];
};

/** The applications of some candidatures' ids with their documents and scores, in the given order. */
async function completer(db: Executor, rows: (typeof candidatures.$inferSelect)[], appel: Appel) {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [pieces, evals, notes] = await Promise.all([
    db
      .select()
      .from(candidaturePieces)
      .where(inArray(candidaturePieces.candidatureId, ids))
      .orderBy(asc(candidaturePieces.createdAt)),
    db
      .select({
        candidatureId: evaluations.candidatureId,
        evaluateurId: evaluations.evaluateurId,
        evaluateurNom: users.nom,
        attribueeLe: evaluations.attribueeLe,
        soumiseLe: evaluations.soumiseLe,
      })
      .from(evaluations)
      .innerJoin(users, eq(users.id, evaluations.evaluateurId))
      .where(inArray(evaluations.candidatureId, ids))
      .orderBy(asc(users.nom)),
    db.select().from(evaluationNotes).where(inArray(evaluationNotes.candidatureId, ids)),
  ]);
  return rows.map((row) => ({
    candidature: candidatureDepuisLigne(row),
    appel,
    pieces: pieces.filter((p) => p.candidatureId === row.id),
    evaluations: evals
      .filter((e) => e.candidatureId === row.id)
      .map(({ candidatureId: _, ...e }) => ({
        ...e,
        notes: notes
          .filter((n) => n.candidatureId === row.id && n.evaluateurId === e.evaluateurId)
          .map((n) => ({ critereCode: n.critereCode, note: n.note, commentaire: n.commentaire })),
      })),
  }));
}

export async function getCandidatureComplete(db: Executor, id: string): Promise<CandidatureComplete | null> {
  const [row] = await db.select().from(candidatures).where(eq(candidatures.id, id));
  if (!row) return null;
  const appel = await getAppel(db, row.appelId);
  if (!appel) return null;
  const [complete] = await completer(db, [row], appel);
  return complete ?? null;
}

/**
 * Every application of a call, oldest first: the submitted ones with their documents and scores,
 * the drafts (counted, never opened by the coordination) without them.
 */
export async function candidaturesDeLAppel(db: Executor, appel: Appel): Promise<CandidatureComplete[]> {
  const rows = await db
    .select()
    .from(candidatures)
    .where(eq(candidatures.appelId, appel.id))
    .orderBy(asc(candidatures.createdAt));
  const completes = await completer(
    db,
    rows.filter((r) => r.statut !== "brouillon"),
    appel,
  );
  const parId = new Map(completes.map((c) => [c.candidature.id, c]));
  return rows.map(
    (row) => parId.get(row.id) ?? { candidature: candidatureDepuisLigne(row), appel, pieces: [], evaluations: [] },
  );
}
