import { describe, expect, it } from "vitest";
import { MESSAGE_DATE } from "./presence.rules";
import { heureInput, horairesSaisis, parseHoraires, readHorairesForm } from "./presence.schema";

function form(fields: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

describe("formulaire des horaires : lecture des champs indexés", () => {
  it("regroupe les champs par ligne, dans l'ordre des index, réseaux cochés compris", () => {
    const saisis = readHorairesForm(
      form([
        ["_csrf", "x"],
        ["creneaux[3].jour", "5"],
        ["creneaux[3].debut", "10:00"],
        ["creneaux[0].jour", "2"],
        ["creneaux[0].reseaux", "instagram"],
        ["creneaux[0].reseaux", "tiktok"],
        ["creneaux[0].debut", "18:00"],
        ["creneaux[0].fin", "19:00"],
        ["exceptions[0].du", "2026-12-24"],
        ["exceptions[0].motif", "Noël"],
        ["creneaux[0].inconnu", "ignoré"],
      ]),
    );
    expect(saisis).toEqual({
      creneaux: [
        { jour: "2", debut: "18:00", fin: "19:00", reseaux: ["instagram", "tiktok"] },
        { jour: "5", debut: "10:00", fin: "", reseaux: [] },
      ],
      exceptions: [{ du: "2026-12-24", au: "", motif: "Noël" }],
    });
  });
});

describe("formulaire des horaires : validation", () => {
  const creneau = (jour: string, debut: string, fin: string, reseaux = ["instagram"]) => ({
    jour,
    debut,
    fin,
    reseaux,
  });

  it("convertit les heures en minutes et lit une fin à 00:00 comme minuit", () => {
    const result = parseHoraires({ creneaux: [creneau("1", "22:00", "00:00")], exceptions: [] });
    expect(result.ok && result.value.creneaux).toEqual([{ jour: 1, debut: 1320, fin: 1440, reseaux: ["instagram"] }]);
  });

  it("laisse de côté les lignes vides et numérote les erreurs d'après les lignes restantes", () => {
    const result = parseHoraires({
      creneaux: [creneau("1", "", "", []), creneau("2", "18:00", "20:00"), creneau("2", "19:00", "21:00")],
      exceptions: [{ du: "", au: "", motif: "" }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.saisis.creneaux).toHaveLength(2);
    expect(result.saisis.exceptions).toHaveLength(0);
    expect(Object.keys(result.errors)).toEqual(["creneaux[1].debut"]);
    expect(result.errors["creneaux[1].debut"]?.[0]).toContain("chevauche celui du mardi");
  });

  it("signale une heure illisible, un jour hors semaine, un réseau inconnu et une date invalide", () => {
    const result = parseHoraires({
      creneaux: [creneau("8", "18h", "vingt heures", ["myspace"])],
      exceptions: [{ du: "31/02/2026", au: "2026-12-26", motif: "" }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors["creneaux[0].jour"]).toEqual(["Choisissez un jour de la semaine."]);
    expect(result.errors["creneaux[0].fin"]?.[0]).toContain("Indiquez une heure valide");
    expect(result.errors["creneaux[0].reseaux"]).toEqual(["Choisissez des réseaux de la liste."]);
    expect(result.errors["exceptions[0].du"]).toEqual([MESSAGE_DATE]);
  });

  it("lit une date saisie à la française ou envoyée par le champ date, et la garde au format ISO", () => {
    const result = parseHoraires({
      creneaux: [],
      exceptions: [
        { du: "24/12/2026", au: " 2026-12-26 ", motif: "" },
        { du: "1/5/2026", au: "01/05/2026", motif: "" },
      ],
    });
    expect(result.ok && result.value.exceptions).toEqual([
      { du: "2026-12-24", au: "2026-12-26" },
      { du: "2026-05-01", au: "2026-05-01" },
    ]);
  });

  it("refuse une absence de plus d'un an", () => {
    const result = parseHoraires({ creneaux: [], exceptions: [{ du: "2026-01-01", au: "2027-01-01", motif: "" }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors["exceptions[0].au"]).toEqual(["Une absence ne peut pas durer plus d'un an."]);
  });

  it("garde un motif vide comme absent", () => {
    const result = parseHoraires({ creneaux: [], exceptions: [{ du: "2026-05-01", au: "2026-05-01", motif: "  " }] });
    expect(result.ok && result.value.exceptions).toEqual([{ du: "2026-05-01", au: "2026-05-01" }]);
  });

  it("réécrit les horaires enregistrés pour les champs du formulaire", () => {
    expect(heureInput(545)).toBe("09:05");
    expect(heureInput(1440)).toBe("00:00");
    expect(
      horairesSaisis({
        creneaux: [{ jour: 7, debut: 0, fin: 1440, reseaux: ["x"] }],
        exceptions: [{ du: "2026-05-01", au: "2026-05-02" }],
      }),
    ).toEqual({
      creneaux: [{ jour: "7", debut: "00:00", fin: "00:00", reseaux: ["x"] }],
      exceptions: [{ du: "2026-05-01", au: "2026-05-02", motif: "" }],
    });
  });
});
