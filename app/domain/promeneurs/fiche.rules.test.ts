import { describe, expect, it } from "vitest";
import { coordonneeDansTexte } from "./fiche.rules";

describe("coordonnées dans la présentation publique", () => {
  it.each([
    ["06 12 34 56 78", "telephone"],
    ["0612345678", "telephone"],
    ["06.12.34.56.78", "telephone"],
    ["06-12-34-56-78", "telephone"],
    ["+33 6 12 34 56 78", "telephone"],
    ["+33612345678", "telephone"],
    ["0033 6 12 34 56 78", "telephone"],
    ["appelez le 04 92 61 00 00 !", "telephone"],
    ["lea.martin@exemple.fr", "email"],
    ["Écrivez à lea+pdn@mairie-sisteron.fr.", "email"],
  ])("repère « %s » (%s)", (texte, attendu) => {
    expect(coordonneeDansTexte(texte)).toBe(attendu);
  });

  it.each([
    "J'accompagne les 12-25 ans depuis 2015.",
    "Présent le mardi de 18 h 00 à 20 h 00, et le 3114 en cas d'urgence.",
    "Retrouvez-moi sur Instagram : @lea.pdn04",
    "En 2024 et 2025, 120 jeunes accompagnés.",
    "",
  ])("laisse passer « %s »", (texte) => {
    expect(coordonneeDansTexte(texte)).toBeNull();
  });
});
