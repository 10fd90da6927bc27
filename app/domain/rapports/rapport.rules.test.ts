import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TRANCHES_AGE } from "./rapport.labels";
import {
  BORNES,
  CODES_PAR_RUBRIQUE,
  deMois,
  heuresSuggerees,
  type SaisieRapport,
  totauxDe,
  verifierCoherence,
} from "./rapport.rules";

/** A consistent month: 10 new young people out of 25 followed, 40 exchanges (2 in person). */
function saisie(overrides: Partial<SaisieRapport> = {}): SaisieRapport {
  return {
    age_nouveaux: { "15_17": 6, "18_21": 4 },
    age_file: { "15_17": 15, "18_21": 10 },
    canal: { messages_prives: 30, commentaires: 8, rencontres: 2 },
    theme: { scolarite: 10, sante: 5 },
    publication: { information_prevention: 4 },
    orientation: { mission_locale: 2 },
    reseau: { instagram: 30, snapchat: 8 },
    echangesIndividuels: 35,
    echangesCollectifs: 5,
    heuresEnLigne: 24.5,
    faitMarquant: "",
    ...overrides,
  };
}

const champs = (s: SaisieRapport) => verifierCoherence(s).map((p) => p.champ);

describe("totauxDe", () => {
  it("calcule les totaux à partir des ventilations", () => {
    expect(totauxDe(saisie())).toEqual({
      nouveauxJeunes: 10,
      fileActive: 25,
      echanges: 40,
      demandes: 15,
      publications: 4,
      orientations: 2,
      echangesReseaux: 38,
      rencontres: 2,
    });
  });
});

describe("verifierCoherence", () => {
  it("accepte un mois cohérent, et un mois vide", () => {
    expect(verifierCoherence(saisie())).toEqual([]);
    const vide = saisie({
      age_nouveaux: {},
      age_file: {},
      canal: {},
      theme: {},
      publication: {},
      orientation: {},
      reseau: {},
      echangesIndividuels: 0,
      echangesCollectifs: 0,
    });
    expect(verifierCoherence(vide)).toEqual([]);
  });

  it("refuse des échanges individuels et collectifs qui ne font pas le total des canaux, et explique les nombres", () => {
    const problemes = verifierCoherence(saisie({ echangesIndividuels: 36 }));
    expect(problemes).toEqual([
      {
        champ: "echangesIndividuels",
        message: expect.stringContaining(
          "Échanges individuels (36) et collectifs (5) font 41, mais les échanges par canal en comptent 40",
        ),
      },
    ]);
    expect(champs(saisie({ echangesIndividuels: 34 }))).toEqual(["echangesIndividuels"]);
    // Voisin légal : 35 + 5 = 40.
    expect(champs(saisie({ echangesIndividuels: 35 }))).toEqual([]);
  });

  it("refuse plus de demandes par thème que d'échanges, accepte l'égalité", () => {
    expect(champs(saisie({ theme: { scolarite: 41 } }))).toEqual(["theme"]);
    expect(verifierCoherence(saisie({ theme: { scolarite: 41 } }))[0]?.message).toContain(
      "Les demandes par thème (41) dépassent les échanges du mois (40 échanges)",
    );
    expect(champs(saisie({ theme: { scolarite: 20, sante: 20 } }))).toEqual([]);
  });

  it("refuse plus d'échanges par réseau que d'échanges en ligne (rencontres en personne déduites)", () => {
    // 40 échanges dont 2 rencontres : 38 en ligne au plus.
    expect(champs(saisie({ reseau: { instagram: 39 } }))).toEqual(["reseau"]);
    expect(verifierCoherence(saisie({ reseau: { instagram: 39 } }))[0]?.message).toContain(
      "(39) dépassent les échanges en ligne du mois (38 échanges : 40 échanges moins 2 rencontres en personne)",
    );
    expect(champs(saisie({ reseau: { instagram: 38 } }))).toEqual([]);
  });

  it("refuse plus de nouveaux jeunes que de jeunes suivis dans une tranche d'âge, sur le champ de cette tranche", () => {
    const problemes = verifierCoherence(saisie({ age_nouveaux: { "15_17": 16, "18_21": 4 } }));
    expect(problemes.map((p) => p.champ)).toEqual(["age_nouveaux.15_17"]);
    expect(problemes[0]?.message).toContain(
      "16 jeunes nouveaux dans cette tranche d'âge, mais 15 jeunes dans la file active",
    );
    expect(champs(saisie({ age_nouveaux: { "15_17": 15, "18_21": 4 } }))).toEqual([]);
  });

  it("refuse un nouveau jeune d'une tranche absente de la file active, même si le total de la file est plus grand", () => {
    expect(champs(saisie({ age_nouveaux: { "12_14": 1, "15_17": 6, "18_21": 4 } }))).toEqual(["age_nouveaux.12_14"]);
  });

  it("refuse des nouveaux jeunes sans aucun échange, accepte un seul échange", () => {
    const sansEchange = {
      canal: {},
      theme: {},
      orientation: {},
      reseau: {},
      echangesIndividuels: 0,
      echangesCollectifs: 0,
    };
    expect(champs(saisie(sansEchange))).toEqual(["canal"]);
    expect(champs(saisie({ ...sansEchange, canal: { messages_prives: 1 }, echangesIndividuels: 1 }))).toEqual([]);
  });

  it("refuse plus d'orientations que d'échanges, accepte l'égalité", () => {
    expect(champs(saisie({ orientation: { mission_locale: 30, sante: 11 } }))).toEqual(["orientation"]);
    expect(champs(saisie({ orientation: { mission_locale: 30, sante: 10 } }))).toEqual([]);
  });

  it("signale chaque problème sur son champ quand il y en a plusieurs", () => {
    expect(champs(saisie({ echangesCollectifs: 0, theme: { sante: 50 }, orientation: { autre: 50 } })).sort()).toEqual([
      "echangesIndividuels",
      "orientation",
      "theme",
    ]);
  });
});

/** A random consistent month, built so that every rule holds. */
const moisCoherent = fc
  .record({
    file: fc.array(fc.nat(200), { minLength: TRANCHES_AGE.length, maxLength: TRANCHES_AGE.length }),
    partNouveaux: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
      minLength: TRANCHES_AGE.length,
      maxLength: TRANCHES_AGE.length,
    }),
    canal: fc.array(fc.nat(500), { minLength: 6, maxLength: 6 }),
    partIndividuels: fc.double({ min: 0, max: 1, noNaN: true }),
    partThemes: fc.double({ min: 0, max: 1, noNaN: true }),
    partReseaux: fc.double({ min: 0, max: 1, noNaN: true }),
    partOrientations: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((r): SaisieRapport => {
    const canal = Object.fromEntries(CODES_PAR_RUBRIQUE.canal.map((c, i) => [c, r.canal[i] ?? 0]));
    const echanges = r.canal.reduce((a, b) => a + b, 0);
    const nouveauxJeunes = TRANCHES_AGE.map((_, i) => Math.floor((r.file[i] ?? 0) * (r.partNouveaux[i] ?? 0)));
    const enLigne = echanges - (canal.rencontres ?? 0);
    const individuels = Math.floor(echanges * r.partIndividuels);
    return {
      age_file: Object.fromEntries(TRANCHES_AGE.map((t, i) => [t, r.file[i] ?? 0])),
      // No new young person without an exchange.
      age_nouveaux: Object.fromEntries(TRANCHES_AGE.map((t, i) => [t, echanges > 0 ? (nouveauxJeunes[i] ?? 0) : 0])),
      canal,
      theme: { sante: Math.floor(echanges * r.partThemes) },
      reseau: { instagram: Math.floor(enLigne * r.partReseaux) },
      orientation: { paej: Math.floor(echanges * r.partOrientations) },
      publication: {},
      echangesIndividuels: individuels,
      echangesCollectifs: echanges - individuels,
      heuresEnLigne: 0,
      faitMarquant: "",
    };
  });

describe("verifierCoherence, propriétés", () => {
  it("accepte tout mois construit cohérent", async () => {
    await fc.assert(fc.property(moisCoherent, (s) => verifierCoherence(s).length === 0));
  });

  it("refuse dès qu'on ajoute un échange individuel sans l'ajouter à un canal", async () => {
    await fc.assert(
      fc.property(moisCoherent, fc.integer({ min: 1, max: 100 }), (s, k) =>
        champs({ ...s, echangesIndividuels: s.echangesIndividuels + k }).includes("echangesIndividuels"),
      ),
    );
  });

  it("refuse dès que les demandes dépassent les échanges d'une unité", async () => {
    await fc.assert(
      fc.property(moisCoherent, (s) => champs({ ...s, theme: { sante: totauxDe(s).echanges + 1 } }).includes("theme")),
    );
  });

  it("nouveaux ≤ file active par tranche entraîne nouveaux ≤ file active au total", async () => {
    await fc.assert(
      fc.property(moisCoherent, (s) => {
        const t = totauxDe(s);
        return t.nouveauxJeunes <= t.fileActive;
      }),
    );
  });
});

describe("BORNES", () => {
  it("a une borne par ventilation, positive et entière", () => {
    for (const rubrique of Object.keys(CODES_PAR_RUBRIQUE) as (keyof typeof CODES_PAR_RUBRIQUE)[]) {
      expect(Number.isInteger(BORNES[rubrique]) && BORNES[rubrique] > 0, rubrique).toBe(true);
    }
    // Individuels ou collectifs : jamais plus bas que tous les canaux réunis à leur borne.
    expect(BORNES.echanges).toBeGreaterThanOrEqual(BORNES.canal * CODES_PAR_RUBRIQUE.canal.length);
  });
});

describe("heuresSuggerees", () => {
  it("compte chaque créneau hebdomadaire à chaque jour du mois qui tombe sur son jour de semaine", () => {
    // Mars 2026 : 5 lundis (2, 9, 16, 23, 30), 4 mercredis.
    const creneaux = [
      { jour: 1, debut: 17 * 60, fin: 19 * 60 }, // lundi, 2 h
      { jour: 3, debut: 14 * 60, fin: 15 * 60 + 30 }, // mercredi, 1 h 30
    ];
    expect(heuresSuggerees(creneaux, "2026-03-01")).toBe(5 * 2 + 4 * 1.5);
  });

  it("donne 0 sans créneau et tient compte de février", () => {
    expect(heuresSuggerees([], "2026-02-01")).toBe(0);
    // Février 2026 : 4 dimanches.
    expect(heuresSuggerees([{ jour: 7, debut: 600, fin: 660 }], "2026-02-01")).toBe(4);
  });
});

describe("deMois", () => {
  it("élide devant une voyelle : d'avril, d'août, d'octobre ; de mars", () => {
    expect(deMois("avril 2026")).toBe("d'avril 2026");
    expect(deMois("août 2026")).toBe("d'août 2026");
    expect(deMois("octobre 2026")).toBe("d'octobre 2026");
    expect(deMois("mars 2026")).toBe("de mars 2026");
    expect(deMois("juin 2026")).toBe("de juin 2026");
  });
});
