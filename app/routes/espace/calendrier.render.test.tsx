import { describe, expect, it } from "vitest";
import { page, render } from "../../../tests/support/render";
import CalendrierPage from "./calendrier";

const adresse = "https://pdn04.fr/calendrier/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde.ics";

describe("page « Mon agenda » (rendu serveur)", () => {
  it("propose de créer l'adresse quand il n'y en a pas", () => {
    const html = render(page(CalendrierPage)({ jeton: null }));
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("Vous n&#x27;avez pas d&#x27;adresse d&#x27;agenda active.");
    expect(html).toContain("Créer mon adresse d&#x27;agenda");
    expect(html).not.toContain("Révoquer");
  });

  it("montre l'adresse juste après sa création, en disant qu'elle ne sera plus affichée", () => {
    const html = render(
      page(CalendrierPage)(
        { jeton: { id: "j1", createdAt: new Date("2026-11-30T09:00:00Z"), dernierAccesLe: null } },
        { adresse, webcal: adresse.replace("https://", "webcal://") },
      ),
    );
    expect(html).toContain(`value="${adresse}"`);
    expect(html).toContain('<label for="adresse-agenda"');
    expect(html).toContain("elle ne sera plus jamais affichée");
    expect(html).toContain('href="webcal://pdn04.fr/calendrier/');
    expect(html).toContain("Jamais lue par une application d&#x27;agenda");
    expect(html).toContain("Révoquer cette adresse");
  });

  it("ne montre ensuite que les dates de l'adresse, jamais l'adresse", () => {
    const html = render(
      page(CalendrierPage)({
        jeton: {
          id: "j1",
          createdAt: new Date("2026-11-30T09:00:00Z"),
          dernierAccesLe: new Date("2026-11-30T13:15:00Z"),
        },
      }),
    );
    expect(html).not.toContain("/calendrier/");
    expect(html).toContain("30 novembre 2026 à 10 h 00");
    expect(html).toContain("30 novembre 2026 à 14 h 15");
    expect(html).toContain('name="id" value="j1"');
  });
});
