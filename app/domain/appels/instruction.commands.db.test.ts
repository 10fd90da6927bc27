import { auditLog, candidatures, evaluations } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { evaluationDe, insertAppel, insertCandidature, insertEvaluation } from "../../../tests/factories/appel";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { refuserJournal, retablirJournal } from "../../../tests/support/journal";
import { expectRefus, invalid } from "../../../tests/support/route";
import { CHAMP_EVALUATEUR, CHAMP_VERSION } from "./appel.schema";
import {
  attribuerEvaluateur,
  deciderCandidature,
  retirerEvaluateur,
  verifierCandidature,
} from "./instruction.commands.server";

const NOW = new Date("2026-03-20T10:00:00Z");
const ctx = () => ({ db: getDb(), now: NOW, requestId: "test" });

let c: Awaited<ReturnType<typeof insertCoordination>>;
let evaluateur: Actor;
let horsCommission: Actor;
let promeneur: Actor;
let referent: Actor;

beforeAll(async () => {
  const db = getDb();
  c = await insertCoordination(db);
  evaluateur = await insertActor(db, { role: "evaluateur", departement: "04" });
  horsCommission = await insertActor(db, { role: "evaluateur", departement: "04" });
  promeneur = await insertActor(db, { role: "promeneur", departement: "04" });
  referent = await insertActor(db, { role: "referent", departement: "04" });
});

afterEach(retablirJournal);

async function candidatureDe(id: string) {
  const [row] = await getDb().select().from(candidatures).where(eq(candidatures.id, id));
  if (!row) throw new Error("pas de candidature");
  return row;
}

async function journalDe(id: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "candidature"), eq(auditLog.entityId, id)))
    .orderBy(auditLog.id);
}

async function preparer(statut: "deposee" | "recevable" = "deposee") {
  const appel = await insertAppel(getDb(), { commission: [evaluateur.userId] });
  const candidature = await insertCandidature(getDb(), appel, { statut, structureNom: "Maison des jeunes" });
  return { appel, candidature, ids: { appelId: appel.id, candidatureId: candidature.id } };
}

describe("vérifier la recevabilité", () => {
  it("déclare recevable, puis irrecevable avec un motif, chaque fois au journal", async () => {
    const { candidature, ids } = await preparer();
    expect(await verifierCandidature(ctx(), c.coordinateur04, ids, { recevable: true, motif: null }, 1)).toEqual({
      statut: "recevable",
    });
    expect(await candidatureDe(candidature.id)).toMatchObject({
      statut: "recevable",
      verifieePar: c.coordinateur04.userId,
      version: 2,
    });
    await verifierCandidature(ctx(), c.copil04, ids, { recevable: false, motif: "Statuts manquants." }, 2);
    expect(await candidatureDe(candidature.id)).toMatchObject({
      statut: "irrecevable",
      motifIrrecevabilite: "Statuts manquants.",
    });
    const journal = await journalDe(candidature.id);
    expect(journal.map((j) => j.action)).toEqual(["candidature.instruire", "candidature.instruire"]);
    expect(journal[1]?.changes).toMatchObject({
      statut: { avant: "recevable", apres: "irrecevable" },
      motif: "Statuts manquants.",
    });
  });

  it("exige un motif pour l'irrecevabilité, refuse une version périmée et un brouillon, sans rien écrire", async () => {
    const { candidature, ids } = await preparer();
    expect(
      (await invalid(verifierCandidature(ctx(), c.coordinateur04, ids, { recevable: false, motif: " " }, 1))).field,
    ).toBe("motif");
    expect(
      (await invalid(verifierCandidature(ctx(), c.coordinateur04, ids, { recevable: true, motif: null }, 7))).field,
    ).toBe(CHAMP_VERSION);
    const brouillon = await insertCandidature(getDb(), { id: ids.appelId, departement: "04" }, { statut: "brouillon" });
    const refus = await invalid(
      verifierCandidature(
        ctx(),
        c.coordinateur04,
        { candidatureId: brouillon.id },
        { recevable: true, motif: null },
        undefined,
      ),
    );
    expect(refus.message).toMatch(/brouillon/);
    expect(await candidatureDe(candidature.id)).toMatchObject({ statut: "deposee", version: 1 });
    expect(await journalDe(candidature.id)).toEqual([]);
  });

  it("refuse aux autres rôles (403), à un autre département et à un autre appel (404), sans rien changer", async () => {
    const { candidature, ids } = await preparer();
    const autreAppel = await insertAppel(getDb());
    const v = { recevable: true, motif: null };
    for (const actor of [promeneur, referent, evaluateur, c.national]) {
      await expectRefus(verifierCandidature(ctx(), actor, ids, v, undefined), 403);
      await expectRefus(attribuerEvaluateur(ctx(), actor, ids, evaluateur.userId), 403);
      await expectRefus(deciderCandidature(ctx(), actor, ids, { retenue: true, motif: null }, undefined), 403);
    }
    await expectRefus(verifierCandidature(ctx(), c.coordinateur05, ids, v, undefined), 404);
    await expectRefus(attribuerEvaluateur(ctx(), c.coordinateur05, ids, evaluateur.userId), 404);
    await expectRefus(retirerEvaluateur(ctx(), c.coordinateur05, ids, evaluateur.userId), 404);
    await expectRefus(deciderCandidature(ctx(), c.coordinateur05, ids, { retenue: true, motif: null }, undefined), 404);
    await expectRefus(
      verifierCandidature(ctx(), c.coordinateur04, { ...ids, appelId: autreAppel.id }, v, undefined),
      404,
    );
    expect(await candidatureDe(candidature.id)).toMatchObject({ statut: "deposee", version: 1 });
    expect(await evaluationDe(getDb(), candidature.id, evaluateur.userId)).toBeNull();
    expect(await journalDe(candidature.id)).toEqual([]);
  });

  it("n'écrit rien quand le journal refuse sa ligne", async () => {
    const { candidature, ids } = await preparer();
    await refuserJournal("candidature.instruire");
    await expect(
      verifierCandidature(ctx(), c.coordinateur04, ids, { recevable: true, motif: null }, 1),
    ).rejects.toThrow();
    expect((await candidatureDe(candidature.id)).statut).toBe("deposee");
  });
});

describe("attribuer les évaluateurs", () => {
  it("attribue un membre de la commission, refuse un doublon et un évaluateur hors commission", async () => {
    const { candidature, ids } = await preparer();
    expect(await attribuerEvaluateur(ctx(), c.coordinateur04, ids, evaluateur.userId)).toEqual({ nom: evaluateur.nom });
    expect(await evaluationDe(getDb(), candidature.id, evaluateur.userId)).toMatchObject({
      attribueeLe: NOW,
      soumiseLe: null,
    });
    expect((await invalid(attribuerEvaluateur(ctx(), c.coordinateur04, ids, evaluateur.userId))).message).toMatch(
      /évalue déjà/,
    );
    const hors = await invalid(attribuerEvaluateur(ctx(), c.coordinateur04, ids, horsCommission.userId));
    expect(hors.field).toBe(CHAMP_EVALUATEUR);
    expect(await evaluationDe(getDb(), candidature.id, horsCommission.userId)).toBeNull();
    expect((await journalDe(candidature.id)).map((j) => j.action)).toEqual(["candidature.evaluateur.attribuer"]);
  });

  it("retire un évaluateur qui n'a pas soumis ; refuse de retirer une évaluation soumise", async () => {
    const { candidature, ids } = await preparer("recevable");
    const autre = await insertActor(getDb(), { role: "evaluateur", departement: "04" });
    await insertEvaluation(
      getDb(),
      candidature.id,
      evaluateur.userId,
      { enjeux: [3] },
      new Date("2026-03-19T10:00:00Z"),
    );
    await insertEvaluation(getDb(), candidature.id, autre.userId, { enjeux: [1] });
    const refus = await invalid(retirerEvaluateur(ctx(), c.coordinateur04, ids, evaluateur.userId));
    expect(refus.message).toMatch(/a soumis son évaluation le 19 mars 2026/);
    expect(await evaluationDe(getDb(), candidature.id, evaluateur.userId)).not.toBeNull();
    await retirerEvaluateur(ctx(), c.coordinateur04, ids, autre.userId);
    expect(await evaluationDe(getDb(), candidature.id, autre.userId)).toBeNull();
    const restantes = await getDb().select().from(evaluations).where(eq(evaluations.candidatureId, candidature.id));
    expect(restantes.map((e) => e.evaluateurId)).toEqual([evaluateur.userId]);
    expect((await journalDe(candidature.id)).map((j) => j.action)).toEqual(["candidature.evaluateur.retirer"]);
  });

  it("n'attribue pas une candidature irrecevable", async () => {
    const appel = await insertAppel(getDb(), { commission: [evaluateur.userId] });
    const irrecevable = await insertCandidature(getDb(), appel, { statut: "irrecevable" });
    const refus = await invalid(
      attribuerEvaluateur(ctx(), c.coordinateur04, { candidatureId: irrecevable.id }, evaluateur.userId),
    );
    expect(refus.message).toMatch(/irrecevable/);
  });
});

describe("décider", () => {
  it("retient une candidature recevable et prépare l'e-mail au candidat", async () => {
    const { candidature, ids, appel } = await preparer("recevable");
    const { statut, mail } = await deciderCandidature(ctx(), c.coordinateur04, ids, { retenue: true, motif: null }, 1);
    expect(statut).toBe("retenue");
    expect(mail.to).toBe(candidature.email);
    expect(mail.subject).toContain(appel.titre);
    expect(mail.text).toContain("a été retenue");
    expect(await candidatureDe(candidature.id)).toMatchObject({
      statut: "retenue",
      decideeLe: NOW,
      decideePar: c.coordinateur04.userId,
    });
    expect((await journalDe(candidature.id)).map((j) => j.action)).toEqual(["candidature.decider"]);
    // Decided: no second decision, no new check.
    expect(
      (await invalid(deciderCandidature(ctx(), c.coordinateur04, ids, { retenue: false, motif: "x" }, 2))).message,
    ).toMatch(/déjà prise/);
  });

  it("refuse sans motif, et envoie les motifs du refus", async () => {
    const { candidature, ids } = await preparer("recevable");
    expect(
      (await invalid(deciderCandidature(ctx(), c.coordinateur04, ids, { retenue: false, motif: null }, 1))).field,
    ).toBe("motif");
    const { mail } = await deciderCandidature(
      ctx(),
      c.coordinateur04,
      ids,
      { retenue: false, motif: "Le budget dépasse la subvention possible." },
      1,
    );
    expect(mail.text).toContain("n'a pas été retenue");
    expect(mail.text).toContain("Le budget dépasse la subvention possible.");
    expect(await candidatureDe(candidature.id)).toMatchObject({
      statut: "refusee",
      motifDecision: "Le budget dépasse la subvention possible.",
    });
  });

  it("ne décide que d'une candidature recevable", async () => {
    const { candidature, ids } = await preparer("deposee");
    const refus = await invalid(deciderCandidature(ctx(), c.coordinateur04, ids, { retenue: true, motif: null }, 1));
    expect(refus.message).toMatch(/recevable/);
    expect((await candidatureDe(candidature.id)).statut).toBe("deposee");
    expect(await journalDe(candidature.id)).toEqual([]);
  });
});
