import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { render } from "../../../tests/support/render";
import StructureHome from "./structure";
import StructuresPage from "./structures";
import FichePage from "./structures.$id";
import ChartePage from "./structures.$id.charte";
import ModifierPage from "./structures.$id.modifier";
import NouvellePage from "./structures.nouvelle";

const props = (loaderData: unknown, actionData?: unknown) =>
  ({ loaderData, actionData, params: {}, matches: [] }) as never;

const ID = "00000000-0000-4000-8000-000000000001";
const communes = [
  { code: "04070", nom: "Digne-les-Bains", codesPostaux: ["04000"] },
  { code: "04112", nom: "Manosque", codesPostaux: ["04100"] },
];
const structure = {
  id: ID,
  nom: "MJC de Digne",
  type: "accueil_jeunes",
  departement: "04",
  siret: "73282932000074",
  adresse: "1 place du Marché",
  codePostal: "04000",
  communeCode: "04070",
  commune: "Digne-les-Bains",
  epci: "Provence-Alpes Agglomération",
  telephone: "04 92 31 00 00",
  email: "contact@mjc.fr",
  siteWeb: "https://mjc.fr/",
  statut: "active",
  charteSigneeLe: new Date("2025-01-14T23:00:00Z"),
  charteSignataire: "Camille Martin",
  hasCharteDocument: true,
};

describe("pages des structures (rendu serveur)", () => {
  it("liste : filtres étiquetés dans un formulaire GET, lien vers la fiche, charte « Non signée »", () => {
    const html = render(
      createElement(
        StructuresPage,
        props({
          departement: "04",
          filters: { q: "", type: "", epci: "", statut: "" },
          epciOptions: [{ siren: "200067437", nom: "Provence-Alpes Agglomération" }],
          structures: [{ ...structure, promeneursActifs: 2, charteSigneeLe: null }],
          mayCreate: true,
        }),
      ),
    );
    expect(html).toMatch(/<form[^>]*method="get"/);
    for (const id of ["q", "type", "epci", "statut"]) expect(html).toMatch(new RegExp(`<label[^>]*for="${id}"`));
    expect(html).toContain(`href="/espace/structures/${ID}"`);
    expect(html).toContain("Non signée");
    expect(html).toContain('href="/espace/structures/nouvelle?departement=04"');
    expect(html).toContain('<th scope="col"');
  });

  it("création : champs étiquetés, communes proposées, erreur reliée au champ", () => {
    const html = render(
      createElement(
        NouvellePage,
        props(
          { departement: "04", communes },
          { status: "error", initialValue: { nom: "X" }, error: { siret: ["Ce numéro SIRET n'existe pas."] } },
        ),
      ),
    );
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('<option value="04070">Digne-les-Bains</option>');
    const siret = html.match(/<input[^>]*name="siret"[^>]*>/)?.[0] ?? "";
    const describedBy = siret.match(/aria-describedby="([^"]+)"/)?.[1]?.split(" ") ?? [];
    expect(describedBy.length).toBeGreaterThan(0);
    for (const id of describedBy) expect(html).toContain(`id="${id}"`);
    expect(html).toMatch(new RegExp(`id="${describedBy[0]}"[^>]*>Ce numéro SIRET`));
    expect(html).toContain("Ce numéro SIRET n&#x27;existe pas.");
    expect(html).toContain('name="statut"');
  });

  it("modification par un référent : pas de choix du statut", () => {
    const html = render(
      createElement(
        ModifierPage,
        props({ structure: { ...structure, charteDocumentId: null }, communes, mayChangeStatut: false }),
      ),
    );
    expect(html).not.toContain('name="statut"');
    expect(html).toContain('value="MJC de Digne"');
  });

  it("charte : formulaire multipart avec date, signataire et document", () => {
    const html = render(
      createElement(
        ChartePage,
        props({
          structure: { id: ID, nom: "MJC", charteSigneeLe: null, charteSignataire: null, hasDocument: false },
          today: "2025-03-20",
        }),
      ),
    );
    expect(html).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
    expect(html).toMatch(/<input[^>]*type="date"[^>]*max="2025-03-20"|<input[^>]*max="2025-03-20"[^>]*type="date"/);
    expect(html).toMatch(/<input[^>]*type="file"[^>]*name="document"|<input[^>]*name="document"[^>]*type="file"/);
    expect(html).toContain('<label for="charte-document"');
  });

  it("fiche : coordonnées, charte téléchargeable, promeneurs et historique", () => {
    const html = render(
      createElement(
        FichePage,
        props({
          structure,
          promeneurs: [{ id: "p1", nomPublic: "Léa", prenom: "Léa", nom: "Durand", statut: "actif" }],
          parStatut: [{ statut: "actif", n: 1 }],
          referents: [{ userId: "u1", nom: "Dominique", email: "d@mjc.fr" }],
          history: [
            {
              id: 1,
              at: new Date("2025-02-01T10:00:00Z"),
              actorLabel: "Coord <c@pdn.fr>",
              label: "Modification d'une structure",
              changes: ["Statut : Active → Inactive"],
            },
          ],
          may: { edit: true, propose: true },
        }),
      ),
    );
    expect(html).toContain("Signée le 15 janvier 2025 par Camille Martin");
    expect(html).toContain(`href="/espace/structures/${ID}/charte/document"`);
    expect(html).toContain('href="/espace/promeneurs/p1"');
    expect(html).toContain(`href="/espace/promeneurs/proposer?structure=${ID}"`);
    expect(html).toContain(`href="/espace/structures/${ID}/modifier"`);
    expect(html).toContain("Statut : Active → Inactive");
    expect(html).toContain("Référents");
  });

  it("ma structure : résumé et liens du référent", () => {
    const html = render(
      createElement(
        StructureHome,
        props({
          structures: [{ ...structure, promeneursActifs: 1, charteSigneeLe: null, mayEdit: true, mayPropose: true }],
          annonces: [{ id: ID, titre: "Regroupement de décembre", publieeLe: new Date("2026-11-20T09:00:00Z") }],
        }),
      ),
    );
    expect(html).toContain("<h1>Ma structure</h1>");
    expect(html).toContain("1 promeneur actif");
    expect(html).toContain(`href="/espace/structures/${ID}/charte"`);
    expect(html).toContain(`href="/espace/promeneurs/proposer?structure=${ID}"`);
    // Unread announcements of the coordination come first.
    expect(html).toContain("Annonces de la coordination");
    expect(html).toContain("Regroupement de décembre");
  });
});
