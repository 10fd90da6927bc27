import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSafeHref, mediaIdsOf, renderMarkdown } from "./markdown.server";

const MEDIA = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";
const medias = new Map([[MEDIA, { largeur: 1200, hauteur: 800 }]]);

/** The markup only: attribute values emptied, so that text inside `alt="…"` cannot hide an attribute. */
const balises = (html: string) => html.replace(/="[^"]*"/g, '=""');
/** True when some element carries an event handler attribute (onerror, onclick…). */
const aUnGestionnaire = (html: string) => /<[^>]*\son\w+\s*=/i.test(balises(html));

describe("renderMarkdown : rien d'exécutable ne passe", () => {
  it("affiche une balise <script> comme du texte", () => {
    const html = renderMarkdown("<script>alert(1)</script>");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("affiche une image HTML avec onerror comme du texte, sans élément <img>", () => {
    const html = renderMarkdown("<img src=x onerror=alert(1)>");
    expect(html).not.toContain("<img");
    expect(aUnGestionnaire(html)).toBe(false);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("retire un lien javascript: et garde son texte", () => {
    for (const lien of ["[x](javascript:alert(1))", "[x](  JaVaScRiPt:alert(1))", "[x](jav&#x61;script:alert(1))"]) {
      const html = renderMarkdown(lien);
      expect(html, lien).not.toMatch(/href/);
      expect(html, lien).toContain("x");
    }
  });

  it("n'insère pas d'iframe", () => {
    const html = renderMarkdown("<iframe src='https://exemple.fr'></iframe>\n\nTexte");
    expect(html).not.toContain("<iframe");
    expect(html).toContain("&lt;iframe");
  });

  it("refuse les adresses data: dans un lien et dans une image", () => {
    const html = renderMarkdown("[d](data:text/html;base64,PHNjcmlwdD4=) ![i](data:image/png;base64,iVBOR)");
    expect(html).not.toContain("data:");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/href/);
  });

  it("neutralise un onerror glissé dans la syntaxe d'image Markdown", () => {
    const dansAlt = renderMarkdown(`![x" onerror="alert(1)](/medias/${MEDIA})`, { medias });
    expect(aUnGestionnaire(dansAlt)).toBe(false);
    expect(dansAlt).toContain('alt="x&quot; onerror=&quot;alert(1)"');
    const dansSrc = renderMarkdown('![x](x" onerror="alert(1))');
    expect(dansSrc).not.toContain("<img");
    expect(aUnGestionnaire(dansSrc)).toBe(false);
  });

  it("n'affiche que les images de notre bibliothèque (/medias/…)", () => {
    const html = renderMarkdown("![Logo d'ailleurs](https://exemple.fr/logo.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain("<p>Logo d'ailleurs</p>");
  });

  it("propriété : aucune sortie ne contient <script ni d'attribut on…=", async () => {
    const morceaux = fc.constantFrom(
      "<script>",
      "</script>",
      "<img src=x onerror=alert(1)>",
      "<svg onload=alert(1)>",
      '" onmouseover="alert(1)',
      "javascript:",
      "[a](",
      "](",
      ")",
      "![",
      `/medias/${MEDIA}`,
      "<a href='javascript:alert(1)'>",
      "\n\n",
      "# ",
      "`",
      "> ",
      "- ",
      "texte ",
    );
    await fc.assert(
      fc.property(fc.array(fc.oneof(morceaux, fc.string()), { maxLength: 20 }), (parts) => {
        const html = renderMarkdown(parts.join(""), { medias });
        return !/<script/i.test(html) && !aUnGestionnaire(html) && !/href="\s*javascript:/i.test(html);
      }),
    );
  });
});

describe("renderMarkdown : le Markdown ordinaire", () => {
  it("rend titres, emphase, listes, citations et tableaux", () => {
    const html = renderMarkdown(
      "## Intertitre\n\nDu **gras**, de l'*italique*.\n\n- un\n- deux\n\n1. premier\n\n> citation\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain("<h2>Intertitre</h2>");
    expect(html).toContain("<strong>gras</strong>");
    expect(html).toContain("<em>italique</em>");
    expect(html).toContain("<li>deux</li>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<td>2</td>");
  });

  it("décale les titres pour garder un seul h1 sur la page, en gardant leur hiérarchie", () => {
    const html = renderMarkdown("# Grand\n\n## Moyen\n\n#### Petit");
    expect(html).not.toContain("<h1");
    expect(html).toContain("<h2>Grand</h2>");
    expect(html).toContain("<h3>Moyen</h3>");
    expect(html).toContain("<h4>Petit</h4>");
    expect(renderMarkdown("## Déjà h2\n\n### Sous")).toContain("<h3>Sous</h3>");
  });

  it("garde les liens http(s), mailto, tel et internes ; rel=noopener sur les liens externes", () => {
    const html = renderMarkdown(
      "[site](https://exemple.fr) [contact](/contact) [appeler](tel:3114) contact@exemple.fr",
    );
    expect(html).toContain('<a href="https://exemple.fr" rel="noopener">site</a>');
    expect(html).toContain('<a href="/contact">contact</a>');
    expect(html).toContain('<a href="tel:3114">appeler</a>');
    expect(html).toContain('<a href="mailto:contact@exemple.fr">contact@exemple.fr</a>');
  });

  it("donne aux images de la bibliothèque leur taille, leurs deux versions et le chargement différé", () => {
    const html = renderMarkdown(`![Une rencontre](/medias/${MEDIA})`, { medias });
    expect(html).toContain(`src="/medias/${MEDIA}"`);
    expect(html).toContain('width="1200"');
    expect(html).toContain('height="800"');
    expect(html).toContain(`srcset="/medias/${MEDIA}/petite 480w, /medias/${MEDIA} 1200w"`);
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('alt="Une rencontre"');
  });

  it("trouve les images citées par un texte", () => {
    expect(mediaIdsOf(`![a](/medias/${MEDIA}) et ![b](/medias/${MEDIA.toUpperCase()}/petite)`)).toEqual([MEDIA]);
  });

  it("isSafeHref : accepte les adresses sûres et refuse les autres", () => {
    for (const ok of ["https://a.fr", "http://a.fr", "mailto:a@b.fr", "tel:112", "/contact", "#haut", "?page=2"]) {
      expect(isSafeHref(ok), ok).toBe(true);
    }
    for (const ko of ["javascript:alert(1)", "java\tscript:x", "data:text/html,x", "vbscript:x", "//evil.example"]) {
      expect(isSafeHref(ko), ko).toBe(false);
    }
  });
});
