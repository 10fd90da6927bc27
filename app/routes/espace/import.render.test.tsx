import type { ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { PROMENEUR_COLONNES, STRUCTURE_COLONNES } from "~/domain/import/import.columns";
import { render } from "../../../tests/support/render";
import ImportPage from "./import";

type PageProps = { loaderData: unknown; actionData?: unknown; params: object; matches: unknown[] };
const Page = ImportPage as unknown as ComponentType<PageProps>;
const page = (actionData?: unknown) => (
  <Page loaderData={{ departement: "04" }} actionData={actionData} params={{}} matches={[]} />
);

describe("page d'import et d'export (rendu serveur)", () => {
  it("documente chaque colonne des deux fichiers et propose modèles et exports", () => {
    const html = render(page());
    for (const colonne of [...STRUCTURE_COLONNES, ...PROMENEUR_COLONNES]) {
      expect(html).toContain(`<code>${colonne.nom}</code>`);
    }
    expect(html).toContain('href="/espace/export/modele-structures"');
    expect(html).toContain('href="/espace/export/modele-promeneurs"');
    expect(html).toContain('href="/espace/export/promeneurs?departement=04&amp;format=xlsx"');
    expect(html).toContain('href="/espace/export/structures?departement=04&amp;format=csv"');
    expect(html).toMatch(/<caption[^>]*>Colonnes du fichier des structures<\/caption>/);
  });

  it("envoie le fichier en multipart avec le jeton CSRF, sans JavaScript", () => {
    const html = render(page());
    const form = /<form[^>]*>/.exec(html)?.[0] ?? "";
    expect(form).toContain('method="post"');
    expect(form).toMatch(/enctype="multipart\/form-data"/i);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain('<label for="fichier"');
    expect(html).toMatch(/<button type="submit" value="verifier"[^>]*name="intent">Vérifier le fichier</);
    expect(html).toMatch(/<button type="submit" value="importer"[^>]*name="intent">Importer</);
  });

  it("montre chaque erreur dans un tableau, par ligne et par colonne", () => {
    const html = render(
      page({
        kind: "promeneurs",
        resultat: {
          intent: "verifier",
          kind: "promeneurs",
          fichier: "promeneurs.csv",
          total: 101,
          valides: 100,
          lignesEnErreur: 1,
          nombreErreurs: 1,
          erreurs: [
            {
              ligne: 57,
              colonne: "email",
              message: "Saisissez une adresse e-mail valide, par exemple prenom.nom@structure.fr.",
            },
          ],
          avertissements: [],
        },
      }),
    );
    expect(html).toContain("101 lignes de données, 100 lignes valides");
    expect(html).toContain("1 erreur sur 1 ligne : rien n&#x27;a été enregistré");
    expect(html).toMatch(/<th scope="row"[^>]*>57<\/th>/);
    expect(html).toContain("<code>email</code>");
    expect(html).toContain("Saisissez une adresse e-mail valide, par exemple prenom.nom@structure.fr.");
    // The kind chosen stays checked.
    expect(html).toMatch(/id="kind-promeneurs"[^>]*checked/);
  });

  it("ne parle pas de lignes pour une erreur qui porte sur tout le fichier", () => {
    const html = render(
      page({
        kind: "structures",
        resultat: {
          intent: "verifier",
          kind: "structures",
          fichier: "vide.csv",
          total: 0,
          valides: 0,
          lignesEnErreur: 0,
          nombreErreurs: 1,
          erreurs: [{ ligne: null, colonne: null, message: "Le fichier est vide." }],
          avertissements: [],
        },
      }),
    );
    expect(html).toContain("1 erreur : rien n&#x27;a été enregistré");
    expect(html).toMatch(/<th scope="row"[^>]*>fichier<\/th>/);
  });

  it("relie le message d'erreur au champ fichier", () => {
    const html = render(page({ kind: null, fieldErrors: { fichier: "Choisissez le fichier CSV." } }));
    expect(html).toMatch(/aria-describedby="fichier-aide fichier-error"/);
    expect(html).toContain('id="fichier-error"');
  });
});
