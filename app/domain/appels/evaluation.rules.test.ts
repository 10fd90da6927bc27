import { describe, expect, it } from "vitest";
import { STATUTS_CANDIDATURE } from "./appel.labels";
import type { Critere } from "./appel.modeles";
import {
  type EvaluationDe,
  etatEvaluation,
  evaluationsVisiblesPar,
  isEvaluable,
  refusModification,
  totalEvaluation,
} from "./evaluation.rules";

const LE = new Date("2026-04-01T08:00:00Z");
const note = (critereCode: string, n: number, commentaire = "") => ({ critereCode, note: n, commentaire });

const moiBrouillon: EvaluationDe = { evaluateurId: "moi", soumiseLe: null, notes: [note("a", 3)] };
const moiSoumise: EvaluationDe = { ...moiBrouillon, soumiseLe: LE };
const bSoumise: EvaluationDe = { evaluateurId: "b", soumiseLe: LE, notes: [note("a", 5, "Très clair")] };
const cBrouillon: EvaluationDe = { evaluateurId: "c", soumiseLe: null, notes: [note("a", 1, "À revoir")] };
const dSansNote: EvaluationDe = { evaluateurId: "d", soumiseLe: null, notes: [] };

describe("la règle de l'évaluation à l'aveugle", () => {
  it("ne montre rien des autres tant que sa propre évaluation n'est pas soumise", () => {
    expect(evaluationsVisiblesPar([moiBrouillon, bSoumise, cBrouillon], "moi")).toEqual([]);
  });

  it("une fois la sienne soumise, montre les évaluations soumises des autres, jamais leurs brouillons", () => {
    expect(evaluationsVisiblesPar([bSoumise, cBrouillon, moiSoumise, dSansNote], "moi")).toEqual([bSoumise]);
  });

  it("ne se montre pas soi-même parmi les autres", () => {
    expect(evaluationsVisiblesPar([moiSoumise], "moi")).toEqual([]);
  });

  it("ne montre rien à quelqu'un qui n'évalue pas la candidature", () => {
    expect(evaluationsVisiblesPar([bSoumise, moiSoumise], "inconnu")).toEqual([]);
  });
});

describe("quand les notes peuvent changer", () => {
  it("seules les candidatures recevables, retenues ou refusées s'évaluent", () => {
    expect(STATUTS_CANDIDATURE.filter(isEvaluable)).toEqual(["recevable", "retenue", "refusee"]);
  });

  it("une candidature recevable se note tant que l'évaluation n'est pas soumise", () => {
    expect(refusModification("recevable", null)).toBeNull();
    expect(refusModification("recevable", LE)).toBe(
      "Votre évaluation est soumise : ses notes et commentaires ne peuvent plus changer.",
    );
  });

  it("après la décision, les notes ne changent plus, même en brouillon", () => {
    expect(refusModification("retenue", null)).toContain("La décision est prise");
    expect(refusModification("refusee", null)).toContain("La décision est prise");
  });

  it("une candidature non recevable ne s'évalue pas", () => {
    expect(refusModification("deposee", null)).toContain("n'est pas recevable");
    expect(refusModification("irrecevable", null)).toContain("n'est pas recevable");
  });
});

describe("l'état d'une évaluation", () => {
  it("à saisir, puis brouillon dès une note enregistrée, puis soumise", () => {
    expect(etatEvaluation({ soumiseLe: null, notees: 0 })).toBe("a_noter");
    expect(etatEvaluation({ soumiseLe: null, notees: 2 })).toBe("brouillon");
    expect(etatEvaluation({ soumiseLe: LE, notees: 9 })).toBe("soumise");
  });
});

const criteres: Critere[] = [
  { code: "a", libelle: "Compréhension des enjeux", poids: 2 },
  { code: "b", libelle: "Faisabilité", poids: 1 },
  { code: "c", libelle: "Partenariats", poids: 3 },
];

describe("le total pondéré d'une évaluation", () => {
  it("provisoire tant qu'un critère manque : pas de note sur 100", () => {
    const t = totalEvaluation(criteres, [note("a", 4), note("c", 2)]);
    expect(t).toMatchObject({ points: 14, max: 30, complete: false, notees: 2, sur100: null });
  });

  it("complète : la note sur 100 au centième", () => {
    const t = totalEvaluation(criteres, [note("a", 4), note("b", 5), note("c", 2)]);
    expect(t).toMatchObject({ points: 19, max: 30, complete: true, notees: 3, sur100: 63.33 });
  });

  it("ignore la note d'un critère que l'appel n'a plus", () => {
    const t = totalEvaluation(criteres, [note("a", 5), note("b", 5), note("c", 5), note("retire", 5)]);
    expect(t).toMatchObject({ points: 30, max: 30, notees: 3, sur100: 100 });
  });
});
