import type { MetaDescriptor } from "react-router";
import { describe, expect, it } from "vitest";
import { DESCRIPTION_MAX } from "~/ui/meta";
import * as accueil from "./accueil";
import * as agenda from "./agenda";
import * as appels from "./appels";
import * as besoinDAide from "./besoin-d-aide";
import * as carte from "./carte";
import * as contact from "./contact";
import * as planDuSite from "./plan-du-site";
import * as promeneurs from "./promeneurs";
import * as profil from "./promeneurs.$slug";
import * as ressources from "./ressources";

const BASE = "https://pdn04.fr";
/** The matches a page's meta function receives: the public layout gives the public origin. */
const args = {
  matches: [
    { id: "root", loaderData: {} },
    { id: "routes/public/_layout", loaderData: { publicUrl: BASE } },
  ],
};

const PAGES: [string, (a: never) => MetaDescriptor[] | undefined][] = [
  ["/", accueil.meta],
  ["/promeneurs", promeneurs.meta],
  ["/carte", carte.meta],
  ["/agenda", agenda.meta],
  ["/appels", appels.meta],
  ["/contact", contact.meta],
  ["/plan-du-site", planDuSite.meta],
  ["/besoin-d-aide", besoinDAide.meta],
  ["/ressources", ressources.meta],
];

const find = (meta: MetaDescriptor[], key: string, value: string) =>
  meta.find((m) => (m as Record<string, unknown>)[key] === value) as Record<string, string> | undefined;

describe("balises des pages publiques", () => {
  const all = PAGES.map(([path, meta]) => ({ path, meta: meta(args as never) ?? [] }));

  it("donne à chaque page un titre unique, une description de 160 caractères au plus et une adresse canonique", () => {
    const titles = all.map(({ meta }) => (meta.find((m) => "title" in m) as { title?: string } | undefined)?.title);
    expect(new Set(titles).size).toBe(PAGES.length);
    for (const { path, meta } of all) {
      const description = find(meta, "name", "description")?.content ?? "";
      expect(description.length, path).toBeGreaterThan(40);
      expect(description.length, path).toBeLessThanOrEqual(DESCRIPTION_MAX);
      expect(find(meta, "rel", "canonical")?.href, path).toBe(`${BASE}${path}`);
      expect(find(meta, "property", "og:url")?.content, path).toBe(`${BASE}${path}`);
      expect(find(meta, "property", "og:description")?.content, path).toBe(description);
      expect(find(meta, "property", "og:locale")?.content, path).toBe("fr_FR");
      expect(find(meta, "property", "og:image")?.content, path).toBe(`${BASE}/og-promeneurs-du-net.png`);
    }
  });

  it("donne au profil public son adresse canonique, sa photo et une description raccourcie", () => {
    const meta = profil.meta({
      loaderData: {
        promeneur: {
          nomPublic: "Léa",
          structure: { nom: `Espace jeunes ${"de la vallée ".repeat(12)}` },
        },
        canonical: `${BASE}/promeneurs/lea`,
        image: null,
      },
    } as never);
    expect(find(meta, "rel", "canonical")?.href).toBe(`${BASE}/promeneurs/lea`);
    expect(find(meta, "property", "og:type")?.content).toBe("profile");
    expect(find(meta, "property", "og:image")?.content).toBe(`${BASE}/og-promeneurs-du-net.png`);
    expect(find(meta, "name", "description")?.content?.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(meta).toContainEqual({ title: "Léa – Promeneurs du Net" });
  });
});
