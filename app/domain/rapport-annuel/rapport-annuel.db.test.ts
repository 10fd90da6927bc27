import { auditLog, budgetLignes, budgets, budgetVersements, fichiers, generationsRapportAnnuel } from "@db/schema";
import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { etatBudget } from "~/domain/budget/budget.etat";
import { getBudgetComplet } from "~/domain/budget/budget.queries.server";
import type { Actor } from "~/domain/comptes/actor";
import { refaireTousLesAgregats } from "~/domain/indicateurs/indicateurs.rapports.server";
import { calculerIndicateurs } from "~/domain/indicateurs/indicateurs.server";
import type { Indicateurs, VueIndicateurs } from "~/domain/indicateurs/indicateurs.types";
import { periodeAnnee } from "~/domain/indicateurs/periode";
import { themeLabels } from "~/domain/promeneurs/theme.labels";
import { getDb } from "~/server/db.server";
import { readFichier } from "~/server/fichiers.server";
import { defaultJobs } from "~/server/scheduler.server";
import type { PromeneurRow } from "../../../tests/factories/promeneur";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertCoordination } from "../../../tests/support/acteurs";
import { expectRefus, invalid } from "../../../tests/support/route";
import { enregistrerRapportAnnuel } from "./rapport-annuel.commands.server";
import {
  chargerDonnees,
  executerGeneration,
  prendreGeneration,
  REPRISE_GENERATIONS,
  reprendreGenerations,
} from "./rapport-annuel.generation.server";
import { findFaitsMarquantsDeLAnnee, getRapportAnnuel } from "./rapport-annuel.queries.server";
import { BAIL_GENERATION_MS } from "./rapport-annuel.rules";
import { donneesExemple, FAIT_MARQUANT_TEMOIN, lignesTableauxDocx, texteDocx } from "./rapport-annuel.test-support";

let coordinateur04: Actor;
let coordinateur05: Actor;
let copil04: Actor;
let promeneur: PromeneurRow;
const ids: Record<string, string> = {};

const FAIT_MARS = "Atelier sur le consentement avec deux classes de 3e";
const FAIT_JANVIER = "Premier live sur l'orientation, 40 vues";

beforeAll(async () => {
  const db = getDb();
  ({ coordinateur04, coordinateur05, copil04 } = await insertCoordination(db));
  promeneur = await insertPromeneur(db, { statut: "actif", entreeLe: new Date("2024-01-01T08:00:00Z") });
  const autre = await insertPromeneur(db, { departement: "05", statut: "actif" });
  const rapport = (mois: string, statut: string, faitMarquant: string, comptes = {}, p = promeneur) =>
    insertRapport(db, p, mois, { statut, faitMarquant, nouveauxJeunes: 4, fileActive: 6, echanges: 9 }, comptes);
  ids.mars = (await rapport("2025-03-01", "soumis", FAIT_MARS, { theme: { sante: 5, mobilite: 1, logement: 2 } })).id;
  ids.janvier = (await rapport("2025-01-01", "valide", FAIT_JANVIER, { theme: { sante: 4, droits: 6 } })).id;
  ids.brouillon = (await rapport("2025-05-01", "brouillon", "Brouillon pas encore soumis")).id;
  ids.ancien = (await rapport("2024-12-01", "soumis", "Fait de l'année d'avant")).id;
  ids.vide = (await rapport("2025-06-01", "soumis", "  ")).id;
  ids.autre = (await rapport("2025-02-01", "soumis", "Fait d'un autre département", {}, autre)).id;
  // The reports were written without the commands: rebuild the monthly aggregates the engine reads.
  await refaireTousLesAgregats(db);
  // The 2025 budget of 04 (the financial report joined to the annual report); 2024 has none.
  const [budget] = await db
    .insert(budgets)
    .values({
      departement: "04",
      annee: 2025,
      statut: "soumis",
      etpCoordination: 50,
      coutAnnuelCoordination: 6_040_000,
    })
    .returning({ id: budgets.id });
  if (!budget) throw new Error("budget not inserted");
  const ligne = (sens: string, code: string, ordre: number, prevu: number, realise: number | null, libelle = "") => ({
    budgetId: budget.id,
    sens,
    code,
    ordre,
    prevu,
    realise,
    libelle,
  });
  await db
    .insert(budgetLignes)
    .values([
      ligne("charge", "personnel_coordination", 0, 3_020_000, 3_041_218),
      ligne("charge", "deplacements", 1, 480_000, 423_641),
      ligne("charge", "autre_charge", 6, 100_001, null, "Location de salle"),
      ligne("produit", "caf", 0, 2_880_000, 2_880_000),
      ligne("produit", "fonds_propres", 2, 720_001, 585_000),
    ]);
  await db
    .insert(budgetVersements)
    .values({ budgetId: budget.id, type: "avance", centimes: 1_440_000, verseLe: "2025-04-14" });
});

const ctx = () => ({ db: getDb(), now: new Date("2026-02-10T10:00:00Z"), requestId: "test" });

describe("faits marquants de l'année", () => {
  it("liste les faits non vides des rapports soumis ou validés de l'année et du département, mois par mois", async () => {
    const faits = await findFaitsMarquantsDeLAnnee(getDb(), "04", 2025);
    expect(faits.map((f) => f.id)).toEqual([ids.janvier, ids.mars]);
    expect(faits[0]).toMatchObject({ mois: "janvier 2025", texte: FAIT_JANVIER, promeneur: `Alex ${promeneur.nom}` });
  });
});

describe("enregistrerRapportAnnuel", () => {
  async function compter() {
    const [a] = await getDb()
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, "rapport-annuel.preparer"));
    return a?.n ?? 0;
  }

  it("enregistre l'introduction et les faits retenus dans l'ordre des mois, avec sa ligne de journal", async () => {
    const avant = await compter();
    const { version } = await enregistrerRapportAnnuel(ctx(), coordinateur04, "04", 2025, {
      introduction: "Une année de consolidation.",
      faitsMarquants: [ids.mars as string, ids.janvier as string],
      version: 0,
    });
    expect(version).toBe(1);
    expect(await getRapportAnnuel(getDb(), "04", 2025)).toEqual({
      introduction: "Une année de consolidation.",
      faitsMarquants: [ids.janvier, ids.mars],
      version: 1,
    });
    expect(await compter()).toBe(avant + 1);
  });

  it("refuse une version dépassée (conflit) sans rien changer", async () => {
    const avant = await compter();
    const erreur = await invalid(
      enregistrerRapportAnnuel(ctx(), coordinateur04, "04", 2025, {
        introduction: "Écrasé",
        faitsMarquants: [],
        version: 0,
      }),
    );
    expect(erreur.field).toBe("version");
    expect(erreur.message).toMatch(/entre-temps/);
    const erreur2 = await invalid(
      enregistrerRapportAnnuel(ctx(), coordinateur04, "04", 2025, {
        introduction: "Écrasé",
        faitsMarquants: [],
        version: 7,
      }),
    );
    expect(erreur2.field).toBe("version");
    expect((await getRapportAnnuel(getDb(), "04", 2025)).introduction).toBe("Une année de consolidation.");
    expect(await compter()).toBe(avant);
  });

  it("refuse un fait qui n'est pas de l'année, du département ou d'un rapport compté", async () => {
    for (const id of [ids.brouillon, ids.ancien, ids.autre, ids.vide]) {
      const erreur = await invalid(
        enregistrerRapportAnnuel(ctx(), coordinateur04, "04", 2025, {
          introduction: "",
          faitsMarquants: [id as string],
          version: 1,
        }),
      );
      expect(erreur.field).toBe("faitsMarquants");
    }
    expect((await getRapportAnnuel(getDb(), "04", 2025)).version).toBe(1);
  });

  it("est réservé à la coordination du département : 403 pour le comité de pilotage, 404 pour un autre département", async () => {
    const input = { introduction: "", faitsMarquants: [], version: 1 };
    await expectRefus(enregistrerRapportAnnuel(ctx(), copil04, "04", 2025, input), 403);
    await expectRefus(enregistrerRapportAnnuel(ctx(), coordinateur05, "04", 2025, input), 404);
  });
});

async function nouvelleGeneration(values: Partial<typeof generationsRapportAnnuel.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(generationsRapportAnnuel)
    .values({ departement: "04", annee: 2025, vue: "coordination", demandePar: coordinateur04.userId, ...values })
    .returning();
  if (!row) throw new Error("generation not inserted");
  return row;
}

async function generation(id: string) {
  const [row] = await getDb().select().from(generationsRapportAnnuel).where(eq(generationsRapportAnnuel.id, id));
  return row;
}

const chargerExemple = async (_db: unknown, g: { vue: string }) => donneesExemple(g.vue as VueIndicateurs);

describe("génération : bail et reprise", () => {
  it("une seule prise : un second travailleur ne prend pas une génération dont le bail court", async () => {
    const g = await nouvelleGeneration();
    const now = new Date();
    const prise = await prendreGeneration(getDb(), g.id, now);
    expect(prise).toMatchObject({ etat: "en_cours", etape: "Calcul des indicateurs" });
    expect(prise?.verrouJusqua?.getTime()).toBe(now.getTime() + BAIL_GENERATION_MS);
    expect(await prendreGeneration(getDb(), g.id, new Date(now.getTime() + 1000))).toBeNull();
    // Once the lease has expired (the worker stopped), another takes it over.
    expect(await prendreGeneration(getDb(), g.id, new Date(now.getTime() + BAIL_GENERATION_MS + 1))).not.toBeNull();
    await getDb().delete(generationsRapportAnnuel).where(eq(generationsRapportAnnuel.id, g.id));
  });

  it("la tâche planifiée reprend une génération laissée en attente et une dont le travailleur s'est arrêté, pas celle qui tourne", async () => {
    const now = new Date();
    const enAttente = await nouvelleGeneration({ demandeLe: new Date(now.getTime() - 60_000) });
    const plantee = await nouvelleGeneration({
      vue: "agregee",
      etat: "en_cours",
      progression: 45,
      etape: "Document Word",
      verrouJusqua: new Date(now.getTime() - 1000),
    });
    const vivante = await nouvelleGeneration({
      etat: "en_cours",
      verrouJusqua: new Date(now.getTime() + BAIL_GENERATION_MS),
    });
    const executees = await reprendreGenerations(getDb(), now, { charger: chargerExemple });
    expect(executees).toBe(2);
    for (const id of [enAttente.id, plantee.id]) {
      const row = await generation(id);
      expect(row).toMatchObject({ etat: "terminee", progression: 100, verrouJusqua: null, erreur: null });
      expect(row?.docxId && row.pdfId && row.xlsxId).toBeTruthy();
    }
    expect(await generation(vivante.id)).toMatchObject({ etat: "en_cours", docxId: null });
    // The scheduler runs the same job; nothing is left to take over (the live lease is kept).
    const job = defaultJobs.find((j) => j.nom === REPRISE_GENERATIONS);
    expect(await job?.run(getDb(), new Date())).toBe(0);
    // The files are stored for the département, with their name and type.
    const docx = await readFichier(getDb(), (await generation(plantee.id))?.docxId ?? "");
    expect(docx).toMatchObject({ departement: "04", nom: "rapport-activite-04-2025-agrege.docx" });
    expect(texteDocx(docx?.contenu ?? Buffer.alloc(0)).texte).not.toContain(FAIT_MARQUANT_TEMOIN);
    await getDb().delete(generationsRapportAnnuel).where(eq(generationsRapportAnnuel.id, vivante.id));
  }, 180_000);

  it("un échec laisse l'état « echec » avec un message en français, sans fichier", async () => {
    const g = await nouvelleGeneration();
    const [avant] = await getDb().select({ n: count() }).from(fichiers);
    const etat = await executerGeneration(getDb(), g.id, {
      charger: async () => {
        throw new Error("panne simulée");
      },
    });
    expect(etat).toBe("echec");
    const row = await generation(g.id);
    expect(row).toMatchObject({ etat: "echec", verrouJusqua: null, docxId: null });
    expect(row?.erreur).toMatch(/a échoué à l'étape « Calcul des indicateurs »/);
    expect(row?.termineLe).not.toBeNull();
    const [apres] = await getDb().select({ n: count() }).from(fichiers);
    expect(apres?.n).toBe(avant?.n);
    // A finished generation is never taken again.
    expect(await prendreGeneration(getDb(), g.id, new Date(Date.now() + 10 * BAIL_GENERATION_MS))).toBeNull();
  });

  it("un travailleur qui a perdu son bail s'arrête sans rien écrire", async () => {
    const g = await nouvelleGeneration();
    const etat = await executerGeneration(getDb(), g.id, {
      charger: async (db, generationLue) => {
        // Meanwhile, another worker took the generation over (its own lease).
        await getDb()
          .update(generationsRapportAnnuel)
          .set({ verrouJusqua: new Date(Date.now() + 10 * BAIL_GENERATION_MS) })
          .where(eq(generationsRapportAnnuel.id, g.id));
        return chargerExemple(db, generationLue);
      },
    });
    expect(etat).toBeNull();
    expect(await generation(g.id)).toMatchObject({ etat: "en_cours", progression: 5, docxId: null });
  });
});

// Runs after « enregistrerRapportAnnuel » above, which kept the highlights of January and March.
describe("génération sur des données réelles", () => {
  async function classeur(id: string | null | undefined) {
    const fichier = await readFichier(getDb(), id ?? "");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fichier?.contenu as unknown as ArrayBuffer);
    return wb;
  }

  function ligne(wb: ExcelJS.Workbook, prefixe: string, libelle: string) {
    const feuille = wb.worksheets.find((w) => w.name.startsWith(prefixe));
    let trouvee: unknown[] | undefined;
    feuille?.eachRow((row) => {
      const valeurs = (row.values as unknown[]).slice(1);
      if (!trouvee && valeurs[0] === libelle) trouvee = valeurs;
    });
    return trouvee;
  }

  async function generer(
    vue: VueIndicateurs,
  ): Promise<{ row: Awaited<ReturnType<typeof generation>>; i: Indicateurs }> {
    const g = await nouvelleGeneration({ vue });
    expect(await executerGeneration(getDb(), g.id)).toBe("terminee");
    const i = await calculerIndicateurs(
      getDb(),
      { departements: ["04"], periode: periodeAnnee(2025) },
      vue,
      new Date(),
    );
    return { row: await generation(g.id), i };
  }

  it("chargerDonnees joint le bilan financier du budget de l'année, ou rien s'il n'y a pas de budget", async () => {
    const maintenant = new Date("2026-02-10T10:00:00Z");
    const donnees = await chargerDonnees(getDb(), { departement: "04", annee: 2025, vue: "agregee" }, maintenant);
    const budget = await getBudgetComplet(getDb(), "04", 2025);
    if (!budget) throw new Error("no budget");
    const etat = etatBudget(budget, "2026-02-10");
    expect(donnees.financier?.titre).toBe(`Promeneurs du Net — ${donnees.departement.nom} — Bilan financier 2025`);
    expect(donnees.financier?.totaux).toEqual({ prevu: etat.prevu, realise: etat.realise });
    expect(donnees.financier?.charges.lignes.at(-1)?.slice(0, 3)).toEqual(["Total des charges", 3_600_001, 3_464_859]);
    expect(donnees.financier?.charges.lignes.map((l) => l[0])).toContain("Location de salle");
    expect(donnees.financier?.echeancier.lignes[0]?.at(-1)).toBe("Versée");
    const sansBudget = await chargerDonnees(getDb(), { departement: "04", annee: 2024, vue: "agregee" }, maintenant);
    expect(sansBudget.financier).toBeNull();
  });

  it("le classeur reprend les nombres de calculerIndicateurs, en nombres, et la version de la coordination ses faits marquants", async () => {
    const { row, i } = await generer("coordination");
    const wb = await classeur(row?.xlsxId);
    expect(ligne(wb, "4. ", "Demandes de jeunes")).toEqual([
      "Demandes de jeunes",
      i.demandes.total.valeur,
      i.demandes.total.precedente,
    ]);
    expect(i.demandes.total.valeur).toBe(18);
    for (const part of i.demandes.parTheme.filter((p) => p.nombre !== 0)) {
      expect(ligne(wb, "4. ", part.libelle)?.[1], part.libelle).toBe(part.nombre);
    }
    expect(ligne(wb, "4. ", themeLabels.mobilite)?.[1]).toBe(1);
    expect(ligne(wb, "2. ", "Nouveaux jeunes en contact")?.[1]).toBe(i.jeunes.nouveaux.valeur);
    expect(ligne(wb, "5. ", "Échanges avec des jeunes")?.[1]).toBe(i.echanges.total.valeur);
    const faits = wb.getWorksheet("Faits marquants");
    expect((faits?.getRow(2).values as unknown[])?.[4]).toBe(FAIT_JANVIER);
    // The financial report of the year's budget, its amounts in euros.
    expect(ligne(wb, "Bilan financier", "Total des charges")?.slice(0, 3)).toEqual([
      "Total des charges",
      36_000.01,
      34_648.59,
    ]);
    const pdf = await readFichier(getDb(), row?.pdfId ?? "");
    expect(pdf?.contenu.subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);

  it("la version agrégée d'un membre du comité de pilotage n'a ni fait marquant ni effectif de 1 ou 2 par thème", async () => {
    const { row, i } = await generer("agregee");
    expect(i.demandes.parTheme.find((p) => p.code === "mobilite")?.nombre).toBeNull();
    const wb = await classeur(row?.xlsxId);
    expect(wb.getWorksheet("Faits marquants")).toBeUndefined();
    expect(ligne(wb, "Bilan financier", "Total des charges")?.[1]).toBe(36_000.01);
    for (const code of ["mobilite", "logement"] as const) {
      expect(ligne(wb, "4. ", themeLabels[code])?.[1], code).toBe("< 3");
    }
    for (const part of i.demandes.parTheme) {
      expect(ligne(wb, "4. ", part.libelle)?.[1], part.libelle).toBe(part.nombre ?? "< 3");
    }
    const docx = await readFichier(getDb(), row?.docxId ?? "");
    const { texte, xml } = texteDocx(docx?.contenu ?? Buffer.alloc(0));
    expect(texte).not.toContain(FAIT_MARS);
    expect(texte).not.toContain(FAIT_JANVIER);
    expect(lignesTableauxDocx(xml).find((l) => l[0] === themeLabels.mobilite)).toEqual([themeLabels.mobilite, "< 3"]);
    const pdf = await readFichier(getDb(), row?.pdfId ?? "");
    expect(pdf?.contenu.subarray(0, 5).toString()).toBe("%PDF-");
  }, 120_000);
});
