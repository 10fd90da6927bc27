/**
 * Calls and applications for the coordination's tests (issue 9), inserted as rows: the applicants'
 * commands belong to their own pages. A document's bytes go to the storage given (a temporary
 * directory in tests).
 */
import {
  appelEvaluateurs,
  appels,
  candidats,
  candidaturePieces,
  candidatures,
  evaluationNotes,
  evaluations,
} from "@db/schema";
import { and, eq } from "drizzle-orm";
import type { StatutCandidature } from "~/domain/appels/appel.labels";
import type { Critere, DocumentRequis, QuestionEligibilite } from "~/domain/appels/appel.modeles";
import { champLigne, type FormulaireAppel, LISTES } from "~/domain/appels/appel.schema";
import type { BudgetPropose } from "~/domain/appels/budget-propose";
import type { Executor } from "~/server/db.server";
import type { StockageFichiers } from "~/server/stockage.server";

let sequence = 0;

export const DOCUMENTS_APPEL: DocumentRequis[] = [
  { code: "dossier", libelle: "Dossier de candidature", obligatoire: true, familles: ["pdf"], tailleMaxMo: 10 },
  { code: "cv", libelle: "CV de la personne proposée", obligatoire: true, familles: ["pdf"], tailleMaxMo: 5 },
  { code: "annexes", libelle: "Annexes", obligatoire: false, familles: ["pdf", "image"], tailleMaxMo: 10 },
];

export const QUESTIONS_APPEL: QuestionEligibilite[] = [
  { code: "implantee", question: "La structure est-elle implantée dans le département ?", eliminatoire: true },
  { code: "reseau", question: "La structure travaille-t-elle en réseau ?", eliminatoire: false },
];

export const CRITERES_APPEL: Critere[] = [
  { code: "enjeux", libelle: "Compréhension des enjeux", poids: 2 },
  { code: "faisabilite", libelle: "Faisabilité financière et temporelle", poids: 1 },
  { code: "profil", libelle: "Profil du coordinateur ou de la coordinatrice", poids: 3 },
];

/**
 * The rows of a call's form as the page sends them: `documents.0.libelle`…, a ticked box as « on »,
 * an unticked one left out, the file types as several values.
 */
export function champsDesLignes(formulaire: Pick<FormulaireAppel, (typeof LISTES)[number]>) {
  const champs: Record<string, string | string[]> = {};
  for (const liste of LISTES) {
    formulaire[liste].forEach((ligne, i) => {
      for (const [nom, valeur] of Object.entries(ligne)) {
        if (valeur === false) continue;
        champs[champLigne(liste, i, nom)] = valeur === true ? "on" : (valeur as string | string[]);
      }
    });
  }
  return champs;
}

export type AppelRow = typeof appels.$inferSelect;

export async function insertAppel(
  db: Executor,
  input: {
    departement?: string;
    titre?: string;
    documents?: DocumentRequis[];
    criteres?: Critere[];
    budgetPropose?: boolean;
    publie?: boolean;
    commission?: string[];
  } = {},
): Promise<AppelRow> {
  sequence += 1;
  const [row] = await db
    .insert(appels)
    .values({
      departement: input.departement ?? "04",
      type: "coordination",
      slug: `appel-coord-${sequence}-${Date.now()}`,
      titre: input.titre ?? `Appel de coordination ${sequence}`,
      description: "Un appel pour les essais.",
      ouvertureLe: new Date("2026-01-15T08:00:00Z"),
      clotureLe: new Date("2026-03-15T11:00:00Z"),
      decisionLe: new Date("2026-04-30T08:00:00Z"),
      documents: input.documents ?? DOCUMENTS_APPEL,
      questions: QUESTIONS_APPEL,
      criteres: input.criteres ?? CRITERES_APPEL,
      budgetPropose: input.budgetPropose ?? false,
      publieLe: input.publie ? new Date("2026-01-10T08:00:00Z") : null,
    })
    .returning();
  if (!row) throw new Error("appel not inserted");
  if (input.commission?.length) {
    await db.insert(appelEvaluateurs).values(input.commission.map((userId) => ({ appelId: row.id, userId })));
  }
  return row;
}

export type CandidatureRow = typeof candidatures.$inferSelect;

export async function insertCandidature(
  db: Executor,
  appel: { id: string; departement: string },
  input: {
    statut?: StatutCandidature;
    structureNom?: string;
    reponses?: Record<string, boolean>;
    budget?: BudgetPropose | null;
    deposeeLe?: Date;
    email?: string;
  } = {},
): Promise<CandidatureRow & { email: string }> {
  sequence += 1;
  const email = input.email ?? `candidat-coord${sequence}-${Date.now()}@structure.example`;
  const [candidat] = await db.insert(candidats).values({ email }).returning();
  if (!candidat) throw new Error("candidat not inserted");
  const statut = input.statut ?? "deposee";
  const [row] = await db
    .insert(candidatures)
    .values({
      appelId: appel.id,
      departement: appel.departement,
      candidatId: candidat.id,
      statut,
      structureNom: input.structureNom ?? `Structure ${sequence}`,
      structureCommune: "Digne-les-Bains",
      structureSiret: "12345678900011",
      contactNom: "Camille Martin",
      contactTelephone: "04 92 00 00 00",
      personneProposee: "Alex Durand",
      personneFonction: "Éducateur spécialisé",
      projet: "Animer le réseau des promeneurs du département.",
      reponses: input.reponses ?? { implantee: true, reseau: true },
      budget: input.budget ?? null,
      deposeeLe:
        statut === "brouillon" ? null : (input.deposeeLe ?? new Date(`2026-03-0${(sequence % 9) + 1}T10:00:00Z`)),
    })
    .returning();
  if (!row) throw new Error("candidature not inserted");
  return { ...row, email };
}

/** A document of an application: its bytes written to the storage, its row pointing at them. */
export async function insertPiece(
  db: Executor,
  stockage: StockageFichiers,
  candidatureId: string,
  input: { documentCode?: string; nom?: string; typeMime?: string; contenu?: Buffer } = {},
) {
  const contenu = input.contenu ?? Buffer.from(`%PDF-1.4\n% essai ${++sequence}\n%%EOF\n`);
  const ecrit = await stockage.ecrire(
    (async function* () {
      yield new Uint8Array(contenu);
    })(),
    { maxOctets: 10 * 1024 * 1024 },
  );
  if (!ecrit.ok) throw new Error("piece not stored");
  const [row] = await db
    .insert(candidaturePieces)
    .values({
      candidatureId,
      documentCode: input.documentCode ?? "dossier",
      nom: input.nom ?? "dossier.pdf",
      typeMime: input.typeMime ?? "application/pdf",
      taille: ecrit.taille,
      sha256: ecrit.sha256,
      cle: ecrit.cle,
    })
    .returning();
  if (!row) throw new Error("piece not inserted");
  return row;
}

/** Assigns a reviewer; with `notes`, their scores (submitted when `soumiseLe` is given). */
export async function insertEvaluation(
  db: Executor,
  candidatureId: string,
  evaluateurId: string,
  notes: Record<string, [number, string?]> = {},
  soumiseLe: Date | null = null,
) {
  await db.insert(evaluations).values({ candidatureId, evaluateurId, soumiseLe });
  const lignes = Object.entries(notes).map(([critereCode, [note, commentaire]]) => ({
    candidatureId,
    evaluateurId,
    critereCode,
    note,
    commentaire: commentaire ?? "",
  }));
  if (lignes.length > 0) await db.insert(evaluationNotes).values(lignes);
}

export async function evaluationDe(db: Executor, candidatureId: string, evaluateurId: string) {
  const [row] = await db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.candidatureId, candidatureId), eq(evaluations.evaluateurId, evaluateurId)));
  return row ?? null;
}
