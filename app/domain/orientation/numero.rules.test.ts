import { numeroNationalRow } from "@db/seed/numeros-aide";
import { describe, expect, it } from "vitest";
import {
  chiffresDe,
  comparerNumeros,
  grouperNumeros,
  isAReverifier,
  isHttpUrl,
  normaliserTelephone,
} from "./numero.rules";
import { numeroSchema } from "./numero.schema";
import { NUMEROS_NATIONAUX } from "./numeros-nationaux";

const affichage = (saisie: string) => {
  const r = normaliserTelephone(saisie);
  return r.ok ? r.affichage : `refusé: ${r.message}`;
};

describe("numéros de téléphone français", () => {
  it("regroupe par deux un numéro tapé d'un bloc, ou avec des points ou des tirets", () => {
    expect(affichage("0492300000")).toBe("04 92 30 00 00");
    expect(affichage("04.92.30.00.00")).toBe("04 92 30 00 00");
    expect(affichage("04-92-30-00-00")).toBe("04 92 30 00 00");
  });

  it("ramène un numéro international français au format national", () => {
    expect(affichage("+33 4 92 30 00 00")).toBe("04 92 30 00 00");
    expect(affichage("+33 (0)4 92 30 00 00")).toBe("04 92 30 00 00");
    expect(affichage("0033492300000")).toBe("04 92 30 00 00");
  });

  it("écrit les numéros verts « 0 800 … » et garde le groupement officiel tapé", () => {
    expect(affichage("0800231313")).toBe("0 800 23 13 13");
    expect(affichage("0 800 235 236")).toBe("0 800 235 236");
  });

  it("accepte les numéros courts (15, 119, 3114, 116 000)", () => {
    for (const court of ["15", "17", "112", "119", "3114", "116 000"]) expect(affichage(court)).toBe(court);
  });

  it("refuse les lettres, un numéro étranger, un numéro trop court ou trop long", () => {
    for (const mauvais of ["04 92 30 00", "049230000000", "+44 20 7946 0000", "appelez-nous", "0", "+33 15"]) {
      expect(normaliserTelephone(mauvais).ok, mauvais).toBe(false);
    }
  });

  it("compose les chiffres du numéro affiché", () => {
    expect(chiffresDe("0 800 235 236")).toBe("0800235236");
    expect(chiffresDe("116 000")).toBe("116000");
  });
});

describe("adresses des services", () => {
  it("n'accepte que http et https", () => {
    expect(isHttpUrl("https://3114.fr")).toBe(true);
    expect(isHttpUrl("http://www.exemple.fr/page")).toBe(true);
    expect(isHttpUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpUrl("data:text/html,<b>x</b>")).toBe(false);
    expect(isHttpUrl("mailto:a@b.fr")).toBe(false);
    expect(isHttpUrl("exemple.fr")).toBe(false);
  });
});

describe("vérification des fiches", () => {
  const le = { annee: 2026, mois: 11, jour: 30 };
  it("signale une fiche vérifiée il y a 12 mois ou plus", () => {
    expect(isAReverifier("2025-11-30", le)).toBe(true);
    expect(isAReverifier("2024-09-30", le)).toBe(true);
  });
  it("ne signale pas une fiche vérifiée il y a moins de 12 mois", () => {
    expect(isAReverifier("2025-12-01", le)).toBe(false);
    expect(isAReverifier("2026-11-30", le)).toBe(false);
  });
});

describe("ordre de la page « Besoin d'aide »", () => {
  it("place l'urgence, puis l'écoute, puis le signalement, puis les services du département", () => {
    const numeros = [
      { departement: "04", genre: "urgence", ordre: 0, nom: "CRIP (démo)" },
      { departement: null, genre: "signalement", ordre: 0, nom: "Pharos" },
      { departement: null, genre: "ecoute", ordre: 5, nom: "3018" },
      { departement: null, genre: "urgence", ordre: 9, nom: "SAMU" },
      { departement: null, genre: "ecoute", ordre: 1, nom: "3114" },
    ];
    expect([...numeros].sort(comparerNumeros).map((n) => n.nom)).toEqual([
      "SAMU",
      "3114",
      "3018",
      "Pharos",
      "CRIP (démo)",
    ]);
    const groupes = grouperNumeros(numeros);
    expect(groupes.locaux.map((n) => n.nom)).toEqual(["CRIP (démo)"]);
    expect(groupes.urgence.map((n) => n.nom)).toEqual(["SAMU"]);
  });
});

describe("formulaire d'un numéro", () => {
  const schema = numeroSchema({ annee: 2026, mois: 11, jour: 30 });
  const valide = {
    nom: "Maison des Adolescents (démo)",
    genre: "ecoute",
    telephone: "0465710000",
    public: "tous",
    source: "Données de démonstration",
    verifieLe: "2026-11-30",
  };

  it("normalise le téléphone et accepte une fiche complète", () => {
    const r = schema.safeParse(valide);
    expect(r.success).toBe(true);
    expect(r.data?.telephone).toBe("04 65 71 00 00");
    expect(r.data?.gratuit).toBeNull();
    expect(r.data?.ordre).toBe(0);
  });

  it("exige un moyen de joindre le service", () => {
    const r = schema.safeParse({ ...valide, telephone: undefined });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain("telephone");
  });

  it("refuse une date de vérification dans le futur, une source vide, un lien javascript:", () => {
    const champs = (input: Record<string, unknown>) =>
      schema.safeParse({ ...valide, ...input }).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(champs({ verifieLe: "2026-12-01" })).toContain("verifieLe");
    expect(champs({ source: "" })).toContain("source");
    expect(champs({ url: "javascript:alert(1)" })).toContain("url");
    expect(champs({ nom: " " })).toContain("nom");
  });
});

describe("numéros nationaux semés", () => {
  it("reprend exactement le numéro affiché, les SMS, le site et le type de chaque ligne nationale", () => {
    for (const [i, n] of NUMEROS_NATIONAUX.entries()) {
      const row = numeroNationalRow(n, i);
      expect(row.departement).toBeNull();
      expect(row.telephone === null ? null : chiffresDe(row.telephone), n.code).toBe(n.tel);
      expect(row.sms, n.code).toBe(n.sms);
      expect(row.url, n.code).toBe(n.url);
      expect(row.genre, n.code).toBe(n.kind);
      expect(row.source.length, n.code).toBeGreaterThan(3);
      expect(normaliserTelephone(row.telephone ?? row.sms ?? "15").ok, n.code).toBe(true);
    }
  });
});
