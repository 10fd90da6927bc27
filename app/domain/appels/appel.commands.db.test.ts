import os from "node:os";
import path from "node:path";
import { appelEvaluateurs, appels, auditLog } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { StockageDisque } from "~/server/stockage.server";
import {
  CRITERES_APPEL,
  DOCUMENTS_APPEL,
  insertAppel,
  insertCandidature,
  insertEvaluation,
  insertPiece,
} from "../../../tests/factories/appel";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { refuserJournal, retablirJournal } from "../../../tests/support/journal";
import { expectRefus, invalid } from "../../../tests/support/route";
import { createAppel, depublierAppel, publierAppel, updateAppel } from "./appel.commands.server";
import { MODELE_COORDINATION } from "./appel.modeles";
import { getAppel } from "./appel.queries.server";
import { CHAMP_VERSION, type SaisieAppel } from "./appel.schema";

const NOW = new Date("2026-01-05T10:00:00Z");
const ctx = () => ({ db: getDb(), now: NOW, requestId: "test" });
const stockage = new StockageDisque(path.join(os.tmpdir(), `pdn-appels-${process.pid}-${Date.now()}`));

let c: Awaited<ReturnType<typeof insertCoordination>>;
let evaluateur04: Actor;
let evaluateur05: Actor;
let promeneur: Actor;
let referent: Actor;
let seq = 0;

beforeAll(async () => {
  const db = getDb();
  c = await insertCoordination(db);
  evaluateur04 = await insertActor(db, { role: "evaluateur", departement: "04" });
  evaluateur05 = await insertActor(db, { role: "evaluateur", departement: "05" });
  promeneur = await insertActor(db, { role: "promeneur", departement: "04" });
  referent = await insertActor(db, { role: "referent", departement: "04" });
});

afterEach(retablirJournal);

function saisie(modifs: Partial<SaisieAppel> = {}): SaisieAppel {
  seq += 1;
  return {
    type: "coordination",
    titre: MODELE_COORDINATION.titre,
    slug: `coordination-${seq}-${Date.now()}`,
    description: MODELE_COORDINATION.description,
    ouvertureLe: new Date("2026-01-15T08:00:00Z"),
    clotureLe: new Date("2026-03-15T11:00:00Z"),
    decisionLe: null,
    budgetPropose: true,
    documents: MODELE_COORDINATION.documents.map((d) => ({ ...d, familles: [...d.familles] })),
    questions: [...MODELE_COORDINATION.questions],
    criteres: [...MODELE_COORDINATION.criteres],
    evaluateurs: [],
    ...modifs,
  };
}

async function journalDe(id: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "appel"), eq(auditLog.entityId, id)))
    .orderBy(auditLog.id);
}

describe("créer un appel", () => {
  it("l'enregistre non publié, avec sa commission et sa ligne au journal", async () => {
    const s = saisie({ evaluateurs: [evaluateur04.userId] });
    const { id } = await createAppel(ctx(), c.coordinateur04, "04", s);
    const appel = await getAppel(getDb(), id);
    expect(appel).toMatchObject({ departement: "04", slug: s.slug, publieLe: null, version: 1, budgetPropose: true });
    expect(appel?.criteres).toEqual(MODELE_COORDINATION.criteres);
    const commission = await getDb().select().from(appelEvaluateurs).where(eq(appelEvaluateurs.appelId, id));
    expect(commission.map((m) => m.userId)).toEqual([evaluateur04.userId]);
    const journal = await journalDe(id);
    expect(journal.map((j) => [j.action, j.departement, j.requestId])).toEqual([["appel.creer", "04", "test"]]);
  });

  it("le comité de pilotage en crée aussi ; promeneur, référent et évaluateur non (403) ; un autre département non (404)", async () => {
    await createAppel(ctx(), c.copil04, "04", saisie());
    for (const actor of [promeneur, referent, evaluateur04, c.national]) {
      await expectRefus(createAppel(ctx(), actor, "04", saisie()), 403);
    }
    await expectRefus(createAppel(ctx(), c.coordinateur05, "04", saisie()), 404);
  });

  it("refuse une adresse déjà prise dans le département, et un évaluateur d'un autre département", async () => {
    const s = saisie();
    await createAppel(ctx(), c.coordinateur04, "04", s);
    const doublon = await invalid(createAppel(ctx(), c.coordinateur04, "04", { ...s, titre: "Autre" }));
    expect(doublon.field).toBe("slug");
    expect(doublon.message).toMatch(/déjà celle d'un autre appel/);
    // The same address is free in another département.
    await createAppel(ctx(), c.coordinateur05, "05", s);
    const etranger = await invalid(
      createAppel(ctx(), c.coordinateur04, "04", saisie({ evaluateurs: [evaluateur05.userId] })),
    );
    expect(etranger.field).toBe("evaluateurs");
    expect(await getDb().select().from(appels).where(eq(appels.titre, "Autre"))).toEqual([]);
  });

  it("n'écrit rien quand le journal refuse sa ligne", async () => {
    await refuserJournal("appel.creer");
    const s = saisie();
    await expect(createAppel(ctx(), c.coordinateur04, "04", s)).rejects.toThrow();
    expect(await getDb().select().from(appels).where(eq(appels.slug, s.slug))).toEqual([]);
  });
});

describe("modifier un appel", () => {
  it("enregistre les changements, augmente la version, et journalise", async () => {
    const appel = await insertAppel(getDb());
    const s = saisie({
      titre: "Appel modifié",
      documents: DOCUMENTS_APPEL,
      criteres: [...CRITERES_APPEL, { code: "territoire", libelle: "Couverture du territoire", poids: 4 }],
      evaluateurs: [evaluateur04.userId],
    });
    const { changements } = await updateAppel(ctx(), c.coordinateur04, appel.id, s, 1);
    expect(changements).toBeGreaterThan(0);
    const apres = await getAppel(getDb(), appel.id);
    expect(apres).toMatchObject({ titre: "Appel modifié", version: 2 });
    expect(apres?.criteres.at(-1)?.code).toBe("territoire");
    const [ligne] = await journalDe(appel.id);
    expect(ligne?.action).toBe("appel.modifier");
    expect(Object.keys(ligne?.changes as object)).toEqual(expect.arrayContaining(["titre", "criteres", "commission"]));
    // Nothing changed: no new version, no audit row.
    expect((await updateAppel(ctx(), c.coordinateur04, appel.id, s, 2)).changements).toBe(0);
    expect(await journalDe(appel.id)).toHaveLength(1);
  });

  it("refuse une version périmée (409 pour la page), sans rien changer", async () => {
    const appel = await insertAppel(getDb());
    await updateAppel(ctx(), c.coordinateur04, appel.id, saisie({ titre: "Première" }), 1);
    const perime = await invalid(updateAppel(ctx(), c.coordinateur04, appel.id, saisie({ titre: "Seconde" }), 1));
    expect(perime.field).toBe(CHAMP_VERSION);
    expect((await getAppel(getDb(), appel.id))?.titre).toBe("Première");
  });

  it("refuse aux autres rôles (403) et à la coordination d'un autre département (404)", async () => {
    const appel = await insertAppel(getDb(), { titre: "Intouchable" });
    for (const actor of [promeneur, referent, evaluateur04]) {
      await expectRefus(updateAppel(ctx(), actor, appel.id, saisie(), undefined), 403);
      await expectRefus(publierAppel(ctx(), actor, appel.id, undefined), 403);
    }
    await expectRefus(updateAppel(ctx(), c.coordinateur05, appel.id, saisie(), undefined), 404);
    await expectRefus(publierAppel(ctx(), c.coordinateur05, appel.id, undefined), 404);
    await expectRefus(updateAppel(ctx(), c.coordinateur04, "pas-un-uuid", saisie(), undefined), 404);
    expect(await getAppel(getDb(), appel.id)).toMatchObject({ titre: "Intouchable", version: 1, publieLe: null });
    expect(await journalDe(appel.id)).toEqual([]);
  });

  it("une fois une candidature déposée, garde les documents fournis et les critères notés", async () => {
    const appel = await insertAppel(getDb(), { commission: [evaluateur04.userId] });
    const candidature = await insertCandidature(getDb(), appel, { statut: "recevable" });
    await insertPiece(getDb(), stockage, candidature.id, { documentCode: "cv" });
    await insertEvaluation(getDb(), candidature.id, evaluateur04.userId, { profil: [4] });
    const base = { documents: DOCUMENTS_APPEL, criteres: CRITERES_APPEL, evaluateurs: [evaluateur04.userId] };

    const sansCv = await invalid(
      updateAppel(
        ctx(),
        c.coordinateur04,
        appel.id,
        saisie({ ...base, documents: DOCUMENTS_APPEL.filter((d) => d.code !== "cv") }),
        1,
      ),
    );
    expect([sansCv.field, sansCv.message]).toEqual([
      "documents",
      "Des candidatures déposées contiennent «\u00a0CV de la personne proposée\u00a0»\u00a0: ce document ne peut plus être retiré de l'appel.",
    ]);
    const sansProfil = await invalid(
      updateAppel(
        ctx(),
        c.coordinateur04,
        appel.id,
        saisie({ ...base, criteres: CRITERES_APPEL.filter((k) => k.code !== "profil") }),
        1,
      ),
    );
    expect(sansProfil.field).toBe("criteres");
    expect(sansProfil.message).toContain("Profil du coordinateur ou de la coordinatrice");
    const sansMembre = await invalid(
      updateAppel(ctx(), c.coordinateur04, appel.id, saisie({ ...base, evaluateurs: [] }), 1),
    );
    expect(sansMembre.field).toBe("evaluateurs");
    // A document nobody provided, and a criterion nobody scored, may go.
    const { changements } = await updateAppel(
      ctx(),
      c.coordinateur04,
      appel.id,
      saisie({
        ...base,
        documents: DOCUMENTS_APPEL.filter((d) => d.code !== "annexes"),
        criteres: CRITERES_APPEL.filter((k) => k.code !== "enjeux"),
      }),
      1,
    );
    expect(changements).toBeGreaterThan(0);
  });
});

describe("publier un appel", () => {
  it("le publie puis le retire du site public, chaque fois au journal", async () => {
    const appel = await insertAppel(getDb());
    await publierAppel(ctx(), c.copil04, appel.id, 1);
    expect((await getAppel(getDb(), appel.id))?.publieLe).toEqual(NOW);
    expect((await invalid(publierAppel(ctx(), c.copil04, appel.id, undefined))).message).toBe(
      "L'appel est déjà publié.",
    );
    expect((await invalid(depublierAppel(ctx(), c.coordinateur04, appel.id, 1))).field).toBe(CHAMP_VERSION);
    await depublierAppel(ctx(), c.coordinateur04, appel.id, 2);
    expect((await getAppel(getDb(), appel.id))?.publieLe).toBeNull();
    expect((await journalDe(appel.id)).map((j) => j.action)).toEqual(["appel.publier", "appel.depublier"]);
  });
});
