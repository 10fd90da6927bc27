import { vuesPages } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/server/db.server";
import { insertPromeneur } from "../../../tests/factories/promeneur";
import { findAudience } from "./audience.queries.server";
import { compterVue, compterVueDeLaRequete } from "./audience.server";

async function vues(jour: string, chemin: string, departement = "04") {
  const rows = await getDb()
    .select({ vues: vuesPages.vues })
    .from(vuesPages)
    .where(and(eq(vuesPages.jour, jour), eq(vuesPages.chemin, chemin), eq(vuesPages.departement, departement)));
  return rows[0]?.vues ?? 0;
}

describe("compterVue", () => {
  it("ajoute une vue par appel, par jour et par chemin", async () => {
    const db = getDb();
    const now = new Date("2024-03-05T10:00:00Z");
    expect(await compterVue(db, { chemin: "/agenda", departement: "04", now })).toBe(true);
    await compterVue(db, { chemin: "/agenda/", departement: "04", now });
    await compterVue(db, { chemin: "/carte", departement: "04", now });
    await compterVue(db, { chemin: "/agenda", departement: "04", now: new Date("2024-03-06T10:00:00Z") });
    await compterVue(db, { chemin: "/agenda", departement: "05", now });
    expect(await vues("2024-03-05", "/agenda")).toBe(2);
    expect(await vues("2024-03-05", "/carte")).toBe(1);
    expect(await vues("2024-03-06", "/agenda")).toBe(1);
    expect(await vues("2024-03-05", "/agenda", "05")).toBe(1);
  });

  it("compte une visite à 23 h 30 UTC un jour d'été sur le lendemain, heure de Paris", async () => {
    await compterVue(getDb(), { chemin: "/charte", departement: "04", now: new Date("2024-07-14T23:30:00Z") });
    expect(await vues("2024-07-15", "/charte")).toBe(1);
    expect(await vues("2024-07-14", "/charte")).toBe(0);
  });

  it("ne compte rien pour un chemin qui n'est pas une page publique", async () => {
    const db = getDb();
    const now = new Date("2024-03-07T10:00:00Z");
    expect(await compterVue(db, { chemin: "/reinitialiser/jeton-secret", departement: "04", now })).toBe(false);
    expect(await compterVue(db, { chemin: "/n-existe-pas", departement: "04", now })).toBe(false);
    const rows = await db.select().from(vuesPages).where(eq(vuesPages.jour, "2024-03-07"));
    expect(rows).toEqual([]);
  });

  it("compte le profil d'un promeneur en ligne, pas celui d'un slug inconnu ou d'un promeneur suspendu", async () => {
    const db = getDb();
    const now = new Date("2024-03-08T10:00:00Z");
    const actif = await insertPromeneur(db, { statut: "actif" });
    const suspendu = await insertPromeneur(db, { statut: "suspendu" });
    expect(await compterVue(db, { chemin: `/promeneurs/${actif.slug}`, departement: "04", now })).toBe(true);
    expect(await compterVue(db, { chemin: `/promeneurs/${suspendu.slug}`, departement: "04", now })).toBe(false);
    expect(await compterVue(db, { chemin: "/promeneurs/personne-inconnue", departement: "04", now })).toBe(false);
    const rows = await db.select().from(vuesPages).where(eq(vuesPages.jour, "2024-03-08"));
    expect(rows.map((r) => [r.chemin, r.vues])).toEqual([[`/promeneurs/${actif.slug}`, 1]]);
  });
});

describe("findAudience", () => {
  it("totalise une période, jour par jour et par page, pour un seul département", async () => {
    const db = getDb();
    await db.insert(vuesPages).values([
      { jour: "2019-05-01", departement: "04", chemin: "/", vues: 10 },
      { jour: "2019-05-01", departement: "04", chemin: "/carte", vues: 3 },
      { jour: "2019-05-03", departement: "04", chemin: "/carte", vues: 9 },
      { jour: "2019-05-03", departement: "04", chemin: "/agenda", vues: 1 },
      // Outside the period, or another département.
      { jour: "2019-04-30", departement: "04", chemin: "/", vues: 100 },
      { jour: "2019-05-04", departement: "04", chemin: "/", vues: 100 },
      { jour: "2019-05-02", departement: "05", chemin: "/", vues: 100 },
    ]);
    const audience = await findAudience(db, { departement: "04", du: "2019-05-01", au: "2019-05-03" });
    expect(audience.total).toBe(23);
    expect(audience.parJour).toEqual([
      { jour: "2019-05-01", vues: 13 },
      { jour: "2019-05-02", vues: 0 },
      { jour: "2019-05-03", vues: 10 },
    ]);
    expect(audience.pages).toEqual([
      { chemin: "/carte", vues: 12 },
      { chemin: "/", vues: 10 },
      { chemin: "/agenda", vues: 1 },
    ]);
  });
});

describe("compterVueDeLaRequete", () => {
  it("ne fait jamais échouer la page quand le comptage échoue", async () => {
    const broken = {
      insert: () => {
        throw new Error("base indisponible");
      },
    } as never;
    const request = new Request("http://localhost:3000/carte", {
      headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" },
    });
    await expect(compterVueDeLaRequete(broken, request, { departement: "04", now: new Date() })).resolves.toBe(false);
  });
});
