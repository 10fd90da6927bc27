import { evaluationNotes, evaluations } from "@db/schema";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import {
  insertAppelEssai,
  insertCandidatureEssai,
  insertEvaluation,
  insertPieceEssai,
} from "../../../tests/factories/evaluation";
import { insertActor, insertCoordination } from "../../../tests/support/acteurs";
import { page, render } from "../../../tests/support/render";
import { contextFor, getRequest, outcome, postRequest } from "../../../tests/support/route";
import * as liste from "./evaluations";
import * as detail from "./evaluations.$candidatureId";

type Handler = (args: never) => unknown;
const appeler = (handler: Handler, actor: Actor | null, request: Request, params: Record<string, string> = {}) =>
  outcome(() => handler({ request, context: contextFor(actor), params } as never));

const chemin = (id: string) => `/espace/evaluations/${id}`;
const voir = (actor: Actor, id: string) => appeler(detail.loader, actor, getRequest(chemin(id)), { candidatureId: id });
const poster = (actor: Actor, id: string, champs: Record<string, string>) =>
  appeler(detail.action, actor, postRequest(chemin(id), { _csrf: "csrf-test", ...champs }), { candidatureId: id });

type Donnees = Awaited<ReturnType<typeof detail.loader>>;
type Retour = { erreurs: Record<string, string[]>; valeurs: Record<string, string> };

let evaluatrice: Actor;
let evaluateurB: Actor;
let evaluateurC: Actor;
let evaluateur05: Actor;
let promeneur: Actor;
let coordination: Awaited<ReturnType<typeof insertCoordination>>;
let appel: Awaited<ReturnType<typeof insertAppelEssai>>;

beforeAll(async () => {
  const db = getDb();
  evaluatrice = await insertActor(db, { role: "evaluateur", departement: "04" });
  evaluateurB = await insertActor(db, { role: "evaluateur", departement: "04" });
  evaluateurC = await insertActor(db, { role: "evaluateur", departement: "04" });
  evaluateur05 = await insertActor(db, { role: "evaluateur", departement: "05" });
  promeneur = await insertActor(db, { role: "promeneur", departement: "04" });
  coordination = await insertCoordination(db);
  appel = await insertAppelEssai(db, { titre: "Coordination départementale 2026" });
});

/** A new application of the call, assigned to the reviewer (with a draft of `notesEnregistrees`). */
async function candidature(
  options: Parameters<typeof insertCandidatureEssai>[2] = {},
  notesEnregistrees: Parameters<typeof insertEvaluation>[3] = {},
) {
  const c = await insertCandidatureEssai(getDb(), appel, options);
  await insertEvaluation(getDb(), c.id, evaluatrice.userId, notesEnregistrees);
  return c;
}

async function notes(candidatureId: string, evaluateurId = evaluatrice.userId) {
  const db = getDb();
  const [e] = await db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.candidatureId, candidatureId), eq(evaluations.evaluateurId, evaluateurId)));
  const lignes = await db
    .select({ code: evaluationNotes.critereCode, note: evaluationNotes.note })
    .from(evaluationNotes)
    .where(and(eq(evaluationNotes.candidatureId, candidatureId), eq(evaluationNotes.evaluateurId, evaluateurId)))
    .orderBy(asc(evaluationNotes.critereCode));
  return { soumiseLe: e?.soumiseLe ?? null, notes: Object.fromEntries(lignes.map((l) => [l.code, l.note])) };
}

const COMPLET = {
  note_enjeux: "4",
  commentaire_enjeux: "Enjeux bien compris",
  note_faisabilite: "3",
  commentaire_faisabilite: "",
  note_profil: "5",
  commentaire_profil: "Profil expérimenté",
};

describe("la règle de l'évaluation à l'aveugle, sur la page", () => {
  it("avant de soumettre, l'évaluatrice ne voit rien des autres ; après, les évaluations soumises, jamais un brouillon", async () => {
    const c = await candidature();
    await insertEvaluation(
      getDb(),
      c.id,
      evaluateurB.userId,
      { enjeux: [1, "AVIS-SOUMIS-DE-B"], faisabilite: [1], profil: [1] },
      new Date("2026-04-01T08:00:00Z"),
    );
    await insertEvaluation(getDb(), c.id, evaluateurC.userId, { enjeux: [0, "BROUILLON-DE-C"] });

    const avant = await voir(evaluatrice, c.id);
    expect(avant.status).toBe(200);
    const dAvant = avant.data as Donnees;
    expect(dAvant.autres).toEqual([]);
    expect(dAvant.moyenne).toBeNull();
    const htmlAvant = render(page(detail.default)(dAvant));
    expect(htmlAvant).not.toContain("AVIS-SOUMIS-DE-B");
    expect(htmlAvant).not.toContain("BROUILLON-DE-C");
    expect(htmlAvant).not.toContain(evaluateurB.nom.replaceAll("'", "&#x27;"));
    expect(htmlAvant).toContain("une fois votre propre évaluation soumise");

    // A draft of her own does not open the others' scores either.
    expect((await poster(evaluatrice, c.id, { intent: "brouillon", note_enjeux: "4" })).status).toBe(302);
    expect(((await voir(evaluatrice, c.id)).data as Donnees).autres).toEqual([]);

    expect((await poster(evaluatrice, c.id, { intent: "soumettre", ...COMPLET })).status).toBe(302);
    const apres = (await voir(evaluatrice, c.id)).data as Donnees;
    expect(apres.autres.map((e) => e.evaluateurId)).toEqual([evaluateurB.userId]);
    expect(apres.autres[0]?.notes.enjeux).toEqual({ note: 1, commentaire: "AVIS-SOUMIS-DE-B" });
    // Hers: (4×2 + 3×1 + 5×3) / 30 = 86.67; B's: 6 / 30 = 20; the mean of both: 53.33.
    expect(apres.mienne.total.sur100).toBe(86.67);
    expect(apres.moyenne).toBe(53.33);
    const htmlApres = render(page(detail.default)(apres));
    expect(htmlApres).toContain("AVIS-SOUMIS-DE-B");
    expect(htmlApres).not.toContain("BROUILLON-DE-C");
    expect(htmlApres).toContain("53,33");

    // C, still in draft, sees neither B's nor her scores.
    const vueDeC = (await voir(evaluateurC, c.id)).data as Donnees;
    expect(vueDeC.autres).toEqual([]);
    expect(render(page(detail.default)(vueDeC))).not.toContain("Enjeux bien compris");
  });
});

describe("noter par le formulaire", () => {
  it("enregistre un brouillon partiel, puis soumet ; ensuite les notes sont verrouillées (409)", async () => {
    const c = await candidature();
    const brouillon = await poster(evaluatrice, c.id, {
      intent: "brouillon",
      note_enjeux: "2",
      commentaire_enjeux: "À préciser",
      note_faisabilite: "",
      commentaire_faisabilite: "",
    });
    expect(brouillon.status).toBe(302);
    expect(brouillon.location).toBe(chemin(c.id));
    expect(await notes(c.id)).toEqual({ soumiseLe: null, notes: { enjeux: 2 } });
    const d = (await voir(evaluatrice, c.id)).data as Donnees;
    expect(d.mienne.total).toMatchObject({ points: 4, max: 30, notees: 1, sur100: null });
    const html = render(page(detail.default)(d));
    expect(html).toMatch(/name="note_enjeux" checked="" value="2"/);
    expect(html).toContain("À préciser");
    expect(html).toContain("1 critère noté sur 3, total provisoire");

    expect((await poster(evaluatrice, c.id, { intent: "soumettre", ...COMPLET })).status).toBe(302);
    const soumise = await notes(c.id);
    expect(soumise.soumiseLe).not.toBeNull();
    expect(soumise.notes).toEqual({ enjeux: 4, faisabilite: 3, profil: 5 });

    for (const intent of ["brouillon", "soumettre"]) {
      const refus = await poster(evaluatrice, c.id, { intent, ...COMPLET, note_enjeux: "0" });
      expect(refus.status).toBe(409);
      expect((refus.data as Retour).erreurs[""]).toEqual([
        "Votre évaluation est soumise : ses notes et commentaires ne peuvent plus changer.",
      ]);
    }
    expect(await notes(c.id)).toEqual(soumise);
    // The page shows her scores read only: no form field left.
    const lecture = render(page(detail.default)((await voir(evaluatrice, c.id)).data));
    expect(lecture).not.toContain('type="radio"');
    expect(lecture).toContain("86,67");
  });

  it("refuse la soumission tant qu'un critère n'a pas de note : un message à côté de chaque critère manquant", async () => {
    const c = await candidature();
    const r = await poster(evaluatrice, c.id, { intent: "soumettre", note_enjeux: "3", note_faisabilite: "" });
    expect(r.status).toBe(400);
    const erreurs = (r.data as Retour).erreurs;
    expect(Object.keys(erreurs).sort()).toEqual(["note_faisabilite", "note_profil"]);
    expect(await notes(c.id)).toEqual({ soumiseLe: null, notes: {} });
    const html = render(page(detail.default)((await voir(evaluatrice, c.id)).data, r.data));
    expect(html).toContain('id="critere-1-note-erreur"');
    expect(html).toContain('id="critere-2-note-erreur"');
    expect(html).not.toContain('id="critere-0-note-erreur"');
    expect(html).toMatch(/aria-describedby="critere-2-note-erreur" name="note_profil" value="0"/);
    expect(html).toContain("Donnez une note à ce critère avant de soumettre votre évaluation.");
  });

  it.each([
    ["6", "note_enjeux"],
    ["-1", "note_enjeux"],
    ["2.5", "note_enjeux"],
    ["quatre", "note_enjeux"],
  ])("refuse la note « %s » (400, message à côté du champ) sans rien changer", async (valeur, nom) => {
    const c = await candidature({}, { enjeux: [1] });
    const r = await poster(evaluatrice, c.id, { intent: "brouillon", note_enjeux: valeur, note_profil: "4" });
    expect(r.status).toBe(400);
    expect((r.data as Retour).erreurs).toEqual({ [nom]: ["La note est un nombre entier de 0 à 5."] });
    expect(await notes(c.id)).toEqual({ soumiseLe: null, notes: { enjeux: 1 } });
  });

  it("refuse un critère inconnu (400) sans rien changer", async () => {
    const c = await candidature();
    const r = await poster(evaluatrice, c.id, { intent: "brouillon", note_enjeux: "3", note_budget: "4" });
    expect(r.status).toBe(400);
    expect((r.data as Retour).erreurs[""]?.[0]).toContain("« budget »");
    expect(await notes(c.id)).toEqual({ soumiseLe: null, notes: {} });
    const html = render(page(detail.default)((await voir(evaluatrice, c.id)).data, r.data));
    expect(html).toContain('role="alert"');
  });

  it("après la décision, la candidature se consulte sans formulaire et tout envoi est refusé (409)", async () => {
    const c = await candidature({ statut: "retenue" });
    const d = (await voir(evaluatrice, c.id)).data as Donnees;
    expect(d.refus).toContain("La décision est prise");
    expect(render(page(detail.default)(d))).not.toContain("<textarea");
    expect((await poster(evaluatrice, c.id, { intent: "brouillon", note_enjeux: "3" })).status).toBe(409);
    expect(await notes(c.id)).toEqual({ soumiseLe: null, notes: {} });
  });
});

describe("qui voit ces pages", () => {
  it("un évaluateur non attribué, d'un autre appel ou d'un autre département : 404 ; coordination et promeneur : 403", async () => {
    const c = await candidature();
    // Assigned to an application of another call of 04: that does not open this one.
    const autreAppel = await insertAppelEssai(getDb(), { titre: "Recrutement 2026" });
    const ailleurs = await insertCandidatureEssai(getDb(), autreAppel);
    await insertEvaluation(getDb(), ailleurs.id, evaluateurB.userId);
    await insertEvaluation(getDb(), c.id, evaluateur05.userId);
    for (const [actor, status] of [
      [evaluateurB, 404],
      [evaluateur05, 404],
      [coordination.coordinateur04, 403],
      [coordination.copil04, 403],
      [promeneur, 403],
    ] as const) {
      expect((await voir(actor, c.id)).status).toBe(status);
      expect((await poster(actor, c.id, { intent: "brouillon", note_enjeux: "3" })).status).toBe(status);
    }
    expect(await notes(c.id, evaluateurB.userId)).toEqual({ soumiseLe: null, notes: {} });
    expect((await voir(evaluatrice, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await voir(evaluatrice, "nimporte-quoi")).status).toBe(404);
    expect((await appeler(liste.loader, coordination.coordinateur04, getRequest("/espace/evaluations"))).status).toBe(
      403,
    );
    expect((await appeler(liste.loader, promeneur, getRequest("/espace/evaluations"))).status).toBe(403);
    expect((await appeler(liste.loader, null, getRequest("/espace/evaluations"))).status).toBe(302);
  });

  it("une candidature attribuée mais pas encore recevable n'est pas évaluable (404) et s'affiche sans lien", async () => {
    const moi = await insertActor(getDb(), { role: "evaluateur", departement: "04" });
    const deposee = await insertCandidatureEssai(getDb(), appel, { statut: "deposee", structureNom: "Foyer rural" });
    await insertEvaluation(getDb(), deposee.id, moi.userId);
    expect((await voir(moi, deposee.id)).status).toBe(404);
    const r = await appeler(liste.loader, moi, getRequest("/espace/evaluations"));
    const html = render(page(liste.default)(r.data));
    expect(html).toContain("Foyer rural");
    expect(html).toContain("En cours de vérification par la coordination");
    expect(html).not.toContain(`/espace/evaluations/${deposee.id}`);
  });
});

describe("le contenu des pages", () => {
  it("la liste regroupe par appel les candidatures attribuées, avec l'état de l'évaluation et un lien", async () => {
    const moi = await insertActor(getDb(), { role: "evaluateur", departement: "04" });
    const a = await insertCandidatureEssai(getDb(), appel, { structureNom: "Maison des jeunes de Manosque" });
    const b = await insertCandidatureEssai(getDb(), appel, { structureNom: "Centre social de Digne" });
    await insertEvaluation(getDb(), a.id, moi.userId);
    await insertEvaluation(
      getDb(),
      b.id,
      moi.userId,
      { enjeux: [3], faisabilite: [3], profil: [3] },
      new Date("2026-04-03T10:15:00Z"),
    );
    const r = await appeler(liste.loader, moi, getRequest("/espace/evaluations"));
    expect(r.status).toBe(200);
    const html = render(page(liste.default)(r.data));
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain("Coordination départementale 2026");
    expect(html).toContain("Clôture des candidatures : 15 mars 2026 à 12 h 00");
    expect(html).toContain("décision prévue le 30 avril 2026");
    expect(html).toContain("Notes à saisir");
    expect(html).toContain("Soumise le 3 avril 2026 à 12 h 15");
    expect(html).toContain(`href="/espace/evaluations/${a.id}"`);
  });

  it("la candidature : le dossier, le budget et ses règles, les pièces à télécharger, un champ par critère", async () => {
    const c = await candidature({
      structureNom: "Maison des jeunes de Sisteron",
      budget: {
        charges: { personnel_coordination: 3_000_000, deplacements: 500_000 },
        produits: { caf: 3_000_000, fonds_propres: 500_000 },
        etpCentiemes: 50,
      },
    });
    const piece = await insertPieceEssai(getDb(), c.id);
    const d = (await voir(evaluatrice, c.id)).data as Donnees;
    const html = render(page(detail.default)(d));
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain("Candidature de Maison des jeunes de Sisteron");
    expect(html).toContain("Alex Durand");
    expect(html).toContain("La structure est-elle implantée dans le département ? (éliminatoire)\u00a0:");
    expect(html).toContain(`href="/espace/appels/pieces/${piece.id}"`);
    expect(html).toContain("dossier-candidature.pdf");
    // 30 000 € of CAF out of 35 000 €: 85.71 %, over the 80 % rule.
    expect(d.budget?.verifications.find((v) => v.regle === "part_caf")?.statut).toBe("non_respectee");
    expect(html).toContain("Non respectée");
    expect(html).toContain("0,5\u00a0ETP");
    // One fieldset and legend per criterion, with its weight; a labelled comment each.
    expect(html.match(/<legend/g)?.length).toBe(6);
    expect(html).toContain("Profil du coordinateur ou de la coordinatrice <span");
    expect(html).toContain('<label for="critere-2-commentaire"');
    expect(html).toContain("Enregistrer le brouillon");
    expect(html).toContain("Soumettre mon évaluation");
    expect(html).toContain('name="_csrf"');
  });
});
