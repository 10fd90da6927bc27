import { promeneurs } from "@db/schema";
import { seedDemoIfEmpty } from "@db/seed/demo";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { countProfilsConformes } from "~/domain/profils/profil.queries.server";
import { getDb } from "~/server/db.server";
import { findEnLigneEtProchains, findPromeneurPublic, findPromeneursPublics } from "./annuaire-public.queries.server";

const NOW = new Date();

describe("annuaire public sur les données de démonstration", () => {
  beforeAll(async () => {
    await seedDemoIfEmpty(getDb(), NOW);
  });

  it("publie les promeneurs actifs de la démo, et eux seuls", async () => {
    const actifs = await getDb()
      .select({ id: promeneurs.id, departement: promeneurs.departement, slug: promeneurs.slug })
      .from(promeneurs)
      .where(and(eq(promeneurs.departement, "04"), eq(promeneurs.statut, "actif")));
    const attendus: string[] = [];
    for (const a of actifs) if ((await countProfilsConformes(getDb(), a, NOW)) > 0) attendus.push(a.slug);
    const { promeneurs: cartes } = await findPromeneursPublics(getDb(), "04", NOW);
    const publics = cartes.map((c) => c.slug);
    expect([...publics].sort()).toEqual(attendus.sort());
    expect(publics.length).toBeGreaterThanOrEqual(5);
    expect(publics).toContain("lea-espace-jeunes-manosque");
    expect(publics).not.toContain("ines-centre-social-digne");
  });

  it("donne la fiche de Léa (Manosque) et la page d'accueil sans erreur", async () => {
    const lea = await findPromeneurPublic(getDb(), "04", "lea-espace-jeunes-manosque", NOW);
    expect(lea?.reseaux.map((r) => r.reseau).sort()).toEqual(["discord", "instagram", "tiktok"]);
    expect(lea?.territoire).toContain("Manosque");
    const accueil = await findEnLigneEtProchains(getDb(), "04", NOW);
    expect(accueil.enLigne.length + accueil.prochains.length).toBeGreaterThan(0);
  });
});
