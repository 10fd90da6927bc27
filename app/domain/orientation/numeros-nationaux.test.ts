import { describe, expect, it } from "vitest";
import { SITUATION_CATEGORIES } from "~/domain/situations/situation.labels";
import { findNumerosByKind, getNumero, NUMERO_KINDS, NUMEROS_NATIONAUX } from "./numeros-nationaux";
import { numeroKindLabels } from "./orientation.labels";

const digitsOf = (numero: string) => numero.replace(/\s/g, "");

describe("numéros nationaux d'urgence et d'écoute", () => {
  it("n'a que des chiffres dans les valeurs tel: et sms:", () => {
    for (const n of NUMEROS_NATIONAUX) {
      if (n.tel !== null) expect(n.tel, n.code).toMatch(/^\d+$/);
      if (n.sms !== null) expect(n.sms, n.code).toMatch(/^\d+$/);
    }
  });

  it("compose le même numéro que celui affiché", () => {
    for (const n of NUMEROS_NATIONAUX) {
      const composed = n.tel ?? n.sms;
      if (composed === null) expect(n.numero, n.code).toBeNull();
      else expect(digitsOf(n.numero ?? ""), n.code).toBe(composed);
    }
  });

  it("place tous les numéros d'urgence en premier", () => {
    const kinds = NUMEROS_NATIONAUX.map((n) => n.kind);
    const lastUrgence = kinds.lastIndexOf("urgence");
    const firstOther = kinds.findIndex((k) => k !== "urgence");
    expect(lastUrgence).toBeGreaterThanOrEqual(0);
    expect(lastUrgence).toBeLessThan(firstOther);
    expect(kinds[0]).toBe("urgence");
  });

  it("range les groupes dans l'ordre urgence, écoute, signalement", () => {
    const order = NUMEROS_NATIONAUX.map((n) => NUMERO_KINDS.indexOf(n.kind));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("n'a ni code, ni numéro, ni site en double", () => {
    const codes = NUMEROS_NATIONAUX.map((n) => n.code);
    const tels = NUMEROS_NATIONAUX.flatMap((n) => (n.tel ? [n.tel] : []));
    const smss = NUMEROS_NATIONAUX.flatMap((n) => (n.sms ? [n.sms] : []));
    const urls = NUMEROS_NATIONAUX.flatMap((n) => (n.url ? [n.url] : []));
    for (const list of [codes, tels, smss, urls]) expect(new Set(list).size).toBe(list.length);
  });

  it("donne pour chaque service un moyen de le joindre, une description et des horaires", () => {
    for (const n of NUMEROS_NATIONAUX) {
      expect(n.tel ?? n.sms ?? n.url, n.code).not.toBeNull();
      expect(n.nom.trim(), n.code).not.toBe("");
      expect(n.description.trim(), n.code).not.toBe("");
      expect(n.horaires.trim(), n.code).not.toBe("");
      if (n.url !== null) expect(n.url, n.code).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+(\/.*)?$/);
    }
  });

  it("contient les numéros de référence du dispositif", () => {
    expect(NUMEROS_NATIONAUX.map((n) => n.code)).toEqual(
      expect.arrayContaining([
        "112",
        "15",
        "17",
        "18",
        "114",
        "3114",
        "119",
        "3018",
        "fil-sante-jeunes",
        "3919",
        "drogues-info-service",
        "pharos",
        "miviludes",
      ]),
    );
    expect(getNumero("fil-sante-jeunes").tel).toBe("0800235236");
    expect(getNumero("114").sms).toBe("114");
    expect(getNumero("drogues-info-service").tel).toBe("0800231313");
  });

  it("a des numéros d'urgence gratuits et joignables 24 h/24", () => {
    for (const n of findNumerosByKind("urgence")) {
      expect(n.gratuit, n.code).toBe(true);
      expect(n.horaires, n.code).toBe("24\u00a0h/24, 7\u00a0j/7");
    }
  });

  it("refuse un code inconnu", () => {
    expect(() => getNumero("0000")).toThrow("Numéro inconnu");
  });

  it("a un titre pour chaque groupe", () => {
    for (const kind of NUMERO_KINDS) {
      expect(findNumerosByKind(kind).length, kind).toBeGreaterThan(0);
      expect(numeroKindLabels[kind]).not.toBe("");
    }
  });

  it("donne aux lignes d'écoute et de signalement leurs catégories de situation (liste G), aucune aux urgences", () => {
    for (const n of NUMEROS_NATIONAUX) {
      for (const c of n.categories) expect(SITUATION_CATEGORIES, `${n.code} ${c}`).toContain(c);
      expect(new Set(n.categories).size, n.code).toBe(n.categories.length);
      // No category: general help, shown beside every situation.
      if (n.kind === "urgence") expect(n.categories, n.code).toEqual([]);
      else expect(n.categories.length, n.code).toBeGreaterThan(0);
    }
    expect(getNumero("3114").categories).toContain("detresse_psychologique");
    expect(getNumero("119").categories).toEqual(expect.arrayContaining(["violences", "harcelement"]));
    expect(getNumero("3018").categories).toEqual(["harcelement", "conduites_a_risque_en_ligne"]);
    expect(getNumero("pharos").categories).toEqual(expect.arrayContaining(["conduites_a_risque_en_ligne", "emprise"]));
    expect(getNumero("miviludes").categories).toEqual(["emprise"]);
    expect(getNumero("drogues-info-service").categories).toEqual(["addiction"]);
    expect(getNumero("3919").categories).toEqual(["violences"]);
  });
});
