import { actualites } from "@db/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findActualitesPubliques } from "~/domain/contenu/contenu.queries.server";
import { getDb } from "~/server/db.server";
import { insertActor } from "../../tests/support/acteurs";
import { DEMO_ACTUALITES, seedDemoContenu } from "./demo-contenu";

describe("démo : actualités du site public", () => {
  it("charge trois actualités publiées et un brouillon, une seule fois", async () => {
    const db = getDb();
    const now = new Date("2026-12-01T10:00:00Z");
    const coordinateur = await insertActor(db, { role: "coordinateur", departement: "04" });
    expect(await seedDemoContenu(db, coordinateur.userId, now)).toBe(true);
    expect(await seedDemoContenu(db, coordinateur.userId, now)).toBe(false);
    const rows = await db.select().from(actualites).where(eq(actualites.departement, "04"));
    expect(rows).toHaveLength(DEMO_ACTUALITES.length);
    expect(rows.filter((r) => r.statut === "publie")).toHaveLength(3);
    for (const r of rows) expect(r.titre).toMatch(/démo/);
    const publiques = await findActualitesPubliques(db, "04", now);
    expect(publiques.actualites.map((a) => a.slug)).toEqual([
      "rencontre-departementale-des-promeneurs-demo",
      "trois-nouveaux-promeneurs-demo",
      "formation-presence-educative-en-ligne-demo",
    ]);
  });
});
