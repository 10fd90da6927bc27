import { describe, expect, it } from "vitest";
import { regroupementSchema } from "./regroupement.schema";

const base = {
  type: "formation_continue",
  titre: "Formation continue : l'écoute en ligne",
  jourDebut: "2026-05-12",
  heureDebut: "09:30",
  heureFin: "12:00",
  lieu: "Maison des associations",
  audience: "promeneurs",
};

const erreurs = (input: Record<string, unknown>) => {
  const result = regroupementSchema.safeParse(input);
  if (result.success) return {};
  const parChamp: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const champ = String(issue.path[0] ?? "");
    parChamp[champ] = [...(parChamp[champ] ?? []), issue.message];
  }
  return parChamp;
};

describe("regroupementSchema", () => {
  it("lit les champs locaux en instants de Paris, la date de fin valant celle du début", () => {
    const result = regroupementSchema.parse(base);
    expect(result.debut.toISOString()).toBe("2026-05-12T07:30:00.000Z");
    expect(result.fin.toISOString()).toBe("2026-05-12T10:00:00.000Z");
    expect(result).toMatchObject({ capacite: null, communeCode: null, lienVisio: null, comiteId: null });
  });

  it("lit une heure d'hiver avec le décalage d'hiver", () => {
    const result = regroupementSchema.parse({
      ...base,
      jourDebut: "2026-01-15",
      heureDebut: "14:00",
      heureFin: "17:00",
    });
    expect(result.debut.toISOString()).toBe("2026-01-15T13:00:00.000Z");
  });

  it("accepte une fin un autre jour", () => {
    const result = regroupementSchema.parse({ ...base, jourFin: "2026-05-13", heureFin: "09:00" });
    expect(result.fin.toISOString()).toBe("2026-05-13T07:00:00.000Z");
  });

  it("refuse une fin avant le début, sur l'heure de fin", () => {
    expect(erreurs({ ...base, heureFin: "09:00" })).toEqual({ heureFin: ["La fin doit être après le début."] });
    expect(erreurs({ ...base, heureFin: "09:30" })).toEqual({ heureFin: ["La fin doit être après le début."] });
  });

  it("refuse une heure qui n'existe pas au passage à l'heure d'été", () => {
    const e = erreurs({ ...base, jourDebut: "2026-03-29", heureDebut: "02:30", heureFin: "05:00" });
    expect(e.heureDebut?.[0]).toMatch(/^02\u00a0h\u00a030 n'existe pas ce jour-là/);
  });

  it("exige un lieu ou un lien, un lien en https, une capacité entière positive", () => {
    expect(erreurs({ ...base, lieu: "" }).lieu).toEqual(["Indiquez un lieu, un lien de visioconférence, ou les deux."]);
    expect(erreurs({ ...base, lieu: "", lienVisio: "https://visio.example.org/salle" })).toEqual({});
    expect(erreurs({ ...base, lienVisio: "http://visio.example.org/salle" }).lienVisio).toEqual([
      "Indiquez un lien complet commençant par https://",
    ]);
    expect(erreurs({ ...base, capacite: "0" }).capacite?.[0]).toMatch(/au moins 1 place/);
    expect(erreurs({ ...base, capacite: "2,5" }).capacite?.[0]).toMatch(/nombre entier/);
    expect(regroupementSchema.parse({ ...base, capacite: " 12 " }).capacite).toBe(12);
  });

  it("exige le comité d'une réunion de comité et l'oublie pour un autre type", () => {
    expect(erreurs({ ...base, type: "comite_pilotage" }).comiteId).toEqual(["Choisissez le comité qui se réunit."]);
    const id = "6f1c1a55-0d3e-4b8f-9d54-7d1f1f0a2b3c";
    expect(regroupementSchema.parse({ ...base, comiteId: id }).comiteId).toBeNull();
    expect(regroupementSchema.parse({ ...base, type: "comite_operationnel", comiteId: id }).comiteId).toBe(id);
  });

  it("refuse une date illisible sur le champ de la date", () => {
    expect(erreurs({ ...base, jourDebut: "2026-02-30" }).jourDebut?.[0]).toMatch(/date valide/);
  });
});
