import { describe, expect, it } from "vitest";
import { page, render } from "../../../tests/support/render";
import CommunicationPage from "./communication";
import ProjetsPage from "./projets";
import ProjetPage from "./projets.$id";
import NouveauProjetPage from "./projets.nouveau";

const projet = {
  id: "p1",
  departement: "04",
  titre: "Court-métrage",
  theme: "risques_numeriques",
  forme: "collectif",
  nombreJeunes: 6,
  partenaires: "",
  description: "Ligne 1\nLigne 2 <b>gras</b>",
  etat: "en_cours",
  debutLe: "2026-01-10",
  besoinSoutien: true,
  soutienDemandeLe: new Date("2026-02-01T10:00:00Z"),
  updatedAt: new Date("2026-02-01T10:00:00Z"),
};

describe("pages des projets de jeunes et de la communication (rendu serveur)", () => {
  it("le formulaire d'un projet marche sans script et relie chaque erreur à son champ", () => {
    const html = render(
      page(NouveauProjetPage)(
        { today: "2026-03-15" },
        {
          status: "error",
          initialValue: { titre: "", nombreJeunes: "0", description: "lea@exemple.fr" },
          error: {
            nombreJeunes: ["Le nombre de jeunes est un nombre entier entre 1 et 500."],
            description: ["Ce texte contient une adresse e-mail : retirez-la."],
          },
        },
      ),
    );
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toContain("Le nombre de jeunes est un nombre entier entre 1 et 500.");
    const erreur = /<p id="([^"]+)"[^>]*>Le nombre de jeunes/.exec(html)?.[1];
    expect(erreur).toBeTruthy();
    expect(html).toMatch(new RegExp(`<input id="[^"]*-nombreJeunes"[^>]*aria-describedby="${erreur} `));
    expect(html).toContain("Ce texte contient une adresse e-mail : retirez-la.");
    // Radio groups in a fieldset with a legend; the support box with its label.
    expect(html).toMatch(/<legend[^>]*>Le projet est<\/legend>/);
    expect(html).toMatch(/<legend[^>]*>Où en est le projet<\/legend>/);
    expect(html).toContain("Le projet a besoin du soutien de la coordination");
    expect(html).toContain('max="2026-03-15"');
  });

  it("montre un projet en lecture seule à qui ne le porte pas, la description comme du texte", () => {
    const html = render(
      page(ProjetPage)({
        modifiable: false,
        promeneurNom: "Alex",
        structureNom: "Centre social de Digne",
        today: "2026-03-15",
        projet,
      }),
    );
    expect(html).not.toContain("<form");
    expect(html).toContain("Demande le soutien de la coordination depuis le 1 février 2026");
    expect(html).toContain("Ligne 1\nLigne 2 &lt;b&gt;gras&lt;/b&gt;");
    expect(html).toContain("Risques numériques et cyberharcèlement");
    expect(html).toContain("Collectif, 6 jeunes");
  });

  it("la liste de la coordination se filtre par un formulaire GET étiqueté", () => {
    const html = render(
      page(ProjetsPage)({
        vue: "lecture",
        departement: "04",
        departements: ["04"],
        filtres: { etat: "emergence", theme: "", soutien: true },
        projets: [],
      }),
    );
    expect(html).toMatch(/<form[^>]*method="get"/);
    expect(html).toContain('<label for="filtre-etat"');
    expect(html).toContain('<label for="filtre-theme"');
    expect(html).toMatch(/id="filtre-soutien"[^>]*checked/);
    expect(html).toContain("0 projet correspondant aux filtres");
  });

  it("les actions de communication : boutons pour la coordination seulement", () => {
    const data = {
      departement: "04",
      departements: ["04"],
      annee: 2026,
      annees: [2026, 2025],
      actions: [{ id: "c1", date: "2026-02-03", type: "presse", titre: "Article", public: "Parents", portee: null }],
      totaux: [{ type: "presse", actions: 1, portee: 0, porteeInconnue: 1 }],
    };
    const lecture = render(page(CommunicationPage)({ ...data, gerer: false }));
    expect(lecture).not.toContain("Ajouter une action");
    expect(lecture).not.toContain("/espace/communication/c1");
    expect(lecture).toContain("nombre de personnes touchées inconnu");
    expect(lecture).toContain("Article ou passage dans la presse");
    const coordination = render(page(CommunicationPage)({ ...data, gerer: true }));
    expect(coordination).toContain("Ajouter une action");
    expect(coordination).toContain('href="/espace/communication/c1"');
  });
});
