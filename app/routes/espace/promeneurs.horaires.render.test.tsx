import type { ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { render } from "../../../tests/support/render";
import FichePage from "./promeneurs.$id.fiche";
import HorairesPage from "./promeneurs.$id.horaires";

type PageProps = { loaderData: unknown; actionData?: unknown; params: object; matches: unknown[] };
const Horaires = HorairesPage as unknown as ComponentType<PageProps>;
const Fiche = FichePage as unknown as ComponentType<PageProps>;

const ID = "11111111-1111-4111-8111-111111111111";
const horairesData = (canManage = true) => ({
  promeneur: { id: ID, nomPublic: "Léa", prenom: "Léa", nom: "Martin" },
  canManage,
  saisis: {
    creneaux: [{ jour: "2", debut: "18:00", fin: "20:00", reseaux: ["instagram"] }],
    exceptions: [{ du: "2026-12-24", au: "2026-12-26", motif: "Noël" }],
  },
  creneaux: [{ texte: "mardi de 18\u00a0h\u00a000 à 20\u00a0h\u00a000", reseaux: ["instagram"] }],
  exceptions: [{ texte: "du 24 décembre 2026 au 26 décembre 2026", motif: "Noël" }],
  enLigne: false,
  prochain: "mardi 3 mars de 18\u00a0h\u00a000 à 20\u00a0h\u00a000",
});

describe("page des horaires (rendu serveur)", () => {
  it("présente un formulaire sans JavaScript : champs indexés, étiquettes, boutons d'intention, jeton CSRF", () => {
    const html = render(<Horaires loaderData={horairesData()} params={{ id: ID }} matches={[]} />);
    expect(html).toContain('name="_csrf"');
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toContain('name="creneaux[0].jour"');
    expect(html).toMatch(/<input type="time"[^>]*name="creneaux\[0\]\.debut"[^>]*value="18:00"/);
    expect(html).toMatch(/<label for="creneaux-0--debut"/);
    expect(html).toMatch(/id="creneaux-0--debut"/);
    expect(html).toMatch(/<input type="date"[^>]*name="exceptions\[0\]\.du"[^>]*value="2026-12-24"/);
    expect(html).toContain('value="ajouter-creneau"');
    expect(html).toContain('value="supprimer-creneau-0"');
    expect(html).toContain('value="ajouter-exception"');
    expect(html).toContain('value="supprimer-exception-0"');
    expect(html).toMatch(/value="enregistrer"[^>]*>Enregistrer</);
    expect(html).toContain("En ligne maintenant :");
    expect(html).toContain("mardi 3 mars");
  });

  it("montre chaque erreur sous son champ, reliée par aria-describedby", () => {
    const data = horairesData();
    const html = render(
      <Horaires
        loaderData={data}
        actionData={{
          saisis: data.saisis,
          errors: { "creneaux[0].debut": ["Ce créneau chevauche celui du mardi."] },
          formErrors: ["Les horaires n'ont pas été enregistrés : corrigez les champs signalés."],
        }}
        params={{ id: ID }}
        matches={[]}
      />,
    );
    const debut = /<input[^>]*name="creneaux\[0\]\.debut"[^>]*>/.exec(html)?.[0] ?? "";
    expect(debut).toContain('aria-invalid="true"');
    expect(debut).toContain('aria-describedby="creneaux-0--debut-erreur"');
    expect(html).toMatch(/<p id="creneaux-0--debut-erreur"[^>]*>Ce créneau chevauche celui du mardi\.<\/p>/);
    expect(html).toContain('role="alert"');
  });

  it("ne montre qu'une lecture au référent", () => {
    const html = render(<Horaires loaderData={horairesData(false)} params={{ id: ID }} matches={[]} />);
    expect(html).not.toContain("<form");
    expect(html).toContain("Mardi de 18");
  });
});

describe("page de la fiche publique (rendu serveur)", () => {
  const ficheData = {
    canManage: true,
    promeneur: {
      id: ID,
      prenom: "Léa",
      nom: "Martin",
      statut: "actif",
      nomPublic: "Léa, animatrice",
      bio: "",
      themes: ["sante"],
      ageMin: 12,
      ageMax: 25,
      photoId: "22222222-2222-4222-8222-222222222222",
    },
  };

  it("envoie le formulaire en multipart, avec la photo actuelle et l'option de la supprimer", () => {
    const html = render(<Fiche loaderData={ficheData} params={{ id: ID }} matches={[]} />);
    expect(html).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain(`src="/espace/promeneurs/${ID}/photo?v=22222222-2222-4222-8222-222222222222"`);
    expect(html).toMatch(/<input type="file"[^>]*name="photo"/);
    expect(html).toContain("Supprimer la photo");
    expect(html).toMatch(/<input type="checkbox" name="themes" checked="" value="sante"/);
    expect(html).toMatch(/<input type="checkbox" name="themes" value="logement"/);
    expect(html).toMatch(/<label for="[^"]+"[^>]*>Nom affiché au public<\/label>/);
  });
});
