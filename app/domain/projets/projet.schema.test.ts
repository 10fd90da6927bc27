import { describe, expect, it } from "vitest";
import { projetSchema } from "./projet.schema";

const aujourdhui = { annee: 2026, mois: 3, jour: 15 };
const schema = projetSchema(aujourdhui);

const valide = {
  titre: "Court-métrage sur le harcèlement",
  theme: "risques_numeriques",
  forme: "collectif",
  nombreJeunes: "6",
  etat: "en_cours",
  debutLe: "2026-02-01",
  partenaires: "Collège Maria Borrély, mairie de Digne-les-Bains",
  description: "Six jeunes écrivent et tournent un court-métrage.",
};

function errorsOf(input: Record<string, unknown>) {
  const result = schema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("schéma d'un projet de jeunes", () => {
  it("accepte un projet complet : nombre converti, case de soutien lue, textes nettoyés", () => {
    const result = schema.parse({ ...valide, titre: "  Court-métrage  ", besoinSoutien: "on" });
    expect(result).toMatchObject({
      titre: "Court-métrage",
      nombreJeunes: 6,
      besoinSoutien: true,
      debutLe: "2026-02-01",
    });
    expect(schema.parse(valide).besoinSoutien).toBe(false);
  });

  it("laisse vides les partenaires et la description quand ils manquent", () => {
    const { partenaires: _p, description: _d, ...sans } = valide;
    expect(schema.parse(sans)).toMatchObject({ partenaires: "", description: "" });
  });

  it("exige un titre d'au plus 120 caractères", () => {
    expect(errorsOf({ ...valide, titre: undefined })).toEqual({ titre: "Donnez un titre au projet." });
    expect(errorsOf({ ...valide, titre: "   " })).toEqual({ titre: "Donnez un titre au projet." });
    expect(errorsOf({ ...valide, titre: "x".repeat(120) })).toEqual({});
    expect(Object.keys(errorsOf({ ...valide, titre: "x".repeat(121) }))).toEqual(["titre"]);
  });

  it("borne la description à 1 000 caractères et les partenaires à 300", () => {
    expect(errorsOf({ ...valide, description: "a".repeat(1000), partenaires: "b".repeat(300) })).toEqual({});
    expect(Object.keys(errorsOf({ ...valide, description: "a".repeat(1001) }))).toEqual(["description"]);
    expect(Object.keys(errorsOf({ ...valide, partenaires: "b".repeat(301) }))).toEqual(["partenaires"]);
  });

  it("refuse une donnée identifiante dans le titre, les partenaires ou la description", () => {
    expect(
      errorsOf({ ...valide, description: "Contacter lea.martin@exemple.fr pour le tournage" }).description,
    ).toMatch(/adresse e-mail/);
    expect(errorsOf({ ...valide, partenaires: "Sa mère au 06 12 34 56 78" }).partenaires).toMatch(/téléphone/);
    expect(errorsOf({ ...valide, titre: "Projet de @lea_04" }).titre).toMatch(/pseudonyme|identifiant/);
  });

  it("accepte les numéros d'aide et les nombres ordinaires dans le texte", () => {
    expect(
      errorsOf({ ...valide, description: "15 jeunes ont découvert le 3114 et le 3018 pendant l'atelier." }),
    ).toEqual({});
  });

  it("compte les jeunes de 1 à 500, sans autre chose qu'un nombre", () => {
    for (const n of ["1", "500", " 12 "]) expect(errorsOf({ ...valide, nombreJeunes: n }), n).toEqual({});
    for (const n of ["0", "501", "-3", "2,5", "six", ""]) {
      expect(errorsOf({ ...valide, nombreJeunes: n }), n).toEqual({
        nombreJeunes: "Le nombre de jeunes est un nombre entier entre 1 et 500.",
      });
    }
    expect(errorsOf({ ...valide, nombreJeunes: undefined })).toEqual({
      nombreJeunes: "Indiquez combien de jeunes portent le projet.",
    });
  });

  it("refuse un début dans le futur, accepte aujourd'hui", () => {
    expect(errorsOf({ ...valide, debutLe: "2026-03-15" })).toEqual({});
    expect(errorsOf({ ...valide, debutLe: "15/03/2026" })).toEqual({});
    expect(errorsOf({ ...valide, debutLe: "2026-03-16" })).toEqual({
      debutLe: "Le début du projet ne peut pas être dans le futur.",
    });
    expect(errorsOf({ ...valide, debutLe: "2026-02-30" }).debutLe).toMatch(/n'existe pas/);
    expect(errorsOf({ ...valide, debutLe: "2014-12-31" }).debutLe).toMatch(/2015/);
  });

  it("refuse une forme, un état ou un thème hors liste", () => {
    expect(Object.keys(errorsOf({ ...valide, forme: "groupe", etat: "fini", theme: "politique" })).sort()).toEqual([
      "etat",
      "forme",
      "theme",
    ]);
  });
});
