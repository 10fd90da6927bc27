import { agregatsARefaire, agregatsMensuels, communes, rapportsMensuels } from "@db/schema";
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { insertProfil, insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertSituation } from "../../../tests/factories/situation";
import { insertStructure, type StructureRow } from "../../../tests/factories/structure";
import { marquerAgregatsARefaire, refaireAgregats, refaireTousLesAgregats } from "./agregats.server";
import { indicateursRapports, rapportsParDepartement } from "./indicateurs.rapports.server";
import type { FiltreIndicateurs, PeriodeIndicateurs } from "./indicateurs.types";

const T1_2026: PeriodeIndicateurs = {
  nature: "trimestre",
  du: { annee: 2026, mois: 1, jour: 1 },
  au: { annee: 2026, mois: 3, jour: 31 },
  libelle: "1er trimestre 2026",
};
const T4_2025: PeriodeIndicateurs = {
  nature: "trimestre",
  du: { annee: 2025, mois: 10, jour: 1 },
  au: { annee: 2025, mois: 12, jour: 31 },
  libelle: "4e trimestre 2025",
};
const filtre = (f: Partial<FiltreIndicateurs> = {}): FiltreIndicateurs => ({
  departements: ["04"],
  periode: T1_2026,
  ...f,
});
const nombreDe = (parts: ReadonlyArray<{ code: string; nombre: number | null }>, code: string) =>
  parts.find((p) => p.code === code)?.nombre;

let s1: StructureRow;
let s2: StructureRow;
let p1: PromeneurRow;
let p2: PromeneurRow;
let p3: PromeneurRow;
let epciDeS1: string;

beforeAll(async () => {
  const db = getDb();
  // s1: a social centre in Digne-les-Bains; s2: a youth information point in Manosque (another EPCI).
  s1 = await insertStructure(db, { type: "centre_social", communeCode: "04070" });
  s2 = await insertStructure(db, { type: "information_jeunesse", communeCode: "04112" });
  const [digne] = await db.select().from(communes).where(eq(communes.code, "04070"));
  const [manosque] = await db.select().from(communes).where(eq(communes.code, "04112"));
  if (!digne?.epciSiren || !manosque?.epciSiren || digne.epciSiren === manosque.epciSiren) {
    throw new Error("test data: Digne and Manosque are expected in two EPCI");
  }
  epciDeS1 = digne.epciSiren;
  p1 = await insertPromeneur(db, { statut: "actif", structureId: s1.id });
  p2 = await insertPromeneur(db, { statut: "actif", structureId: s2.id });
  p3 = await insertPromeneur(db, { statut: "actif", departement: "05" });
  await insertProfil(db, p1, { reseau: "instagram" });
  await insertProfil(db, p2, { reseau: "snapchat" });

  // Counted in Q1 2026.
  await insertRapport(
    db,
    p1,
    "2026-01-01",
    {
      statut: "soumis",
      nouveauxJeunes: 4,
      fileActive: 10,
      echanges: 20,
      echangesIndividuels: 15,
      echangesCollectifs: 5,
    },
    {
      theme: { sante: 6, logement: 3 },
      canal: { messages_prives: 20 },
      publication: { live: 2 },
      reseau: { instagram: 17, snapchat: 3 },
      age_nouveaux: { "15_17": 4 },
      age_file: { "15_17": 10 },
    },
  );
  await insertRapport(
    db,
    p2,
    "2026-01-01",
    { statut: "valide", nouveauxJeunes: 2, fileActive: 6, echanges: 10, echangesIndividuels: 10 },
    { theme: { sante: 1 }, publication: { autre: 4 }, reseau: { snapchat: 10 }, canal: { appels: 10 } },
  );
  await insertRapport(
    db,
    p1,
    "2026-03-01",
    { statut: "valide", nouveauxJeunes: 1, fileActive: 8, echanges: 5, echangesCollectifs: 5 },
    { theme: { scolarite: 2 } },
  );
  // Not counted: a draft, a report sent back, after the period, in 05.
  await insertRapport(db, p2, "2026-02-01", { statut: "brouillon", nouveauxJeunes: 50 }, { theme: { sante: 50 } });
  await insertRapport(db, p2, "2026-03-01", { statut: "a_corriger", nouveauxJeunes: 40 }, { theme: { sante: 40 } });
  await insertRapport(db, p1, "2026-04-01", { statut: "soumis", nouveauxJeunes: 100 }, { theme: { sante: 100 } });
  await insertRapport(
    db,
    p3,
    "2026-01-01",
    { statut: "soumis", nouveauxJeunes: 30, echanges: 9 },
    { theme: { famille: 5 }, publication: { live: 1 } },
  );
  // The previous period (Q4 2025): one report in December.
  await insertRapport(
    db,
    p1,
    "2025-12-01",
    { statut: "valide", nouveauxJeunes: 7, fileActive: 9, echanges: 3 },
    { theme: { sante: 2, famille: 2 }, publication: { live: 1 } },
  );
  // Situations: three in the period (its first and last days included), two outside.
  await insertSituation(db, p2, { date: "2026-01-01", categorie: "harcelement" });
  await insertSituation(db, p1, { date: "2026-02-10", categorie: "harcelement" });
  await insertSituation(db, p1, { date: "2026-03-31", categorie: "violences" });
  await insertSituation(db, p2, { date: "2026-04-01", categorie: "harcelement" });
  await insertSituation(db, p2, { date: "2025-12-31", categorie: "detresse_psychologique" });
  // Loaded without the commands: rebuild every aggregate, as after a bulk load.
  await refaireTousLesAgregats(db);
});

describe("indicateursRapports, un département sans filtre (agrégats)", () => {
  it("compte les bilans soumis et validés du trimestre, avec le trimestre précédent", async () => {
    const r = await indicateursRapports(getDb(), filtre(), T4_2025, "coordination");
    expect(r.rapports).toBe(3);
    expect(r.jeunes.nouveaux).toEqual({ valeur: 4 + 2 + 1, precedente: 7 });
    // January 10 + 6, March 8; February has no counted report and is left out of the mean.
    expect(r.jeunes.fileActiveMoyenne).toEqual({ valeur: (16 + 8) / 2, precedente: 9 });
    expect(r.jeunes.parMois).toEqual([
      { mois: "2026-01", nouveaux: 6, fileActive: 16 },
      { mois: "2026-02", nouveaux: 0, fileActive: 0 },
      { mois: "2026-03", nouveaux: 1, fileActive: 8 },
    ]);
    expect(nombreDe(r.jeunes.nouveauxParAge, "15_17")).toBe(4);
    expect(nombreDe(r.jeunes.fileActiveParAge, "15_17")).toBe(10);
    expect(r.jeunes.fileActiveParAge).toHaveLength(5);

    // Requests: santé 6 + 1, logement 3, scolarité 2.
    expect(r.demandes.total).toEqual({ valeur: 12, precedente: 4 });
    expect(nombreDe(r.demandes.parTheme, "sante")).toBe(7);
    expect(nombreDe(r.demandes.parTheme, "logement")).toBe(3);
    expect(nombreDe(r.demandes.parTheme, "scolarite")).toBe(2);
    expect(nombreDe(r.demandes.parTheme, "famille")).toBe(0);
    expect(r.demandes.parTheme.map((p) => p.code).slice(0, 2)).toEqual(["bien_etre", "sante"]);
    expect(r.demandes.parTheme.find((p) => p.code === "sante")?.libelle).toBe("Santé");
    expect(r.demandes.themesPresents).toBe(3);
    const h = -((7 / 12) * Math.log(7 / 12) + (3 / 12) * Math.log(3 / 12) + (2 / 12) * Math.log(2 / 12));
    expect(r.demandes.shannon.valeur).toBeCloseTo(h / Math.log(14), 12);
    // December: santé 2, famille 2, an even split over two themes: ln 2 / ln 14.
    expect(r.demandes.shannon.precedente).toBeCloseTo(Math.log(2) / Math.log(14), 12);
    expect(r.demandes.situations).toBe(3);
    expect(nombreDe(r.demandes.situationsParCategorie, "harcelement")).toBe(2);
    expect(nombreDe(r.demandes.situationsParCategorie, "violences")).toBe(1);
    expect(r.demandes.situationsParCategorie).toHaveLength(9);

    expect(r.echanges.total).toEqual({ valeur: 35, precedente: 3 });
    expect(r.echanges.parMois).toEqual([
      { mois: "2026-01", valeur: 30 },
      { mois: "2026-02", valeur: 0 },
      { mois: "2026-03", valeur: 5 },
    ]);
    expect(nombreDe(r.echanges.parCanal, "messages_prives")).toBe(20);
    expect(nombreDe(r.echanges.parCanal, "appels")).toBe(10);
    expect(r.echanges.parCanal).toHaveLength(6);
    expect(r.echanges.individuels).toBe(25);
    expect(r.echanges.collectifs).toBe(10);

    expect(r.publications.total).toEqual({ valeur: 6, precedente: 1 });
    expect(nombreDe(r.publications.parType, "live")).toBe(2);
    expect(nombreDe(r.publications.parType, "autre")).toBe(4);
    expect(r.publications.parMois.map((p) => p.valeur)).toEqual([6, 0, 0]);
    expect(r.echangesParReseau).toEqual({ instagram: 17, snapchat: 13 });
  });

  it("donne les mêmes chiffres lus dans les bilans", async () => {
    const agregats = await indicateursRapports(getDb(), filtre(), T4_2025, "agregee");
    const rapports = await indicateursRapports(getDb(), filtre(), T4_2025, "agregee", { source: "rapports" });
    expect(agregats).toEqual(rapports);
  });

  it("vue agrégée : les petits nombres de thèmes et de situations sont retenus, le reste exact", async () => {
    const r = await indicateursRapports(getDb(), filtre(), T4_2025, "agregee");
    // scolarité 2 withheld alone: the next smallest, logement 3, goes too; santé 7 stays.
    expect(nombreDe(r.demandes.parTheme, "scolarite")).toBeNull();
    expect(nombreDe(r.demandes.parTheme, "logement")).toBeNull();
    expect(nombreDe(r.demandes.parTheme, "sante")).toBe(7);
    expect(nombreDe(r.demandes.parTheme, "famille")).toBe(0);
    // harcèlement 2, violences 1: both withheld, already two.
    expect(nombreDe(r.demandes.situationsParCategorie, "harcelement")).toBeNull();
    expect(nombreDe(r.demandes.situationsParCategorie, "violences")).toBeNull();
    expect(nombreDe(r.demandes.situationsParCategorie, "emprise")).toBe(0);
    // Totals and the other breakdowns are exact.
    expect(r.demandes.total.valeur).toBe(12);
    expect(r.demandes.situations).toBe(3);
    expect(nombreDe(r.publications.parType, "live")).toBe(2);
  });

  it("plusieurs départements s'additionnent ; une période sans bilan donne des zéros", async () => {
    const r = await indicateursRapports(getDb(), filtre({ departements: ["04", "05"] }), T4_2025, "agregee");
    expect(r.rapports).toBe(4);
    expect(r.jeunes.nouveaux.valeur).toBe(37);
    expect(nombreDe(r.demandes.parTheme, "famille")).toBe(5);
    const vide = await indicateursRapports(
      getDb(),
      filtre({
        periode: { ...T1_2026, du: { annee: 2030, mois: 1, jour: 1 }, au: { annee: 2030, mois: 2, jour: 28 } },
      }),
      T4_2025,
      "coordination",
    );
    expect(vide.rapports).toBe(0);
    expect(vide.demandes.shannon.valeur).toBeNull();
    expect(vide.jeunes.fileActiveMoyenne.valeur).toBeNull();
    expect(vide.echanges.parMois).toEqual([
      { mois: "2030-01", valeur: 0 },
      { mois: "2030-02", valeur: 0 },
    ]);
  });

  it("un mois entamé par la période compte entier, une situation compte au jour près", async () => {
    const r = await indicateursRapports(
      getDb(),
      filtre({ periode: { ...T1_2026, nature: "libre", du: { annee: 2026, mois: 3, jour: 15 }, au: T1_2026.au } }),
      T4_2025,
      "coordination",
    );
    expect(r.rapports).toBe(1);
    expect(r.jeunes.nouveaux.valeur).toBe(1);
    // Only the situation of 31 March is within 15–31 March.
    expect(r.demandes.situations).toBe(1);
  });
});

describe("indicateursRapports avec un filtre (bilans)", () => {
  it("type de structure : les bilans des structures de ce type", async () => {
    const r = await indicateursRapports(
      getDb(),
      filtre({ typeStructure: "information_jeunesse" }),
      T4_2025,
      "coordination",
    );
    expect(r.rapports).toBe(1);
    expect(r.jeunes.nouveaux).toEqual({ valeur: 2, precedente: 0 });
    expect(r.demandes.situations).toBe(1);
  });

  it("commune et EPCI : ceux de la structure du bilan", async () => {
    const commune = await indicateursRapports(getDb(), filtre({ commune: s1.communeCode }), T4_2025, "coordination");
    expect(commune.rapports).toBe(2);
    expect(commune.jeunes.nouveaux).toEqual({ valeur: 5, precedente: 7 });
    expect(commune.demandes.situations).toBe(2);
    const epci = await indicateursRapports(getDb(), filtre({ epci: epciDeS1 }), T4_2025, "coordination");
    expect(epci.jeunes.nouveaux).toEqual(commune.jeunes.nouveaux);
    expect(epci.rapports).toBe(2);
    const autre = await indicateursRapports(getDb(), filtre({ commune: "04019" }), T4_2025, "coordination");
    expect(autre.rapports).toBe(0);
  });

  it("réseau : les bilans des promeneurs qui y ont un profil, et les échanges de ce seul réseau", async () => {
    const r = await indicateursRapports(getDb(), filtre({ reseau: "instagram" }), T4_2025, "coordination");
    expect(r.rapports).toBe(2);
    expect(r.echangesParReseau).toEqual({ instagram: 17 });
    expect(r.demandes.situations).toBe(2);
    const snap = await indicateursRapports(getDb(), filtre({ reseau: "snapchat" }), T4_2025, "coordination");
    expect(snap.rapports).toBe(1);
    expect(snap.echangesParReseau).toEqual({ snapchat: 10 });
  });
});

describe("rapportsParDepartement", () => {
  it("une ligne par département demandé, zéros compris, agrégats ou bilans", async () => {
    const f = filtre({ departements: ["04", "05", "06"] });
    const lignes = await rapportsParDepartement(getDb(), f);
    const h = -((7 / 12) * Math.log(7 / 12) + (3 / 12) * Math.log(3 / 12) + (2 / 12) * Math.log(2 / 12));
    expect(lignes.get("04")).toEqual({
      rapports: 3,
      nouveaux: 7,
      echanges: 35,
      demandes: 12,
      shannon: expect.closeTo(h / Math.log(14), 12),
      publications: 6,
    });
    expect(lignes.get("05")).toEqual({
      rapports: 1,
      nouveaux: 30,
      echanges: 9,
      demandes: 5,
      shannon: 0,
      publications: 1,
    });
    expect(lignes.get("06")).toEqual({
      rapports: 0,
      nouveaux: 0,
      echanges: 0,
      demandes: 0,
      shannon: null,
      publications: 0,
    });
    expect(await rapportsParDepartement(getDb(), f, { source: "rapports" })).toEqual(lignes);
  });

  it("avec un filtre, lit les bilans", async () => {
    const lignes = await rapportsParDepartement(getDb(), filtre({ typeStructure: "centre_social" }));
    expect(lignes.get("04")).toMatchObject({ rapports: 2, nouveaux: 5, demandes: 11 });
  });
});

describe("agrégats mensuels", () => {
  it("un changement marqué est repris à la lecture suivante ; sans marque, rien n'est refait", async () => {
    const db = getDb();
    expect(await refaireAgregats(db, ["04"])).toBe(0);
    const [rapport] = await db
      .select()
      .from(rapportsMensuels)
      .where(and(eq(rapportsMensuels.promeneurId, p2.id), eq(rapportsMensuels.mois, "2026-03-01")));
    if (!rapport) throw new Error("report missing");
    await db.transaction(async (tx) => {
      await tx.update(rapportsMensuels).set({ statut: "soumis" }).where(eq(rapportsMensuels.id, rapport.id));
      await marquerAgregatsARefaire(tx, "04", "2026-03");
    });
    const r = await indicateursRapports(db, filtre(), T4_2025, "coordination");
    expect(r.rapports).toBe(4);
    expect(r.jeunes.nouveaux.valeur).toBe(7 + 40);
    expect(await db.select().from(agregatsARefaire)).toEqual([]);
    // Back as it was, for the other tests of the file.
    await db.transaction(async (tx) => {
      await tx.update(rapportsMensuels).set({ statut: "a_corriger" }).where(eq(rapportsMensuels.id, rapport.id));
      await marquerAgregatsARefaire(tx, "04", "2026-03-01");
    });
    expect((await indicateursRapports(db, filtre(), T4_2025, "coordination")).rapports).toBe(3);
  });

  it("ne refait que les départements demandés ; deux lecteurs simultanés ne refont une paire qu'une fois", async () => {
    const db = getDb();
    await marquerAgregatsARefaire(db, "04", "2026-01-01");
    await marquerAgregatsARefaire(db, "05", "2026-01-01");
    expect(await refaireAgregats(db, ["05"])).toBe(1);
    expect(await db.select().from(agregatsARefaire)).toEqual([{ departement: "04", mois: "2026-01-01" }]);
    const [a, b] = await Promise.all([refaireAgregats(db, ["04"]), refaireAgregats(db, ["04"])]);
    expect((a ?? 0) + (b ?? 0)).toBe(1);
    const lignes = await db
      .select()
      .from(agregatsMensuels)
      .where(and(eq(agregatsMensuels.departement, "04"), eq(agregatsMensuels.mois, "2026-01-01")));
    const total = (code: string) => lignes.find((l) => l.rubrique === "total" && l.code === code)?.nombre;
    expect(total("rapports")).toBe(2);
    expect(total("nouveaux_jeunes")).toBe(6);
    expect(lignes.find((l) => l.rubrique === "theme" && l.code === "sante")?.nombre).toBe(7);
  });

  it("un mois dont les bilans ne comptent plus est vidé", async () => {
    const db = getDb();
    await db.transaction(async (tx) => {
      await tx
        .update(rapportsMensuels)
        .set({ statut: "a_corriger" })
        .where(and(eq(rapportsMensuels.departement, "05"), ne(rapportsMensuels.statut, "a_corriger")));
      await marquerAgregatsARefaire(tx, "05", "2026-01-01");
    });
    const lignes = await rapportsParDepartement(db, filtre({ departements: ["05"] }));
    expect(lignes.get("05")?.rapports).toBe(0);
    expect(await db.select().from(agregatsMensuels).where(eq(agregatsMensuels.departement, "05"))).toEqual([]);
  });
});
