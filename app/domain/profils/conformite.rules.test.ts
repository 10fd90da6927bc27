import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROMENEUR_STATUTS } from "~/domain/promeneurs/promeneur.labels";
import { jourParis, jourSemaine } from "~/lib/jour";
import { categorieSuivi, codeControle, prochainLundiSeptHeures, STATUTS_PROMENEUR_SUIVIS } from "./conformite.rules";

const paris = (iso: string) => new Date(iso);

describe("prochainLundiSeptHeures", () => {
  it("donne le lundi suivant à 7 h, heure d'hiver (UTC+1)", () => {
    // Mercredi 15 janvier 2025, 10 h à Paris.
    expect(prochainLundiSeptHeures(paris("2025-01-15T09:00:00Z")).toISOString()).toBe("2025-01-20T06:00:00.000Z");
  });

  it("donne le lundi suivant à 7 h, heure d'été (UTC+2)", () => {
    expect(prochainLundiSeptHeures(paris("2025-06-11T09:00:00Z")).toISOString()).toBe("2025-06-16T05:00:00.000Z");
  });

  it("passe au changement d'heure de mars : le lundi 31 mars 2025 à 7 h est en heure d'été", () => {
    // Vendredi 28 mars 2025 (heure d'hiver) ; le dimanche 30 mars on passe à l'heure d'été.
    expect(prochainLundiSeptHeures(paris("2025-03-28T12:00:00Z")).toISOString()).toBe("2025-03-31T05:00:00.000Z");
  });

  it("passe au changement d'heure d'octobre : le lundi 27 octobre 2025 à 7 h est en heure d'hiver", () => {
    expect(prochainLundiSeptHeures(paris("2025-10-24T12:00:00Z")).toISOString()).toBe("2025-10-27T06:00:00.000Z");
  });

  it("un lundi avant 7 h, donne le jour même ; à 7 h pile ou après, le lundi suivant", () => {
    expect(prochainLundiSeptHeures(paris("2025-01-20T05:59:00Z")).toISOString()).toBe("2025-01-20T06:00:00.000Z");
    expect(prochainLundiSeptHeures(paris("2025-01-20T06:00:00Z")).toISOString()).toBe("2025-01-27T06:00:00.000Z");
    expect(prochainLundiSeptHeures(paris("2025-01-20T20:00:00Z")).toISOString()).toBe("2025-01-27T06:00:00.000Z");
  });

  it("un dimanche à 23 h 30 à Paris, donne le lendemain matin", () => {
    // Dimanche 19 janvier 2025, 23 h 30 à Paris = 22 h 30 UTC.
    expect(prochainLundiSeptHeures(paris("2025-01-19T22:30:00Z")).toISOString()).toBe("2025-01-20T06:00:00.000Z");
  });

  it("tombe toujours un lundi à 7 h à Paris, dans les 7 jours qui suivent", async () => {
    const heure = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });
    await fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2035-12-31"), noInvalidDate: true }), (now) => {
        const next = prochainLundiSeptHeures(now);
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
        expect(jourSemaine(jourParis(next))).toBe(1);
        expect(heure.format(next)).toBe("07:00");
      }),
    );
  });
});

describe("categorieSuivi", () => {
  const now = paris("2025-06-01T10:00:00Z");
  const echeance = (jour: string) => new Date(`${jour}T00:00:00+02:00`);

  it("classe un profil à vérifier ou non conforme d'après son statut", () => {
    expect(categorieSuivi({ statut: "a_verifier", echeance: null }, now, 30)).toBe("a_verifier");
    expect(categorieSuivi({ statut: "non_conforme", echeance: echeance("2025-11-01") }, now, 30)).toBe("non_conforme");
  });

  it("signale un profil conforme dont l'échéance tombe dans l'horizon, bornes comprises", () => {
    expect(categorieSuivi({ statut: "conforme", echeance: echeance("2025-06-01") }, now, 30)).toBe("echeance_proche");
    expect(categorieSuivi({ statut: "conforme", echeance: echeance("2025-07-01") }, now, 30)).toBe("echeance_proche");
    expect(categorieSuivi({ statut: "conforme", echeance: echeance("2025-07-02") }, now, 30)).toBeNull();
    expect(categorieSuivi({ statut: "conforme", echeance: echeance("2025-06-15") }, now, 14)).toBe("echeance_proche");
    expect(categorieSuivi({ statut: "conforme", echeance: echeance("2025-06-16") }, now, 14)).toBeNull();
  });
});

describe("codeControle", () => {
  it("tire le code du libellé, sans accents ni ponctuation", () => {
    expect(codeControle("Bannière « Promeneur du Net » présente", [])).toBe("banniere_promeneur_du_net_presente");
  });

  it("ajoute un numéro quand le code est pris", () => {
    expect(codeControle("Photo d'identité", ["photo_d_identite"])).toBe("photo_d_identite_2");
    expect(codeControle("Photo d'identité", ["photo_d_identite", "photo_d_identite_2"])).toBe("photo_d_identite_3");
  });

  it("coupe à 40 caractères sans finir par un tiret bas, et donne « controle » à un libellé sans lettre", () => {
    const code = codeControle("Un libellé vraiment très long pour un simple contrôle de profil", []);
    expect(code.length).toBeLessThanOrEqual(40);
    expect(code).not.toMatch(/_$/);
    expect(codeControle("« … »", [])).toBe("controle");
  });
});

describe("STATUTS_PROMENEUR_SUIVIS", () => {
  it("suit les promeneurs de l'acceptation à la suspension, ni proposés, ni sortis, ni refusés", () => {
    expect(STATUTS_PROMENEUR_SUIVIS).toEqual(["accepte", "forme", "actif", "suspendu"]);
    expect(PROMENEUR_STATUTS).toContain("propose");
  });
});
