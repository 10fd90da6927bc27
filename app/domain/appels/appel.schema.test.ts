import { describe, expect, it } from "vitest";
import { champsDesLignes } from "../../../tests/factories/appel";
import { MODELE_COORDINATION } from "./appel.modeles";
import {
  champLigne,
  formulaireDepuisModele,
  lireDateHeure,
  lireFormulaireAppel,
  saisieDateHeure,
} from "./appel.schema";

/** The form as the page sends it for a template, with the dates typed. */
function formulaire(modifs: Record<string, string | string[] | null> = {}): FormData {
  const f = formulaireDepuisModele(MODELE_COORDINATION, "coordination-2026");
  const champs: Record<string, string | string[]> = {
    titre: f.titre,
    slug: f.slug,
    description: f.description,
    ouvertureLe: "2026-01-15T09:00",
    clotureLe: "2026-03-15T12:00",
    decisionLe: "",
    budgetPropose: "on",
    lignesVides: "2",
    ...champsDesLignes(f),
  };
  // Two empty rows, as the page offers them.
  for (const i of [20, 21]) {
    champs[champLigne("documents", i, "code")] = "";
    champs[champLigne("documents", i, "libelle")] = "";
    champs[champLigne("documents", i, "obligatoire")] = "on";
    champs[champLigne("documents", i, "familles")] = "pdf";
    champs[champLigne("documents", i, "tailleMaxMo")] = "10";
  }
  const form = new FormData();
  for (const [nom, valeur] of Object.entries({ ...champs, ...modifs })) {
    if (valeur === null) continue;
    for (const v of Array.isArray(valeur) ? valeur : [valeur]) form.append(nom, v);
  }
  return form;
}

describe("le formulaire d'un appel", () => {
  it("lit le modèle de la CAF tel que la page l'envoie, lignes vides ignorées, dates à l'heure de Paris", () => {
    const { lecture } = lireFormulaireAppel(formulaire(), { type: "coordination" });
    if (!lecture.ok) throw new Error(JSON.stringify(lecture.erreurs));
    expect(lecture.valeur.documents.map((d) => d.code)).toEqual(MODELE_COORDINATION.documents.map((d) => d.code));
    expect(lecture.valeur.criteres).toEqual(MODELE_COORDINATION.criteres);
    expect(lecture.valeur.questions).toEqual(MODELE_COORDINATION.questions);
    // 12:00 in Paris in March (winter time) is 11:00 UTC.
    expect(lecture.valeur.clotureLe.toISOString()).toBe("2026-03-15T11:00:00.000Z");
    expect(lecture.valeur.decisionLe).toBeNull();
    expect(lecture.valeur.budgetPropose).toBe(true);
  });

  it("retire une ligne cochée « retirer » et code une ligne ajoutée d'après son intitulé", () => {
    const { lecture } = lireFormulaireAppel(
      formulaire({
        [champLigne("documents", 2, "retirer")]: "on",
        [champLigne("documents", 20, "libelle")]: "Attestation d'assurance",
        [champLigne("criteres", 50, "libelle")]: "Compréhension des enjeux",
        [champLigne("criteres", 50, "poids")]: "4",
      }),
      { type: "coordination" },
    );
    if (!lecture.ok) throw new Error(JSON.stringify(lecture.erreurs));
    const codes = lecture.valeur.documents.map((d) => d.code);
    expect(codes).not.toContain("annexes");
    expect(codes.at(-1)).toBe("attestation_d_assurance");
    expect(lecture.valeur.documents.at(-1)).toMatchObject({ obligatoire: true, familles: ["pdf"], tailleMaxMo: 10 });
    // The same label as an existing criterion gets its own code.
    expect(lecture.valeur.criteres.at(-1)).toEqual({
      code: "comprehension_des_enjeux",
      libelle: "Compréhension des enjeux",
      poids: 4,
    });
  });

  it("met chaque erreur à côté de son champ, sans rien lire", () => {
    const { lecture, formulaire: f } = lireFormulaireAppel(
      formulaire({
        titre: " ",
        slug: "Coordination 2026",
        clotureLe: "2026-01-10T12:00",
        [champLigne("documents", 1, "tailleMaxMo")]: "30",
        [champLigne("documents", 3, "familles")]: null,
        [champLigne("criteres", 0, "poids")]: "12",
      }),
      { type: "coordination" },
    );
    if (lecture.ok) throw new Error("lu");
    expect(lecture.erreurs.titre).toEqual(["Donnez un titre à l'appel."]);
    expect(lecture.erreurs.slug?.[0]).toMatch(/lettres minuscules sans accent/);
    expect(lecture.erreurs.clotureLe).toEqual(["La clôture doit venir après l'ouverture."]);
    expect(lecture.erreurs[champLigne("documents", 1, "tailleMaxMo")]).toEqual([
      "La taille maximale est un nombre entier de 1 à 10 Mo.",
    ]);
    expect(lecture.erreurs[champLigne("documents", 3, "familles")]).toEqual([
      "Cochez au moins un type de fichier accepté.",
    ]);
    expect(lecture.erreurs[champLigne("criteres", 0, "poids")]).toEqual(["Le poids est un nombre entier de 1 à 10."]);
    // What was typed comes back to the form.
    expect(f.slug).toBe("Coordination 2026");
    expect(f.documents[1]?.tailleMaxMo).toBe("30");
  });

  it("refuse un appel sans document ni critère, et des dates manquantes", () => {
    const form = formulaire({ ouvertureLe: "", clotureLe: "15/03/2026 25:00" });
    for (const nom of [...form.keys()]) {
      if (nom.startsWith("documents.") && nom.endsWith(".libelle")) form.set(nom, "");
      if (nom.startsWith("documents.") && nom.endsWith(".code")) form.set(nom, "");
      if (nom.startsWith("criteres.")) form.delete(nom);
    }
    const { lecture } = lireFormulaireAppel(form, { type: "coordination" });
    if (lecture.ok) throw new Error("lu");
    expect(lecture.erreurs.ouvertureLe).toEqual(["Indiquez quand l'appel s'ouvre (date et heure)."]);
    expect(lecture.erreurs.clotureLe?.[0]).toMatch(/date et une heure valides/);
    expect(lecture.erreurs.documents).toEqual(["Demandez au moins un document."]);
  });
});

describe("les dates et heures de Paris", () => {
  it("lit une heure d'été et d'hiver, refuse l'heure sautée au printemps", () => {
    expect(lireDateHeure("2026-07-01T12:00")).toEqual({ ok: true, instant: new Date("2026-07-01T10:00:00Z") });
    expect(lireDateHeure("15/03/2026 12:00")).toEqual({ ok: true, instant: new Date("2026-03-15T11:00:00Z") });
    expect(lireDateHeure("")).toEqual({ ok: true, instant: null });
    const saut = lireDateHeure("2026-03-29T02:30");
    expect(saut.ok).toBe(false);
    expect(saisieDateHeure(new Date("2026-07-01T10:00:00Z"))).toBe("2026-07-01T12:00");
  });
});
