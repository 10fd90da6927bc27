import { describe, expect, it } from "vitest";
import {
  anneeDemandee,
  BAIL_GENERATION_MS,
  effectifVisible,
  estEnCours,
  faitsMarquantsRetenus,
  finDeBail,
  peutEtrePrise,
  transitionPermise,
  vueDeGeneration,
} from "./rapport-annuel.rules";
import { rapportAnnuelSchema } from "./rapport-annuel.schema";

const now = new Date("2026-02-10T10:00:00Z");

describe("génération : états et bail", () => {
  it("une génération en attente peut être prise", () => {
    expect(peutEtrePrise({ etat: "en_attente", verrouJusqua: null }, now)).toBe(true);
  });

  it("une génération en cours ne peut être reprise qu'après l'expiration de son bail", () => {
    const bail = finDeBail(now);
    expect(bail.getTime() - now.getTime()).toBe(BAIL_GENERATION_MS);
    expect(peutEtrePrise({ etat: "en_cours", verrouJusqua: bail }, now)).toBe(false);
    expect(peutEtrePrise({ etat: "en_cours", verrouJusqua: bail }, new Date(bail.getTime() - 1))).toBe(false);
    expect(peutEtrePrise({ etat: "en_cours", verrouJusqua: bail }, new Date(bail.getTime() + 1))).toBe(true);
    expect(peutEtrePrise({ etat: "en_cours", verrouJusqua: null }, now)).toBe(true);
  });

  it("une génération terminée ou en échec n'est jamais reprise", () => {
    expect(peutEtrePrise({ etat: "terminee", verrouJusqua: null }, now)).toBe(false);
    expect(peutEtrePrise({ etat: "echec", verrouJusqua: null }, now)).toBe(false);
  });

  it("suit les transitions permises, et aucune après la fin", () => {
    expect(transitionPermise("en_attente", "en_cours")).toBe(true);
    expect(transitionPermise("en_attente", "terminee")).toBe(false);
    expect(transitionPermise("en_cours", "terminee")).toBe(true);
    expect(transitionPermise("en_cours", "echec")).toBe(true);
    expect(transitionPermise("terminee", "en_cours")).toBe(false);
    expect(transitionPermise("echec", "en_attente")).toBe(false);
    expect(estEnCours("en_attente") && estEnCours("en_cours")).toBe(true);
    expect(estEnCours("terminee") || estEnCours("echec")).toBe(false);
  });

  it("donne la version de la coordination à qui prépare le rapport, la version agrégée aux autres", () => {
    expect(vueDeGeneration(true)).toBe("coordination");
    expect(vueDeGeneration(false)).toBe("agregee");
  });
});

describe("année demandée", () => {
  it("propose l'année écoulée jusqu'en mars, l'année en cours ensuite", () => {
    expect(anneeDemandee(null, { annee: 2026, mois: 2 })).toBe(2025);
    expect(anneeDemandee("", { annee: 2026, mois: 9 })).toBe(2026);
  });

  it("refuse une année mal écrite, trop ancienne ou à venir", () => {
    expect(anneeDemandee("2025", { annee: 2026, mois: 2 })).toBe(2025);
    expect(anneeDemandee("25", { annee: 2026, mois: 2 })).toBeNull();
    expect(anneeDemandee("1999", { annee: 2026, mois: 2 })).toBeNull();
    expect(anneeDemandee("2027", { annee: 2026, mois: 2 })).toBeNull();
  });
});

describe("faits marquants et petits effectifs", () => {
  it("garde les faits choisis dans l'ordre des mois et oublie ceux qui ne sont plus disponibles", () => {
    const disponibles = [{ id: "a" }, { id: "b" }, { id: "c" }];
    expect(faitsMarquantsRetenus(disponibles, ["c", "x", "a"])).toEqual(["a", "c"]);
  });

  it("masque 1 et 2 dans la version agrégée, jamais 0 ni 3", () => {
    expect([0, 1, 2, 3].map((n) => effectifVisible(n, "agregee"))).toEqual([0, null, null, 3]);
    expect([0, 1, 2, 3].map((n) => effectifVisible(n, "coordination"))).toEqual([0, 1, 2, 3]);
  });
});

describe("rapportAnnuelSchema", () => {
  it("refuse une introduction qui contient une donnée identifiante", () => {
    const r = rapportAnnuelSchema.safeParse({ introduction: "Écrire à lea.martin04@gmail.com", version: "0" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["introduction"]);
    expect(r.error?.issues[0]?.message).toMatch(/reconnaître un jeune/);
  });

  it("accepte une introduction ordinaire et une liste de faits marquants", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    const r = rapportAnnuelSchema.parse({ introduction: "  Une année riche.  ", faitsMarquants: [id], version: "3" });
    expect(r).toEqual({ introduction: "Une année riche.", faitsMarquants: [id], version: 3 });
  });

  it("refuse un identifiant de fait marquant qui n'en est pas un", () => {
    expect(rapportAnnuelSchema.safeParse({ faitsMarquants: ["1; drop"], version: "1" }).success).toBe(false);
  });
});
