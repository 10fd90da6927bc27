import { describe, expect, it } from "vitest";
import { communicationSchema } from "./communication.schema";

const aujourdhui = { annee: 2026, mois: 3, jour: 15 };
const schema = communicationSchema(aujourdhui);

const valide = {
  date: "2026-03-01",
  type: "presse",
  titre: "Article dans La Provence",
  public: "Parents et partenaires",
  portee: "12000",
  commentaire: "Page jeunesse de l'édition des Alpes-de-Haute-Provence.",
};

function errorsOf(input: Record<string, unknown>) {
  const result = schema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("schéma d'une action de communication", () => {
  it("accepte une action complète et lit la portée écrite à la française", () => {
    expect(schema.parse({ ...valide, portee: "12 000" })).toMatchObject({ portee: 12000, titre: valide.titre });
    expect(schema.parse({ ...valide, portee: "1\u202f000\u202f000" }).portee).toBe(1_000_000);
  });

  it("laisse la portée inconnue (null) quand elle est vide, accepte zéro", () => {
    expect(schema.parse({ ...valide, portee: undefined }).portee).toBeNull();
    expect(schema.parse({ ...valide, portee: "0" }).portee).toBe(0);
  });

  it("refuse une portée négative, décimale ou au-delà d'un million", () => {
    for (const portee of ["-1", "2,5", "1000001", "beaucoup"]) {
      expect(Object.keys(errorsOf({ ...valide, portee })), portee).toEqual(["portee"]);
    }
  });

  it("accepte une date de 2015 à un an après aujourd'hui, pas au-delà", () => {
    expect(errorsOf({ ...valide, date: "2015-01-01" })).toEqual({});
    expect(errorsOf({ ...valide, date: "2027-03-15" })).toEqual({});
    expect(errorsOf({ ...valide, date: "2027-03-16" }).date).toMatch(/un an à l'avance/);
    expect(errorsOf({ ...valide, date: "2014-12-31" }).date).toMatch(/2015/);
    expect(errorsOf({ ...valide, date: "31/04/2026" }).date).toMatch(/n'existe pas/);
  });

  it("exige un type de la liste J et un titre de 3 à 150 caractères", () => {
    expect(Object.keys(errorsOf({ ...valide, type: "tract" }))).toEqual(["type"]);
    expect(errorsOf({ ...valide, titre: "ab" })).toEqual({ titre: "Le titre compte au moins 3 caractères." });
    expect(errorsOf({ ...valide, titre: "x".repeat(150) })).toEqual({});
    expect(errorsOf({ ...valide, titre: "x".repeat(151) })).toEqual({
      titre: "Le titre compte au plus 150 caractères.",
    });
  });

  it("borne le public à 150 caractères et le commentaire à 1 000", () => {
    expect(errorsOf({ ...valide, public: "p".repeat(150), commentaire: "c".repeat(1000) })).toEqual({});
    expect(Object.keys(errorsOf({ ...valide, public: "p".repeat(151) }))).toEqual(["public"]);
    expect(Object.keys(errorsOf({ ...valide, commentaire: "c".repeat(1001) }))).toEqual(["commentaire"]);
  });
});
