import { describe, expect, it } from "vitest";
import { lectureLabel } from "./annonce.labels";
import { annonceSchema } from "./annonce.schema";

const valid = { departement: "04", titre: "Réunion du réseau", audience: "tous", corps: "Rendez-vous jeudi à 14 h." };

function errorsOf(input: Record<string, unknown>) {
  const result = annonceSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("schéma d'une annonce", () => {
  it("accepte une annonce complète, garde les retours à la ligne du texte et met le titre sur une ligne", () => {
    const result = annonceSchema.parse({
      ...valid,
      titre: "  Réunion\n du   réseau ",
      corps: "Ligne 1\r\nLigne 2\r\n",
    });
    expect(result.titre).toBe("Réunion du réseau");
    expect(result.corps).toBe("Ligne 1\nLigne 2");
  });

  it("refuse un titre trop court ou trop long", () => {
    expect(errorsOf({ ...valid, titre: " ab " })).toEqual({ titre: "Le titre compte au moins 3 caractères." });
    expect(errorsOf({ ...valid, titre: "x".repeat(121) })).toEqual({
      titre: "Le titre compte au plus 120 caractères.",
    });
    expect(errorsOf({ ...valid, titre: "x".repeat(120) })).toEqual({});
  });

  it("refuse un texte de moins de 10 ou de plus de 5 000 caractères", () => {
    expect(errorsOf({ ...valid, corps: "  court   " })).toEqual({ corps: "Le texte compte au moins 10 caractères." });
    expect(errorsOf({ ...valid, corps: "x".repeat(5001) })).toEqual({
      corps: "Le texte compte au plus 5\u202f000 caractères.",
    });
  });

  it("refuse un public inconnu et un champ manquant avec un message en français", () => {
    expect(errorsOf({ ...valid, audience: "copil" })).toEqual({ audience: "Choisissez à qui envoyer l'annonce." });
    expect(errorsOf({ departement: "04", audience: "tous", corps: valid.corps })).toEqual({
      titre: "Donnez un titre à l'annonce.",
    });
  });
});

describe("compte des lectures", () => {
  it("dit « lue par N sur M »", () => {
    expect(lectureLabel(5, 12)).toBe("lue par 5 sur 12");
    expect(lectureLabel(0, 0)).toBe("envoyée à personne");
  });
});
