import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { situationSchema } from "./situation.schema";

const aujourdhui = { annee: 2026, mois: 11, jour: 30 };

function parse(fields: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return parseWithZod(form, { schema: situationSchema(aujourdhui) });
}

const valide = {
  date: "2026-11-12",
  categorie: "harcelement",
  actions: ["ecoute_conseil", "orientation"],
  partenaire: "etablissement_scolaire",
  suivi: "en_cours",
  note: "Échanges en message privé sur plusieurs jours ; orientée vers l'infirmière du lycée.",
};

function erreurs(fields: Record<string, string | string[]>) {
  const result = parse(fields);
  if (result.status === "success") throw new Error("expected a refusal");
  return result.error ?? {};
}

describe("formulaire de situation préoccupante", () => {
  it("accepte une situation complète et range les actions dans l'ordre de la liste", () => {
    const result = parse({ ...valide, actions: ["orientation", "ecoute_conseil", "orientation"] });
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toEqual({ ...valide, actions: ["ecoute_conseil", "orientation"] });
  });

  it("accepte une seule action cochée (une valeur, pas une liste) et ni partenaire ni note", () => {
    const { partenaire: _p, note: _n, ...reste } = valide;
    const result = parse({ ...reste, actions: "ecoute_conseil", partenaire: "", note: "" });
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value.actions).toEqual(["ecoute_conseil"]);
    expect(result.value.partenaire).toBeNull();
    expect(result.value.note).toBe("");
  });

  it("refuse une date dans le futur, et accepte aujourd'hui", () => {
    expect(erreurs({ ...valide, date: "2026-12-01" }).date).toEqual([
      "La date de la situation ne peut pas être dans le futur.",
    ]);
    expect(parse({ ...valide, date: "2026-11-30" }).status).toBe("success");
  });

  it("refuse une date avant 2015, et accepte le 1er janvier 2015", () => {
    expect(erreurs({ ...valide, date: "2014-12-31" }).date).toEqual([
      "La date de la situation ne peut pas être antérieure à 2015.",
    ]);
    expect(parse({ ...valide, date: "2015-01-01" }).status).toBe("success");
  });

  it("refuse une date qui n'existe pas ou absente, et lit la forme JJ/MM/AAAA", () => {
    expect(erreurs({ ...valide, date: "2026-02-30" }).date?.[0]).toMatch(/n'existe pas/);
    const { date: _d, ...sansDate } = valide;
    expect(erreurs(sansDate).date).toEqual(["Indiquez la date de la situation."]);
    const result = parse({ ...valide, date: "5/3/2026" });
    expect(result.status === "success" && result.value.date).toBe("2026-03-05");
  });

  it("demande au moins une action, et refuse une action hors de la liste H", () => {
    const { actions: _a, ...sansAction } = valide;
    expect(erreurs(sansAction).actions).toEqual(["Cochez au moins une action menée."]);
    expect(Object.values(erreurs({ ...valide, actions: ["ecoute_conseil", "menace"] })).flat()).toContain(
      "Choisissez des actions de la liste.",
    );
  });

  it("refuse une catégorie hors de la liste G, un suivi inconnu, un partenaire inconnu", () => {
    expect(erreurs({ ...valide, categorie: "inconnue" }).categorie).toEqual([
      "Choisissez la catégorie de la situation.",
    ]);
    expect(erreurs({ ...valide, suivi: "archive" }).suivi).toEqual(["Choisissez l'état du suivi."]);
    expect(erreurs({ ...valide, partenaire: "voisin" }).partenaire).toEqual([
      "Choisissez un type de partenaire de la liste.",
    ]);
  });

  it("demande le partenaire pour une orientation ou une information préoccupante, pas pour une écoute", () => {
    for (const action of ["orientation", "information_preoccupante"]) {
      expect(erreurs({ ...valide, actions: [action], partenaire: "" }).partenaire?.[0], action).toMatch(
        /type de partenaire alerté/,
      );
    }
    expect(parse({ ...valide, actions: ["ecoute_conseil", "signalement_pharos"], partenaire: "" }).status).toBe(
      "success",
    );
  });

  it("refuse dans la note ce qui identifie le jeune, avec l'explication, et laisse passer les numéros d'aide", () => {
    for (const note of [
      "Elle m'a écrit depuis lea.martin@example.com",
      "Son numéro : 06 12 34 56 78",
      "Son compte @lea_du_04 sur Instagram",
      "Voir https://www.instagram.com/lea_du_04",
      "Il habite 12 rue des Lilas à Digne",
    ]) {
      const messages = erreurs({ ...valide, note }).note;
      expect(messages, note).toHaveLength(1);
      expect(messages?.[0], note).not.toBe("");
    }
    for (const note of ["Orientée vers le 3114.", "15 jeunes concernés par la rumeur", "J'ai conseillé le 3018."]) {
      expect(parse({ ...valide, note }).status, note).toBe("success");
    }
  });

  it("refuse une note de plus de 500 caractères, et accepte 500", () => {
    expect(erreurs({ ...valide, note: "a".repeat(501) }).note?.[0]).toMatch(/500 caractères au plus/);
    expect(parse({ ...valide, note: "a".repeat(500) }).status).toBe("success");
  });

  it("n'a aucun champ pour l'identité ou l'âge du jeune", () => {
    expect(Object.keys(situationSchema(aujourdhui).shape).sort()).toEqual(
      ["actions", "categorie", "date", "note", "partenaire", "suivi"].sort(),
    );
  });
});
