import { numeroNationalRow } from "@db/seed/numeros-aide";
import { describe, expect, it } from "vitest";
import { grouperNumeros } from "~/domain/orientation/numero.rules";
import { NUMEROS_NATIONAUX } from "~/domain/orientation/numeros-nationaux";
import { page, render } from "../../../tests/support/render";
import BesoinDAidePage from "./besoin-d-aide";
import RessourcesPage from "./ressources";

const base = { categories: [] as string[] };
const nationaux = NUMEROS_NATIONAUX.map((n, i) => ({ ...numeroNationalRow(n, i), ...base, id: n.code }));
const local = {
  ...base,
  id: "local-1",
  departement: "04",
  code: null,
  nom: "Maison des Adolescents (démo)",
  description: "Accueil et écoute.",
  telephone: "04 65 71 20 20",
  sms: null,
  url: "https://www.exemple.fr/mda",
  horaires: "Du mardi au samedi",
  genre: "ecoute",
  gratuit: true,
  public: "jeunes",
  ordre: 0,
};

describe("page « Besoin d'aide » (rendu serveur)", () => {
  it("compose les numéros en liens tel: et sms:, urgence d'abord, services du département après le signalement", () => {
    const html = render(page(BesoinDAidePage)({ groupes: grouperNumeros([...nationaux, local]) }));
    for (const href of ["tel:112", "sms:114", "tel:3114", "tel:0800235236", "tel:0800231313", "tel:0465712020"]) {
      expect(html, href).toContain(`href="${href}"`);
    }
    const urgence = html.indexOf('id="urgence"');
    const signalement = html.indexOf('id="signalement"');
    const services = html.indexOf('id="services-du-departement"');
    expect(urgence).toBeGreaterThan(0);
    expect(urgence).toBeLessThan(html.indexOf('id="ecoute"'));
    expect(signalement).toBeLessThan(services);
    expect(html.indexOf("Maison des Adolescents (démo)")).toBeGreaterThan(services);
    expect(html).toContain("Du mardi au samedi – gratuit – pour les jeunes.");
    expect(html).toContain('id="information-preoccupante"');
    expect(html.match(/<h1/g)).toHaveLength(1);
  });

  it("annonce les services du département à venir quand la coordination n'en a saisi aucun", () => {
    const html = render(page(BesoinDAidePage)({ groupes: grouperNumeros(nationaux) }));
    expect(html).toContain("seront ajoutées ici par la coordination");
  });
});

describe("page « Ressources » (rendu serveur)", () => {
  it("groupe par catégorie et annonce le type et la taille de chaque fichier", () => {
    const html = render(
      page(RessourcesPage)({
        groupes: [
          {
            categorie: "guides",
            ressources: [
              { id: "r1", titre: "Guide", description: "", url: null, fichier: "PDF, 240\u00a0Ko" },
              { id: "r2", titre: "Site", description: "", url: "https://www.promeneursdunet.fr", fichier: null },
            ],
          },
        ],
      }),
    );
    expect(html).toContain('href="/ressources/r1/fichier"');
    expect(html).toContain("(PDF, 240\u00a0Ko)");
    expect(html).toContain("(site promeneursdunet.fr)");
    expect(html).toContain("Guides et fiches pratiques");
    expect(html).not.toContain("Aucune ressource publiée");
  });
});
