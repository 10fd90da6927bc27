import { describe, expect, it } from "vitest";
import { annuaireAttendu, idsDeLaPage, nombreDansLaPage, totauxAttendus } from "./attendus";

const promeneurs = [
  { id: "1", departement: "14", display_name: "Léa Martin", status: "active" },
  { id: "2", departement: "14", display_name: "Camille Roux", status: "active" },
  { id: "3", departement: "14", display_name: "Camille Roux", status: "left" },
  { id: "4", departement: "13", display_name: "Aïcha Benali", status: "active" },
  { id: "5", departement: "14", display_name: "Camille Roux", status: "active" },
  { id: "6", departement: "14", display_name: "Anne Petit", status: "active" },
  { id: "7", departement: "14", display_name: "Héloïse Dubois", status: "active" },
  { id: "8", departement: "14", display_name: "Hugo Brunet", status: "active" },
];
const profils = [
  { promeneur_id: "1", network: "instagram", conform: "true" },
  { promeneur_id: "2", network: "instagram", conform: "true" },
  { promeneur_id: "3", network: "instagram", conform: "true" },
  { promeneur_id: "4", network: "instagram", conform: "true" },
  { promeneur_id: "5", network: "instagram", conform: "true" },
  { promeneur_id: "6", network: "instagram", conform: "false" },
  { promeneur_id: "6", network: "snapchat", conform: "true" },
  { promeneur_id: "7", network: "instagram", conform: "true" },
  { promeneur_id: "8", network: "instagram", conform: "true" },
];

describe("annuaireAttendu", () => {
  it("lists the active promeneurs of the département with a conforming profile on the network, by name then id", () => {
    // French order: « Héloïse » before « Hugo » (code points would put « é » after « u »).
    expect(annuaireAttendu(promeneurs, profils, "14").map((p) => p.id)).toEqual([2, 5, 7, 8, 1]);
    expect(annuaireAttendu(promeneurs, profils, "14", "snapchat").map((p) => p.id)).toEqual([6]);
  });
});

describe("totauxAttendus", () => {
  const rapports = [
    { id: "10", promeneur_id: "1", period: "2025-03-01", youth_new: "2", exchanges: "20" },
    { id: "11", promeneur_id: "4", period: "2025-03-01", youth_new: "5", exchanges: "30" },
    { id: "12", promeneur_id: "1", period: "2024-12-01", youth_new: "9", exchanges: "90" },
  ];
  const demandes = [
    { reportId: 10, theme: "harcelement", count: 2 },
    { reportId: 10, theme: "numerique_risques", count: 1 },
    { reportId: 11, theme: "sante", count: 4 },
    { reportId: 12, theme: "sante", count: 8 },
  ];

  it("sums the year's reports of the départements, themes mapped onto list E", () => {
    expect(totauxAttendus(promeneurs, rapports, demandes, ["14"], 2025)).toEqual({
      nouveaux: 2,
      echanges: 20,
      demandes: 3,
      parTheme: { risques_numeriques: 3 },
    });
    expect(totauxAttendus(promeneurs, rapports, demandes, null, 2025)).toMatchObject({ nouveaux: 7, demandes: 7 });
  });
});

describe("reading the served pages", () => {
  it("reads the promeneurs' ids from their profile links, in order, once each", () => {
    const html =
      '<a href="/promeneurs/camille-roux-2">Camille</a><a href="/promeneurs/lea-martin-1">Léa</a><a href="/promeneurs/camille-roux-2">x</a>';
    expect(idsDeLaPage(html)).toEqual([2, 1]);
  });

  it("finds a number written the French way, not a longer one containing it", () => {
    expect(nombreDansLaPage("<td>9\u202f770</td>", 9770)).toBe(true);
    expect(nombreDansLaPage("<td>9&nbsp;770</td>", 9770)).toBe(true);
    expect(nombreDansLaPage("<td>975\u202f936</td>", 975_936)).toBe(true);
    expect(nombreDansLaPage("<td>19\u202f770</td>", 9770)).toBe(false);
    expect(nombreDansLaPage("<td>9770</td>", 9770)).toBe(false);
    expect(nombreDansLaPage("<td>786</td>", 786)).toBe(true);
  });
});
