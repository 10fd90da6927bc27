import { auditLog, parametresDepartement, regroupements } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { instantParis, type JourCivil } from "~/lib/jour";
import { getDb } from "~/server/db.server";
import { Invalid } from "~/server/errors.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertRegroupement, invitePersonne, invitePromeneur } from "../../../tests/factories/regroupement";
import { insertCoordination } from "../../../tests/support/acteurs";
import { expectRefus } from "../../../tests/support/route";
import { changerSeuilParticipation } from "./participation.commands.server";
import {
  countPromeneursSignales,
  findParticipationDeLAnnee,
  findParticipationParPromeneur,
  findParticipationParType,
  getSeuilParticipation,
  heuresSql,
} from "./participation.queries.server";
import { heuresDeFormation } from "./participation.rules";

const j = (annee: number, mois: number, jour: number): JourCivil => ({ annee, mois, jour });
const NOW = new Date("2025-03-15T12:00:00Z");
const PERIODE = { du: j(2025, 1, 1), au: j(2025, 3, 31) };
const filtre = { departement: "04", periode: PERIODE, now: NOW };

let p1: PromeneurRow;
let p2: PromeneurRow;
let p3: PromeneurRow;

async function regroupement(
  type: string,
  debut: Date,
  fin: Date,
  presences: [PromeneurRow, string | null][],
  overrides: Record<string, unknown> = {},
) {
  const r = await insertRegroupement(getDb(), { type, debut, fin, ...overrides });
  for (const [p, presence] of presences) await invitePromeneur(getDb(), r, p, { presence });
  return r;
}

beforeAll(async () => {
  const db = getDb();
  p1 = await insertPromeneur(db, { statut: "actif", prenom: "Anna", nom: "Aubert" });
  p2 = await insertPromeneur(db, { statut: "actif", prenom: "Bruno", nom: "Blanc" });
  p3 = await insertPromeneur(db, { statut: "actif", prenom: "Carla", nom: "Chabert" });
  // G1, practice analysis of 2 h 20 (2,25 h of training): present, excused, absent; a referent present, not counted.
  const g1 = await regroupement(
    "analyse_pratique",
    instantParis(j(2025, 2, 10), 14),
    instantParis(j(2025, 2, 10), 16, 20),
    [
      [p1, "present"],
      [p2, "excuse"],
      [p3, "absent"],
    ],
  );
  await invitePersonne(db, g1, { nom: "Référente", email: "referente-g1@essai.pdn.fr" }, { presence: "present" });
  // G2, a two-day initial training: 2 × 7 h.
  await regroupement("formation_initiale", instantParis(j(2025, 2, 20), 9), instantParis(j(2025, 2, 21), 17), [
    [p1, "present"],
    [p2, "present"],
    [p3, "absent"],
  ]);
  // G3, a departmental meeting (no training hours), one attendance not recorded.
  await regroupement("reunion_departementale", instantParis(j(2025, 3, 5), 10), instantParis(j(2025, 3, 5), 12), [
    [p1, "absent"],
    [p2, "present"],
    [p3, null],
  ]);
  // Not counted: a cancelled one, one before the period, one not held yet (after NOW), one in 05.
  await regroupement(
    "analyse_pratique",
    instantParis(j(2025, 3, 10), 14),
    instantParis(j(2025, 3, 10), 16),
    [[p3, "present"]],
    { statut: "annule", motifAnnulation: "Neige" },
  );
  await regroupement("formation_continue", instantParis(j(2024, 12, 15), 9), instantParis(j(2024, 12, 15), 17), [
    [p3, "present"],
  ]);
  await regroupement("formation_continue", instantParis(j(2025, 3, 20), 9), instantParis(j(2025, 3, 20), 17), [
    [p3, null],
  ]);
  await regroupement(
    "formation_continue",
    instantParis(j(2025, 3, 3), 9),
    instantParis(j(2025, 3, 3), 17),
    [[p3, "present"]],
    { departement: "05" },
  );
});

describe("indicateur 6 : participation aux regroupements", () => {
  it("compte par type de regroupement les présences des promeneurs et les heures de formation", async () => {
    const { types, totaux } = await findParticipationParType(getDb(), filtre);
    const parType = Object.fromEntries(types.map(({ type, ...reste }) => [type, reste]));
    expect(parType).toEqual({
      analyse_pratique: {
        regroupements: 1,
        invitations: 3,
        notees: 3,
        presents: 1,
        excuses: 1,
        absents: 1,
        taux: 33,
        heures: 2.25,
      },
      formation_initiale: {
        regroupements: 1,
        invitations: 3,
        notees: 3,
        presents: 2,
        excuses: 0,
        absents: 1,
        taux: 67,
        heures: 28,
      },
      reunion_departementale: {
        regroupements: 1,
        invitations: 3,
        notees: 2,
        presents: 1,
        excuses: 0,
        absents: 1,
        taux: 50,
        heures: 0,
      },
    });
    expect(totaux).toEqual({
      regroupements: 3,
      invitations: 9,
      notees: 8,
      presents: 4,
      excuses: 1,
      absents: 3,
      taux: 50,
      heures: 30.25,
    });
  });

  it("calcule le taux et les heures de chaque promeneur et signale sous le seuil, les signalés d'abord", async () => {
    const lignes = await findParticipationParPromeneur(getDb(), filtre, 50);
    const ligne = (p: PromeneurRow) => lignes.find((l) => l.promeneurId === p.id);
    expect(ligne(p1)).toMatchObject({
      invitations: 3,
      notees: 3,
      presents: 2,
      excuses: 0,
      absents: 1,
      taux: 67,
      heures: 16.25,
      signale: false,
    });
    expect(ligne(p2)).toMatchObject({
      invitations: 3,
      notees: 3,
      presents: 2,
      excuses: 1,
      absents: 0,
      taux: 67,
      heures: 14,
      signale: false,
    });
    expect(ligne(p3)).toMatchObject({
      invitations: 3,
      notees: 2,
      presents: 0,
      excuses: 0,
      absents: 2,
      taux: 0,
      heures: 0,
      signale: true,
    });
    expect(lignes.map((l) => l.nom)).toEqual(["Chabert", "Aubert", "Blanc"]);
    // A higher threshold flags the two others too.
    expect((await findParticipationParPromeneur(getDb(), filtre, 70)).filter((l) => l.signale)).toHaveLength(3);
  });

  it("filtre par type et par période", async () => {
    const formation = await findParticipationParType(getDb(), { ...filtre, type: "formation_initiale" });
    expect(formation.types.map((t) => t.type)).toEqual(["formation_initiale"]);
    const lignes = await findParticipationParPromeneur(getDb(), { ...filtre, type: "formation_initiale" }, 50);
    expect(lignes.find((l) => l.promeneurId === p3.id)).toMatchObject({ invitations: 1, notees: 1, signale: false });
    // From 1 December 2024 the December training counts (present, 8 h).
    const large = await findParticipationParPromeneur(
      getDb(),
      { ...filtre, periode: { ...PERIODE, du: j(2024, 12, 1) } },
      50,
    );
    expect(large.find((l) => l.promeneurId === p3.id)).toMatchObject({ invitations: 4, presents: 1, heures: 8 });
    const un = await findParticipationParPromeneur(getDb(), { ...filtre, promeneurId: p1.id }, 50);
    expect(un.map((l) => l.promeneurId)).toEqual([p1.id]);
  });

  it("donne au promeneur sa participation de l'année, rien avant une première présence notée", async () => {
    expect(await findParticipationDeLAnnee(getDb(), p1, NOW)).toEqual({
      taux: 67,
      heures: 16.25,
      presents: 2,
      notees: 3,
    });
    const nouveau = await insertPromeneur(getDb(), { statut: "actif" });
    expect(await findParticipationDeLAnnee(getDb(), nouveau, NOW)).toBeNull();
  });

  it("compte les promeneurs signalés pour le tableau de bord, selon le seuil du département", async () => {
    expect(await getSeuilParticipation(getDb(), "04")).toBe(50);
    expect(await countPromeneursSignales(getDb(), filtre)).toBe(1);
  });

  it("calcule en SQL les mêmes heures de formation que la règle", async () => {
    const cas: [Date, Date][] = [
      [instantParis(j(2025, 5, 2), 9, 30), instantParis(j(2025, 5, 2), 12)],
      [instantParis(j(2025, 5, 2), 14), instantParis(j(2025, 5, 2), 16, 23)],
      [instantParis(j(2025, 3, 29), 20), instantParis(j(2025, 3, 30), 4)],
      [instantParis(j(2025, 10, 25), 9), instantParis(j(2025, 10, 27), 12)],
      [instantParis(j(2025, 7, 1), 20), instantParis(j(2025, 7, 2), 0)],
      [instantParis(j(2025, 7, 1), 0, 30), instantParis(j(2025, 7, 1), 23, 30)],
    ];
    for (const [debut, fin] of cas) {
      const r = await insertRegroupement(getDb(), { debut, fin, departement: "05" });
      const [row] = await getDb().select({ heures: heuresSql }).from(regroupements).where(eq(regroupements.id, r.id));
      expect(row?.heures, `${debut.toISOString()} → ${fin.toISOString()}`).toBe(heuresDeFormation(debut, fin));
    }
  });
});

describe("promeneurs partis", () => {
  it("ne signale ni ne compte un promeneur sorti ou refusé, mais garde son historique", async () => {
    const db = getDb();
    const actif = await insertPromeneur(db, { statut: "actif" });
    const sorti = await insertPromeneur(db, { statut: "sorti" });
    const refuse = await insertPromeneur(db, { statut: "refuse" });
    for (const jour of [3, 4]) {
      await regroupement(
        "analyse_pratique",
        instantParis(j(2025, 2, jour), 14),
        instantParis(j(2025, 2, jour), 16),
        [
          [actif, "absent"],
          [sorti, "absent"],
          [refuse, "absent"],
        ],
        { departement: "05" },
      );
    }
    const filtre05 = { ...filtre, departement: "05" };
    const lignes = await findParticipationParPromeneur(db, filtre05, 50);
    const ids = [actif.id, sorti.id, refuse.id];
    const ligne = (id: string) => lignes.find((l) => l.promeneurId === id);
    expect(ids.map((id) => [ligne(id)?.notees, ligne(id)?.taux, ligne(id)?.signale])).toEqual([
      [2, 0, true],
      [2, 0, false],
      [2, 0, false],
    ]);
    expect(lignes.filter((l) => l.signale).map((l) => l.promeneurId)).toEqual([actif.id]);
    expect(await countPromeneursSignales(db, filtre05)).toBe(1);
  });
});

describe("seuil de participation", () => {
  it("le coordinateur le change (0 à 100), avec une ligne au journal ; une saisie hors bornes est refusée", async () => {
    const { coordinateur04, coordinateur05, copil04 } = await insertCoordination(getDb());
    const ctx = { db: getDb(), now: NOW, requestId: "req-seuil" };
    for (const saisie of ["101", "-5", "cinquante", ""]) {
      await expect(changerSeuilParticipation(ctx, coordinateur04, "04", saisie)).rejects.toBeInstanceOf(Invalid);
    }
    expect(
      await getDb().select().from(parametresDepartement).where(eq(parametresDepartement.departement, "04")),
    ).toEqual([]);
    await expectRefus(changerSeuilParticipation(ctx, copil04, "04", "70"), 403);
    await expectRefus(changerSeuilParticipation(ctx, coordinateur05, "04", "70"), 404);
    await changerSeuilParticipation(ctx, coordinateur04, "04", "70");
    expect(await getSeuilParticipation(getDb(), "04")).toBe(70);
    expect(await countPromeneursSignales(getDb(), filtre)).toBe(3);
    const journal = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "participation.seuil.changer"), eq(auditLog.departement, "04")));
    expect(journal.map((l) => l.changes)).toEqual([{ seuil: [50, 70] }]);
    await changerSeuilParticipation(ctx, coordinateur04, "04", "50");
    expect(await getSeuilParticipation(getDb(), "04")).toBe(50);
  });
});
