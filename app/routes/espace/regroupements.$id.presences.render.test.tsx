import { describe, expect, it } from "vitest";
import { page, render } from "../../../tests/support/render";
import PresencesPage from "./regroupements.$id.presences";

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";

const vue = (motifRequis: boolean) => ({
  regroupement: {
    id: "r1",
    titre: "Analyse de la pratique",
    type: "Analyse de la pratique",
    plage: "12 mai 2026, de 9 h à 12 h",
  },
  refus: null,
  motifRequis,
  invites: [
    { id: A, nom: "Anna Aubert", organisation: "MJC", presence: "present" },
    { id: B, nom: "Bruno Blanc", organisation: null, presence: null },
  ],
});

/** The HTML of the attendance form, from its opening tag. */
const formulaire = (html: string) => html.slice(html.indexOf("<form"));

describe("page des présences (rendu serveur)", () => {
  it("le premier bouton d'envoi du formulaire est désactivé : Entrée dans le motif ne note personne", () => {
    const html = formulaire(render(page(PresencesPage)(vue(true))));
    const premier = /<button[^>]*type="submit"[^>]*>/.exec(html)?.[0] ?? "";
    expect(premier).toContain("disabled");
    expect(premier).not.toContain('name="choix"');
    // The reason field comes after it, and the attendance buttons after the field.
    expect(html.indexOf(premier)).toBeLessThan(html.indexOf('id="motif"'));
    expect(html.indexOf('id="motif"')).toBeLessThan(html.indexOf('name="choix"'));
  });

  it("montre l'erreur du motif une seule fois, sous le champ, qui est marqué invalide", () => {
    const message = "Le motif doit compter au moins 5 caractères.";
    const html = render(page(PresencesPage)(vue(true), { field: "motif", message, invitationId: null, recueLe: 1 }));
    expect(html.split(message)).toHaveLength(2);
    expect(html).toMatch(
      /<input[^>]*id="motif"[^>]*aria-invalid="true"[^>]*aria-describedby="motif-aide motif-erreur"/,
    );
    expect(html).toMatch(new RegExp(`id="motif-erreur"[^>]*>${message}`));
  });

  it("montre l'erreur de présence sur la ligne de la personne, et les compteurs accordés", () => {
    const message = "Choisissez présent, excusé ou absent.";
    const html = render(page(PresencesPage)(vue(false), { field: "presence", message, invitationId: B, recueLe: 1 }));
    expect(html).not.toContain('id="motif"');
    expect(html).toMatch(new RegExp(`id="p-${B}-erreur"[^>]*>${message}`));
    expect(html.split(message)).toHaveLength(2);
    expect(html).toContain("1 présent sur 2");
    expect(html).toContain("0 excusé · 0 absent · 1 à noter");
    expect(html).toContain("Note présente la personne pas encore notée.");
    expect(html).toContain("Analyse de la pratique · 12 mai 2026, de 9 h à 12 h");
  });
});
