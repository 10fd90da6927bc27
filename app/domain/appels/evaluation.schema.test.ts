import { describe, expect, it } from "vitest";
import type { Critere } from "./appel.modeles";
import {
  CHAMP_FORMULAIRE,
  champ,
  erreursSaisie,
  lireSaisieEvaluation,
  MESSAGE_COMMENTAIRE_SANS_NOTE,
  MESSAGE_NOTE,
  MESSAGE_NOTE_MANQUANTE,
  modeEvaluation,
} from "./evaluation.schema";

const criteres: Critere[] = [
  { code: "enjeux", libelle: "Compréhension des enjeux", poids: 2 },
  { code: "profil", libelle: "Profil", poids: 1 },
];

function formulaire(champs: Record<string, string>): FormData {
  const form = new FormData();
  for (const [nom, valeur] of Object.entries(champs)) form.append(nom, valeur);
  return form;
}

describe("la lecture du formulaire d'évaluation", () => {
  it("lit les notes entières de 0 à 5 et les commentaires ; un brouillon peut laisser une note vide", () => {
    const lu = lireSaisieEvaluation(
      formulaire({
        note_enjeux: "0",
        commentaire_enjeux: "  Peu développé  ",
        note_profil: "",
        commentaire_profil: "",
      }),
      criteres,
      "brouillon",
    );
    expect(lu).toEqual({
      ok: true,
      valeur: { enjeux: { note: 0, commentaire: "Peu développé" }, profil: { note: null, commentaire: "" } },
    });
  });

  it.each(["6", "-1", "2.5", "2,5", "trois", "05", "1e0"])(
    "refuse la note « %s » avec un message à côté du champ",
    (note) => {
      const lu = lireSaisieEvaluation(formulaire({ note_enjeux: note, note_profil: "3" }), criteres, "brouillon");
      expect(lu).toEqual({ ok: false, erreurs: { [champ.note("enjeux")]: [MESSAGE_NOTE] } });
    },
  );

  it("refuse un critère que l'appel n'a pas", () => {
    const lu = lireSaisieEvaluation(formulaire({ note_enjeux: "3", note_inconnu: "4" }), criteres, "brouillon");
    expect(lu).toEqual({
      ok: false,
      erreurs: { [CHAMP_FORMULAIRE]: ["Ce critère n'existe pas dans l'appel : « inconnu ». Rechargez la page."] },
    });
  });

  it("à la soumission, demande une note pour chaque critère, message à côté de chacun", () => {
    const lu = lireSaisieEvaluation(formulaire({ note_enjeux: "", note_profil: "" }), criteres, "soumission");
    expect(lu).toEqual({
      ok: false,
      erreurs: { note_enjeux: [MESSAGE_NOTE_MANQUANTE], note_profil: [MESSAGE_NOTE_MANQUANTE] },
    });
  });

  it("refuse un commentaire sans sa note, même en brouillon", () => {
    const lu = lireSaisieEvaluation(formulaire({ commentaire_profil: "Solide" }), criteres, "brouillon");
    expect(lu).toEqual({ ok: false, erreurs: { note_profil: [MESSAGE_COMMENTAIRE_SANS_NOTE] } });
  });

  it("refuse un commentaire trop long", () => {
    const lu = lireSaisieEvaluation(
      formulaire({ note_enjeux: "2", commentaire_enjeux: "x".repeat(2001) }),
      criteres,
      "brouillon",
    );
    expect(lu).toEqual({ ok: false, erreurs: { commentaire_enjeux: ["2000 caractères au plus."] } });
  });

  it("seul le bouton « Soumettre » soumet", () => {
    expect(modeEvaluation("soumettre")).toBe("soumission");
    expect(modeEvaluation("brouillon")).toBe("brouillon");
    expect(modeEvaluation(null)).toBe("brouillon");
  });
});

describe("la règle d'une évaluation saisie (appliquée aussi par la commande)", () => {
  it("accepte un brouillon partiel ; à la soumission, signale chaque critère sans note", () => {
    const brouillon = { enjeux: { note: 4, commentaire: "Clair" } };
    expect(erreursSaisie(criteres, brouillon, "brouillon")).toEqual({});
    expect(erreursSaisie(criteres, brouillon, "soumission")).toEqual({ note_profil: [MESSAGE_NOTE_MANQUANTE] });
  });

  it("refuse une note hors de 0–5 ou non entière, un commentaire sans note, un critère inconnu", () => {
    expect(
      erreursSaisie(
        criteres,
        { enjeux: { note: 2.5, commentaire: "" }, profil: { note: null, commentaire: "Solide" }, autre: undefined },
        "brouillon",
      ),
    ).toEqual({
      [CHAMP_FORMULAIRE]: ["Ce critère n'existe pas dans l'appel : « autre ». Rechargez la page."],
      note_enjeux: [MESSAGE_NOTE],
      note_profil: [MESSAGE_COMMENTAIRE_SANS_NOTE],
    });
  });
});
