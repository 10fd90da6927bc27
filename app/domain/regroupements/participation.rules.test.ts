import { describe, expect, it } from "vitest";
import { instantParis, periodeDemandee } from "~/lib/jour";
import {
  bornesPeriode,
  estSignale,
  heuresDeFormation,
  motifRequis,
  periodeParDefaut,
  refusPresence,
  tauxParticipation,
} from "./participation.rules";

const j = (annee: number, mois: number, jour: number) => ({ annee, mois, jour });

describe("heures de formation", () => {
  it("compte la durée exacte d'un regroupement d'une journée, arrondie au quart d'heure", () => {
    expect(heuresDeFormation(instantParis(j(2026, 3, 10), 9, 30), instantParis(j(2026, 3, 10), 12))).toBe(2.5);
    // 2 h 20 → 2,25 h ; 2 h 23 → 2,5 h (plus proche quart d'heure).
    expect(heuresDeFormation(instantParis(j(2026, 3, 10), 14), instantParis(j(2026, 3, 10), 16, 20))).toBe(2.25);
    expect(heuresDeFormation(instantParis(j(2026, 3, 10), 14), instantParis(j(2026, 3, 10), 16, 23))).toBe(2.5);
  });

  it("compte 7 h par jour pour un regroupement sur plusieurs jours", () => {
    expect(heuresDeFormation(instantParis(j(2026, 3, 10), 9), instantParis(j(2026, 3, 11), 17))).toBe(14);
    expect(heuresDeFormation(instantParis(j(2026, 3, 30), 9), instantParis(j(2026, 4, 1), 12))).toBe(21);
  });

  it("lit les jours à l'heure de Paris, au changement d'heure et pour une fin à minuit", () => {
    // Nuit du passage à l'heure d'été (29 mars 2026) : 20 h → 4 h le lendemain, deux jours de Paris.
    expect(heuresDeFormation(instantParis(j(2026, 3, 28), 20), instantParis(j(2026, 3, 29), 4))).toBe(14);
    // 23 h (Paris) est déjà le lendemain en UTC l'été, pas à Paris : un seul jour.
    expect(heuresDeFormation(instantParis(j(2026, 7, 1), 0, 30), instantParis(j(2026, 7, 1), 23, 30))).toBe(23);
    // Une fin à minuit appartient à la veille.
    expect(heuresDeFormation(instantParis(j(2026, 7, 1), 20), instantParis(j(2026, 7, 2), 0))).toBe(4);
  });

  it("ne compte rien pour une durée nulle", () => {
    const t = instantParis(j(2026, 3, 10), 9);
    expect(heuresDeFormation(t, t)).toBe(0);
  });
});

describe("taux de participation et signalement", () => {
  it("rapporte les présents aux présences notées", () => {
    expect(tauxParticipation(2, 3)).toBe(67);
    expect(tauxParticipation(0, 0)).toBeNull();
  });

  it("signale sous le seuil à partir de deux regroupements notés", () => {
    expect(estSignale(0, 1, 50)).toBe(false);
    expect(estSignale(0, 2, 50)).toBe(true);
    expect(estSignale(1, 2, 50)).toBe(false);
    expect(estSignale(1, 3, 50)).toBe(true);
    expect(estSignale(3, 3, 100)).toBe(false);
    expect(estSignale(0, 5, 0)).toBe(false);
    expect(estSignale(0, 2, 50, "actif")).toBe(true);
    expect(estSignale(0, 2, 50, "sorti")).toBe(false);
    expect(estSignale(0, 2, 50, "refuse")).toBe(false);
  });
});

describe("règles de la présence", () => {
  const debut = instantParis(j(2026, 5, 12), 9);
  const fin = instantParis(j(2026, 5, 12), 12);

  it("refuse avant le début et pour un regroupement annulé", () => {
    expect(refusPresence({ statut: "prevu", debut }, new Date(debut.getTime() - 60_000))).toBe(
      "La présence se note à partir du début du regroupement.",
    );
    expect(refusPresence({ statut: "prevu", debut }, debut)).toBeNull();
    expect(refusPresence({ statut: "annule", debut }, fin)).toMatch(/annulé/);
  });

  it("demande un motif plus de 30 jours après la fin", () => {
    expect(motifRequis({ fin }, new Date(fin.getTime() + 30 * 86_400_000))).toBe(false);
    expect(motifRequis({ fin }, new Date(fin.getTime() + 30 * 86_400_000 + 1000))).toBe(true);
  });
});

describe("période de l'indicateur", () => {
  const now = instantParis(j(2026, 11, 30), 10);
  const lire = (query: string) => periodeDemandee(new URLSearchParams(query), periodeParDefaut(now));

  it("prend par défaut les 12 derniers mois", () => {
    expect(lire("au=")).toMatchObject({ du: "2025-12-01", au: "2026-11-30", errors: {} });
  });

  it("lit les dates saisies et borne la période à minuit, heure de Paris", () => {
    const periode = lire("du=2026-01-01&au=31/03/2026");
    expect(periode.errors).toEqual({});
    const { depuis, avant } = bornesPeriode(periode.jours);
    expect(depuis.toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(avant.toISOString()).toBe("2026-03-31T22:00:00.000Z");
  });

  it("retombe sur la période par défaut avec un message sous le champ pour une date illisible ou inversée", () => {
    expect(lire("du=2026-02-30").errors.du?.[0]).toMatch(/date de début valide/);
    const inversee = lire("du=2026-05-01&au=2026-04-01");
    expect(inversee.errors.au?.[0]).toMatch(/postérieure/);
    expect(inversee).toMatchObject({ du: "2025-12-01", au: "2026-11-30", saisie: { du: "2026-05-01" } });
  });

  it("accepte une période de plus de deux ans (pas de borne pour l'indicateur)", () => {
    expect(lire("du=2020-01-01&au=2026-01-01").errors).toEqual({});
  });
});
