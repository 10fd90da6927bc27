import { describe, expect, it } from "vitest";
import { instantParis } from "~/lib/jour";
import { MODELE_COORDINATION, MODELE_RECRUTEMENT } from "./appel.modeles";
import {
  classement,
  completude,
  eligibilite,
  etatAppel,
  evaluer,
  noteSur100,
  refusDepot,
  refusFichier,
  verifierAppel,
} from "./appel.rules";

// Closing: Sunday 15 March 2026, 12:00 Europe/Paris (11:00 UTC, winter time).
const calendrier = {
  ouvertureLe: instantParis({ annee: 2026, mois: 1, jour: 15 }, 9),
  clotureLe: instantParis({ annee: 2026, mois: 3, jour: 15 }, 12),
};
const SECONDE = 1000;

describe("la date limite d'un appel", () => {
  it("est un instant de Paris : une seconde avant, le dépôt passe ; une seconde après, il est refusé", () => {
    expect(calendrier.clotureLe.toISOString()).toBe("2026-03-15T11:00:00.000Z");
    const avant = new Date(calendrier.clotureLe.getTime() - SECONDE);
    const apres = new Date(calendrier.clotureLe.getTime() + SECONDE);
    expect(etatAppel(calendrier, avant)).toBe("ouvert");
    expect(refusDepot(calendrier, avant)).toBeNull();
    expect(etatAppel(calendrier, calendrier.clotureLe)).toBe("ouvert");
    expect(etatAppel(calendrier, apres)).toBe("clos");
    expect(refusDepot(calendrier, apres)).toBe(
      "L'appel est clos depuis le 15 mars 2026 à 12 h 00 : la candidature ne peut plus être déposée.",
    );
  });

  it("avant l'ouverture, le dépôt est refusé avec la date d'ouverture", () => {
    const tot = new Date(calendrier.ouvertureLe.getTime() - SECONDE);
    expect(etatAppel(calendrier, tot)).toBe("a_venir");
    expect(refusDepot(calendrier, tot)).toContain("à partir du 15 janvier 2026 à 09 h 00");
  });
});

describe("les fichiers d'une candidature", () => {
  const dossier = MODELE_COORDINATION.documents.find((d) => d.code === "dossier");
  if (!dossier) throw new Error("modèle sans dossier");

  it("acceptent le type lu dans les octets, quel que soit le nom, et refusent le reste", () => {
    expect(refusFichier(dossier, { typeMime: "application/pdf", taille: 1000 })).toBeNull();
    // A file named .pdf whose bytes are not a PDF: its detected type is null or another one.
    expect(refusFichier(dossier, { typeMime: null, taille: 1000 })).toBe(
      "Ce fichier n'est pas du type attendu (PDF), quel que soit son nom.",
    );
    expect(refusFichier(dossier, { typeMime: "image/png", taille: 1000 })).toContain("(PDF)");
    const comptes = MODELE_COORDINATION.documents.find((d) => d.code === "comptes");
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (comptes) expect(refusFichier(comptes, { typeMime: xlsx, taille: 1000 })).toBeNull();
  });

  it("refusent un fichier vide ou au-delà de la taille permise (10 Mo : 10 Mo passe, un octet de plus non)", () => {
    const dixMo = 10 * 1024 * 1024;
    expect(refusFichier(dossier, { typeMime: "application/pdf", taille: dixMo })).toBeNull();
    expect(refusFichier(dossier, { typeMime: "application/pdf", taille: dixMo + 1 })).toBe(
      "Le fichier dépasse 10\u00a0Mo : choisissez un fichier plus léger.",
    );
    expect(refusFichier(dossier, { typeMime: "application/pdf", taille: 0 })).toBe("Le fichier est vide.");
  });
});

describe("complétude et éligibilité", () => {
  it("liste les documents obligatoires manquants ; les facultatifs ne manquent jamais", () => {
    const obligatoires = MODELE_COORDINATION.documents.filter((d) => d.obligatoire).map((d) => d.code);
    const c = completude(MODELE_COORDINATION.documents, new Set(obligatoires.filter((code) => code !== "rib")));
    expect(c.complet).toBe(false);
    expect(c.manquants.map((d) => d.code)).toEqual(["rib"]);
    expect(completude(MODELE_COORDINATION.documents, new Set(obligatoires)).complet).toBe(true);
    expect(obligatoires).not.toContain("annexes");
  });

  it("un « non » à une question éliminatoire rend inéligible ; une réponse manquante laisse la question ouverte", () => {
    const oui = Object.fromEntries(MODELE_COORDINATION.questions.map((q) => [q.code, true]));
    expect(eligibilite(MODELE_COORDINATION.questions, oui).eligible).toBe(true);
    const non = eligibilite(MODELE_COORDINATION.questions, { ...oui, neutralite: false });
    expect(non.eligible).toBe(false);
    expect(non.eliminee.map((q) => q.code)).toEqual(["neutralite"]);
    expect(eligibilite(MODELE_COORDINATION.questions, { ...oui, implantee: undefined }).eligible).toBeNull();
    // A « non » to a question that eliminates nothing keeps the application eligible.
    const r = Object.fromEntries(MODELE_RECRUTEMENT.questions.map((q) => [q.code, q.code !== "formation"]));
    expect(eligibilite(MODELE_RECRUTEMENT.questions, r).eligible).toBe(true);
  });
});

describe("notes et classement", () => {
  const criteres = [
    { code: "a", libelle: "A", poids: 2 },
    { code: "b", libelle: "B", poids: 1 },
  ];

  it("pondère chaque note de 0 à 5 par son critère (calculé à la main)", () => {
    // 4 × 2 + 3 × 1 = 11 points sur 5 × 3 = 15.
    expect(evaluer(criteres, { a: 4, b: 3 })).toEqual({ points: 11, max: 15, complete: true });
    expect(evaluer(criteres, { a: 4 })).toEqual({ points: 8, max: 15, complete: false });
    expect(() => evaluer(criteres, { a: 6, b: 0 })).toThrow(RangeError);
    // Two reviewers: 11/15 and 14/15 → 25/30 = 83,33 / 100.
    expect(
      noteSur100([
        { points: 11, max: 15 },
        { points: 14, max: 15 },
      ]),
    ).toBe(83.33);
    expect(noteSur100([])).toBeNull();
  });

  it("classe du meilleur au moins bon, ex aequo au même rang, les candidatures non notées à la fin", () => {
    const c = (id: string, points: number[]) => ({ id, evaluations: points.map((p) => ({ points: p, max: 15 })) });
    const rangs = classement([c("x", [9]), c("y", [12]), c("z", []), c("w", [12]), c("v", [6, 12])]).map((r) => [
      r.id,
      r.rang,
    ]);
    expect(rangs).toEqual([
      ["y", 1],
      ["w", 1],
      ["x", 3],
      ["v", 3],
      ["z", null],
    ]);
  });

  it("vérifie un appel : dates dans l'ordre, documents et critères bien formés", () => {
    const ok = { ...calendrier, decisionLe: null, documents: MODELE_COORDINATION.documents, criteres };
    expect(verifierAppel(ok)).toEqual({});
    expect(verifierAppel({ ...ok, clotureLe: calendrier.ouvertureLe })).toEqual({
      clotureLe: "La clôture doit venir après l'ouverture.",
    });
    expect(verifierAppel({ ...ok, decisionLe: new Date(calendrier.clotureLe.getTime() - SECONDE) }).decisionLe).toBe(
      "La décision ne peut pas précéder la clôture des candidatures.",
    );
    expect(verifierAppel({ ...ok, criteres: [{ code: "a", libelle: "A", poids: 0 }] }).criteres).toBeDefined();
    expect(verifierAppel({ ...ok, documents: [] }).documents).toBe("Demandez au moins un document.");
  });
});
