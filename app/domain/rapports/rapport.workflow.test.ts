import { describe, expect, it } from "vitest";
import {
  ajouterMoisIso,
  echeanceDe,
  isEnRetard,
  isModifiableParPromeneur,
  moisCourant,
  parseMois,
  refusMois,
  refusSoumissionMoisEnCours,
  statutApres,
} from "./rapport.workflow";

describe("statutApres", () => {
  it("suit brouillon → soumis → validé", () => {
    expect(statutApres(null, "enregistrer")).toBe("brouillon");
    expect(statutApres("brouillon", "soumettre")).toBe("soumis");
    expect(statutApres("soumis", "valider")).toBe("valide");
  });

  it("renvoie un bilan soumis pour correction, puis le laisse resoumettre", () => {
    expect(statutApres("soumis", "renvoyer")).toBe("a_corriger");
    expect(statutApres("a_corriger", "enregistrer")).toBe("a_corriger");
    expect(statutApres("a_corriger", "soumettre")).toBe("soumis");
  });

  it("verrouille un bilan validé, que seule la réouverture débloque", () => {
    expect(statutApres("valide", "enregistrer")).toBeNull();
    expect(statutApres("valide", "soumettre")).toBeNull();
    expect(statutApres("valide", "renvoyer")).toBeNull();
    expect(statutApres("valide", "rouvrir")).toBe("a_corriger");
    expect(isModifiableParPromeneur("valide")).toBe(false);
  });

  it("refuse de valider un brouillon ou de rouvrir un bilan non validé", () => {
    expect(statutApres("brouillon", "valider")).toBeNull();
    expect(statutApres(null, "valider")).toBeNull();
    expect(statutApres("soumis", "rouvrir")).toBeNull();
    expect(statutApres("soumis", "soumettre")).toBeNull();
    expect(isModifiableParPromeneur("soumis")).toBe(false);
    expect(isModifiableParPromeneur(null)).toBe(true);
  });
});

describe("calendrier des bilans", () => {
  it("lit un mois saisi et refuse le reste", () => {
    expect(parseMois("2026-03")).toBe("2026-03-01");
    expect(parseMois("2026-03-01")).toBe("2026-03-01");
    expect(parseMois("2026-13")).toBeNull();
    expect(parseMois("2026-03-02")).toBeNull();
    expect(parseMois("mars")).toBeNull();
  });

  it("passe d'une année à l'autre", () => {
    expect(ajouterMoisIso("2025-12-01", 1)).toBe("2026-01-01");
    expect(ajouterMoisIso("2026-01-01", -1)).toBe("2025-12-01");
  });

  it("fixe l'échéance au 10 du mois suivant, en retard le 11 à minuit à Paris", () => {
    expect(echeanceDe("2025-12-01")).toEqual({ annee: 2026, mois: 1, jour: 10 });
    expect(isEnRetard("2026-02-01", new Date("2026-03-10T22:59:00Z"))).toBe(false);
    expect(isEnRetard("2026-02-01", new Date("2026-03-10T23:00:00Z"))).toBe(true);
  });

  it("prend le mois de Paris, pas celui d'UTC", () => {
    expect(moisCourant(new Date("2026-02-28T23:30:00Z"))).toBe("2026-03-01");
  });

  it("refuse un mois à venir, accepte le mois en cours", () => {
    const now = new Date("2026-03-15T10:00:00Z");
    expect(refusMois("2026-04-01", now, null)).toMatch(/pas encore commencé/);
    expect(refusMois("2026-03-01", now, null)).toBeNull();
  });

  it("refuse un mois antérieur à l'entrée du promeneur, accepte le mois de l'entrée", () => {
    const now = new Date("2026-03-15T10:00:00Z");
    const entree = new Date("2025-09-20T08:00:00Z");
    expect(refusMois("2025-08-01", now, entree)).toMatch(/antérieur à votre entrée/);
    expect(refusMois("2025-09-01", now, entree)).toBeNull();
  });

  it("ne laisse soumettre le mois en cours qu'une fois terminé", () => {
    const now = new Date("2026-03-15T10:00:00Z");
    expect(refusSoumissionMoisEnCours("2026-03-01", now)).toMatch(/pas terminé/);
    expect(refusSoumissionMoisEnCours("2026-02-01", now)).toBeNull();
  });
});
