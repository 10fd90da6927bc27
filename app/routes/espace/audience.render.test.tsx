import { describe, expect, it } from "vitest";
import { page, render } from "../../../tests/support/render";
import AudiencePage from "./audience";

const base = {
  departement: "04",
  total: 12,
  parJour: [
    { jour: "2025-03-01", vues: 5 },
    { jour: "2025-03-02", vues: 7 },
  ],
  pages: [{ chemin: "/carte", vues: 12 }],
};

describe("page d'audience (rendu serveur)", () => {
  it("donne le total, le graphique, le tableau par jour et les pages les plus vues", () => {
    const html = render(
      page(AudiencePage)({
        ...base,
        periode: { du: "2025-03-01", au: "2025-03-02", saisie: { du: "2025-03-01", au: "2025-03-02" }, errors: {} },
      }),
    );
    expect(html).toContain("12 pages vues");
    expect(html).toContain("sans cookie, sans adresse IP");
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain("<caption");
    expect(html).toMatch(/<th scope="row"[^>]*>2 mars 2025<\/th>/);
    expect(html).toMatch(/<th scope="row"[^>]*><span[^>]*>\/carte<\/span><\/th>/);
    expect(html).toContain('href="?departement=04&amp;periode=7j"');
  });

  it("affiche l'erreur de période à côté du champ, reliée par aria-describedby", () => {
    const html = render(
      page(AudiencePage)({
        ...base,
        periode: {
          du: "2025-03-01",
          au: "2025-03-02",
          saisie: { du: "2025-03-31", au: "2025-03-01" },
          errors: { au: ["La date de fin doit être postérieure ou égale à la date de début."] },
        },
      }),
    );
    expect(html).toMatch(/aria-describedby="audience-au-erreur"/);
    expect(html).toMatch(/id="audience-au-erreur"[^>]*>La date de fin doit être postérieure/);
    expect(html).toContain('value="2025-03-31"');
  });
});
