import { describe, expect, it } from "vitest";
import { DESCRIPTION_MAX, pageMeta, publicMeta, publicUrlFrom, shortenDescription } from "./meta";

const contentOf = (meta: ReturnType<typeof pageMeta>, property: string) =>
  (meta.find((m) => "property" in m && m.property === property) as { content?: string } | undefined)?.content;

describe("balises d'une page publique", () => {
  const meta = pageMeta(
    { title: "Carte de couverture", description: "Les communes couvertes.", path: "/carte" },
    "https://pdn04.fr/",
  );

  it("donne le titre complet, la description, l'adresse canonique absolue et Open Graph en français", () => {
    expect(meta).toContainEqual({ title: "Carte de couverture – Promeneurs du Net" });
    expect(meta).toContainEqual({ name: "description", content: "Les communes couvertes." });
    expect(meta).toContainEqual({ tagName: "link", rel: "canonical", href: "https://pdn04.fr/carte" });
    expect(contentOf(meta, "og:url")).toBe("https://pdn04.fr/carte");
    expect(contentOf(meta, "og:title")).toBe("Carte de couverture – Promeneurs du Net");
    expect(contentOf(meta, "og:description")).toBe("Les communes couvertes.");
    expect(contentOf(meta, "og:type")).toBe("website");
    expect(contentOf(meta, "og:site_name")).toBe("Promeneurs du Net");
    expect(contentOf(meta, "og:locale")).toBe("fr_FR");
    expect(contentOf(meta, "og:image")).toBe("https://pdn04.fr/og-promeneurs-du-net.png");
    expect(contentOf(meta, "og:image:width")).toBe("1200");
  });

  it("n'ajoute pas deux fois le nom du site, et garde une image propre à la page", () => {
    const accueil = pageMeta(
      {
        title: "Promeneurs du Net – Alpes-de-Haute-Provence",
        description: "Accueil.",
        path: "/",
        type: "profile",
        image: "/promeneurs/lea/photo",
      },
      "https://pdn04.fr",
    );
    expect(accueil).toContainEqual({ title: "Promeneurs du Net – Alpes-de-Haute-Provence" });
    expect(accueil).toContainEqual({ tagName: "link", rel: "canonical", href: "https://pdn04.fr/" });
    expect(contentOf(accueil, "og:image")).toBe("https://pdn04.fr/promeneurs/lea/photo");
    expect(contentOf(accueil, "og:image:width")).toBeUndefined();
    expect(contentOf(accueil, "og:type")).toBe("profile");
  });

  it("trouve l'adresse publique dans les données de la mise en page publique", () => {
    const matches = [{ loaderData: { nonce: "" } }, { loaderData: { publicUrl: "https://pdn04.fr" } }, undefined];
    expect(publicUrlFrom(matches)).toBe("https://pdn04.fr");
    expect(publicUrlFrom([{ data: { publicUrl: "http://localhost:3000" } }])).toBe("http://localhost:3000");
    expect(publicUrlFrom([])).toBe("");
    const meta2 = publicMeta({ matches }, { title: "Agenda", description: "Les événements.", path: "/agenda" });
    expect(meta2).toContainEqual({ tagName: "link", rel: "canonical", href: "https://pdn04.fr/agenda" });
  });

  it("raccourcit une description générée à un mot, sous la limite", () => {
    const long = `Camille-Marie de la Roche-Fontaine, promeneuse du Net ${"à l'espace jeunes ".repeat(12)}`;
    const short = shortenDescription(long);
    expect(short.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(short.endsWith("…")).toBe(true);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(shortenDescription("Courte.")).toBe("Courte.");
  });
});
