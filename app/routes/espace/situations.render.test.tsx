import { describe, expect, it } from "vitest";
import { page, render } from "../../../tests/support/render";
import SituationsPage from "./situations";
import type { NumeroDuFormulaire } from "./situations.form";
import NouvelleSituationPage from "./situations.nouvelle";

const numero = (id: string, nom: string, categories: string[], departement: string | null = null) =>
  ({
    id,
    departement,
    nom,
    telephone: id === "pharos" ? null : "3114",
    sms: null,
    url: id === "pharos" ? "https://www.internet-signalement.gouv.fr" : null,
    horaires: "",
    categories,
  }) satisfies NumeroDuFormulaire;

const numeros = [
  numero("112", "Numéro d'urgence européen", []),
  numero("3114", "Prévention du suicide", ["detresse_psychologique"]),
  numero("3018", "Harcèlement et violences numériques", ["harcelement", "conduites_a_risque_en_ligne"]),
  numero("dis", "Drogues Info Service", ["addiction"]),
];

const nouvelle = (categorie: string | null, actionData?: unknown, crip: NumeroDuFormulaire | null = null) =>
  render(page(NouvelleSituationPage)({ today: "2026-11-30", categorie, numeros, crip }, actionData));

describe("formulaire de situation (rendu serveur, sans JavaScript)", () => {
  it("commence par le choix de la catégorie, en GET, sans le reste du formulaire", () => {
    const html = nouvelle(null);
    expect(html).toMatch(/<form[^>]*method="get"/);
    expect(html).toContain('name="categorie"');
    expect(html).not.toContain('name="actions"');
    // The emergency numbers and the procedure are there from the first step.
    expect(html).toContain("Numéro d&#x27;urgence européen");
    expect(html).not.toContain("Prévention du suicide");
    expect(html).toContain("selon sa procédure interne");
    expect(html).toContain("Aucun nom, pseudo, numéro, adresse ni détail qui permettrait de reconnaître le jeune");
  });

  it("montre ensuite le formulaire, les numéros de la catégorie et ceux d'urgence, le rappel et la procédure", () => {
    const html = nouvelle("harcelement");
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toMatch(/<input type="radio"[^>]*name="categorie" checked="" value="harcelement"/);
    expect(html).toContain('type="date"');
    expect(html).toContain('value="2026-11-30"');
    expect(html).toContain("Harcèlement et violences numériques");
    expect(html).toContain("Numéro d&#x27;urgence européen");
    expect(html).not.toContain("Prévention du suicide");
    expect(html).not.toContain("Drogues Info Service");
    expect(html).toContain("Aucun nom, pseudo, numéro, adresse ni détail qui permettrait de reconnaître le jeune");
    expect(html).toContain("Information préoccupante&nbsp;: la procédure".replace("&nbsp;", "\u00a0"));
    expect(html).toContain("selon sa procédure interne");
    expect(html).toContain('href="tel:119"');
    expect(html).toContain('href="tel:17"');
    expect(html).toContain("ses coordonnées sont dans le répertoire de votre structure");
    // No field for the young person's identity or age.
    expect(html).not.toMatch(/name="(nom|prenom|age|pseudo)"/);
  });

  it("donne la CRIP du département quand la coordination l'a saisie", () => {
    const crip = numero("crip", "CRIP des Alpes-de-Haute-Provence", ["violences"], "04");
    const html = nouvelle("violences", undefined, crip);
    expect(html).toContain("CRIP des Alpes-de-Haute-Provence");
  });

  it("après un refus, suit la catégorie envoyée et met le message à côté du champ, relié par aria", () => {
    const html = nouvelle("harcelement", {
      status: "error",
      initialValue: {
        date: "2026-11-03",
        categorie: "addiction",
        actions: ["ecoute_conseil"],
        suivi: "en_cours",
        note: "06 12 34 56 78",
      },
      error: { note: ["Pas de numéro de téléphone dans une note."] },
    });
    expect(html).toContain("Drogues Info Service");
    expect(html).not.toContain("Harcèlement et violences numériques");
    expect(html).toContain("Pas de numéro de téléphone dans une note.");
    const describedBy = /<textarea[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1] ?? "";
    const errorId = /<p id="([^"]+)"[^>]*>Pas de numéro de téléphone/.exec(html)?.[1];
    expect(errorId).toBeDefined();
    expect(describedBy.split(" ")).toContain(errorId);
  });
});

describe("liste des situations de la coordination", () => {
  it("a des filtres GET étiquetés et les comptes par catégorie et par suivi", () => {
    const html = render(
      page(SituationsPage)({
        vue: "coordination",
        departement: "04",
        departements: ["04"],
        filtres: { mois: "2026-11-01", categorie: "harcelement", suivi: null, structure: null },
        mois: [{ value: "2026-11", label: "Novembre 2026" }],
        structures: [{ id: "s1", nom: "Centre social (essai)" }],
        situations: [
          {
            id: "x1",
            date: "2026-11-03",
            categorie: "harcelement",
            actions: ["ecoute_conseil"],
            partenaire: null,
            suivi: "a_suivre",
            promeneur: "Léa",
            structure: "Centre social (essai)",
          },
        ],
        parCategorie: { harcelement: 1 },
        parSuivi: { a_suivre: 1, en_cours: 0, close: 0 },
      }),
    );
    expect(html).toMatch(/<form[^>]*method="get"/);
    for (const id of ["filtre-mois", "filtre-categorie", "filtre-suivi", "filtre-structure"]) {
      expect(html).toContain(`for="${id}"`);
    }
    expect(html).toMatch(/<option value="2026-11" selected/);
    expect(html).toContain("1 situation pour ces filtres.");
    expect(html).toContain('href="/espace/situations/x1"');
    expect(html).toContain("Par catégorie");
    expect(html).toContain("Par état du suivi");
  });
});
