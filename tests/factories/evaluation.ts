/**
 * Calls, applications and reviewers' assignments for the reviewers' tests (issue 9), inserted as
 * rows: the commands that create them belong to the coordinator's and the applicants' pages.
 */
import { appels, candidats, candidaturePieces, candidatures, evaluationNotes, evaluations } from "@db/schema";
import { and, eq } from "drizzle-orm";
import type { StatutCandidature } from "~/domain/appels/appel.labels";
import type { Critere } from "~/domain/appels/appel.modeles";
import type { BudgetPropose } from "~/domain/appels/budget-propose";
import type { Executor } from "~/server/db.server";

let sequence = 0;

export const CRITERES_ESSAI: Critere[] = [
  { code: "enjeux", libelle: "Compréhension des enjeux", poids: 2 },
  { code: "faisabilite", libelle: "Faisabilité financière et temporelle", poids: 1 },
  { code: "profil", libelle: "Profil du coordinateur ou de la coordinatrice", poids: 3 },
];

export async function insertAppelEssai(
  db: Executor,
  input: { departement?: string; titre?: string; criteres?: Critere[]; budgetPropose?: boolean } = {},
) {
  sequence += 1;
  const [row] = await db
    .insert(appels)
    .values({
      departement: input.departement ?? "04",
      type: "coordination",
      slug: `appel-essai-${sequence}-${Date.now()}`,
      titre: input.titre ?? `Appel d'essai ${sequence}`,
      description: "Un appel pour les essais.",
      ouvertureLe: new Date("2026-01-15T08:00:00Z"),
      clotureLe: new Date("2026-03-15T11:00:00Z"),
      decisionLe: new Date("2026-04-30T08:00:00Z"),
      documents: [
        { code: "dossier", libelle: "Dossier de candidature", obligatoire: true, familles: ["pdf"], tailleMaxMo: 10 },
      ],
      questions: [
        { code: "implantee", question: "La structure est-elle implantée dans le département ?", eliminatoire: true },
      ],
      criteres: input.criteres ?? CRITERES_ESSAI,
      budgetPropose: input.budgetPropose ?? false,
      publieLe: new Date("2026-01-10T08:00:00Z"),
    })
    .returning();
  if (!row) throw new Error("appel not inserted");
  return row;
}

export async function insertCandidatureEssai(
  db: Executor,
  appel: { id: string; departement: string },
  input: { statut?: StatutCandidature; structureNom?: string; budget?: BudgetPropose | null } = {},
) {
  sequence += 1;
  const [candidat] = await db
    .insert(candidats)
    .values({ email: `candidat${sequence}-${Date.now()}@essai.pdn.fr` })
    .returning();
  if (!candidat) throw new Error("candidat not inserted");
  const statut = input.statut ?? "recevable";
  const [row] = await db
    .insert(candidatures)
    .values({
      appelId: appel.id,
      departement: appel.departement,
      candidatId: candidat.id,
      statut,
      structureNom: input.structureNom ?? `Structure d'essai ${sequence}`,
      structureCommune: "Digne-les-Bains",
      structureSiret: "12345678900011",
      contactNom: "Camille Martin",
      contactTelephone: "04 92 00 00 00",
      personneProposee: "Alex Durand",
      personneFonction: "Éducateur spécialisé",
      projet: "Animer le réseau des promeneurs du département.",
      reponses: { implantee: true },
      budget: input.budget ?? null,
      deposeeLe: statut === "brouillon" ? null : new Date("2026-03-01T10:00:00Z"),
    })
    .returning();
  if (!row) throw new Error("candidature not inserted");
  return row;
}

export async function insertPieceEssai(db: Executor, candidatureId: string) {
  sequence += 1;
  const [row] = await db
    .insert(candidaturePieces)
    .values({
      candidatureId,
      documentCode: "dossier",
      nom: "dossier-candidature.pdf",
      typeMime: "application/pdf",
      taille: 245_760,
      sha256: "0".repeat(64),
      cle: `essai-${sequence}-${Date.now()}`,
    })
    .returning();
  if (!row) throw new Error("piece not inserted");
  return row;
}

/** Assigns a reviewer to an application. */
export async function attribuer(db: Executor, candidatureId: string, evaluateurId: string) {
  await db.insert(evaluations).values({ candidatureId, evaluateurId });
}

/** A reviewer's scores as stored (draft, or submitted with `soumiseLe`). */
export async function insertNotesEssai(
  db: Executor,
  candidatureId: string,
  evaluateurId: string,
  notes: Record<string, [number, string?]>,
  soumiseLe: Date | null = null,
) {
  const lignes = Object.entries(notes).map(([critereCode, [note, commentaire]]) => ({
    candidatureId,
    evaluateurId,
    critereCode,
    note,
    commentaire: commentaire ?? "",
  }));
  if (lignes.length > 0) await db.insert(evaluationNotes).values(lignes);
  await db
    .update(evaluations)
    .set({ soumiseLe })
    .where(and(eq(evaluations.candidatureId, candidatureId), eq(evaluations.evaluateurId, evaluateurId)));
}
