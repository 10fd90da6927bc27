import { describe, expect, it } from "vitest";
import {
  champsModifies,
  compterPar,
  numerosPourCategorie,
  partenaireRequis,
  peutSaisirSituations,
  trouverCrip,
} from "./situation.rules";

describe("règles des situations préoccupantes", () => {
  it("demande un partenaire pour une orientation ou une information préoccupante seulement", () => {
    expect(partenaireRequis(["ecoute_conseil", "orientation"])).toBe(true);
    expect(partenaireRequis(["information_preoccupante"])).toBe(true);
    expect(partenaireRequis(["ecoute_conseil", "signalement_pharos", "appel_urgences"])).toBe(false);
    expect(partenaireRequis([])).toBe(false);
  });

  it("laisse saisir tant que le promeneur n'est ni sorti ni refusé", () => {
    for (const statut of ["propose", "accepte", "forme", "actif", "suspendu"]) {
      expect(peutSaisirSituations(statut), statut).toBe(true);
    }
    expect(peutSaisirSituations("sorti")).toBe(false);
    expect(peutSaisirSituations("refuse")).toBe(false);
  });

  const numeros = [
    { id: "urgence", categories: [] as string[] },
    { id: "3114", categories: ["detresse_psychologique"] },
    { id: "3018", categories: ["harcelement", "conduites_a_risque_en_ligne"] },
  ];

  it("montre les numéros de la catégorie et les numéros généraux, les généraux seuls sans catégorie", () => {
    expect(numerosPourCategorie(numeros, "harcelement").map((n) => n.id)).toEqual(["urgence", "3018"]);
    expect(numerosPourCategorie(numeros, "detresse_psychologique").map((n) => n.id)).toEqual(["urgence", "3114"]);
    expect(numerosPourCategorie(numeros, "precarite").map((n) => n.id)).toEqual(["urgence"]);
    expect(numerosPourCategorie(numeros, null).map((n) => n.id)).toEqual(["urgence"]);
  });

  it("trouve la CRIP parmi les services du département, jamais parmi les lignes nationales", () => {
    const crip = { departement: "04", nom: "CRIP du Département des Alpes-de-Haute-Provence" };
    const ip = { departement: "04", nom: "Cellule des informations préoccupantes" };
    const national = { departement: null, nom: "CRIP nationale (essai)" };
    const autre = { departement: "04", nom: "Maison des Adolescents" };
    expect(trouverCrip([national, autre, crip])).toBe(crip);
    expect(trouverCrip([autre, ip])).toBe(ip);
    expect(trouverCrip([national, autre])).toBeNull();
    // "CRIP" as a word, not inside another one.
    expect(trouverCrip([{ departement: "04", nom: "Scriptorium" }])).toBeNull();
  });

  it("compte par valeur, avec les valeurs absentes à zéro", () => {
    const rows = [{ suivi: "en_cours" }, { suivi: "close" }, { suivi: "en_cours" }];
    expect(compterPar(rows, "suivi", ["a_suivre", "en_cours", "close"])).toEqual({
      a_suivre: 0,
      en_cours: 2,
      close: 1,
    });
  });

  it("nomme les champs modifiés, les listes comparées par contenu", () => {
    const avant = { suivi: "en_cours", actions: ["orientation", "ecoute_conseil"], note: "", partenaire: null };
    expect(
      champsModifies(avant, { ...avant, actions: ["ecoute_conseil", "orientation"] }, ["suivi", "actions", "note"]),
    ).toEqual([]);
    expect(
      champsModifies(avant, { ...avant, suivi: "close", note: "Suivi terminé." }, ["suivi", "actions", "note"]),
    ).toEqual(["suivi", "note"]);
  });
});
