import { describe, expect, it } from "vitest";
import { contactSchema, isHoneypotFilled } from "./contact.schema";

const valid = {
  nom: "Camille Martin",
  email: "camille.martin@exemple.fr",
  qualite: "parent",
  objet: "Trouver un promeneur",
  message: "Bonjour, je cherche un promeneur du Net près de Digne-les-Bains.",
};

function errorsOf(input: Record<string, unknown>) {
  const result = contactSchema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    errors[key] = [...(errors[key] ?? []), issue.message];
  }
  return errors;
}

describe("formulaire de contact : validation", () => {
  it("accepte un message complet et remet sur une ligne le nom et l'objet", () => {
    const result = contactSchema.parse({ ...valid, nom: "  Camille\n Martin ", objet: "Trouver\r\nun promeneur" });
    expect(result.nom).toBe("Camille Martin");
    expect(result.objet).toBe("Trouver un promeneur");
    expect(result.email).toBe("camille.martin@exemple.fr");
  });

  it("garde les retours à la ligne du message", () => {
    const message = "Première ligne du message.\n\nDeuxième paragraphe, assez long.";
    expect(contactSchema.parse({ ...valid, message }).message).toBe(message);
  });

  it("demande d'écrire le message quand il est absent ou blanc, avec un seul message", () => {
    expect(errorsOf({ ...valid, message: undefined }).message).toEqual(["Écrivez votre message."]);
    expect(errorsOf({ ...valid, message: "   \n  " }).message).toEqual(["Écrivez votre message."]);
  });

  it("refuse un message de moins de 20 caractères", () => {
    expect(errorsOf({ ...valid, message: "Trop court." }).message).toEqual([
      "Votre message est trop court\u00a0: écrivez au moins 20 caractères.",
    ]);
    expect(errorsOf({ ...valid, message: "x".repeat(20) }).message).toBeUndefined();
  });

  it("accepte 3 000 caractères et refuse 3 001 en donnant la limite et la longueur", () => {
    expect(errorsOf({ ...valid, message: "a".repeat(3000) }).message).toBeUndefined();
    const [error] = errorsOf({ ...valid, message: "a".repeat(3001) }).message ?? [];
    expect(error).toMatch(/^Votre message est trop long\s: 3\s000 caractères au plus, il en compte 3\s001\.$/);
  });

  it("vérifie le nom, l'adresse, la qualité et l'objet", () => {
    const errors = errorsOf({
      nom: "C",
      email: "pas-une-adresse",
      qualite: "espion",
      objet: "Ok",
      message: valid.message,
    });
    expect(errors.nom).toEqual(["Indiquez votre nom (2 caractères au moins)."]);
    expect(errors.email).toEqual(["Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."]);
    expect(errors.qualite).toEqual(["Indiquez qui vous êtes."]);
    expect(errors.objet).toEqual(["Indiquez l'objet de votre message (3 caractères au moins)."]);
    expect(errorsOf({ ...valid, nom: "n".repeat(101), objet: "o".repeat(151) })).toEqual({
      nom: ["Votre nom est trop long (100 caractères au plus)."],
      objet: ["L'objet est trop long (150 caractères au plus)."],
    });
  });

  it.each(["parent", "professionnel", "partenaire", "autre"])("accepte la qualité %s", (qualite) => {
    expect(contactSchema.safeParse({ ...valid, qualite }).success).toBe(true);
  });

  it("n'offre pas la qualité « jeune » : rien ne doit identifier un jeune", () => {
    expect(errorsOf({ ...valid, qualite: "jeune" }).qualite).toEqual(["Indiquez qui vous êtes."]);
  });

  it("ignore le champ piège, vérifié avant le schéma", () => {
    expect(contactSchema.parse({ ...valid, site_web: "" })).not.toHaveProperty("site_web");
  });

  it("reconnaît le champ piège rempli par un robot, pas le champ vide", () => {
    const form = new FormData();
    expect(isHoneypotFilled(form)).toBe(false);
    form.set("site_web", "  ");
    expect(isHoneypotFilled(form)).toBe(false);
    form.set("site_web", "https://spam.example");
    expect(isHoneypotFilled(form)).toBe(true);
  });
});
