import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { nombreGraphique, svgBarres, svgCourbes } from "./graphiques.server";

type Noeud = { nom: string; attributs: Record<string, string>; texte: string };

/** Parses the SVG as XML (throws on a malformed document) and lists its elements with their text. */
function analyser(svg: string): Noeud[] {
  const noeuds: Noeud[] = [];
  const pile: Noeud[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", (erreur) => {
    throw erreur;
  });
  parser.on("opentag", (tag) => {
    const attributs: Record<string, string> = {};
    for (const [nom, attribut] of Object.entries(tag.attributes)) {
      attributs[nom] = typeof attribut === "string" ? attribut : attribut.value;
    }
    const noeud = { nom: tag.local ?? tag.name, attributs, texte: "" };
    noeuds.push(noeud);
    pile.push(noeud);
  });
  parser.on("text", (texte) => {
    const courant = pile.at(-1);
    if (courant) courant.texte += texte;
  });
  parser.on("closetag", () => {
    pile.pop();
  });
  parser.write(svg).close();
  return noeuds;
}

const textes = (noeuds: Noeud[]) => noeuds.filter((n) => n.nom === "text").map((n) => n.texte);
/** Bars are the filled paths echarts draws with the series colour. */
const barres = (noeuds: Noeud[]) => noeuds.filter((n) => n.nom === "path" && n.attributs.fill === "#1d4ed8");

describe("svgBarres", () => {
  const parts = [
    { libelle: "Bien-être, santé psychique", nombre: 1234 },
    { libelle: "Scolarité et études", nombre: 71 },
    { libelle: "Mobilité", nombre: null },
    { libelle: "Logement", nombre: 0 },
  ];

  it("produit un SVG valide annoncé comme une image portant son titre", () => {
    const noeuds = analyser(svgBarres(parts, { titre: "Demandes par thème", horizontal: true }));
    const racine = noeuds[0];
    expect(racine?.nom).toBe("svg");
    expect(racine?.attributs.role).toBe("img");
    expect(racine?.attributs["aria-label"]).toBe("Demandes par thème");
    expect(noeuds[1]).toMatchObject({ nom: "title", texte: "Demandes par thème" });
    expect(racine?.attributs.width).toBe("640");
  });

  it("dessine une barre par part, sauf pour les parts masquées, affichées « < 3 » sans valeur", () => {
    for (const horizontal of [true, false]) {
      const noeuds = analyser(svgBarres(parts, { titre: "Demandes", horizontal }));
      // 1 234 and 71; nothing for the zero nor for the withheld part.
      expect(barres(noeuds)).toHaveLength(2);
      const t = textes(noeuds);
      expect(t.filter((x) => x === "< 3")).toHaveLength(1);
      expect(t).toContain("1\u00a0234");
      expect(t).toContain("71");
      expect(t).toContain("0");
      expect(t).toContain("Mobilité");
      // No bar value 1 or 2 stands for the withheld part.
      expect(t).not.toContain("1");
      expect(t).not.toContain("2");
    }
  });

  it("écrit les nombres à la française (espace insécable, virgule décimale), axes compris", () => {
    const t = textes(analyser(svgBarres([{ libelle: "A", nombre: 12_500 }], { titre: "Vues" })));
    expect(t).toContain("12\u00a0500");
    expect(t.some((x) => /\d,\d{3}\b/.test(x))).toBe(false);
    expect(t.some((x) => x.includes("\u00a0000"))).toBe(true);
    expect(nombreGraphique(0.5)).toBe("0,5");
    expect(nombreGraphique(1_234_567)).toBe("1\u00a0234\u00a0567");
  });

  it("est autonome : pas de feuille de style, de classe ni de ressource externe, une police explicite", () => {
    const svg = svgBarres(parts, { titre: "Demandes" });
    expect(svg).not.toMatch(/<style|class=|var\(--|href=|ecmeta_/);
    expect(svg).toContain("font-family:Arial, Helvetica, sans-serif;");
    expect(svg).not.toMatch(/font-family:sans-serif/);
    // Coordinates rounded to one decimal at most.
    expect(svg).not.toMatch(/ d="[^"]*\d\.\d{2,}/);
  });

  it("échappe le titre et dit quand il n'y a rien à dessiner", () => {
    const noeuds = analyser(svgBarres([], { titre: "Échanges <canal> & type" }));
    expect(noeuds[0]?.attributs["aria-label"]).toBe("Échanges <canal> & type");
    expect(textes(noeuds)).toContain("Aucune donnée sur la période.");
  });

  it("redonne le même dessin pour les mêmes données, un autre quand elles changent", () => {
    const a = svgBarres([{ libelle: "A", nombre: 5 }], { titre: "Même" });
    expect(svgBarres([{ libelle: "A", nombre: 5 }], { titre: "Même" })).toBe(a);
    const b = svgBarres([{ libelle: "A", nombre: 6 }], { titre: "Même" });
    expect(b).not.toBe(a);
    expect(textes(analyser(b))).toContain("6");
  });

  it("agrandit le graphique horizontal avec le nombre de barres", () => {
    const hauteur = (n: number) =>
      Number(
        analyser(
          svgBarres(
            Array.from({ length: n }, (_, i) => ({ libelle: `Part ${i}`, nombre: i + 3 })),
            { titre: "T", horizontal: true },
          ),
        )[0]?.attributs.height,
      );
    expect(hauteur(14)).toBeGreaterThan(hauteur(4));
  });
});

describe("svgCourbes", () => {
  const mois = ["2025-01", "2025-02", "2025-03"];
  it("trace une courbe par série sur les mois, en français, avec une légende", () => {
    const svg = svgCourbes(
      [
        { nom: "Nouveaux jeunes", points: mois.map((m, i) => ({ mois: m, valeur: 1000 + i })) },
        { nom: "File active", points: [{ mois: "2025-02", valeur: 4 }] },
      ],
      { titre: "Jeunes par mois" },
    );
    const noeuds = analyser(svg);
    expect(noeuds[0]?.attributs["aria-label"]).toBe("Jeunes par mois");
    const t = textes(noeuds);
    expect(t).toContain("Nouveaux jeunes");
    expect(t).toContain("File active");
    expect(t.join(" ")).toMatch(/janv\./);
    expect(t).toContain("févr.");
    expect(t).toContain("mars");
    expect(t.some((x) => x.includes("1\u00a0000"))).toBe(true);
    const lignes = noeuds.filter(
      (n) => n.nom === "path" && n.attributs.fill === "none" && n.attributs["stroke-width"] === "2.5",
    );
    expect(lignes).toHaveLength(2);
  });

  it("n'affiche pas de légende pour une seule série", () => {
    const t = textes(
      analyser(svgCourbes([{ nom: "Vues", points: [{ mois: "2025-01", valeur: 3 }] }], { titre: "Vues du site" })),
    );
    expect(t).not.toContain("Vues");
  });
});
