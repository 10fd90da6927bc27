import { describe, expect, it } from "vitest";
import type { DocumentRequis, QuestionEligibilite } from "./appel.modeles";
import type { BudgetPropose } from "./budget-propose";
import { verifierDepot } from "./candidature.rules";
import { candidatureSchema, saisieDepuisFormulaire } from "./candidature.schema";

const DOCUMENTS: DocumentRequis[] = [
  { code: "dossier", libelle: "Dossier de candidature", obligatoire: true, familles: ["pdf"], tailleMaxMo: 10 },
  { code: "annexes", libelle: "Annexes", obligatoire: false, familles: ["pdf"], tailleMaxMo: 2 },
];
const QUESTIONS: QuestionEligibilite[] = [
  { code: "implantee", question: "Implantée dans le département ?", eliminatoire: true },
  { code: "reseau", question: "Travaille en réseau ?", eliminatoire: false },
];
// 15 mars 2026, 23 h 59 min 59 s à Paris (UTC+1).
const CLOTURE = new Date("2026-03-15T22:59:59Z");
const appel = (budgetPropose = false) => ({
  ouvertureLe: new Date("2026-01-15T08:00:00Z"),
  clotureLe: CLOTURE,
  documents: DOCUMENTS,
  questions: QUESTIONS,
  budgetPropose,
});
const COMPLETE = {
  structureNom: "Centre social La Ruche",
  structureCommune: "Digne-les-Bains",
  structureSiret: "12345678900011",
  contactNom: "Camille Martin",
  contactTelephone: "04 92 30 00 00",
  personneProposee: "Alex Durand",
  personneFonction: "Éducateur spécialisé",
  projet: "Animer le réseau.",
  reponses: { implantee: true, reseau: true } as Record<string, boolean>,
  budget: null as BudgetPropose | null,
};
const EQUILIBRE: BudgetPropose = {
  charges: { personnel_coordination: 3_000_000, deplacements: 500_000 },
  produits: { caf: 2_800_000, msa: 250_000, fonds_propres: 450_000 },
  etpCentiemes: 50,
};

const verifier = (
  candidature: typeof COMPLETE,
  options: { maintenant?: Date; fournis?: string[]; budgetPropose?: boolean } = {},
) =>
  verifierDepot({
    appel: appel(options.budgetPropose),
    candidature,
    documentsFournis: new Set(options.fournis ?? ["dossier"]),
    maintenant: options.maintenant ?? new Date("2026-03-01T10:00:00Z"),
  });

describe("dépôt d'une candidature", () => {
  it("accepte une candidature complète une seconde avant la clôture, la refuse une seconde après", () => {
    expect(verifier(COMPLETE, { maintenant: new Date(CLOTURE.getTime() - 1000) }).peutDeposer).toBe(true);
    expect(verifier(COMPLETE, { maintenant: CLOTURE }).peutDeposer).toBe(true);
    const apres = verifier(COMPLETE, { maintenant: new Date(CLOTURE.getTime() + 1000) });
    expect(apres.peutDeposer).toBe(false);
    expect(apres.motifs).toEqual([
      "L'appel est clos depuis le 15 mars 2026 à 23 h 59 : la candidature ne peut plus être déposée.",
    ]);
  });

  it("liste les champs vides, les documents obligatoires manquants et les questions sans réponse", () => {
    const v = verifier(
      { ...COMPLETE, structureSiret: "", projet: "  ", reponses: { reseau: false } },
      { fournis: ["annexes"] },
    );
    expect(v.peutDeposer).toBe(false);
    expect(v.champsManquants).toEqual(["Numéro SIRET de la structure", "Présentation du projet"]);
    expect(v.motifs).toEqual([
      "Champs à remplir : Numéro SIRET de la structure, Présentation du projet.",
      "Documents obligatoires manquants : Dossier de candidature.",
      "Questions d'éligibilité sans réponse : « Implantée dans le département ? ».",
    ]);
  });

  it("laisse déposer malgré un « non » à une question éliminatoire, avec un avertissement", () => {
    const v = verifier({ ...COMPLETE, reponses: { implantee: false, reseau: true } });
    expect(v.peutDeposer).toBe(true);
    expect(v.eligibilite.eligible).toBe(false);
    expect(v.avertissements).toHaveLength(1);
    expect(v.avertissements[0]).toContain("« Implantée dans le département ? »");
  });

  it("exige le budget quand l'appel en demande un, et qu'il respecte les règles de financement", () => {
    expect(verifier(COMPLETE, { budgetPropose: true }).motifs).toEqual([
      "Le budget prévisionnel annuel n'est pas rempli.",
    ]);
    expect(verifier({ ...COMPLETE, budget: EQUILIBRE }, { budgetPropose: true }).peutDeposer).toBe(true);
    const trop = verifier(
      { ...COMPLETE, budget: { ...EQUILIBRE, produits: { caf: 3_500_000 } } },
      { budgetPropose: true },
    );
    expect(trop.peutDeposer).toBe(false);
    expect(trop.motifs[0]).toMatch(
      /^Le budget prévisionnel ne respecte pas les règles de financement : Part de la CAF/,
    );
  });
});

describe("formulaire de candidature", () => {
  const schema = candidatureSchema({ questions: QUESTIONS, budgetPropose: true });

  it("lit les montants et le temps saisis à la française, en centimes et en centièmes d'ETP", () => {
    const lu = schema.safeParse({
      version: "3",
      structureSiret: "123 456 789 00011",
      charge_personnel_coordination: "30 000",
      produit_caf: "2 500,50 €",
      etp: "0,5",
      reponse_implantee: "oui",
      reponse_reseau: "non",
    });
    expect(lu.success).toBe(true);
    const saisie = saisieDepuisFormulaire(lu.data as Record<string, unknown>, {
      questions: QUESTIONS,
      budgetPropose: true,
    });
    expect(saisie.structureSiret).toBe("12345678900011");
    expect(saisie.reponses).toEqual({ implantee: true, reseau: false });
    expect(saisie.budget?.charges.personnel_coordination).toBe(3_000_000);
    expect(saisie.budget?.charges.deplacements).toBe(0);
    expect(saisie.budget?.produits.caf).toBe(250_050);
    expect(saisie.budget?.etpCentiemes).toBe(50);
  });

  it("refuse un SIRET, un téléphone ou un montant mal formés, avec un message en français", () => {
    const lu = schema.safeParse({
      version: "1",
      structureSiret: "1234",
      contactTelephone: "appelez-moi",
      produit_msa: "deux mille",
    });
    expect(lu.success).toBe(false);
    const messages = Object.fromEntries((lu.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(messages.structureSiret).toBe("Le numéro SIRET compte 14 chiffres (les espaces sont acceptés).");
    expect(messages.contactTelephone).toMatch(/^Indiquez un numéro de téléphone français/);
    expect(messages.produit_msa).toMatch(/^Indiquez un montant en euros/);
  });

  it("refuse une présentation du projet qui permettrait de reconnaître un jeune", () => {
    const lu = schema.safeParse({
      version: "1",
      projet: "Nous suivons déjà Léa (snap : lea_du_04), joignable au 06 12 34 56 78.",
    });
    expect(lu.success).toBe(false);
    expect(lu.error?.issues.map((i) => [String(i.path[0]), i.message])).toEqual([
      ["projet", expect.stringMatching(/^Ce texte contient un numéro de téléphone .* reconnaître un jeune/)],
    ]);
    const propre = schema.safeParse({ version: "1", projet: "Animer le réseau,\r\nen lien avec le 3114." });
    expect(propre.success && propre.data.projet).toBe("Animer le réseau,\nen lien avec le 3114.");
  });

  it("ne garde pas de budget quand rien n'en est saisi", () => {
    const lu = schema.safeParse({ version: "1" });
    expect(lu.success).toBe(true);
    expect(
      saisieDepuisFormulaire(lu.data as Record<string, unknown>, { questions: QUESTIONS, budgetPropose: true }).budget,
    ).toBeNull();
  });
});
