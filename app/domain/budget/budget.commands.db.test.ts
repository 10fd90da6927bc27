import { auditLog, budgetLignes, budgets, budgetVersements, fichiers } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertCoordination } from "../../../tests/support/acteurs";
import { refuserJournal, retablirJournal } from "../../../tests/support/journal";
import { expectRefus, invalid } from "../../../tests/support/route";
import {
  ajouterJustificatif,
  ajouterLigne,
  annulerProratisation,
  confirmerProratisation,
  enregistrerBudget,
  enregistrerRapportsRecus,
  enregistrerVersement,
  ouvrirBudget,
  rouvrirBudget,
  soumettreBudget,
  supprimerJustificatif,
  supprimerLigne,
  supprimerVersement,
} from "./budget.commands.server";
import { etatBudget } from "./budget.etat";
import { getBudgetComplet } from "./budget.queries.server";
import { CHAMP_VERSION, type SaisieBudget } from "./budget.schema";

// Every budget year of these tests is in the past of this clock.
const NOW = new Date("2060-06-15T10:00:00Z");
const ctx = (now = NOW) => ({ db: getDb(), now, requestId: "test" });

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;

beforeAll(async () => {
  ({ coordinateur04, coordinateur05, copil04 } = await insertCoordination(getDb()));
});

afterEach(retablirJournal);

/** Planned amounts in euros by line code (list K), the rest at 0. */
type Montants = Record<string, number>;

/**
 * A budget that keeps every rule: 45 000 € of charges (staff 0.5 × 60 000 €), CAF 36 000 € (80 %),
 * MSA 2 500 €, own funds 6 500 €.
 */
const CONFORME: Montants = {
  deplacements: 5_000,
  communication: 3_000,
  formation_supervision: 2_000,
  equipement: 1_000,
  frais_structure: 4_000,
  caf: 36_000,
  msa: 2_500,
  fonds_propres: 6_500,
};

async function budgetDe(annee: number, departement = "04") {
  const b = await getBudgetComplet(getDb(), departement, annee);
  if (!b) throw new Error("pas de budget");
  return b;
}

/** The form as the page would send it: every line's planned (in cents) and actual amounts. */
async function saisie(
  annee: number,
  prevus: Montants,
  options: { realises?: Montants; etp?: number | null; cout?: number | null } = {},
): Promise<SaisieBudget> {
  const b = await budgetDe(annee);
  return {
    etpCoordination: options.etp === undefined ? 50 : options.etp,
    coutAnnuelCoordination: options.cout === undefined ? 6_000_000 : options.cout,
    lignes: b.lignes.map((l) => ({
      id: l.id,
      prevu: Math.round((prevus[l.code] ?? 0) * 100),
      realise: options.realises?.[l.code] === undefined ? null : Math.round((options.realises[l.code] ?? 0) * 100),
      commentaire: "",
    })),
  };
}

async function budgetSoumis(annee: number) {
  await ouvrirBudget(ctx(), coordinateur04, "04", annee);
  await enregistrerBudget(ctx(), coordinateur04, "04", annee, await saisie(annee, CONFORME), undefined);
  await soumettreBudget(ctx(), coordinateur04, "04", annee, undefined);
  return budgetDe(annee);
}

async function journalDe(budgetId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "budget"), eq(auditLog.entityId, budgetId)))
    .orderBy(auditLog.id);
}

describe("ouvrir un budget", () => {
  it("crée les lignes de la liste K à 0 et le temps de coordination à 0,5 ETP, avec sa ligne au journal", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2040);
    const b = await budgetDe(2040);
    expect(b.statut).toBe("brouillon");
    expect(b.etpCoordination).toBe(50);
    expect(b.lignes.filter((l) => l.sens === "charge").map((l) => l.code)).toEqual([
      "personnel_coordination",
      "deplacements",
      "communication",
      "formation_supervision",
      "equipement",
      "frais_structure",
      "autre_charge",
    ]);
    expect(b.lignes.filter((l) => l.sens === "produit").map((l) => l.code)).toEqual([
      "caf",
      "msa",
      "fonds_propres",
      "autres_publics",
      "autre_produit",
    ]);
    expect(b.lignes.every((l) => l.prevu === 0 && l.realise === null)).toBe(true);
    expect((await journalDe(b.id)).map((a) => [a.action, a.departement])).toEqual([["budget.ouvrir", "04"]]);
  });

  it("refuse une deuxième ouverture de la même année, et une année impossible", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2041);
    const doublon = await invalid(ouvrirBudget(ctx(), coordinateur04, "04", 2041));
    expect([doublon.field, doublon.message]).toEqual([
      "annee",
      "Le budget 2041 existe déjà : ouvrez-le dans la liste.",
    ]);
    expect((await invalid(ouvrirBudget(ctx(), coordinateur04, "04", 1999))).field).toBe("annee");
  });

  it("reprend le prévu, les lignes ajoutées et le temps de coordination de l'année précédente", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2042);
    await ajouterLigne(ctx(), coordinateur04, "04", 2042, { sens: "charge", libelle: "Location de salle" });
    await enregistrerBudget(
      ctx(),
      coordinateur04,
      "04",
      2042,
      await saisie(2042, { ...CONFORME, autre_charge: 0 }, { cout: 6_200_000 }),
      undefined,
    );
    await ouvrirBudget(ctx(), coordinateur04, "04", 2043, { reprendre: true });
    const avant = await budgetDe(2042);
    const apres = await budgetDe(2043);
    expect(apres.coutAnnuelCoordination).toBe(6_200_000);
    expect(apres.lignes.map((l) => [l.code, l.libelle, l.prevu])).toEqual(
      avant.lignes.map((l) => [l.code, l.libelle, l.prevu]),
    );
    expect(apres.lignes.every((l) => l.realise === null)).toBe(true);
    expect((await invalid(ouvrirBudget(ctx(), coordinateur04, "04", 2050, { reprendre: true }))).field).toBe(
      "reprendre",
    );
  });
});

describe("enregistrer le budget", () => {
  it("enregistre les montants en centimes ; la ligne de personnel vaut ETP × coût annuel", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2044);
    const s = await saisie(2044, { ...CONFORME, personnel_coordination: 1 }, { cout: 6_000_001 });
    const { changements } = await enregistrerBudget(ctx(), coordinateur04, "04", 2044, s, 1);
    expect(changements).toBeGreaterThan(0);
    const b = await budgetDe(2044);
    const prevu = (code: string) => b.lignes.find((l) => l.code === code)?.prevu;
    // 0.5 × 60 000,01 € = 30 000,005 € → 30 000,01 € (to the nearest cent, half up).
    expect(prevu("personnel_coordination")).toBe(3_000_001);
    expect(prevu("caf")).toBe(3_600_000);
    expect(b.version).toBe(2);
    const [ouverture, modification] = await journalDe(b.id);
    expect(ouverture?.action).toBe("budget.ouvrir");
    expect(modification?.action).toBe("budget.modifier");
    expect(modification?.changes).toMatchObject({
      annee: 2044,
      lignes: { "CAF (subvention Promeneurs du Net)": { prévu: { avant: "0,00", apres: "36000,00" } } },
      tempsCoordination: { coutAnnuel: { avant: null, apres: "60000,01" } },
    });
  });

  it("refuse un formulaire lu sur une version antérieure (un autre onglet a enregistré depuis)", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2045);
    await enregistrerBudget(ctx(), coordinateur04, "04", 2045, await saisie(2045, CONFORME), 1);
    const conflit = await invalid(
      enregistrerBudget(ctx(), coordinateur04, "04", 2045, await saisie(2045, { caf: 1 }), 1),
    );
    expect(conflit.field).toBe(CHAMP_VERSION);
    expect((await budgetDe(2045)).lignes.find((l) => l.code === "caf")?.prevu).toBe(3_600_000);
  });

  it("n'écrit rien quand le journal refuse la modification", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2046);
    await refuserJournal("budget.modifier");
    await expect(
      enregistrerBudget(ctx(), coordinateur04, "04", 2046, await saisie(2046, CONFORME), undefined),
    ).rejects.toThrow();
    const b = await budgetDe(2046);
    expect(b.version).toBe(1);
    expect(b.lignes.every((l) => l.prevu === 0)).toBe(true);
  });

  it("un budget soumis garde son prévu ; le réalisé et les commentaires changent encore", async () => {
    await budgetSoumis(2047);
    const s = await saisie(2047, CONFORME, { realises: { deplacements: 4_321.5 } });
    const deplacements = (await budgetDe(2047)).lignes.find((l) => l.code === "deplacements");
    const avecCommentaire = {
      ...s,
      lignes: s.lignes.map((l) => (l.id === deplacements?.id ? { ...l, commentaire: "Moins de trajets en hiver" } : l)),
    };
    await enregistrerBudget(ctx(), coordinateur04, "04", 2047, avecCommentaire, undefined);
    const apres = (await budgetDe(2047)).lignes.find((l) => l.code === "deplacements");
    expect(apres).toMatchObject({ prevu: 500_000, realise: 432_150, commentaire: "Moins de trajets en hiver" });

    const autrePrevu = await saisie(2047, { ...CONFORME, deplacements: 6_000 });
    const refus = await invalid(enregistrerBudget(ctx(), coordinateur04, "04", 2047, autrePrevu, undefined));
    expect(refus.message).toBe("Le budget est soumis : rouvrez-le en brouillon pour changer le prévu.");
    const sansPrevu = { ...s, etpCoordination: undefined, lignes: s.lignes.map((l) => ({ ...l, prevu: undefined })) };
    await enregistrerBudget(ctx(), coordinateur04, "04", 2047, sansPrevu, undefined);
    expect((await budgetDe(2047)).lignes.find((l) => l.code === "deplacements")?.prevu).toBe(500_000);
  });
});

describe("lignes ajoutées", () => {
  it("ajoute une ligne nommée, refuse un intitulé déjà pris, retire seulement les lignes ajoutées", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2048);
    const { id } = await ajouterLigne(ctx(), coordinateur04, "04", 2048, {
      sens: "charge",
      libelle: "Location de salle",
    });
    const doublon = await invalid(
      ajouterLigne(ctx(), coordinateur04, "04", 2048, { sens: "charge", libelle: "location de SALLE" }),
    );
    expect([doublon.field, doublon.message]).toEqual(["libelle", "Une ligne porte déjà cet intitulé."]);
    const b = await budgetDe(2048);
    const listeK = b.lignes.find((l) => l.code === "deplacements");
    expect((await invalid(supprimerLigne(ctx(), coordinateur04, "04", 2048, listeK?.id))).message).toBe(
      "Les lignes de l'appel à projets restent au budget : laissez-les à 0.",
    );
    await supprimerLigne(ctx(), coordinateur04, "04", 2048, id);
    expect((await budgetDe(2048)).lignes.some((l) => l.id === id)).toBe(false);
    expect((await journalDe(b.id)).map((a) => a.action)).toEqual([
      "budget.ouvrir",
      "budget.ligne.ajouter",
      "budget.ligne.supprimer",
    ]);
  });
});

describe("soumettre", () => {
  it("refuse un budget qui enfreint une règle, en la nommant avec ses chiffres ; le brouillon reste enregistré", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2049);
    // CAF 36 000,01 € of 45 000 €: 80,00002 %, above 80 %; income 1 cent above charges.
    await enregistrerBudget(
      ctx(),
      coordinateur04,
      "04",
      2049,
      await saisie(2049, { ...CONFORME, caf: 36_000.01 }),
      undefined,
    );
    const refus = await invalid(soumettreBudget(ctx(), coordinateur04, "04", 2049, undefined));
    expect(refus.message).toContain("Part de la CAF : 36\u202f000,01\u00a0€");
    expect(refus.message).toContain("excédent de 0,01\u00a0€");
    const b = await budgetDe(2049);
    expect(b.statut).toBe("brouillon");
    expect(b.lignes.find((l) => l.code === "caf")?.prevu).toBe(3_600_001);
  });

  it("soumet à 80 % exactement, puis le budget se rouvre en brouillon", async () => {
    const b = await budgetSoumis(2051);
    expect(b.statut).toBe("soumis");
    expect(b.soumisLe).toEqual(NOW);
    expect(etatBudget(b, "2051-01-01").verificationsPrevu.every((v) => v.statut !== "non_respectee")).toBe(true);
    expect((await invalid(soumettreBudget(ctx(), coordinateur04, "04", 2051, undefined))).message).toBe(
      "Ce budget est déjà soumis.",
    );
    await rouvrirBudget(ctx(), coordinateur04, "04", 2051);
    expect((await budgetDe(2051)).statut).toBe("brouillon");
  });
});

describe("versements et proratisation", () => {
  it("refuse un versement avant la soumission, dans le futur, au-delà de la subvention, ou un solde avant les rapports", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2030);
    const avance = { type: "avance" as const, montant: 1_800_000, verseLe: "2030-04-01", commentaire: "" };
    expect((await invalid(enregistrerVersement(ctx(), coordinateur04, "04", 2030, avance))).field).toBe("type");
    await enregistrerBudget(ctx(), coordinateur04, "04", 2030, await saisie(2030, CONFORME), undefined);
    await soumettreBudget(ctx(), coordinateur04, "04", 2030, undefined);
    const futur = await invalid(
      enregistrerVersement(ctx(), coordinateur04, "04", 2030, { ...avance, verseLe: "2060-06-16" }),
    );
    expect(futur.field).toBe("verseLe");
    await enregistrerVersement(ctx(), coordinateur04, "04", 2030, avance);
    const solde = { ...avance, type: "solde" as const, verseLe: "2031-03-01" };
    const avantRapports = await invalid(enregistrerVersement(ctx(), coordinateur04, "04", 2030, solde));
    expect(avantRapports.message).toContain("une fois les rapports d'activité et financier reçus");
    await enregistrerRapportsRecus(ctx(), coordinateur04, "04", 2030, "2031-02-10");
    const trop = await invalid(
      enregistrerVersement(ctx(), coordinateur04, "04", 2030, { ...solde, montant: 1_800_001 }),
    );
    expect(trop.field).toBe("montant");
    expect(trop.message).toContain("il reste 18\u202f000,00\u00a0€ à verser");
    await enregistrerVersement(ctx(), coordinateur04, "04", 2030, solde);
    const etat = etatBudget(await budgetDe(2030), "2060-06-15");
    expect(etat.echeancier.echeances.map((e) => e.statut)).toEqual(["versee", "versee"]);
    expect(etat.echeancier.resteDu).toBe(0);
  });

  it("montre la proratisation avant de la confirmer, refuse un montant qui a changé, et garde le trop-versé à rembourser", async () => {
    const b = await budgetSoumis(2032);
    await enregistrerVersement(ctx(), coordinateur04, "04", 2032, {
      type: "avance",
      montant: 1_800_000,
      verseLe: "2032-04-01",
      commentaire: "",
    });
    // Not every charge has its actual amount: nothing to prorate yet.
    expect((await invalid(confirmerProratisation(ctx(), coordinateur04, "04", 2032, 0))).message).toBe(
      "Saisissez le réalisé de chaque ligne de charge avant de proratiser.",
    );
    // 9 000 € spent of 45 000 € planned (20 %): 36 000 € × 9 000 ÷ 45 000 = 7 200 €.
    const realises = Object.fromEntries(
      b.lignes.filter((l) => l.sens === "charge").map((l) => [l.code, l.code === "personnel_coordination" ? 9_000 : 0]),
    );
    await enregistrerBudget(
      ctx(),
      coordinateur04,
      "04",
      2032,
      { ...(await saisie(2032, CONFORME, { realises })), etpCoordination: undefined },
      undefined,
    );
    const etat = etatBudget(await budgetDe(2032), "2033-03-01");
    expect(etat.proratisation).toMatchObject({ proratisee: true, subventionRetenue: 720_000, aRembourser: 1_080_000 });
    const change = await invalid(confirmerProratisation(ctx(), coordinateur04, "04", 2032, 720_001));
    expect(change.field).toBe(CHAMP_VERSION);
    await confirmerProratisation(ctx(), coordinateur04, "04", 2032, 720_000);
    const apres = etatBudget(await budgetDe(2032), "2033-03-01");
    expect(apres.echeancier).toMatchObject({ subventionRetenue: 720_000, aRembourser: 1_080_000, resteDu: 0 });
    const tropRembourse = await invalid(
      enregistrerVersement(ctx(), coordinateur04, "04", 2032, {
        type: "remboursement",
        montant: 1_080_001,
        verseLe: "2033-05-01",
        commentaire: "",
      }),
    );
    expect(tropRembourse.message).toBe("10\u202f800,00\u00a0€ restent à rembourser, pas davantage.");
    await annulerProratisation(ctx(), coordinateur04, "04", 2032);
    expect((await budgetDe(2032)).subventionProratisee).toBeNull();
    expect((await journalDe(b.id)).map((a) => a.action).slice(-3)).toEqual([
      "budget.modifier",
      "budget.proratisation.confirmer",
      "budget.proratisation.annuler",
    ]);
  });

  it("supprime un versement saisi par erreur, avec sa ligne au journal", async () => {
    const b = await budgetSoumis(2033);
    const { id } = await enregistrerVersement(ctx(), coordinateur04, "04", 2033, {
      type: "avance",
      montant: 100_000,
      verseLe: "2033-01-02",
      commentaire: "",
    });
    await supprimerVersement(ctx(), coordinateur04, "04", 2033, id);
    expect(await getDb().select().from(budgetVersements).where(eq(budgetVersements.budgetId, b.id))).toEqual([]);
  });
});

describe("justificatifs", () => {
  it("joint un document à une ligne puis le retire, fichier compris", async () => {
    await ouvrirBudget(ctx(), coordinateur04, "04", 2034);
    const ligne = (await budgetDe(2034)).lignes.find((l) => l.code === "deplacements");
    const fichier = { nom: "facture.pdf", typeMime: "application/pdf", contenu: Buffer.from("%PDF-1.4\n%%EOF\n") };
    const { id } = await ajouterJustificatif(ctx(), coordinateur04, "04", 2034, ligne?.id, fichier);
    const avec = (await budgetDe(2034)).lignes.find((l) => l.code === "deplacements");
    expect(avec?.justificatifs).toEqual([
      { id, nom: "facture.pdf", typeMime: "application/pdf", taille: fichier.contenu.length },
    ]);
    await supprimerJustificatif(ctx(), coordinateur04, "04", 2034, id);
    expect((await budgetDe(2034)).lignes.find((l) => l.code === "deplacements")?.justificatifs).toEqual([]);
    expect(await getDb().select({ id: fichiers.id }).from(fichiers).where(eq(fichiers.nom, "facture.pdf"))).toEqual([]);
  });
});

describe("permissions", () => {
  it("un membre du comité de pilotage lit mais n'écrit pas (403) ; la coordination d'un autre département n'y accède pas (404)", async () => {
    const b = await budgetSoumis(2035);
    const ligneId = b.lignes[0]?.id;
    const essais = (actor: Actor) => [
      () => ouvrirBudget(ctx(), actor, "04", 2036),
      () =>
        enregistrerBudget(
          ctx(),
          actor,
          "04",
          2035,
          { etpCoordination: 50, coutAnnuelCoordination: null, lignes: [] },
          undefined,
        ),
      () => ajouterLigne(ctx(), actor, "04", 2035, { sens: "charge", libelle: "Essai" }),
      () => supprimerLigne(ctx(), actor, "04", 2035, ligneId),
      () => soumettreBudget(ctx(), actor, "04", 2035, undefined),
      () => rouvrirBudget(ctx(), actor, "04", 2035),
      () =>
        enregistrerVersement(ctx(), actor, "04", 2035, {
          type: "avance",
          montant: 100,
          verseLe: "2035-01-01",
          commentaire: "",
        }),
      () => supprimerVersement(ctx(), actor, "04", 2035, crypto.randomUUID()),
      () => enregistrerRapportsRecus(ctx(), actor, "04", 2035, "2036-01-01"),
      () => confirmerProratisation(ctx(), actor, "04", 2035, 0),
      () => annulerProratisation(ctx(), actor, "04", 2035),
      () =>
        ajouterJustificatif(ctx(), actor, "04", 2035, ligneId, {
          nom: "x.pdf",
          typeMime: "application/pdf",
          contenu: Buffer.from("%PDF-1.4"),
        }),
      () => supprimerJustificatif(ctx(), actor, "04", 2035, crypto.randomUUID()),
    ];
    for (const essai of essais(copil04)) await expectRefus(essai(), 403);
    for (const essai of essais(coordinateur05)) await expectRefus(essai(), 404);
    const apres = await budgetDe(2035);
    expect(apres.version).toBe(b.version);
    expect(apres.statut).toBe("soumis");
    expect(
      await getDb()
        .select({ id: budgets.id })
        .from(budgets)
        .where(and(eq(budgets.departement, "04"), eq(budgets.annee, 2036))),
    ).toEqual([]);
    expect(await getDb().select().from(budgetLignes).where(eq(budgetLignes.libelle, "Essai"))).toEqual([]);
  });
});
