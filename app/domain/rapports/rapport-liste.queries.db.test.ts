import { communes } from "@db/schema";
import { and, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRapport } from "../../../tests/factories/rapport";
import { insertStructure } from "../../../tests/factories/structure";
import { insertActor } from "../../../tests/support/acteurs";
import {
  countRapportsAValider,
  findFiltresRapports,
  findRapportsEnRetard,
  findRapportsForActor,
  RAPPORTS_PAR_PAGE,
} from "./rapport-liste.queries.server";

// Département 06 for this file's lists (the reference data knows its communes); 05 for another département.
const D = "06";
let coordinateur: Actor;
let coordinateur05: Actor;
let referentA: Actor;
let a1: PromeneurRow;
let a2: PromeneurRow;
let b1: PromeneurRow;
let epciA: string;
let epciB: string;
let structureA: string;
let structureB: string;

beforeAll(async () => {
  const db = getDb();
  const avecEpci = await db
    .select({ code: communes.code, epci: communes.epciSiren })
    .from(communes)
    .where(and(eq(communes.departement, D), isNotNull(communes.epciSiren)));
  const premiere = avecEpci[0];
  const autre = avecEpci.find((c) => c.epci !== premiere?.epci);
  if (!premiere?.epci || !autre?.epci) throw new Error("reference data: two EPCI expected in 06");
  epciA = premiere.epci;
  epciB = autre.epci;
  const sA = await insertStructure(db, { departement: D, communeCode: premiere.code, nom: "Alpha centre social" });
  const sB = await insertStructure(db, { departement: D, communeCode: autre.code, nom: "Bêta MJC" });
  structureA = sA.id;
  structureB = sB.id;
  const entreeLe = new Date("2025-01-10T10:00:00Z");
  a1 = await insertPromeneur(db, { departement: D, structureId: sA.id, statut: "actif", nom: "Arnaud", entreeLe });
  a2 = await insertPromeneur(db, { departement: D, structureId: sA.id, statut: "actif", nom: "Bernard", entreeLe });
  b1 = await insertPromeneur(db, { departement: D, structureId: sB.id, statut: "actif", nom: "Colin", entreeLe });
  await insertRapport(db, a1, "2026-01-01", { statut: "valide", echanges: 12, faitMarquant: "Secret du mois" });
  await insertRapport(db, a1, "2026-02-01", { statut: "soumis", echanges: 5 });
  await insertRapport(db, a2, "2026-02-01", { statut: "brouillon" });
  await insertRapport(db, b1, "2026-02-01", { statut: "a_corriger" });
  await insertRapport(db, b1, "2026-01-01", { statut: "soumis" });
  coordinateur = await insertActor(db, { role: "coordinateur", departement: D });
  coordinateur05 = await insertActor(db, { role: "coordinateur", departement: "05" });
  referentA = await insertActor(db, { role: "referent", departement: D, structureId: sA.id });
});

const liste = (actor: Actor, filtres: Record<string, string | number | null> = {}) =>
  findRapportsForActor(getDb(), actor, { departement: D, ...filtres });

describe("findRapportsForActor", () => {
  it("donne au coordinateur tous les bilans du département, mois récent d'abord puis par structure et promeneur", async () => {
    const { rapports, statuts, total } = await liste(coordinateur);
    expect(rapports.map((r) => `${r.mois.slice(0, 7)} ${r.nom}`)).toEqual([
      "2026-02 Arnaud",
      "2026-02 Bernard",
      "2026-02 Colin",
      "2026-01 Arnaud",
      "2026-01 Colin",
    ]);
    expect(statuts).toEqual({ brouillon: 1, soumis: 2, valide: 1, a_corriger: 1 });
    expect(total).toBe(5);
    // Counts only: no highlight, no comment in a line of the list.
    expect(Object.keys(rapports[0] ?? {})).not.toContain("faitMarquant");
    expect(JSON.stringify(rapports)).not.toContain("Secret du mois");
  });

  it("filtre par mois, intervalle, structure, EPCI et statut ; les compteurs de statut suivent les autres filtres", async () => {
    expect((await liste(coordinateur, { mois: "2026-01" })).rapports).toHaveLength(2);
    expect((await liste(coordinateur, { du: "2026-02", au: "2026-12" })).rapports).toHaveLength(3);
    expect((await liste(coordinateur, { structureId: structureB })).rapports.map((r) => r.nom)).toEqual([
      "Colin",
      "Colin",
    ]);
    const parEpci = await liste(coordinateur, { epci: epciA });
    expect(new Set(parEpci.rapports.map((r) => r.structureId))).toEqual(new Set([structureA]));
    expect((await liste(coordinateur, { epci: epciB })).rapports).toHaveLength(2);
    const soumis = await liste(coordinateur, { statut: "soumis" });
    expect(soumis.rapports.map((r) => r.statut)).toEqual(["soumis", "soumis"]);
    expect(soumis.total).toBe(2);
    expect(soumis.statuts.brouillon).toBe(1);
    const fevrierValides = await liste(coordinateur, { mois: "2026-02", statut: "valide" });
    expect(fevrierValides.rapports).toHaveLength(0);
    expect(fevrierValides.statuts).toEqual({ brouillon: 1, soumis: 1, valide: 0, a_corriger: 1 });
  });

  it("ignore un filtre mal formé au lieu d'échouer", async () => {
    const { rapports } = await liste(coordinateur, { mois: "2026-13", statut: "inconnu", structureId: "x", epci: "1" });
    expect(rapports).toHaveLength(5);
  });

  it("ne montre à un référent que les bilans des promeneurs de sa structure", async () => {
    const { rapports, statuts } = await liste(referentA);
    expect(new Set(rapports.map((r) => r.promeneurId))).toEqual(new Set([a1.id, a2.id]));
    expect(statuts).toEqual({ brouillon: 1, soumis: 1, valide: 1, a_corriger: 0 });
    const filtres = await findFiltresRapports(getDb(), referentA, D);
    expect(filtres.structures.map((s) => s.id)).toEqual([structureA]);
  });

  it("ne donne rien au coordinateur d'un autre département, même s'il demande celui-ci", async () => {
    expect((await liste(coordinateur05)).rapports).toHaveLength(0);
  });

  it("pagine par 50", async () => {
    const db = getDb();
    const structure = await insertStructure(db, { departement: "07" });
    const moisNombreux = Array.from({ length: RAPPORTS_PAR_PAGE + 3 }, (_, i) => {
      const n = 2018 * 12 + i;
      return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}-01`;
    });
    const promeneur = await insertPromeneur(db, { departement: "07", structureId: structure.id, statut: "actif" });
    for (const m of moisNombreux) await insertRapport(db, promeneur, m);
    const coordinateur07 = await insertActor(db, { role: "coordinateur", departement: "07" });
    const page1 = await findRapportsForActor(db, coordinateur07, { departement: "07" });
    const page2 = await findRapportsForActor(db, coordinateur07, { departement: "07", page: 2 });
    expect(page1.rapports).toHaveLength(RAPPORTS_PAR_PAGE);
    expect(page2.rapports).toHaveLength(3);
    expect(page1.pages).toBe(2);
    expect(page2.rapports[2]?.mois).toBe("2018-01-01");
  });

  it("compte les bilans à valider du département", async () => {
    expect(await countRapportsAValider(getDb(), D)).toBe(2);
  });
});

describe("findRapportsEnRetard", () => {
  it("liste, pour chaque mois échu, les promeneurs actifs sans bilan soumis ou validé, avec l'état et les jours de retard", async () => {
    const db = getDb();
    const structure = await insertStructure(db, { departement: "09", nom: "Gamma" });
    const ancien = await insertPromeneur(db, {
      departement: "09",
      structureId: structure.id,
      statut: "actif",
      nom: "Ancien",
      entreeLe: new Date("2025-12-15T10:00:00Z"),
    });
    // Entered in February: January is not due from them.
    const nouveau = await insertPromeneur(db, {
      departement: "09",
      structureId: structure.id,
      statut: "actif",
      nom: "Nouveau",
      entreeLe: new Date("2026-02-03T10:00:00Z"),
    });
    // Left before March 2025, the oldest month the list looks at: nothing due.
    await insertPromeneur(db, {
      departement: "09",
      structureId: structure.id,
      statut: "sorti",
      nom: "Parti",
      entreeLe: new Date("2024-06-01T10:00:00Z"),
      sortieLe: new Date("2025-02-27T10:00:00Z"),
    });
    // Never entered (proposed): nothing due.
    await insertPromeneur(db, { departement: "09", structureId: structure.id, statut: "propose", nom: "Propose" });
    await insertRapport(db, ancien, "2025-12-01", { statut: "valide" });
    const brouillon = await insertRapport(db, ancien, "2026-01-01", { statut: "brouillon" });
    await insertRapport(db, ancien, "2026-02-01", { statut: "soumis" });
    await insertRapport(db, nouveau, "2026-02-01", { statut: "a_corriger" });
    // 11 March 2026: February is late (deadline 10 March), March is not.
    const now = new Date("2026-03-11T10:00:00Z");
    const retards = await findRapportsEnRetard(db, "09", now);
    expect(
      retards.map((r) => ({ nom: r.nom, mois: r.mois, etat: r.etat, jours: r.joursDeRetard, rapport: r.rapportId })),
    ).toEqual([
      { nom: "Ancien", mois: "2026-01-01", etat: "brouillon", jours: 29, rapport: brouillon.id },
      { nom: "Nouveau", mois: "2026-02-01", etat: "a_corriger", jours: 1, rapport: expect.any(String) },
    ]);
    // The day of the deadline, February is not late yet.
    const leDix = await findRapportsEnRetard(db, "09", new Date("2026-03-10T20:00:00Z"));
    expect(leDix.map((r) => r.mois)).toEqual(["2026-01-01"]);
  });

  it("liste un bilan jamais commencé comme « manquant », sur douze mois au plus", async () => {
    const db = getDb();
    const structure = await insertStructure(db, { departement: "10" });
    await insertPromeneur(db, {
      departement: "10",
      structureId: structure.id,
      statut: "actif",
      entreeLe: new Date("2020-01-01T10:00:00Z"),
    });
    const retards = await findRapportsEnRetard(db, "10", new Date("2026-03-11T10:00:00Z"));
    expect(retards).toHaveLength(12);
    expect(new Set(retards.map((r) => r.etat))).toEqual(new Set(["manquant"]));
    expect(retards[0]?.mois).toBe("2025-03-01");
    expect(retards.at(-1)?.mois).toBe("2026-02-01");
  });
});
