import { describe, expect, it } from "vitest";
import { page, render } from "../../../tests/support/render";
import AnnoncesPage from "./annonces";
import AnnoncePage from "./annonces.$id";
import NouvelleAnnoncePage from "./annonces.nouvelle";
import AnnuairePage from "./annuaire";

describe("pages des annonces et de l'annuaire (rendu serveur)", () => {
  it("affiche le texte d'une annonce comme du texte, retours à la ligne conservés, jamais comme du HTML", () => {
    const html = render(
      page(AnnoncePage)({
        annonce: {
          id: "a1",
          departement: "04",
          titre: "Réunion",
          corps: "Ligne 1\nLigne 2 <script>alert(1)</script>",
          audience: "tous",
          publieeLe: new Date("2026-03-02T09:00:00Z"),
          auteur: "Camille",
        },
        luLe: null,
        accuses: [{ userId: "u1", nom: "Rémi", email: "remi@essai.fr", luLe: null }],
        totaux: { lues: 0, total: 1 },
      }),
    );
    expect(html).toContain("whitespace-pre-line");
    expect(html).toContain("Ligne 1\nLigne 2 &lt;script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("Lue par 0 sur 1 destinataire.");
    expect(html).toContain("Non lue");
    expect(html).toMatch(/<caption[^>]*>Destinataires de l&#x27;annonce et date de lecture<\/caption>/);
  });

  it("marque une annonce non lue « Nouvelle » en toutes lettres, et pas celles déjà lues", () => {
    const html = render(
      page(AnnoncesPage)({
        departement: "04",
        departements: ["04"],
        coordination: false,
        annonces: [
          {
            id: "a1",
            titre: "Non lue",
            audience: "tous",
            publieeLe: new Date(),
            destinataires: 3,
            lues: null,
            destinataire: true,
            luLe: null,
          },
          {
            id: "a2",
            titre: "Déjà lue",
            audience: "tous",
            publieeLe: new Date(),
            destinataires: 3,
            lues: null,
            destinataire: true,
            luLe: new Date(),
          },
        ],
      }),
    );
    expect(html.match(/>Nouvelle</g)).toHaveLength(1);
    expect(html).toContain("1 nouvelle annonce à lire.");
    expect(html).not.toContain("Nouvelle annonce</a>");
  });

  it("relie les erreurs du formulaire d'annonce à leurs champs, le public dans un groupe avec légende", () => {
    const html = render(
      page(NouvelleAnnoncePage)(
        { departement: "04", effectifs: { promeneurs: 3, referents: 2, tous: 4 } },
        {
          status: "error",
          initialValue: { departement: "04", titre: "Ré", audience: "", corps: "" },
          error: {
            titre: ["Le titre compte au moins 3 caractères."],
            audience: ["Choisissez à qui envoyer l'annonce."],
          },
        },
      ),
    );
    expect(html).toContain('name="_csrf"');
    expect(html).toContain("<legend");
    expect(html).toContain("Les référents de structure (2 personnes)");
    const titre = html.match(/<input[^>]*name="titre"[^>]*>/)?.[0] ?? "";
    const errorId = titre.match(/aria-describedby="([^"]*)"/)?.[1] ?? "missing";
    expect(titre).toContain('aria-invalid="true"');
    expect(html).toContain(`id="${errorId.split(" ").pop()}"`);
    expect(html).toContain("Choisissez à qui envoyer l&#x27;annonce.");
  });

  it("rend l'annuaire avec ses filtres étiquetés et ses tableaux", () => {
    const html = render(
      page(AnnuairePage)({
        departement: "04",
        departements: ["04"],
        filtres: {},
        structures: [{ id: "s1", nom: "MJC" }],
        promeneurs: [
          {
            id: "p1",
            prenom: "Éloïse",
            nom: "Martin",
            nomPublic: "Éloïse",
            fonction: "Animatrice",
            structureId: "s1",
            structure: "MJC",
            commune: "Sisteron",
            email: "eloise@mjc.fr",
            telephone: "04 92 00 00 00",
            reseaux: ["Instagram"],
          },
        ],
        referents: [],
        coordination: [{ userId: "c1", nom: "Camille", email: "camille@cd04.fr" }],
      }),
    );
    for (const id of ["annuaire-q", "annuaire-structure", "annuaire-role"]) {
      expect(html).toContain(`for="${id}"`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('href="tel:0492000000"');
    expect(html).toContain("Aucun référent ne correspond à la recherche.");
    expect(html).toContain('<th scope="col"');
  });
});
