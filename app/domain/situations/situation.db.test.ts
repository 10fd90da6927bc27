import { auditLog, promeneurs, situationsPreoccupantes } from "@db/schema";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/domain/comptes/actor";
import { getDb } from "~/server/db.server";
import { insertPromeneur, type PromeneurRow } from "../../../tests/factories/promeneur";
import { insertUser } from "../../../tests/factories/user";
import { insertPromeneurEtEntourage } from "../../../tests/support/acteurs";
import { actorOf, expectRefus } from "../../../tests/support/route";
import { createSituation, updateSituation } from "./situation.commands.server";
import {
  countSituationsDuMois,
  countSituationsParCategorie,
  findSituationsDuPromeneur,
  findSituationsForCoordination,
  getSituationForActor,
} from "./situation.queries.server";
import type { SituationInput } from "./situation.schema";

const ctx = () => ({ db: getDb(), now: new Date(), requestId: "test" });

const saisie: SituationInput = {
  date: "2026-11-02",
  categorie: "harcelement",
  actions: ["ecoute_conseil", "orientation"],
  partenaire: "etablissement_scolaire",
  suivi: "en_cours",
  note: "Rumeur relayée dans un groupe de classe ; orientée vers la CPE.",
};

async function insertSituation(promeneur: PromeneurRow, values: Partial<typeof situationsPreoccupantes.$inferInsert>) {
  const [row] = await getDb()
    .insert(situationsPreoccupantes)
    .values({
      departement: promeneur.departement,
      promeneurId: promeneur.id,
      structureId: promeneur.structureId,
      date: "2026-11-02",
      categorie: "harcelement",
      actions: ["ecoute_conseil"],
      ...values,
    })
    .returning();
  if (!row) throw new Error("situation not inserted");
  return row;
}

async function journalDe(entityId: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.at, auditLog.id);
}

async function compter() {
  const [s] = await getDb().select({ n: count() }).from(situationsPreoccupantes);
  const [a] = await getDb().select({ n: count() }).from(auditLog);
  return { situations: s?.n ?? 0, audit: a?.n ?? 0 };
}

let promeneur: PromeneurRow;
let lui: Actor;
let autrePromeneur: Actor;
let coordinateur04: Actor;
let coordinateur05: Actor;

beforeAll(async () => {
  ({ promeneur, lui, autrePromeneur, coordinateur04, coordinateur05 } = await insertPromeneurEtEntourage(getDb()));
});

describe("enregistrer une situation", () => {
  it("la rattache au promeneur, à son département et à sa structure, avec une ligne de journal sans contenu", async () => {
    const { id } = await createSituation(ctx(), lui, saisie);
    const [row] = await getDb().select().from(situationsPreoccupantes).where(eq(situationsPreoccupantes.id, id));
    expect(row).toMatchObject({
      ...saisie,
      departement: "04",
      promeneurId: promeneur.id,
      structureId: promeneur.structureId,
      creePar: lui.userId,
    });
    const journal = await journalDe(id);
    expect(journal.map((a) => a.action)).toEqual(["situation.creer"]);
    expect(journal[0]?.changes).toEqual({ champs: ["date", "categorie", "actions", "partenaire", "suivi", "note"] });
    const texte = JSON.stringify(journal);
    expect(texte).not.toContain("Rumeur");
    expect(texte).not.toContain("harcelement");
  });

  it("est refusé (403) à la coordination, et à un compte de promeneur sans fiche, sans rien écrire", async () => {
    const sansFiche = await actorOf(
      (await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] })).id,
    );
    const avant = await compter();
    await expectRefus(createSituation(ctx(), coordinateur04, saisie), 403);
    expect(await expectRefus(createSituation(ctx(), sansFiche, saisie), 403)).toMatch(/pas relié à une fiche/);
    expect(await compter()).toEqual(avant);
  });
});

describe("modifier une situation", () => {
  it("par son promeneur : le journal nomme les champs changés, jamais leurs valeurs ni la note", async () => {
    const { id } = await createSituation(ctx(), lui, saisie);
    const r = await updateSituation(ctx(), lui, id, {
      ...saisie,
      suivi: "close",
      note: "Situation apaisée d'après le jeune.",
    });
    expect(r.champs).toEqual(["suivi", "note"]);
    const [row] = await getDb().select().from(situationsPreoccupantes).where(eq(situationsPreoccupantes.id, id));
    expect(row?.suivi).toBe("close");
    expect(row?.note).toBe("Situation apaisée d'après le jeune.");
    const journal = await journalDe(id);
    expect(journal.map((a) => a.action)).toEqual(["situation.creer", "situation.modifier"]);
    expect(journal[1]?.changes).toEqual({ champs: ["suivi", "note"] });
    expect(JSON.stringify(journal)).not.toContain("apaisée");
  });

  it("sans changement : rien d'écrit, pas de ligne de journal", async () => {
    const { id } = await createSituation(ctx(), lui, saisie);
    const avant = await compter();
    expect((await updateSituation(ctx(), lui, id, { ...saisie })).champs).toEqual([]);
    expect(await compter()).toEqual(avant);
  });

  it("est refusé à la coordination (403), à un autre promeneur et à la coordination du 05 (404)", async () => {
    const { id } = await createSituation(ctx(), lui, saisie);
    const changement = { ...saisie, suivi: "close" as const };
    await expectRefus(updateSituation(ctx(), coordinateur04, id, changement), 403);
    await expectRefus(updateSituation(ctx(), autrePromeneur, id, changement), 404);
    await expectRefus(updateSituation(ctx(), coordinateur05, id, changement), 404);
    await expectRefus(updateSituation(ctx(), lui, "pas-un-uuid", changement), 404);
    const [row] = await getDb().select().from(situationsPreoccupantes).where(eq(situationsPreoccupantes.id, id));
    expect(row?.suivi).toBe("en_cours");
    expect((await journalDe(id)).map((a) => a.action)).toEqual(["situation.creer"]);
  });

  it("un promeneur sorti relit ses situations mais n'en enregistre ni n'en modifie plus (403)", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] });
    const sortant = await insertPromeneur(getDb(), { statut: "actif", userId: user.id });
    const actor = await actorOf(user.id);
    const { id } = await createSituation(ctx(), actor, saisie);
    await getDb().update(promeneurs).set({ statut: "sorti" }).where(eq(promeneurs.id, sortant.id));
    const avant = await compter();
    expect(await expectRefus(createSituation(ctx(), actor, saisie), 403)).toMatch(/quitté le dispositif/);
    await expectRefus(updateSituation(ctx(), actor, id, { ...saisie, suivi: "close" }), 403);
    expect(await compter()).toEqual(avant);
    const lu = await getSituationForActor(getDb(), actor, id);
    expect(lu).toMatchObject({ proprietaire: true, modifiable: false });
  });
});

describe("lire les situations", () => {
  it("getSituationForActor : le promeneur et la coordination du département ; 403 aux autres rôles, 404 hors champ", async () => {
    const { id } = await createSituation(ctx(), lui, saisie);
    expect(await getSituationForActor(getDb(), lui, id)).toMatchObject({ proprietaire: true, modifiable: true });
    expect(await getSituationForActor(getDb(), coordinateur04, id)).toMatchObject({
      proprietaire: false,
      modifiable: false,
    });
    await expectRefus(getSituationForActor(getDb(), autrePromeneur, id), 404);
    await expectRefus(getSituationForActor(getDb(), coordinateur05, id), 404);
    for (const role of ["copil", "referent", "national", "evaluateur"] as const) {
      const actor = await actorOf(
        (
          await insertUser(getDb(), {
            roles: [
              {
                role,
                departement: role === "national" ? null : "04",
                structureId: role === "referent" ? promeneur.structureId : null,
              },
            ],
          })
        ).id,
      );
      await expectRefus(getSituationForActor(getDb(), actor, id), 403);
    }
  });

  it("compte les situations d'un promeneur par mois, d'après leur date", async () => {
    const user = await insertUser(getDb(), { roles: [{ role: "promeneur", departement: "04" }] });
    const p = await insertPromeneur(getDb(), { statut: "actif", userId: user.id });
    for (const date of ["2026-09-30", "2026-10-01", "2026-10-15", "2026-10-31", "2026-11-01"]) {
      await insertSituation(p, { date });
    }
    await insertSituation(promeneur, { date: "2026-10-10" });
    expect(await countSituationsDuMois(getDb(), p.id, "2026-10-01")).toBe(3);
    expect(await countSituationsDuMois(getDb(), p.id, "2026-09-01")).toBe(1);
    expect(await countSituationsDuMois(getDb(), p.id, "2026-08-01")).toBe(0);
    expect((await findSituationsDuPromeneur(getDb(), p.id)).map((s) => s.date)).toEqual([
      "2026-11-01",
      "2026-10-31",
      "2026-10-15",
      "2026-10-01",
      "2026-09-30",
    ]);
  });

  it("compte par catégorie sur une période, bornes comprises, dans le département seulement", async () => {
    const p05 = await insertPromeneur(getDb(), { statut: "actif", departement: "05" });
    await insertSituation(promeneur, { date: "2016-03-01", categorie: "addiction" });
    await insertSituation(promeneur, { date: "2016-03-31", categorie: "addiction" });
    await insertSituation(promeneur, { date: "2016-03-15", categorie: "violences" });
    await insertSituation(promeneur, { date: "2016-04-01", categorie: "violences" });
    await insertSituation(p05, { date: "2016-03-10", categorie: "violences" });
    const counts = await countSituationsParCategorie(getDb(), "04", { du: "2016-03-01", au: "2016-03-31" });
    expect(counts).toMatchObject({ addiction: 2, violences: 1, harcelement: 0, autre: 0 });
    expect(Object.keys(counts)).toHaveLength(9);
  });

  it("filtre la liste de la coordination par mois, catégorie, suivi et structure", async () => {
    const autre = await insertPromeneur(getDb(), { statut: "actif" });
    const a = await insertSituation(promeneur, { date: "2017-05-03", categorie: "emprise", suivi: "a_suivre" });
    const b = await insertSituation(promeneur, { date: "2017-05-20", categorie: "precarite", suivi: "close" });
    const c = await insertSituation(autre, { date: "2017-05-11", categorie: "emprise", suivi: "a_suivre" });
    const d = await insertSituation(promeneur, { date: "2017-06-01", categorie: "emprise", suivi: "a_suivre" });
    const ids = async (filtres: Parameters<typeof findSituationsForCoordination>[2]) =>
      (await findSituationsForCoordination(getDb(), "04", filtres)).map((s) => s.id);
    expect(await ids({ mois: "2017-05-01" })).toEqual([b.id, c.id, a.id]);
    expect(await ids({ mois: "2017-05", categorie: "emprise" })).toEqual([c.id, a.id]);
    expect(await ids({ mois: "2017-05", suivi: "close" })).toEqual([b.id]);
    expect(await ids({ mois: "2017-05", structure: promeneur.structureId })).toEqual([b.id, a.id]);
    expect(await ids({ structure: autre.structureId })).toEqual([c.id]);
    expect(await ids({ mois: "2017-06" })).toContain(d.id);
    expect(await findSituationsForCoordination(getDb(), "05", { mois: "2017-05" })).toEqual([]);
    const [ligne] = await findSituationsForCoordination(getDb(), "04", { structure: autre.structureId });
    expect(ligne).toMatchObject({ promeneur: autre.nomPublic, categorie: "emprise", suivi: "a_suivre" });
  });
});
