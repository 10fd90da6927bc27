import { describe, expect, it } from "vitest";
import { comptesVides } from "~/domain/rapports/rapport.queries.server";
import { page, render } from "../../../tests/support/render";
import RapportPage from "./rapports.$id";

const base = {
  rapport: {
    id: "r1",
    departement: "04",
    mois: "2026-02-01",
    statut: "soumis" as const,
    version: 3,
    soumisLe: new Date("2026-03-02T09:00:00Z"),
    valideLe: null,
  },
  promeneur: "Léa Martin",
  structure: "MJC de Digne",
  totaux: {
    nouveauxJeunes: 2,
    fileActive: 5,
    echanges: 8,
    echangesIndividuels: 8,
    echangesCollectifs: 0,
    heuresEnLigne: 6,
  },
  comptes: comptesVides(),
  detail: { faitMarquant: "Un fait marquant", commentaireCoordination: null, motifReouverture: null },
  actions: { valider: true, renvoyer: true, rouvrir: false },
};

describe("page d'un bilan (rendu serveur)", () => {
  it("propose à la coordination « Valider » et « Renvoyer pour correction » sur un bilan soumis, avec la version lue", () => {
    const html = render(page(RapportPage)(base));
    expect(html).toMatch(/<h1[^>]*>Bilan de février 2026 – Léa Martin<\/h1>/);
    expect(html).toContain(">Valider</button>");
    expect(html).toContain(">Renvoyer pour correction</button>");
    expect(html).not.toContain(">Rouvrir</button>");
    expect(html).toContain('name="version" value="3"');
    expect(html).toContain("Un fait marquant");
  });

  it("affiche l'erreur à côté du champ, reliée par aria-describedby", () => {
    const html = render(
      page(RapportPage)(base, {
        intent: "renvoyer",
        field: "commentaire",
        message: "Indiquez au promeneur ce qu'il doit corriger.",
      }),
    );
    expect(html).toMatch(
      /<textarea[^>]*aria-invalid="true"[^>]*aria-describedby="commentaire-aide commentaire-erreur"/,
    );
    expect(html).toMatch(/<p id="commentaire-erreur"[^>]*>Indiquez au promeneur ce qu&#x27;il doit corriger\.<\/p>/);
  });

  it("ne montre au référent ni formulaire ni fait marquant, et le dit", () => {
    const html = render(page(RapportPage)({ ...base, detail: null, actions: null }));
    expect(html).not.toContain("<form");
    expect(html).not.toContain("Un fait marquant");
    expect(html).toContain(
      "le fait marquant et les échanges avec la coordination restent entre le promeneur et la coordination",
    );
  });

  it("propose « Rouvrir » avec un motif sur un bilan validé, et rien d'autre", () => {
    const html = render(
      page(RapportPage)({
        ...base,
        rapport: { ...base.rapport, statut: "valide" },
        actions: { valider: false, renvoyer: false, rouvrir: true },
      }),
    );
    expect(html).toContain(">Rouvrir</button>");
    expect(html).toContain('for="motif"');
    expect(html).not.toContain(">Valider</button>");
  });
});
