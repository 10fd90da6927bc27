import { auditLog, evaluationNotes, evaluations } from "@db/schema";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertAppelEssai, insertCandidatureEssai, insertEvaluation } from "../../../tests/factories/evaluation";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { refuserJournal, retablirJournal } from "../../../tests/support/journal";
import { expectRefus, invalid } from "../../../tests/support/route";
import { CHAMP_STATUT, enregistrerEvaluation } from "./evaluation.commands.server";
import { findEvaluationsDe, getCandidatureAEvaluer } from "./evaluation.queries.server";
import { MESSAGE_NOTE, MESSAGE_NOTE_MANQUANTE, type SaisieEvaluation } from "./evaluation.schema";

const NOW = new Date("2026-04-02T09:30:00Z");
const ctx = () => ({ db: getDb(), now: NOW, requestId: "req-evaluation" });

let evaluateur: Actor;
let autreEvaluateur: Actor;
let evaluateur05: Actor;
let coordination: Awaited<ReturnType<typeof insertCoordination>>;
let appel: Awaited<ReturnType<typeof insertAppelEssai>>;

beforeAll(async () => {
  const db = getDb();
  evaluateur = await insertActor(db, { role: "evaluateur", departement: "04" });
  autreEvaluateur = await insertActor(db, { role: "evaluateur", departement: "04" });
  evaluateur05 = await insertActor(db, { role: "evaluateur", departement: "05" });
  coordination = await insertCoordination(db);
  appel = await insertAppelEssai(db);
});

afterEach(retablirJournal);

/** A new receivable application of the call, assigned to the reviewer (with a draft of `notes`). */
async function candidatureAttribuee(
  statut: "recevable" | "retenue" | "deposee" = "recevable",
  notes: Parameters<typeof insertEvaluation>[3] = {},
) {
  const c = await insertCandidatureEssai(getDb(), appel, { statut });
  await insertEvaluation(getDb(), c.id, evaluateur.userId, notes);
  return c;
}

function saisie(notes: Record<string, number | null>, commentaires: Record<string, string> = {}): SaisieEvaluation {
  return Object.fromEntries(
    Object.entries(notes).map(([code, note]) => [code, { note, commentaire: commentaires[code] ?? "" }]),
  );
}

async function etat(candidatureId: string, evaluateurId = evaluateur.userId) {
  const db = getDb();
  const [evaluation] = await db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.candidatureId, candidatureId), eq(evaluations.evaluateurId, evaluateurId)));
  const notes = await db
    .select({ code: evaluationNotes.critereCode, note: evaluationNotes.note, commentaire: evaluationNotes.commentaire })
    .from(evaluationNotes)
    .where(and(eq(evaluationNotes.candidatureId, candidatureId), eq(evaluationNotes.evaluateurId, evaluateurId)))
    .orderBy(asc(evaluationNotes.critereCode));
  return { soumiseLe: evaluation?.soumiseLe ?? null, notes };
}

function journal(candidatureId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "evaluation"), eq(auditLog.entityId, candidatureId)))
    .orderBy(asc(auditLog.id));
}

describe("noter une candidature", () => {
  it("enregistre un brouillon partiel, puis le soumet complet ; chaque écriture a sa ligne au journal", async () => {
    const c = await candidatureAttribuee();
    const brouillon = await enregistrerEvaluation(
      ctx(),
      evaluateur,
      c.id,
      saisie({ enjeux: 4, faisabilite: null, profil: null }, { enjeux: "Bonne lecture du territoire" }),
      "brouillon",
    );
    expect(brouillon).toEqual({ soumise: false, changements: 2 });
    expect(await etat(c.id)).toEqual({
      soumiseLe: null,
      notes: [{ code: "enjeux", note: 4, commentaire: "Bonne lecture du territoire" }],
    });

    // Saving the same draft again changes nothing and writes no audit row.
    expect(
      await enregistrerEvaluation(
        ctx(),
        evaluateur,
        c.id,
        saisie({ enjeux: 4 }, { enjeux: "Bonne lecture du territoire" }),
        "brouillon",
      ),
    ).toEqual({ soumise: false, changements: 0 });

    await enregistrerEvaluation(
      ctx(),
      evaluateur,
      c.id,
      saisie({ enjeux: 5, faisabilite: 0, profil: 3 }),
      "soumission",
    );
    const apres = await etat(c.id);
    expect(apres.soumiseLe).toEqual(NOW);
    expect(apres.notes.map((n) => [n.code, n.note])).toEqual([
      ["enjeux", 5],
      ["faisabilite", 0],
      ["profil", 3],
    ]);

    const lignes = await journal(c.id);
    expect(lignes.map((l) => l.action)).toEqual(["evaluation.enregistrer", "evaluation.soumettre"]);
    expect(lignes.every((l) => l.departement === "04" && l.actorUserId === evaluateur.userId)).toBe(true);
    expect(lignes[1]?.requestId).toBe("req-evaluation");
    expect(lignes[1]?.changes).toMatchObject({
      appel: appel.titre,
      note_enjeux: { avant: 4, apres: 5 },
      commentaire_enjeux: { avant: "Bonne lecture du territoire", apres: null },
      note_profil: { avant: null, apres: 3 },
      soumiseLe: NOW.toISOString(),
    });
  });

  it("refuse la soumission tant qu'un critère n'a pas de note, sans rien écrire", async () => {
    const c = await candidatureAttribuee("recevable", { enjeux: [2] });
    const erreur = await invalid(
      enregistrerEvaluation(ctx(), evaluateur, c.id, saisie({ enjeux: 3, faisabilite: 4 }), "soumission"),
    );
    expect(erreur.field).toBe("note_profil");
    expect(erreur.message).toBe(MESSAGE_NOTE_MANQUANTE);
    expect(await etat(c.id)).toEqual({ soumiseLe: null, notes: [{ code: "enjeux", note: 2, commentaire: "" }] });
    expect(await journal(c.id)).toEqual([]);
  });

  it("refuse une note hors de 0–5 ou non entière, et un critère inconnu, sans rien écrire", async () => {
    const c = await candidatureAttribuee();
    for (const note of [6, -1, 2.5, Number.NaN]) {
      const erreur = await invalid(
        enregistrerEvaluation(ctx(), evaluateur, c.id, saisie({ enjeux: note }), "brouillon"),
      );
      expect([erreur.field, erreur.message]).toEqual(["note_enjeux", MESSAGE_NOTE]);
    }
    const inconnu = await invalid(enregistrerEvaluation(ctx(), evaluateur, c.id, saisie({ autre: 3 }), "brouillon"));
    expect(inconnu.message).toContain("« autre »");
    expect(await etat(c.id)).toEqual({ soumiseLe: null, notes: [] });
  });

  it("verrouille les notes après la soumission : un nouvel enregistrement ou une nouvelle soumission est refusé", async () => {
    const c = await candidatureAttribuee();
    const complet = saisie({ enjeux: 1, faisabilite: 2, profil: 3 });
    await enregistrerEvaluation(ctx(), evaluateur, c.id, complet, "soumission");
    const avant = await etat(c.id);
    for (const mode of ["brouillon", "soumission"] as const) {
      const erreur = await invalid(
        enregistrerEvaluation(
          { ...ctx(), now: new Date() },
          evaluateur,
          c.id,
          saisie({ enjeux: 5, faisabilite: 5, profil: 5 }),
          mode,
        ),
      );
      expect(erreur.field).toBe(CHAMP_STATUT);
    }
    expect(await etat(c.id)).toEqual(avant);
  });

  it("après la décision, les notes sont en lecture seule, même en brouillon", async () => {
    const c = await candidatureAttribuee("retenue");
    const erreur = await invalid(enregistrerEvaluation(ctx(), evaluateur, c.id, saisie({ enjeux: 3 }), "brouillon"));
    expect(erreur.field).toBe(CHAMP_STATUT);
    expect(erreur.message).toContain("La décision est prise");
  });

  it("n'écrit rien quand le journal refuse la soumission (même transaction)", async () => {
    const c = await candidatureAttribuee("recevable", { enjeux: [2, "Premier avis"] });
    await refuserJournal("evaluation.soumettre");
    await expect(
      enregistrerEvaluation(ctx(), evaluateur, c.id, saisie({ enjeux: 4, faisabilite: 4, profil: 4 }), "soumission"),
    ).rejects.toThrow();
    expect(await etat(c.id)).toEqual({
      soumiseLe: null,
      notes: [{ code: "enjeux", note: 2, commentaire: "Premier avis" }],
    });
  });
});

describe("qui note quoi", () => {
  it("un membre de la commission non attribué à la candidature : 404, rien n'est écrit", async () => {
    const c = await candidatureAttribuee();
    await expectRefus(enregistrerEvaluation(ctx(), autreEvaluateur, c.id, saisie({ enjeux: 3 }), "brouillon"), 404);
    await expectRefus(getCandidatureAEvaluer(getDb(), autreEvaluateur, c.id), 404);
    expect(await etat(c.id, autreEvaluateur.userId)).toEqual({ soumiseLe: null, notes: [] });
  });

  it("l'évaluateur d'un autre département : 404 ; la coordination : 403 ; une candidature pas encore recevable : 404", async () => {
    const c = await candidatureAttribuee();
    // Even assigned by mistake, a reviewer of 05 does not score an application of 04.
    await insertEvaluation(getDb(), c.id, evaluateur05.userId);
    await expectRefus(enregistrerEvaluation(ctx(), evaluateur05, c.id, saisie({ enjeux: 3 }), "brouillon"), 404);
    await expectRefus(getCandidatureAEvaluer(getDb(), evaluateur05, c.id), 404);
    await expectRefus(
      enregistrerEvaluation(ctx(), coordination.coordinateur04, c.id, saisie({ enjeux: 3 }), "brouillon"),
      403,
    );
    const deposee = await candidatureAttribuee("deposee");
    await expectRefus(enregistrerEvaluation(ctx(), evaluateur, deposee.id, saisie({ enjeux: 3 }), "brouillon"), 404);
    await expectRefus(getCandidatureAEvaluer(getDb(), evaluateur, deposee.id), 404);
    await expectRefus(getCandidatureAEvaluer(getDb(), evaluateur, "pas-un-uuid"), 404);
  });

  it("la liste d'un évaluateur ne montre que ses candidatures attribuées de son département, par appel", async () => {
    const db = getDb();
    const moi = await insertActor(db, { role: "evaluateur", departement: "04" });
    const appelA = await insertAppelEssai(db, { titre: "Appel A" });
    const appel05 = await insertAppelEssai(db, { departement: "05", titre: "Appel 05" });
    const a1 = await insertCandidatureEssai(db, appelA, { structureNom: "Maison des jeunes" });
    const a2 = await insertCandidatureEssai(db, appelA, { structureNom: "Centre social", statut: "deposee" });
    const nonAttribuee = await insertCandidatureEssai(db, appelA, { structureNom: "Autre structure" });
    const c05 = await insertCandidatureEssai(db, appel05, { structureNom: "Structure 05" });
    await insertEvaluation(db, a1.id, moi.userId, { enjeux: [3], profil: [2] });
    await insertEvaluation(db, a2.id, moi.userId);
    await insertEvaluation(db, c05.id, moi.userId);
    await insertEvaluation(db, nonAttribuee.id, autreEvaluateur.userId);

    const liste = await findEvaluationsDe(db, moi);
    expect(liste.map((a) => a.titre)).toEqual(["Appel A"]);
    expect(liste[0]?.candidatures.map((c) => [c.structureNom, c.evaluable, c.etat, c.notees])).toEqual([
      ["Centre social", false, "a_noter", 0],
      ["Maison des jeunes", true, "brouillon", 2],
    ]);
  });
});
