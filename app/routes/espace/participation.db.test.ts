import { auditLog, parametresDepartement } from "@db/schema";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { insertRegroupement, invitePromeneur } from "../../../tests/factories/regroupement";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as page from "./participation";

const HEURE = 3_600_000;
let coordination: Awaited<ReturnType<typeof insertCoordination>>;
let promeneurActor: Actor;

type Vue = {
  types: { type: string; presents: number; notees: number }[];
  totaux: { presents: number; notees: number; heures: number };
  promeneurs: { promeneurId: string; signale: boolean }[] | null;
  seuil: number | null;
  periode: { du: string; au: string; saisie: { du: string; au: string }; errors: { du?: string[]; au?: string[] } };
};

const charger = (actor: Actor, search = "") =>
  outcome(() =>
    page.loader({
      request: getRequest(`/espace/participation${search}`),
      context: contextFor(actor),
      params: {},
    } as never),
  );
const poster = (actor: Actor, seuil: string, search = "") =>
  outcome(() =>
    page.action({
      request: postRequest(`/espace/participation${search}`, { _csrf: "csrf-test", seuil }),
      context: contextFor(actor),
      params: {},
    } as never),
  );

beforeAll(async () => {
  const db = getDb();
  coordination = await insertCoordination(db);
  promeneurActor = await insertActor(db, { role: "promeneur", departement: "04" });
  const debut = new Date(Date.now() - 10 * 24 * HEURE);
  const r = await insertRegroupement(db, {
    type: "echange_pratiques",
    debut,
    fin: new Date(debut.getTime() + 2 * HEURE),
  });
  const r2 = await insertRegroupement(db, {
    type: "echange_pratiques",
    debut: new Date(debut.getTime() + 24 * HEURE),
    fin: new Date(debut.getTime() + 26 * HEURE),
  });
  const assidu = await insertPromeneur(db, { statut: "actif" });
  const absent = await insertPromeneur(db, { statut: "actif" });
  for (const g of [r, r2]) {
    await invitePromeneur(db, g, assidu, { presence: "present" });
    await invitePromeneur(db, g, absent, { presence: "absent" });
  }
});

describe("page de la participation (indicateur 6)", () => {
  it("la coordination voit les types et chaque promeneur, le signalé d'abord", async () => {
    const vue = (await charger(coordination.coordinateur04)).data as Vue;
    expect(vue.types.find((t) => t.type === "echange_pratiques")).toMatchObject({ presents: 2, notees: 4 });
    expect(vue.totaux).toMatchObject({ presents: 2, notees: 4, heures: 4 });
    expect(vue.seuil).toBe(50);
    expect(vue.promeneurs?.map((p) => p.signale)).toEqual([true, false]);
  });

  it("le COPIL voit les types et les heures, pas le détail par promeneur", async () => {
    const reponse = await charger(coordination.copil04);
    expect(reponse.status).toBe(200);
    const vue = reponse.data as Vue;
    expect(vue.totaux).toMatchObject({ presents: 2, notees: 4 });
    expect(vue.promeneurs).toBeNull();
    expect(vue.seuil).toBeNull();
  });

  it("filtre par type et par période ; une date illisible donne la période par défaut et un message", async () => {
    const autreType = (await charger(coordination.coordinateur04, "?type=formation_initiale")).data as Vue;
    expect(autreType.types).toEqual([]);
    expect(autreType.promeneurs).toEqual([]);
    const avant = (await charger(coordination.coordinateur04, "?du=2020-01-01&au=2020-12-31")).data as Vue;
    expect(avant.totaux.notees).toBe(0);
    const illisible = await charger(coordination.coordinateur04, "?du=2020-13-45");
    expect(illisible.status).toBe(400);
    const vue = illisible.data as Vue;
    expect(vue.periode.errors.du?.[0]).toMatch(/date de début valide/);
    expect(vue.periode.errors.au).toBeUndefined();
    expect(vue.periode.saisie.du).toBe("2020-13-45");
    expect(vue.totaux.notees).toBe(4);
    const inversee = (await charger(coordination.coordinateur04, "?du=2026-05-01&au=2026-04-01")).data as Vue;
    expect(inversee.periode.errors.au?.[0]).toMatch(/postérieure/);
  });

  it("refuse un promeneur (403) et la coordination d'un autre département (404)", async () => {
    expect((await charger(promeneurActor)).status).toBe(403);
    expect((await charger(coordination.coordinateur05, "?departement=04")).status).toBe(404);
  });

  it("le seuil : 400 hors bornes sans rien changer, 403 pour le COPIL, enregistré et journalisé sinon", async () => {
    const journal = () => getDb().select().from(auditLog).where(eq(auditLog.action, "participation.seuil.changer"));
    expect(await poster(coordination.coordinateur04, "120")).toMatchObject({
      status: 400,
      data: { field: "seuil", message: "Le seuil est un pourcentage entier entre 0 et 100." },
    });
    expect((await poster(coordination.copil04, "70")).status).toBe(403);
    expect((await poster(coordination.coordinateur05, "70", "?departement=04")).status).toBe(404);
    expect(await journal()).toHaveLength(0);
    expect(await getDb().select().from(parametresDepartement)).toEqual([]);
    expect(await poster(coordination.coordinateur04, "0")).toMatchObject({ status: 302 });
    expect(await journal()).toHaveLength(1);
    const vue = (await charger(coordination.coordinateur04)).data as Vue;
    expect(vue.seuil).toBe(0);
    expect(vue.promeneurs?.every((p) => !p.signale)).toBe(true);
  });
});
