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

describe("coordonnées, pseudonymes et liens dans un motif (option profils)", () => {
  it.each([
    ["Vu sur Instagram : @lea.pdn04", "pseudo"],
    ["@lea_martin a signalé le problème", "pseudo"],
    ["https://www.instagram.com/lea.pdn04/", "lien"],
    ["voir www.facebook.com/lea", "lien"],
    ["profil tiktok.com/@lea.pdn04 non conforme", "lien"],
    ["instagram.com/lea", "lien"],
    ["lea.martin@exemple.fr", "email"],
    ["joignable au 06 12 34 56 78", "telephone"],
  ])("repère « %s » (%s)", (texte, attendu) => {
    expect(coordonneeDansTexte(texte, { profils: true })).toBe(attendu);
  });

  it.each([
    "Départ de la structure.",
    "Le poste n'est pas pérennisé (fin de contrat au 31.12.2025).",
    "Congé de longue durée, reprise prévue à l'automne.",
    "Profil non conforme depuis deux mois : photo et mention PdN manquantes.",
    "",
  ])("laisse passer « %s »", (texte) => {
    expect(coordonneeDansTexte(texte, { profils: true })).toBeNull();
  });

  it("laisse toujours un pseudonyme dans la présentation publique (sans l'option)", () => {
    expect(coordonneeDansTexte("Retrouvez-moi sur Instagram : @lea.pdn04")).toBeNull();
    expect(coordonneeDansTexte("instagram.com/lea")).toBeNull();
  });
});
