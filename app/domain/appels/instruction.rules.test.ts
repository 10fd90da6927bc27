import { describe, expect, it } from "vitest";
import type { StatutCandidature } from "./appel.labels";
import type { Appel, CandidatureComplete, EvaluationLue } from "./appel.queries.server";
import { refusAttribution, refusDecision, refusVerification, syntheseAppel } from "./instruction.rules";

const appel = {
  id: "a",
  criteres: [
    { code: "enjeux", libelle: "Enjeux", poids: 2 },
    { code: "profil", libelle: "Profil", poids: 3 },
  ],
  documents: [{ code: "dossier", libelle: "Dossier", obligatoire: true, familles: ["pdf"], tailleMaxMo: 10 }],
  questions: [{ code: "implantee", question: "Implantée ?", eliminatoire: true }],
} as unknown as Appel;

function evaluation(nom: string, notes: [number, number], soumise: boolean): EvaluationLue {
  return {
    evaluateurId: nom,
    evaluateurNom: nom,
    attribueeLe: new Date("2026-03-20T10:00:00Z"),
    soumiseLe: soumise ? new Date("2026-03-25T10:00:00Z") : null,
    notes: [
      { critereCode: "enjeux", note: notes[0], commentaire: "" },
      { critereCode: "profil", note: notes[1], commentaire: "" },
    ],
  };
}

function candidature(
  id: string,
  statut: StatutCandidature,
  evaluations: EvaluationLue[],
  jour = 1,
): CandidatureComplete {
  return {
    appel,
    candidature: {
      id,
      statut,
      reponses: { implantee: true },
      deposeeLe: statut === "brouillon" ? null : new Date(`2026-03-0${jour}T10:00:00Z`),
    } as unknown as CandidatureComplete["candidature"],
    pieces: [],
    evaluations,
  };
}

describe("la synthèse d'un appel", () => {
  it("classe sur les seules évaluations soumises ; un brouillon d'évaluation ne compte pas", () => {
    const { lignes, parStatut } = syntheseAppel([
      // A: submitted 5/5 and 5/5 → 100; a draft at 0 does not pull it down.
      candidature("A", "recevable", [evaluation("x", [5, 5], true), evaluation("y", [0, 0], false)], 2),
      // B: submitted (4, 2) → (8 + 6) / 25 = 56; a draft at 5/5 does not lift it.
      candidature("B", "recevable", [evaluation("x", [4, 2], true), evaluation("y", [5, 5], false)], 1),
      // C: only a draft → unranked.
      candidature("C", "deposee", [evaluation("x", [5, 5], false)], 3),
      // D: not receivable: not ranked even with a score.
      candidature("D", "irrecevable", [evaluation("x", [5, 5], true)], 4),
      candidature("E", "brouillon", []),
    ]);
    expect(lignes.map((l) => [l.candidature.id, l.note, l.rang])).toEqual([
      ["A", 100, 1],
      ["B", 56, 2],
      ["C", null, null],
      ["D", null, null],
    ]);
    expect(lignes[0]?.soumises).toBe(1);
    expect(lignes[0]?.completude.complet).toBe(false);
    expect(lignes[0]?.eligibilite.eligible).toBe(true);
    expect(parStatut).toMatchObject({ brouillon: 1, deposee: 1, recevable: 2, irrecevable: 1 });
  });
});

describe("le circuit d'une candidature", () => {
  it("déposée → recevable | irrecevable → retenue | refusée", () => {
    expect(refusVerification("deposee")).toBeNull();
    expect(refusVerification("recevable")).toBeNull();
    expect(refusVerification("brouillon")).toMatch(/brouillon/);
    expect(refusVerification("retenue")).toMatch(/décision est prise/);
    expect(refusDecision("recevable")).toBeNull();
    expect(refusDecision("deposee")).toMatch(/recevable/);
    expect(refusDecision("irrecevable")).toMatch(/irrecevable/);
    expect(refusDecision("refusee")).toMatch(/déjà prise/);
    expect(refusAttribution("deposee")).toBeNull();
    expect(refusAttribution("irrecevable")).toMatch(/irrecevable/);
  });
});
