import { describe, expect, it } from "vitest";
import {
  formatPlage,
  instantLocal,
  lendemainParis,
  lireDateHeure,
  placesRestantes,
  prochainRappelRegroupement,
  refusReponse,
  reponseFermee,
  verifierCapacite,
  verifierLieu,
  verifierPeriode,
} from "./regroupement.rules";

describe("instantLocal", () => {
  it("place une heure de Paris des deux côtés d'un changement d'heure", () => {
    const avant = instantLocal({ annee: 2026, mois: 3, jour: 28 }, 10, 0);
    const apres = instantLocal({ annee: 2026, mois: 3, jour: 29 }, 10, 0);
    expect(avant).toEqual({ ok: true, instant: new Date("2026-03-28T09:00:00Z") });
    expect(apres).toEqual({ ok: true, instant: new Date("2026-03-29T08:00:00Z") });
  });

  it("refuse clairement une heure sautée au passage à l'heure d'été, sans la décaler", () => {
    for (const [h, m] of [
      [2, 0],
      [2, 30],
      [2, 59],
    ] as const) {
      const result = instantLocal({ annee: 2026, mois: 3, jour: 29 }, h, m);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain("n'existe pas ce jour-là");
    }
    expect(instantLocal({ annee: 2026, mois: 3, jour: 29 }, 3, 0)).toEqual({
      ok: true,
      instant: new Date("2026-03-29T01:00:00Z"),
    });
  });

  it("prend l'heure d'été pour une heure vécue deux fois en octobre", () => {
    expect(instantLocal({ annee: 2026, mois: 10, jour: 25 }, 2, 30)).toEqual({
      ok: true,
      instant: new Date("2026-10-25T00:30:00Z"),
    });
  });

  it("lit les saisies du formulaire", () => {
    expect(lireDateHeure("12/05/2026", "9h30")).toEqual({ ok: true, instant: new Date("2026-05-12T07:30:00Z") });
    expect(lireDateHeure("2026-05-12", "25:00")).toMatchObject({
      ok: false,
      champ: "heure",
      message: expect.stringMatching(/heure/),
    });
    expect(lireDateHeure("", "10:00")).toMatchObject({
      ok: false,
      champ: "jour",
      message: expect.stringMatching(/date/),
    });
    expect(lireDateHeure("2026-03-29", "02:30")).toMatchObject({
      ok: false,
      champ: "heure",
      message: expect.stringMatching(/n'existe pas/),
    });
  });
});

describe("règles d'un regroupement", () => {
  const debut = new Date("2026-05-12T07:30:00Z");
  it("exige une fin après le début", () => {
    expect(verifierPeriode(debut, new Date("2026-05-12T10:00:00Z"))).toBeNull();
    expect(verifierPeriode(debut, debut)).toBe("La fin doit être après le début.");
    expect(verifierPeriode(debut, new Date("2026-05-12T07:00:00Z"))).toBe("La fin doit être après le début.");
  });

  it("exige un lieu ou un lien", () => {
    expect(verifierLieu("Salle A", null)).toBeNull();
    expect(verifierLieu("  ", "https://visio.example.org")).toBeNull();
    expect(verifierLieu(" ", null)).toMatch(/lieu/);
  });

  it("refuse une capacité sous les inscriptions, avec leur nombre", () => {
    expect(verifierCapacite(null, 40)).toBeNull();
    expect(verifierCapacite(5, 5)).toBeNull();
    expect(verifierCapacite(4, 5)).toBe(
      "5 personnes sont déjà inscrites\u00a0: la capacité ne peut pas être inférieure à 5.",
    );
    expect(placesRestantes(5, 7)).toBe(0);
    expect(placesRestantes(null, 7)).toBeNull();
  });

  it("refuse une réponse à un regroupement annulé, commencé, ou un oui quand c'est complet", () => {
    const etat = { statut: "prevu", debut, capacite: 2, inscritsAutres: 1 };
    const avant = new Date("2026-05-11T10:00:00Z");
    expect(refusReponse(etat, "oui", avant)).toBeNull();
    expect(refusReponse({ ...etat, inscritsAutres: 2 }, "oui", avant)).toBe("Complet\u00a0: 2 places, toutes prises.");
    expect(refusReponse({ ...etat, inscritsAutres: 2 }, "non", avant)).toBeNull();
    expect(refusReponse({ ...etat, statut: "annule" }, "non", avant)).toMatch(/annulé/);
    expect(refusReponse(etat, "non", debut)).toMatch(/déjà commencé/);
  });

  it("dit pourquoi plus personne ne peut répondre, sans parler de capacité", () => {
    expect(reponseFermee("prevu", debut, new Date("2026-05-11T10:00:00Z"))).toBeNull();
    expect(reponseFermee("annule", debut, new Date("2026-05-11T10:00:00Z"))).toMatch(/annulé/);
    expect(reponseFermee("prevu", debut, debut)).toMatch(/déjà commencé/);
  });
});

describe("formatPlage", () => {
  it("écrit le créneau d'agenda.format en une phrase, espaces insécables comprises", () => {
    expect(formatPlage(new Date("2026-05-12T07:30:00Z"), new Date("2026-05-12T10:00:00Z"))).toBe(
      "mardi 12 mai 2026, de 9\u00a0h\u00a030 à 12\u00a0h",
    );
  });
});

describe("rappel de la veille", () => {
  it("vise le jour de Paris suivant, changement d'heure compris", () => {
    expect(lendemainParis(new Date("2026-03-28T08:00:00Z"))).toEqual({
      debut: new Date("2026-03-28T23:00:00Z"),
      fin: new Date("2026-03-29T22:00:00Z"),
    });
  });

  it("passe chaque jour à 9 h de Paris", () => {
    expect(prochainRappelRegroupement(new Date("2026-05-12T06:00:00Z"))).toEqual(new Date("2026-05-12T07:00:00Z"));
    expect(prochainRappelRegroupement(new Date("2026-05-12T07:00:00Z"))).toEqual(new Date("2026-05-13T07:00:00Z"));
    expect(prochainRappelRegroupement(new Date("2026-01-12T09:00:00Z"))).toEqual(new Date("2026-01-13T08:00:00Z"));
  });
});
