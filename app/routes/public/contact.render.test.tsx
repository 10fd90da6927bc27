import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { contactSchema } from "~/domain/contact/contact.schema";
import { page, render } from "../../../tests/support/render";
import MessagePage from "../espace/messages.$id";
import ContactPage from "./contact";

function replyFor(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  return parseWithZod(formData, { schema: contactSchema }).reply();
}

describe("page de contact (rendu serveur, sans JavaScript)", () => {
  it("met l'avertissement et les numéros d'urgence cliquables avant le formulaire", () => {
    const html = render(page(ContactPage)(undefined));
    const warning = html.indexOf("ce formulaire n&#x27;est pas un service d&#x27;urgence");
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(html.indexOf("<form"));
    for (const numero of ["112", "119", "3114"]) expect(html).toContain(`<a href="tel:${numero}">${numero}</a>`);
  });

  it("dit aux jeunes, dans l'avertissement, d'aller vers l'annuaire et l'aide plutôt que d'écrire", () => {
    const html = render(page(ContactPage)(undefined));
    const note = html.slice(html.indexOf('role="note"'), html.indexOf("<form"));
    expect(note).toContain("Vous êtes un jeune");
    expect(note).toContain('href="/promeneurs"');
    expect(note).toContain('href="/besoin-d-aide"');
  });

  it("donne une étiquette à chaque champ et cache le champ piège hors du parcours clavier", () => {
    const html = render(page(ContactPage)(undefined));
    expect(html).toMatch(/<form[^>]*action="\/contact" method="post"/);
    expect(html).toContain('name="_csrf"');
    for (const name of ["nom", "email", "objet", "message"]) {
      const id = new RegExp(`<(?:input|textarea)[^>]*id="([^"]+)"[^>]*name="${name}"`).exec(html)?.[1];
      expect(id, name).toBeTruthy();
      expect(html).toContain(`for="${id}"`);
    }
    expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>Vous êtes<\/legend>/);
    expect(html.match(/type="radio"[^>]*name="qualite"/g)).toHaveLength(4);
    expect(html).not.toMatch(/type="radio"[^>]*value="jeune"/);
    expect(html).toMatch(/<label for="contact-site-web">Ne pas remplir ce champ<\/label>/);
    expect(html).toMatch(/<input[^>]*id="contact-site-web"[^>]*tabindex="-1"[^>]*autocomplete="off"/i);
  });

  it("montre l'erreur à côté du champ, reliée par aria-describedby, et garde ce qui a été saisi", () => {
    const html = render(
      page(ContactPage)(
        undefined,
        replyFor({ nom: "Camille", email: "camille@exemple.fr", qualite: "parent", objet: "Bonjour", message: "" }),
      ),
    );
    expect(html).toContain("Votre message n&#x27;a pas été envoyé");
    const errorId = /<textarea[^>]*aria-describedby="[^"]*?([\w-]+-error)[^"]*"/.exec(html)?.[1];
    expect(errorId).toBeTruthy();
    expect(html).toContain(
      `id="${errorId}" class="mt-1 text-sm font-semibold text-alerte-700">Écrivez votre message.</p>`,
    );
    expect(html).toMatch(/name="nom"[^>]*value="Camille"|value="Camille"[^>]*name="nom"/);
    expect(html).toMatch(/type="radio"[^>]*value="parent"[^>]*checked|checked[^>]*value="parent"/);
  });
});

describe("un message reçu (rendu serveur)", () => {
  it("affiche le message en texte, retours à la ligne conservés, jamais comme du HTML, avec un lien de réponse", () => {
    const html = render(
      page(MessagePage)({
        message: {
          id: "m1",
          departement: "04",
          nom: "Camille",
          email: "camille@exemple.fr",
          qualite: "parent",
          objet: "Question & demande",
          message: "Ligne 1\nLigne 2 <script>alert(1)</script>",
          recuLe: new Date("2026-03-02T09:00:00Z"),
          luLe: new Date("2026-03-02T10:00:00Z"),
          luParNom: "Rémi",
          archiveLe: null,
        },
      }),
    );
    expect(html).toContain("whitespace-pre-wrap");
    expect(html).toContain("Ligne 1\nLigne 2 &lt;script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain('href="mailto:camille%40exemple.fr?subject=Re%20%3A%20Question%20%26%20demande"');
    expect(html).toContain('name="intent" value="archiver"');
    expect(html).toContain(">Archiver</button>");
  });
});
