import { describe, expect, it } from "vitest";
import {
  checkConformite,
  etatActualite,
  formatDateHeureParis,
  isActualitePublique,
  parseDateHeureParis,
  slugDepuisTitre,
} from "./contenu.rules";
import { avecEtatConformite, etatConformiteHtml } from "./page.server";
import { ETAT_CONFORMITE_MARQUEUR } from "./pages-defaut";

const NOW = new Date("2026-12-01T12:00:00Z");

describe("publication des actualités", () => {
  it("n'est publique que publiée et à sa date", () => {
    expect(isActualitePublique({ statut: "publie", publieLe: new Date("2026-11-30T00:00:00Z") }, NOW)).toBe(true);
    expect(isActualitePublique({ statut: "publie", publieLe: NOW }, NOW)).toBe(true);
    expect(isActualitePublique({ statut: "publie", publieLe: new Date("2026-12-02T00:00:00Z") }, NOW)).toBe(false);
    expect(isActualitePublique({ statut: "brouillon", publieLe: new Date("2026-11-01T00:00:00Z") }, NOW)).toBe(false);
    expect(etatActualite({ statut: "publie", publieLe: new Date("2026-12-24T00:00:00Z") }, NOW)).toBe("programmee");
  });

  it("tire l'adresse du titre, avec un repli pour un titre sans lettres", () => {
    expect(slugDepuisTitre("Rencontre à Digne-les-Bains !")).toBe("rencontre-a-digne-les-bains");
    expect(slugDepuisTitre("!!! ???")).toBe("actualite");
  });

  it("lit et écrit une date et heure de Paris, heure d'été comprise", () => {
    expect(parseDateHeureParis("2026-12-01T10:30")?.toISOString()).toBe("2026-12-01T09:30:00.000Z");
    expect(parseDateHeureParis("2026-07-14T10:30")?.toISOString()).toBe("2026-07-14T08:30:00.000Z");
    expect(parseDateHeureParis("2026-02-30T10:00")).toBeNull();
    expect(parseDateHeureParis("demain")).toBeNull();
    expect(formatDateHeureParis(new Date("2026-07-14T08:30:00Z"))).toBe("2026-07-14T10:30");
  });
});

describe("conformité RGAA de la déclaration d'accessibilité", () => {
  it("sans audit, seul « non conforme » est possible", () => {
    expect(checkConformite({ etat: "non_conforme", auditLe: null, taux: null })).toBeNull();
    expect(checkConformite({ etat: "partiellement_conforme", auditLe: null, taux: null })?.field).toBe(
      "etatConformite",
    );
  });

  it("l'état suit le taux de l'audit", () => {
    expect(checkConformite({ etat: "totalement_conforme", auditLe: "2026-10-01", taux: 100 })).toBeNull();
    expect(checkConformite({ etat: "partiellement_conforme", auditLe: "2026-10-01", taux: 75 })).toBeNull();
    expect(checkConformite({ etat: "non_conforme", auditLe: "2026-10-01", taux: 40 })).toBeNull();
    expect(checkConformite({ etat: "totalement_conforme", auditLe: "2026-10-01", taux: 90 })?.field).toBe(
      "etatConformite",
    );
    expect(checkConformite({ etat: "partiellement_conforme", auditLe: null, taux: 75 })?.field).toBe("auditLe");
    expect(checkConformite({ etat: "partiellement_conforme", auditLe: "2026-10-01", taux: null })?.field).toBe(
      "tauxConformite",
    );
  });

  it("écrit l'état avec les mots du RGAA, « non conforme » sans audit", () => {
    const sansAudit = etatConformiteHtml({ etatConformite: null, auditLe: null, tauxConformite: null });
    expect(sansAudit).toContain("<strong>non conforme</strong>");
    expect(sansAudit).toContain("aucun audit de conformité n'a encore été réalisé");
    const audite = etatConformiteHtml({
      etatConformite: "partiellement_conforme",
      auditLe: "2026-10-15",
      tauxConformite: 82,
    });
    expect(audite).toContain("<strong>partiellement conforme</strong>");
    expect(audite).toContain("15 octobre 2026");
    expect(audite).toContain("82\u00a0% des critères du RGAA version\u00a04.1 sont respectés");
  });

  it("place l'état au repère, ou avant la première section quand le repère manque", () => {
    const c = { etatConformite: null, auditLe: null, tauxConformite: null };
    const auRepere = avecEtatConformite(`<p>Intro</p>\n<p>${ETAT_CONFORMITE_MARQUEUR}</p>\n<h2>Suite</h2>`, c);
    expect(auRepere).not.toContain(ETAT_CONFORMITE_MARQUEUR);
    expect(auRepere.indexOf("État de conformité")).toBeLessThan(auRepere.indexOf("Suite"));
    const sansRepere = avecEtatConformite("<p>Intro</p>\n<h2>Suite</h2>", c);
    expect(sansRepere.indexOf("Intro")).toBeLessThan(sansRepere.indexOf("État de conformité"));
    expect(sansRepere.indexOf("État de conformité")).toBeLessThan(sansRepere.indexOf("Suite"));
  });
});
