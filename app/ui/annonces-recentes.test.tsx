import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AnnoncesRecentes } from "./annonces-recentes";

describe("AnnoncesRecentes", () => {
  it("n'affiche rien sans annonce à lire", () => {
    expect(renderToStaticMarkup(<AnnoncesRecentes annonces={[]} />)).toBe("");
  });

  it("liste les annonces non lues avec un lien vers chacune, le titre échappé", () => {
    const html = renderToStaticMarkup(
      <AnnoncesRecentes
        annonces={[
          { id: "a1", titre: "Réunion <b>réseau</b>", publieeLe: new Date("2026-03-02T09:00:00Z") },
          { id: "a2", titre: "Formation", publieeLe: "2026-02-20T09:00:00Z" },
        ]}
      />,
    );
    expect(html).toContain('<h2 id="annonces-recentes">Annonces de la coordination</h2>');
    expect(html).toContain("2 nouvelles annonces à lire");
    expect(html).toContain('href="/espace/annonces/a1"');
    expect(html).toContain("Réunion &lt;b&gt;réseau&lt;/b&gt;");
    expect(html).toContain("envoyée le 2 mars 2026");
  });

  it("accorde au singulier et accepte un titre de niveau 3", () => {
    const html = renderToStaticMarkup(
      <AnnoncesRecentes headingLevel={3} annonces={[{ id: "a1", titre: "Formation", publieeLe: new Date() }]} />,
    );
    expect(html).toContain("1 nouvelle annonce à lire");
    expect(html).toContain("<h3");
  });
});
