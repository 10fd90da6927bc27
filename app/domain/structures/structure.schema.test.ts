import { describe, expect, it } from "vitest";
import { charteSchema, structureCreationSchema, structureSchema } from "./structure.schema";

const valid = { nom: "  MJC de Digne  ", type: "centre_social", communeCode: "04070" };

describe("formulaire de structure", () => {
  it("accepte le minimum et nettoie les valeurs", () => {
    const result = structureSchema.safeParse({
      ...valid,
      siret: "732 829 320 00074",
      telephone: "+33 4 92 31 00 00",
      email: "Contact@MJC.fr",
      siteWeb: "mjc-digne.fr",
    });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      nom: "MJC de Digne",
      siret: "73282932000074",
      telephone: "04 92 31 00 00",
      email: "contact@mjc.fr",
      siteWeb: "https://mjc-digne.fr/",
    });
  });

  it("met chaque erreur sur son champ, en français", () => {
    const result = structureSchema.safeParse({
      nom: "",
      type: "inconnu",
      siret: "12345678901234",
      codePostal: "4000",
      telephone: "12",
      email: "pas-une-adresse",
      siteWeb: "http://exemple.fr",
      statut: "fermee",
    });
    expect(result.success).toBe(false);
    const errors = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(errors).toMatchObject({
      nom: "Saisissez le nom de la structure (2 caractères au moins).",
      type: "Choisissez un type de structure dans la liste.",
      siret: expect.stringMatching(/clé de contrôle/),
      codePostal: "Le code postal comporte 5 chiffres, par exemple 04000.",
      communeCode: "Choisissez la commune de la structure.",
      telephone: expect.stringMatching(/10 chiffres/),
      email: "Saisissez une adresse e-mail valide, par exemple contact@exemple.fr.",
      siteWeb: expect.stringMatching(/https:\/\//),
      statut: "Choisissez « Active » ou « Inactive ».",
    });
  });

  it("exige un département valide à la création", () => {
    expect(structureCreationSchema.safeParse({ ...valid, departement: "04" }).success).toBe(true);
    expect(structureCreationSchema.safeParse({ ...valid, departement: "4" }).success).toBe(false);
  });
});

describe("formulaire de la charte employeur", () => {
  it("exige une date et un signataire", () => {
    expect(charteSchema.safeParse({ signeeLe: "2025-03-20", signataire: "Camille Martin" }).success).toBe(true);
    const result = charteSchema.safeParse({ signeeLe: "20/03/2025", signataire: " " });
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(["signeeLe", "signataire"]);
  });
});
