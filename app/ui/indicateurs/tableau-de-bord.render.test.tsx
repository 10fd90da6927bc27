import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { definitionsIndicateurs } from "~/domain/indicateurs/indicateurs.definitions";
import { indicateursExemple } from "../../../tests/factories/indicateurs";
import { graphiquesIndicateurs } from "./graphiques-indicateurs.server";
import { texteEvolution, texteValeur } from "./indicateurs.format";
import { NON_COUVERTES_VISIBLES, ResumeIndicateurs, TableauDeBord } from "./tableau-de-bord";

/** The text of the `<tr>` whose row header is `libelle`, tags removed. */
function ligne(html: string, libelle: string): string {
  const rangees = html.match(/<tr[^>]*>[\s\S]*?<\/tr>/g) ?? [];
  const trouvee = rangees.find((r) => r.includes(`<th scope="row"`) && r.includes(`>${libelle}<`));
  return decode((trouvee ?? "").replace(/<[^>]+>/g, "|").replace(/\|+/g, "|"));
}

/** Entities decoded and React's text separators removed, to read the text as a person does. */
const decode = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("TableauDeBord", () => {
  it("montre les neuf indicateurs numérotés avec leur définition, leurs graphiques et leurs tableaux", () => {
    const i = indicateursExemple();
    const html = decode(renderToString(<TableauDeBord indicateurs={i} graphiques={graphiquesIndicateurs(i)} />));
    for (const d of Object.values(definitionsIndicateurs)) {
      expect(html).toContain(`${d.numero}. ${d.titre}`);
      expect(html).toContain(d.definition);
    }
    // One chart per breakdown, each announced as an image, and a table of its data.
    expect(html.match(/<svg [^>]*role="img" aria-label=/g)?.length).toBe(13);
    expect(html.match(/Voir les données</g)?.length).toBe(13);
    expect(html).toContain('<caption class="mb-2 text-left text-base font-semibold">Demandes par thème</caption>');
    expect(html).toMatch(/<th scope="col"[^>]*>Demandes<\/th>/);
    // Headline values and their evolution in words.
    expect(html).toContain("83\u00a0%");
    expect(html).toContain("en hausse de 10 points par rapport à année 2024 (73\u00a0%)");
    expect(html).toContain("en hausse de 9\u00a0% par rapport à année 2024 (377)");
  });

  it("vue de la coordination : nombres exacts et listes de personnes", () => {
    const i = indicateursExemple();
    const html = decode(renderToString(<TableauDeBord indicateurs={i} graphiques={graphiquesIndicateurs(i)} />));
    expect(ligne(html, "Mobilité")).toBe("|Mobilité|1|");
    expect(ligne(html, "Violences (familiales, sexuelles…)")).toBe("|Violences (familiales, sexuelles…)|2|");
    expect(html).toContain("Profils à suivre (non conformes ou à vérifier)");
    expect(html).toContain("Camille Roux");
    expect(html).toContain("Présence par promeneur");
    expect(html).toContain("/espace/profils/00000000-0000-4000-8000-000000000101");
  });

  it("vue agrégée : « < 3 » au lieu de 1 ou 2, et aucune liste de personnes", () => {
    const i = indicateursExemple({ vue: "agregee" });
    const brut = renderToString(
      <TableauDeBord
        indicateurs={i}
        graphiques={graphiquesIndicateurs(i)}
        nomsCommunes={{ "04088": "Forcalquier", "04049": "Céreste" }}
      />,
    );
    const html = decode(brut);
    expect(ligne(brut, "Mobilité")).toBe("|Mobilité|< 3|");
    expect(ligne(brut, "Projets individuels ou collectifs")).toBe("|Projets individuels ou collectifs|< 3|");
    expect(ligne(brut, "Violences (familiales, sexuelles…)")).toBe("|Violences (familiales, sexuelles…)|< 3|");
    expect(ligne(brut, "Rupture familiale ou scolaire")).toBe("|Rupture familiale ou scolaire|< 3|");
    expect(ligne(brut, "Forcalquier")).toBe("|Forcalquier|< 3|");
    expect(ligne(brut, "Céreste")).toBe("|Céreste|< 3|");
    // The charts say « < 3 » too, never the value.
    expect(html).toContain(">&lt; 3</text>".replace("&lt;", "<"));
    expect(html).not.toContain("Camille Roux");
    expect(html).not.toContain("Léo Martin");
    expect(html).not.toContain("Profils à suivre");
    expect(html).not.toContain("Présence par promeneur");
  });

  it("liste les 20 communes non couvertes les plus peuplées, les autres derrière « voir tout »", () => {
    const base = indicateursExemple();
    const nonCouvertes = Array.from({ length: 25 }, (_, n) => ({
      code: `04${String(300 + n)}`,
      nom: `Commune ${String(n + 1).padStart(2, "0")}`,
      population: 10_000 - n * 100,
      epci: null,
    }));
    const i = { ...base, couverture: { ...base.couverture, nonCouvertes } };
    const html = decode(renderToString(<TableauDeBord indicateurs={i} graphiques={{}} />));
    const visible = html.split("Voir toutes les communes non couvertes")[0] ?? "";
    expect(visible).toContain("Commune 20");
    expect(visible).not.toContain("Commune 21");
    expect(html).toContain(`(${NON_COUVERTES_VISIBLES} sur 25)`);
    expect(html).toContain("Voir toutes les communes non couvertes (25)");
    expect(html.split("Voir toutes les communes non couvertes")[1]).toContain("Commune 25");
  });
});

describe("ResumeIndicateurs", () => {
  it("donne la valeur principale des neuf indicateurs avec un lien vers le tableau de bord", () => {
    const html = decode(
      renderToString(
        <ResumeIndicateurs
          indicateurs={indicateursExemple({ vue: "agregee" })}
          lien="/espace/indicateurs?departement=04"
        />,
      ),
    );
    expect(html.match(/<li /g)?.length).toBe(9);
    expect(html).toContain('href="/espace/indicateurs?departement=04#indicateur-couverture"');
    expect(html).toContain("412");
  });
});

describe("texteEvolution", () => {
  it("dit la hausse, la baisse ou la stabilité, en points pour un taux", () => {
    expect(texteEvolution({ valeur: 120, precedente: 100 }, "nombre", "Année 2024")).toBe(
      "en hausse de 20\u00a0% par rapport à année 2024 (100)",
    );
    expect(texteEvolution({ valeur: 90, precedente: 100 }, "nombre", "Mars 2025")).toBe(
      "en baisse de 10\u00a0% par rapport à mars 2025 (100)",
    );
    expect(texteEvolution({ valeur: 0.5, precedente: 0.5 }, "taux", "Année 2024")).toBe(
      "stable par rapport à année 2024 (50\u00a0%)",
    );
    expect(texteEvolution({ valeur: 0.49, precedente: 0.5 }, "taux", "Année 2024")).toBe(
      "en baisse de 1 point par rapport à année 2024 (50\u00a0%)",
    );
    expect(texteEvolution({ valeur: 3, precedente: 0 }, "nombre", "Année 2024")).toBe(
      "en hausse par rapport à année 2024 (0)",
    );
    expect(texteEvolution({ valeur: null, precedente: 4 }, "taux", "Année 2024")).toBe(
      "pas de valeur à comparer sur année 2024",
    );
    expect(texteValeur(0.8123, "indice")).toBe("0,81");
    expect(texteValeur(12.5, "heures")).toBe("12,5\u00a0h");
  });
});
