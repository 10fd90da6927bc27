import { vuesPages } from "@db/schema";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jourParis } from "~/domain/audience/audience.rules";
import { getDb } from "~/server/db.server";
import { contextFor } from "../../../tests/support/route";
import { loader } from "./_layout";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

async function vuesDuJour(chemin: string) {
  const rows = await getDb()
    .select({ vues: vuesPages.vues })
    .from(vuesPages)
    .where(
      and(eq(vuesPages.jour, jourParis(new Date())), eq(vuesPages.chemin, chemin), eq(vuesPages.departement, "04")),
    );
  return rows[0]?.vues ?? 0;
}

function visite(path: string, headers: Record<string, string> = {}, method = "GET") {
  const request = new Request(`http://localhost:3000${path}`, {
    method,
    headers: { "User-Agent": FIREFOX, ...headers },
  });
  return loader({ request, context: contextFor(null), params: {} } as never);
}

describe("mesure d'audience des pages publiques", () => {
  it("compte l'affichage d'une page publique sans cookie, sans paramètres d'adresse", async () => {
    const before = await vuesDuJour("/ressources");
    await visite("/ressources?theme=ecrans", { "Sec-Fetch-Dest": "document" });
    await visite("/ressources");
    expect(await vuesDuJour("/ressources")).toBe(before + 2);
  });

  it("ne compte ni un robot, ni Do Not Track, ni Global Privacy Control", async () => {
    const before = await vuesDuJour("/accessibilite");
    await visite("/accessibilite", {
      "User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    });
    await visite("/accessibilite", { DNT: "1" });
    await visite("/accessibilite", { "Sec-GPC": "1" });
    expect(await vuesDuJour("/accessibilite")).toBe(before);
  });

  it("ne compte ni une requête de données (.data, fetch), ni HEAD, ni une page de connexion", async () => {
    const before = await vuesDuJour("/appels");
    await visite("/appels.data");
    await visite("/appels", { "Sec-Fetch-Dest": "empty" });
    await visite("/appels", {}, "HEAD");
    await visite("/connexion");
    expect(await vuesDuJour("/appels")).toBe(before);
    expect(await vuesDuJour("/connexion")).toBe(0);
  });
});
