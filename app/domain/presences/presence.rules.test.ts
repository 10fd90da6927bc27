import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jourLabels } from "./presence.labels";
import {
  type CreneauPresence,
  creneauxDuJour,
  type ExceptionPresence,
  exceptionDuJour,
  formatCreneau,
  formatHeure,
  formatPlage,
  HORIZON_JOURS,
  isEnLigne,
  JOURS_SEMAINE,
  type JourSemaine,
  jourDeDate,
  localParts,
  MESSAGE_DATE,
  parseHeure,
  prochainCreneau,
  validateCreneaux,
  validateExceptions,
} from "./presence.rules";

/** Minutes since midnight: h(18, 30) = 1110. */
const h = (heures: number, minutes = 0) => heures * 60 + minutes;
const creneau = (jour: JourSemaine, debut: number, fin: number, reseaux = ["instagram"]): CreneauPresence => ({
  jour,
  debut,
  fin,
  reseaux,
});
/** Messages use non-breaking spaces ("18 h 30"); tests read them with plain spaces. */
const lisible = (text: string) => text.replace(/\u00a0/g, " ");
const at = (iso: string) => new Date(iso);

// ─── Independent oracle: Paris time by the EU rule, without Intl ─────────────────────────────────
// Since 1996: summer time from the last Sunday of March to the last Sunday of October, at 01:00 UTC.
function lastSundayAt1Utc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 86_400_000;
}
function parisOracle(instant: Date) {
  const year = instant.getUTCFullYear();
  const t = instant.getTime();
  const ete = t >= lastSundayAt1Utc(year, 2) && t < lastSundayAt1Utc(year, 9);
  const local = new Date(t + (ete ? 2 : 1) * 3_600_000);
  return {
    date: local.toISOString().slice(0, 10),
    jour: (((local.getUTCDay() + 6) % 7) + 1) as JourSemaine,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}
const addDaysOracle = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// ─── Generators ──────────────────────────────────────────────────────────────────────────────────
const jourArb = fc.constantFrom(...JOURS_SEMAINE);
/** A well-formed slot: 5-minute steps, 0 ≤ debut < fin ≤ 1440. */
const creneauArb = fc
  .record({ jour: jourArb, debut: fc.integer({ min: 0, max: 287 }), longueur: fc.integer({ min: 1, max: 288 }) })
  .map(({ jour, debut, longueur }) => creneau(jour, debut * 5, Math.min(288, debut + longueur) * 5));
const creneauxArb = fc.array(creneauArb, { maxLength: 8 });
/** Any instant from 2000 to 2037, or one within three hours of a change of time. */
const instantArb = fc.oneof(
  fc.date({ min: at("2000-01-01T00:00:00Z"), max: at("2037-12-31T00:00:00Z"), noInvalidDate: true }),
  fc
    .record({
      annee: fc.integer({ min: 2000, max: 2037 }),
      mois: fc.constantFrom(2, 9),
      ecart: fc.integer({ min: -180 * 60, max: 180 * 60 }),
    })
    .map(({ annee, mois, ecart }) => new Date(lastSundayAt1Utc(annee, mois) + ecart * 1000)),
);
const instant2026Arb = fc.date({
  min: at("2026-01-01T00:00:00Z"),
  max: at("2026-12-31T00:00:00Z"),
  noInvalidDate: true,
});
const exception2026Arb = fc
  .record({ debut: fc.integer({ min: 0, max: 364 }), duree: fc.integer({ min: 0, max: 20 }) })
  .map(({ debut, duree }) => ({
    du: addDaysOracle("2026-01-01", debut),
    au: addDaysOracle("2026-01-01", debut + duree),
  }));

describe("heures : lecture et affichage", () => {
  it.each([
    ["18h30", 1110],
    ["18:30", 1110],
    ["18 h 30", 1110],
    ["18\u00a0h\u00a030", 1110],
    ["18H30", 1110],
    ["9h", 540],
    ["9 h", 540],
    ["09:05", 545],
    ["0h00", 0],
    ["00:00", 0],
    ["24h", 1440],
    ["24:00", 1440],
    ["18:30:00", 1110],
    ["  7h15  ", 435],
  ])("lit « %s » comme %i minutes", (text, minutes) => {
    expect(parseHeure(text)).toBe(minutes);
  });

  it.each([
    "",
    "18",
    "1830",
    "18h5",
    "18h300",
    "18:",
    "25h",
    "18h60",
    "24h30",
    "24:01",
    "-1h",
    "18h30 du soir",
    "dix-huit heures",
    "18.30",
    "18:30:15",
  ])("refuse « %s »", (text) => {
    expect(parseHeure(text)).toBeNull();
  });

  it("écrit les heures à la française, avec des espaces insécables", () => {
    expect(formatHeure(1110)).toBe("18\u00a0h\u00a030");
    expect(lisible(formatHeure(540))).toBe("9 h 00");
    expect(lisible(formatHeure(0))).toBe("0 h 00");
    expect(lisible(formatHeure(1435))).toBe("23 h 55");
    expect(lisible(formatHeure(1440))).toBe("24 h 00");
  });

  it("refuse d'écrire une heure hors de la journée", () => {
    for (const minutes of [-1, 1441, 12.5, Number.NaN]) expect(() => formatHeure(minutes)).toThrow(RangeError);
  });

  it("relit toute heure qu'il a écrite, et toute heure au format des champs horaires", async () => {
    await fc.assert(
      fc.property(fc.integer({ min: 0, max: 1440 }), (minutes) => {
        expect(parseHeure(formatHeure(minutes))).toBe(minutes);
        const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
        const mm = String(minutes % 60).padStart(2, "0");
        expect(parseHeure(`${hh}:${mm}`)).toBe(minutes);
        expect(parseHeure(`${hh}h${mm}`)).toBe(minutes);
      }),
    );
  });

  it("écrit un créneau avec son jour", () => {
    expect(lisible(formatCreneau(creneau(2, h(18), h(19))))).toBe("mardi de 18 h 00 à 19 h 00");
    expect(lisible(formatCreneau(creneau(7, h(22), 1440)))).toBe("dimanche de 22 h 00 à 24 h 00");
    expect(lisible(formatPlage(h(9, 5), h(12, 30)))).toBe("de 9 h 05 à 12 h 30");
  });

  it("nomme les sept jours en français, du lundi au dimanche", () => {
    expect(JOURS_SEMAINE.map((jour) => jourLabels[jour])).toEqual([
      "lundi",
      "mardi",
      "mercredi",
      "jeudi",
      "vendredi",
      "samedi",
      "dimanche",
    ]);
  });
});

describe("heure locale d'un instant (Europe/Paris)", () => {
  it("donne la date, le jour ISO et les minutes d'un instant d'hiver et d'été", () => {
    expect(localParts(at("2026-01-18T19:00:00Z"))).toEqual({ date: "2026-01-18", jour: 7, minutes: h(20) });
    expect(localParts(at("2026-07-19T18:00:00Z"))).toEqual({ date: "2026-07-19", jour: 7, minutes: h(20) });
    expect(localParts(at("2026-02-09T11:45:59.999Z"))).toEqual({ date: "2026-02-09", jour: 1, minutes: h(12, 45) });
  });

  it("place minuit pile au début du nouveau jour, y compris au nouvel an", () => {
    expect(localParts(at("2026-01-16T22:59:59.999Z"))).toEqual({ date: "2026-01-16", jour: 5, minutes: 1439 });
    expect(localParts(at("2026-01-16T23:00:00Z"))).toEqual({ date: "2026-01-17", jour: 6, minutes: 0 });
    expect(localParts(at("2026-07-18T22:00:00Z"))).toEqual({ date: "2026-07-19", jour: 7, minutes: 0 });
    expect(localParts(at("2026-12-31T23:00:00Z"))).toEqual({ date: "2027-01-01", jour: 5, minutes: 0 });
  });

  it("passe de 1 h 59 à 3 h 00 le 29 mars 2026 (heure d'été)", () => {
    expect(localParts(at("2026-03-29T00:30:00Z"))).toEqual({ date: "2026-03-29", jour: 7, minutes: h(1, 30) });
    expect(localParts(at("2026-03-29T00:59:59.999Z"))).toEqual({ date: "2026-03-29", jour: 7, minutes: h(1, 59) });
    expect(localParts(at("2026-03-29T01:00:00Z"))).toEqual({ date: "2026-03-29", jour: 7, minutes: h(3) });
  });

  it("ne donne jamais 2 h 00 – 2 h 59 le 29 mars 2026, journée de 23 heures", () => {
    const vues: number[] = [];
    for (let t = Date.parse("2026-03-28T23:00:00Z"); t < Date.parse("2026-03-29T22:00:00Z"); t += 60_000) {
      const parts = localParts(new Date(t));
      expect(parts.date).toBe("2026-03-29");
      vues.push(parts.minutes);
    }
    expect(vues).toHaveLength(23 * 60);
    expect(vues.filter((m) => m >= h(2) && m < h(3))).toEqual([]);
    expect(new Set(vues).size).toBe(23 * 60);
    expect(localParts(at("2026-03-29T22:00:00Z")).date).toBe("2026-03-30");
  });

  it("repasse de 2 h 59 à 2 h 00 le 25 octobre 2026 (heure d'hiver)", () => {
    expect(localParts(at("2026-10-25T00:30:00Z"))).toEqual({ date: "2026-10-25", jour: 7, minutes: h(2, 30) });
    expect(localParts(at("2026-10-25T00:59:00Z"))).toEqual({ date: "2026-10-25", jour: 7, minutes: h(2, 59) });
    expect(localParts(at("2026-10-25T01:00:00Z"))).toEqual({ date: "2026-10-25", jour: 7, minutes: h(2) });
    expect(localParts(at("2026-10-25T01:30:00Z"))).toEqual({ date: "2026-10-25", jour: 7, minutes: h(2, 30) });
    expect(localParts(at("2026-10-25T02:00:00Z"))).toEqual({ date: "2026-10-25", jour: 7, minutes: h(3) });
  });

  it("donne deux fois chaque minute de 2 h 00 à 2 h 59 le 25 octobre 2026, journée de 25 heures", () => {
    const compte = new Map<number, number>();
    let total = 0;
    for (let t = Date.parse("2026-10-24T22:00:00Z"); t < Date.parse("2026-10-25T23:00:00Z"); t += 60_000) {
      const parts = localParts(new Date(t));
      expect(parts.date).toBe("2026-10-25");
      compte.set(parts.minutes, (compte.get(parts.minutes) ?? 0) + 1);
      total++;
    }
    expect(total).toBe(25 * 60);
    for (let m = 0; m < 1440; m++) expect(compte.get(m), formatHeure(m)).toBe(m >= h(2) && m < h(3) ? 2 : 1);
    expect(localParts(at("2026-10-24T21:59:00Z")).date).toBe("2026-10-24");
  });

  it("suit la règle européenne de l'heure d'été pour tout instant de 2000 à 2037", async () => {
    await fc.assert(
      fc.property(instantArb, (instant) => {
        expect(localParts(instant)).toEqual(parisOracle(instant));
      }),
      { numRuns: 500 },
    );
  });

  it("refuse un instant invalide", () => {
    expect(() => localParts(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("donne le jour ISO d'une date et refuse une date qui n'existe pas", () => {
    expect(jourDeDate("2026-03-29")).toBe(7);
    expect(jourDeDate("2026-03-30")).toBe(1);
    expect(jourDeDate("2028-02-29")).toBe(2);
    expect(() => jourDeDate("2026-02-30")).toThrow(RangeError);
    expect(() => jourDeDate("29/03/2026")).toThrow(RangeError);
  });
});

describe("en ligne maintenant", () => {
  it("compte le début du créneau et pas sa fin", () => {
    const creneaux = [creneau(1, h(18), h(19))]; // lundi 9 février 2026, UTC+1
    expect(isEnLigne(creneaux, [], at("2026-02-09T16:59:59Z"))).toBe(false);
    expect(isEnLigne(creneaux, [], at("2026-02-09T17:00:00Z"))).toBe(true);
    expect(isEnLigne(creneaux, [], at("2026-02-09T17:59:59.999Z"))).toBe(true);
    expect(isEnLigne(creneaux, [], at("2026-02-09T18:00:00Z"))).toBe(false);
  });

  it("garde un créneau qui finit à 24 h 00 jusqu'à 23 h 59 et rattache minuit au jour suivant", () => {
    const vendredi = [creneau(5, h(22), 1440)]; // vendredi 16 janvier 2026
    expect(isEnLigne(vendredi, [], at("2026-01-16T22:59:59Z"))).toBe(true);
    expect(isEnLigne(vendredi, [], at("2026-01-16T23:00:00Z"))).toBe(false);

    const samedi = [creneau(6, 0, h(1))];
    expect(isEnLigne(samedi, [], at("2026-01-16T22:59:59Z"))).toBe(false);
    expect(isEnLigne(samedi, [], at("2026-01-16T23:00:00Z"))).toBe(true);
  });

  it("enchaîne sans trou une présence de nuit saisie en deux créneaux", () => {
    const nuit = [creneau(5, h(22), 1440), creneau(6, 0, h(2))];
    for (let t = Date.parse("2026-01-16T21:00:00Z"); t < Date.parse("2026-01-17T01:00:00Z"); t += 60_000) {
      expect(isEnLigne(nuit, [], new Date(t)), new Date(t).toISOString()).toBe(true);
    }
    expect(isEnLigne(nuit, [], at("2026-01-17T01:00:00Z"))).toBe(false);
  });

  it.each([
    ["hiver", "2026-01-18T18:59:00Z", false],
    ["hiver", "2026-01-18T19:00:00Z", true],
    ["hiver", "2026-01-18T20:59:00Z", true],
    ["hiver", "2026-01-18T21:00:00Z", false],
    ["été", "2026-07-19T17:59:00Z", false],
    ["été", "2026-07-19T18:00:00Z", true],
    ["été", "2026-07-19T19:59:00Z", true],
    ["été", "2026-07-19T20:00:00Z", false],
    ["jour du passage à l'heure d'été", "2026-03-29T17:59:00Z", false],
    ["jour du passage à l'heure d'été", "2026-03-29T18:00:00Z", true],
    ["jour du passage à l'heure d'hiver", "2026-10-25T18:59:00Z", false],
    ["jour du passage à l'heure d'hiver", "2026-10-25T19:00:00Z", true],
    ["jour du passage à l'heure d'hiver", "2026-10-25T21:00:00Z", false],
  ])("suit le créneau du dimanche de 20 h 00 à 22 h 00 en %s (%s → %s)", (_saison, iso, attendu) => {
    expect(isEnLigne([creneau(7, h(20), h(22))], [], at(iso))).toBe(attendu);
  });

  it("place de part et d'autre du passage à l'heure d'été un instant UTC dans le bon créneau", () => {
    const creneaux = [creneau(7, h(1), h(2), ["snapchat"]), creneau(7, h(3), h(4), ["tiktok"])];
    expect(isEnLigne(creneaux, [], at("2026-03-29T00:30:00Z"))).toBe(true); // 1 h 30
    expect(isEnLigne([creneaux[0] as CreneauPresence], [], at("2026-03-29T00:30:00Z"))).toBe(true);
    expect(isEnLigne([creneaux[1] as CreneauPresence], [], at("2026-03-29T00:30:00Z"))).toBe(false);
    expect(isEnLigne([creneaux[0] as CreneauPresence], [], at("2026-03-29T01:00:00Z"))).toBe(false); // 3 h 00
    expect(isEnLigne([creneaux[1] as CreneauPresence], [], at("2026-03-29T01:00:00Z"))).toBe(true);
  });

  it("n'est jamais en ligne sur un créneau de 2 h 00 à 3 h 00 le 29 mars 2026, et l'est dès 3 h 00 sur 2 h 30 – 4 h 00", () => {
    const saute = [creneau(7, h(2), h(3))];
    const chevauche = [creneau(7, h(2, 30), h(4))];
    let minutesEnLigne = 0;
    for (let t = Date.parse("2026-03-28T23:00:00Z"); t < Date.parse("2026-03-29T22:00:00Z"); t += 60_000) {
      expect(isEnLigne(saute, [], new Date(t))).toBe(false);
      if (isEnLigne(chevauche, [], new Date(t))) minutesEnLigne++;
    }
    expect(minutesEnLigne).toBe(60);
    expect(isEnLigne(chevauche, [], at("2026-03-29T01:00:00Z"))).toBe(true);
  });

  it("est en ligne deux heures réelles sur un créneau de 2 h 00 à 3 h 00 le 25 octobre 2026", () => {
    const creneaux = [creneau(7, h(2), h(3))];
    expect(isEnLigne(creneaux, [], at("2026-10-24T23:59:00Z"))).toBe(false); // 1 h 59 heure d'été
    expect(isEnLigne(creneaux, [], at("2026-10-25T00:00:00Z"))).toBe(true); // 2 h 00 heure d'été
    expect(isEnLigne(creneaux, [], at("2026-10-25T00:59:00Z"))).toBe(true); // 2 h 59 heure d'été
    expect(isEnLigne(creneaux, [], at("2026-10-25T01:00:00Z"))).toBe(true); // 2 h 00 heure d'hiver
    expect(isEnLigne(creneaux, [], at("2026-10-25T01:59:00Z"))).toBe(true); // 2 h 59 heure d'hiver
    expect(isEnLigne(creneaux, [], at("2026-10-25T02:00:00Z"))).toBe(false); // 3 h 00 heure d'hiver
  });

  it("place de part et d'autre du passage à l'heure d'hiver un instant UTC dans le bon créneau", () => {
    const avant = [creneau(7, h(2), h(3))];
    const apres = [creneau(7, h(3), h(4))];
    expect(isEnLigne(avant, [], at("2026-10-25T01:59:59Z"))).toBe(true);
    expect(isEnLigne(apres, [], at("2026-10-25T01:59:59Z"))).toBe(false);
    expect(isEnLigne(avant, [], at("2026-10-25T02:00:00Z"))).toBe(false);
    expect(isEnLigne(apres, [], at("2026-10-25T02:00:00Z"))).toBe(true);
  });

  it("est absent le premier et le dernier jour d'une exception, présent la veille et le lendemain", () => {
    const tousLesJours = JOURS_SEMAINE.map((jour) => creneau(jour, h(10), h(12)));
    const noel: ExceptionPresence[] = [{ du: "2026-12-24", au: "2026-12-26", motif: "Congés" }];
    expect(isEnLigne(tousLesJours, noel, at("2026-12-23T10:00:00Z"))).toBe(true);
    expect(isEnLigne(tousLesJours, noel, at("2026-12-24T10:00:00Z"))).toBe(false);
    expect(isEnLigne(tousLesJours, noel, at("2026-12-25T10:00:00Z"))).toBe(false);
    expect(isEnLigne(tousLesJours, noel, at("2026-12-26T10:00:00Z"))).toBe(false);
    expect(isEnLigne(tousLesJours, noel, at("2026-12-27T10:00:00Z"))).toBe(true);
  });

  it("juge l'exception sur la date locale, pas sur la date UTC", () => {
    const minuit = JOURS_SEMAINE.map((jour) => creneau(jour, 0, h(1)));
    const noel: ExceptionPresence[] = [{ du: "2026-12-24", au: "2026-12-26" }];
    // 23 h 30 UTC le 23 = 0 h 30 le 24 à Paris : déjà absent.
    expect(isEnLigne(minuit, noel, at("2026-12-23T23:30:00Z"))).toBe(false);
    // 23 h 30 UTC le 26 = 0 h 30 le 27 à Paris : de retour.
    expect(isEnLigne(minuit, noel, at("2026-12-26T23:30:00Z"))).toBe(true);
  });

  it("n'est jamais en ligne sans créneau", () => {
    expect(isEnLigne([], [], at("2026-03-29T00:30:00Z"))).toBe(false);
  });

  it("est en ligne si et seulement si un créneau du jour local contient ses minutes", async () => {
    await fc.assert(
      fc.property(creneauxArb, instantArb, (creneaux, instant) => {
        const { jour, minutes } = parisOracle(instant);
        const attendu = creneaux.some((c) => c.jour === jour && c.debut <= minutes && minutes < c.fin);
        expect(isEnLigne(creneaux, [], instant)).toBe(attendu);
      }),
      { numRuns: 500 },
    );
  });

  it("n'est jamais en ligne un jour couvert par une exception, et l'est sinon comme sans exception", async () => {
    await fc.assert(
      fc.property(
        creneauxArb,
        fc.array(exception2026Arb, { maxLength: 4 }),
        instant2026Arb,
        (creneaux, exceptions, instant) => {
          const { date } = parisOracle(instant);
          const absent = exceptions.some((e) => e.du <= date && date <= e.au);
          expect(isEnLigne(creneaux, exceptions, instant)).toBe(!absent && isEnLigne(creneaux, [], instant));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("créneaux du jour", () => {
  const semaine = [
    creneau(2, h(18), h(19), ["instagram", "snapchat"]),
    creneau(4, h(14), h(16)),
    creneau(2, h(12), h(13)),
  ];

  it("donne les créneaux de ce jour de la semaine, dans l'ordre des heures, avec la date", () => {
    expect(creneauxDuJour(semaine, [], "2026-02-10")).toEqual([
      { jour: 2, debut: h(12), fin: h(13), reseaux: ["instagram"], date: "2026-02-10" },
      { jour: 2, debut: h(18), fin: h(19), reseaux: ["instagram", "snapchat"], date: "2026-02-10" },
    ]);
    expect(creneauxDuJour(semaine, [], "2026-02-11")).toEqual([]);
  });

  it("ne donne rien un jour d'absence", () => {
    const exceptions = [{ du: "2026-02-10", au: "2026-02-10", motif: "Formation" }];
    expect(creneauxDuJour(semaine, exceptions, "2026-02-10")).toEqual([]);
    expect(exceptionDuJour(exceptions, "2026-02-10")).toEqual(exceptions[0]);
    expect(exceptionDuJour(exceptions, "2026-02-11")).toBeNull();
  });

  it("rend des copies que l'appelant peut modifier sans toucher aux créneaux", () => {
    const [premier] = creneauxDuJour(semaine, [], "2026-02-17");
    premier?.reseaux.push("tiktok");
    expect(semaine[2]?.reseaux).toEqual(["instagram"]);
  });

  it("refuse une date mal formée", () => {
    expect(() => creneauxDuJour(semaine, [], "10/02/2026")).toThrow(RangeError);
  });
});

describe("prochain créneau", () => {
  const semaine = [creneau(1, h(18), h(19), ["instagram"]), creneau(7, h(10), h(12), ["discord"])];

  it("trouve le créneau de plus tard dans la journée", () => {
    // samedi 17 janvier 2026 à 9 h 00 → dimanche 18 à 10 h 00
    expect(prochainCreneau(semaine, [], at("2026-01-17T08:00:00Z"))).toEqual({
      date: "2026-01-18",
      jour: 7,
      debut: h(10),
      fin: h(12),
      reseaux: ["discord"],
    });
    expect(prochainCreneau(semaine, [], at("2026-01-18T08:59:59Z"))?.date).toBe("2026-01-18");
  });

  it("passe du dimanche soir au lundi de la semaine suivante", () => {
    expect(prochainCreneau(semaine, [], at("2026-01-18T19:00:00Z"))).toEqual({
      date: "2026-01-19",
      jour: 1,
      debut: h(18),
      fin: h(19),
      reseaux: ["instagram"],
    });
  });

  it("ne compte pas le créneau en cours ni celui qui commence à l'instant même", () => {
    const lundi = [creneau(1, h(18), h(19))];
    expect(prochainCreneau(lundi, [], at("2026-01-19T16:59:00Z"))?.date).toBe("2026-01-19");
    expect(prochainCreneau(lundi, [], at("2026-01-19T17:00:00Z"))?.date).toBe("2026-01-26");
    expect(prochainCreneau(lundi, [], at("2026-01-19T17:30:00Z"))?.date).toBe("2026-01-26");
  });

  it("enjambe une exception jusqu'au premier jour de présence", () => {
    const mardiJeudi = [creneau(2, h(18), h(19)), creneau(4, h(14), h(16))];
    const lundi = at("2026-02-09T11:00:00Z");
    expect(prochainCreneau(mardiJeudi, [{ du: "2026-02-10", au: "2026-02-12" }], lundi)).toMatchObject({
      date: "2026-02-17",
      jour: 2,
      debut: h(18),
    });
    expect(prochainCreneau(mardiJeudi, [{ du: "2026-02-10", au: "2026-02-10" }], lundi)).toMatchObject({
      date: "2026-02-12",
      jour: 4,
      debut: h(14),
    });
  });

  it("reprend le lendemain du dernier jour d'une exception en cours", () => {
    const tousLesJours = JOURS_SEMAINE.map((jour) => creneau(jour, h(9), h(10)));
    // le 26 décembre 2026 à 8 h 00, dernier jour d'absence → le 27 à 9 h 00
    expect(
      prochainCreneau(tousLesJours, [{ du: "2026-12-24", au: "2026-12-26" }], at("2026-12-26T07:00:00Z")),
    ).toMatchObject({ date: "2026-12-27", debut: h(9) });
  });

  it(`regarde ${HORIZON_JOURS} jours devant, à l'heure locale près`, () => {
    const lundi = [creneau(1, h(18), h(19))];
    const absence = [{ du: "2026-01-05", au: "2026-01-18" }]; // deux semaines à partir du lundi 5
    // lundi 5 à 18 h 00 : le lundi 19 à 18 h 00 est exactement 14 jours plus tard
    expect(prochainCreneau(lundi, absence, at("2026-01-05T17:00:00Z"))).toMatchObject({ date: "2026-01-19" });
    // lundi 5 à 17 h 59 : il est 14 jours et 1 minute plus tard
    expect(prochainCreneau(lundi, absence, at("2026-01-05T16:59:00Z"))).toBeNull();
  });

  it("ne trouve rien sans créneau ou pendant une longue absence", () => {
    expect(prochainCreneau([], [], at("2026-01-05T12:00:00Z"))).toBeNull();
    expect(prochainCreneau(semaine, [{ du: "2026-07-01", au: "2026-08-31" }], at("2026-07-10T12:00:00Z"))).toBeNull();
  });

  it("donne en heure locale un créneau du dimanche du passage à l'heure d'été", () => {
    const dimanche = [creneau(7, h(2, 30), h(4))];
    expect(prochainCreneau(dimanche, [], at("2026-03-28T19:00:00Z"))).toMatchObject({
      date: "2026-03-29",
      debut: h(2, 30),
    });
    // à 3 h 00 heure d'été, le créneau de 2 h 30 est en cours, pas à venir
    expect(prochainCreneau(dimanche, [], at("2026-03-29T01:00:00Z"))?.date).toBe("2026-04-05");
  });

  it("annonce le premier début à venir, comme une énumération de tous les débuts possibles", async () => {
    await fc.assert(
      fc.property(
        creneauxArb,
        fc.array(exception2026Arb, { maxLength: 4 }),
        instant2026Arb,
        (creneaux, exceptions, instant) => {
          const maintenant = parisOracle(instant);
          const candidats: { cle: number; date: string; c: CreneauPresence }[] = [];
          for (let jours = 0; jours <= HORIZON_JOURS; jours++) {
            const date = addDaysOracle(maintenant.date, jours);
            if (exceptions.some((e) => e.du <= date && date <= e.au)) continue;
            for (const c of creneaux) {
              const cle = jours * 1440 + c.debut - maintenant.minutes;
              if (c.jour === jourDeDate(date) && cle > 0 && cle <= HORIZON_JOURS * 1440)
                candidats.push({ cle, date, c });
            }
          }
          candidats.sort((a, b) => a.cle - b.cle || a.c.fin - b.c.fin);
          const attendu = candidats[0];
          const resultat = prochainCreneau(creneaux, exceptions, instant);
          if (!attendu) expect(resultat).toBeNull();
          else expect(resultat).toMatchObject({ date: attendu.date, debut: attendu.c.debut, fin: attendu.c.fin });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("trouve toujours un créneau dans la semaine quand il n'y a pas d'absence", async () => {
    await fc.assert(
      fc.property(
        creneauxArb.filter((c) => c.length > 0),
        instantArb,
        (creneaux, instant) => {
          const resultat = prochainCreneau(creneaux, [], instant);
          expect(resultat).not.toBeNull();
          expect(resultat && resultat.date <= addDaysOracle(localParts(instant).date, 7)).toBe(true);
        },
      ),
    );
  });
});

describe("validation des créneaux", () => {
  const messages = (creneaux: CreneauPresence[]) =>
    validateCreneaux(creneaux).map((e) => ({ ...e, message: lisible(e.message) }));

  it("accepte une semaine correcte, dont des créneaux bout à bout et un créneau jusqu'à minuit", () => {
    expect(
      validateCreneaux([
        creneau(2, h(18), h(19)),
        creneau(2, h(19), h(20)),
        creneau(3, h(18), h(19)),
        creneau(5, h(22), 1440),
        creneau(6, 0, h(2)),
      ]),
    ).toEqual([]);
  });

  it("refuse une fin avant le début ou égale au début", () => {
    expect(messages([creneau(1, h(19), h(18)), creneau(1, h(10), h(10))])).toEqual([
      { index: 0, field: "fin", message: "L'heure de fin doit être après l'heure de début." },
      { index: 1, field: "fin", message: "L'heure de fin doit être après l'heure de début." },
    ]);
  });

  it("refuse une heure hors de la journée et explique la présence de nuit", () => {
    expect(messages([creneau(1, -5, h(1)), creneau(1, 1440, 1440), creneau(1, h(23), h(25))])).toEqual([
      { index: 0, field: "debut", message: "L'heure de début doit être comprise entre 0 h 00 et 23 h 55." },
      { index: 1, field: "debut", message: "L'heure de début doit être comprise entre 0 h 00 et 23 h 55." },
      {
        index: 2,
        field: "fin",
        message:
          "L'heure de fin ne peut pas dépasser 24 h 00. Pour une présence de nuit, ajoutez un second créneau le lendemain à partir de 0 h 00.",
      },
    ]);
    expect(messages([creneau(1, 0, -5)])).toEqual([
      { index: 0, field: "fin", message: "L'heure de fin doit être comprise entre 0 h 05 et 24 h 00." },
    ]);
  });

  it("demande des heures à 5 minutes près", () => {
    expect(messages([creneau(1, h(18, 7), h(19, 2))])).toEqual([
      { index: 0, field: "debut", message: "Indiquez une heure à 5 minutes près, par exemple 18 h 05." },
      { index: 0, field: "fin", message: "Indiquez une heure à 5 minutes près, par exemple 18 h 05." },
    ]);
  });

  it("refuse une heure qui n'est pas un nombre entier de minutes", () => {
    expect(messages([creneau(1, Number.NaN, 1110.5)])).toEqual([
      { index: 0, field: "debut", message: "Indiquez une heure valide, par exemple 18 h 30." },
      { index: 0, field: "fin", message: "Indiquez une heure valide, par exemple 18 h 30." },
    ]);
  });

  it("refuse un jour hors du lundi au dimanche", () => {
    for (const jour of [0, 8, 1.5, Number.NaN]) {
      expect(messages([{ jour: jour as JourSemaine, debut: h(18), fin: h(19), reseaux: ["x"] }])).toEqual([
        { index: 0, field: "jour", message: "Choisissez un jour de la semaine." },
      ]);
    }
  });

  it("demande au moins un réseau", () => {
    expect(messages([creneau(1, h(18), h(19), [])])).toEqual([
      { index: 0, field: "reseaux", message: "Choisissez au moins un réseau." },
    ]);
  });

  it("signale sur le second créneau un chevauchement le même jour, en nommant le premier", () => {
    expect(messages([creneau(2, h(18), h(19)), creneau(2, h(18, 30), h(20))])).toEqual([
      { index: 1, field: "debut", message: "Ce créneau chevauche celui du mardi de 18 h 00 à 19 h 00." },
    ]);
  });

  it("signale un créneau contenu dans un autre, un créneau identique et chaque créneau en trop", () => {
    expect(
      messages([creneau(4, h(9), h(12)), creneau(4, h(10), h(11)), creneau(4, h(9), h(12)), creneau(4, h(11), h(13))]),
    ).toEqual([
      { index: 1, field: "debut", message: "Ce créneau chevauche celui du jeudi de 9 h 00 à 12 h 00." },
      { index: 2, field: "debut", message: "Ce créneau chevauche celui du jeudi de 9 h 00 à 12 h 00." },
      { index: 3, field: "debut", message: "Ce créneau chevauche celui du jeudi de 9 h 00 à 12 h 00." },
    ]);
  });

  it("accepte les mêmes heures deux jours différents et des créneaux qui se touchent", () => {
    expect(validateCreneaux([creneau(2, h(18), h(19)), creneau(3, h(18), h(19))])).toEqual([]);
    expect(validateCreneaux([creneau(2, h(19), h(20)), creneau(2, h(18), h(19))])).toEqual([]);
  });

  it("ne cherche pas de chevauchement avec un créneau déjà faux", () => {
    expect(messages([creneau(2, h(20), h(18)), creneau(2, h(18), h(19))])).toEqual([
      { index: 0, field: "fin", message: "L'heure de fin doit être après l'heure de début." },
    ]);
  });

  it("ne signale jamais des créneaux découpés bout à bout dans une journée", async () => {
    await fc.assert(
      fc.property(jourArb, fc.uniqueArray(fc.integer({ min: 0, max: 288 }), { minLength: 2 }), (jour, bornes) => {
        const tri = [...bornes].sort((a, b) => a - b).map((b) => b * 5);
        const creneaux = tri.slice(1).map((fin, i) => creneau(jour, tri[i] ?? 0, fin));
        expect(validateCreneaux(creneaux)).toEqual([]);
      }),
    );
  });

  it("signale un créneau si et seulement s'il chevauche un créneau précédent du même jour", async () => {
    await fc.assert(
      fc.property(creneauxArb, (creneaux) => {
        const signales = validateCreneaux(creneaux).map((e) => e.index);
        creneaux.forEach((c, j) => {
          const chevauche = creneaux.slice(0, j).some((a) => a.jour === c.jour && a.debut < c.fin && c.debut < a.fin);
          expect(signales.includes(j)).toBe(chevauche);
        });
      }),
    );
  });
});

describe("validation des exceptions", () => {
  it("accepte une absence d'un jour, de plusieurs jours ou d'un an tout juste", () => {
    expect(
      validateExceptions([
        { du: "2026-12-24", au: "2026-12-24" },
        { du: "2026-12-24", au: "2027-01-03", motif: "Congés" },
        { du: "2026-01-01", au: "2026-12-31" },
        { du: "2027-03-01", au: "2028-02-29" },
      ]),
    ).toEqual([]);
  });

  it("refuse une fin avant le début", () => {
    expect(validateExceptions([{ du: "2026-12-24", au: "2026-12-23" }])).toEqual([
      { index: 0, field: "au", message: "La date de fin ne peut pas être avant la date de début." },
    ]);
  });

  it("refuse une absence de plus d'un an", () => {
    const erreur = { field: "au", message: "Une absence ne peut pas durer plus d'un an." };
    expect(
      validateExceptions([
        { du: "2026-01-01", au: "2027-01-01" },
        { du: "2028-02-29", au: "2029-03-01" },
        { du: "2026-01-01", au: "2030-01-01" },
      ]),
    ).toEqual([
      { index: 0, ...erreur },
      { index: 1, ...erreur },
      { index: 2, ...erreur },
    ]);
    expect(validateExceptions([{ du: "2028-02-29", au: "2029-02-28" }])).toEqual([]);
  });

  it("refuse une date qui n'existe pas ou mal écrite", () => {
    expect(
      validateExceptions([
        { du: "2026-02-30", au: "2026-03-01" },
        { du: "2026-12-24", au: "26/12/2026" },
        { du: "", au: "" },
      ]),
    ).toEqual([
      { index: 0, field: "du", message: MESSAGE_DATE },
      { index: 1, field: "au", message: MESSAGE_DATE },
      { index: 2, field: "du", message: MESSAGE_DATE },
      { index: 2, field: "au", message: MESSAGE_DATE },
    ]);
  });
});
