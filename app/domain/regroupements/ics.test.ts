import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  calendrierIcs,
  echapperTexte,
  evenementDe,
  heureLocaleIcs,
  type IcsEvenement,
  pieceJointeIcs,
  plierLigne,
} from "./ics";

const maintenant = new Date("2026-03-01T12:00:00Z");

function evenement(debut: string, fin: string, autres: Partial<IcsEvenement> = {}): IcsEvenement {
  return {
    uid: `${debut}@promeneurs-du-net`,
    sequence: 0,
    debut: new Date(debut),
    fin: new Date(fin),
    titre: "Échange de pratiques",
    description: "",
    lieu: "",
    modifieLe: new Date("2026-02-01T09:30:00Z"),
    ...autres,
  };
}

/** Parses with ical.js, an independent parser, resolving TZID with the calendar's own VTIMEZONE. */
function lire(ics: string) {
  const calendrier = new ICAL.Component(ICAL.parse(ics));
  const zones = calendrier.getAllSubcomponents("vtimezone");
  expect(zones).toHaveLength(1);
  const zone = new ICAL.Timezone(zones[0] as ICAL.Component);
  const evenements = calendrier.getAllSubcomponents("vevent").map((c) => {
    const e = new ICAL.Event(c);
    // The zone of the file, not a zone ical.js may know: proves the VTIMEZONE is right.
    const debut = e.startDate.clone();
    const fin = e.endDate.clone();
    expect(c.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Europe/Paris");
    expect(c.getFirstProperty("dtend")?.getParameter("tzid")).toBe("Europe/Paris");
    debut.zone = zone;
    fin.zone = zone;
    return { composant: c, evenement: e, debut, fin };
  });
  return { calendrier, evenements };
}

function nieme<T>(liste: readonly T[], i: number): T {
  const valeur = liste[i];
  if (valeur === undefined) throw new Error(`Pas d'élément ${i}.`);
  return valeur;
}

function local(t: ICAL.Time): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

describe("calendrierIcs", () => {
  it("écrit l'en-tête, des lignes CRLF d'au plus 75 octets et la VTIMEZONE de Paris", () => {
    const ics = calendrierIcs([evenement("2026-05-12T12:00:00Z", "2026-05-12T14:30:00Z")], {
      nom: "Agenda, départemental",
      maintenant,
    });
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lignes = ics.split("\r\n").slice(0, -1);
    for (const l of lignes) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(lignes.slice(0, 6)).toEqual([
      "BEGIN:VCALENDAR",
      "PRODID:-//Promeneurs du Net//Regroupements//FR",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Agenda\\, départemental",
    ]);
    expect(lignes).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    expect(lignes).toContain("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
    expect(lignes).toContain("DTSTAMP:20260301T120000Z");
    expect(lignes).toContain("LAST-MODIFIED:20260201T093000Z");
    expect(lignes).toContain("DTSTART;TZID=Europe/Paris:20260512T140000");
    expect(lignes).toContain("DTEND;TZID=Europe/Paris:20260512T163000");
    expect(lignes).toContain("STATUS:CONFIRMED");
    const { calendrier } = lire(ics);
    expect(calendrier.getFirstPropertyValue("method")).toBe("PUBLISH");
  });

  it("place les événements à la bonne heure locale et au bon instant UTC des deux côtés des changements d'heure 2026", () => {
    const cas = [
      // Before and after the spring change (29 March 2026).
      {
        debut: "2026-03-28T09:00:00Z",
        fin: "2026-03-28T11:00:00Z",
        local: "2026-03-28 10:00",
        finLocale: "2026-03-28 12:00",
      },
      {
        debut: "2026-03-30T08:00:00Z",
        fin: "2026-03-30T10:00:00Z",
        local: "2026-03-30 10:00",
        finLocale: "2026-03-30 12:00",
      },
      // Before and after the autumn change (25 October 2026).
      {
        debut: "2026-10-24T08:00:00Z",
        fin: "2026-10-24T10:00:00Z",
        local: "2026-10-24 10:00",
        finLocale: "2026-10-24 12:00",
      },
      {
        debut: "2026-10-26T09:00:00Z",
        fin: "2026-10-26T11:00:00Z",
        local: "2026-10-26 10:00",
        finLocale: "2026-10-26 12:00",
      },
      // Across the change night: Saturday 18:00 CET to Sunday 12:00 CEST (17 hours).
      {
        debut: "2026-03-28T17:00:00Z",
        fin: "2026-03-29T10:00:00Z",
        local: "2026-03-28 18:00",
        finLocale: "2026-03-29 12:00",
      },
      // Across the autumn night: Saturday 20:00 CEST to Sunday 09:00 CET (14 hours).
      {
        debut: "2026-10-24T18:00:00Z",
        fin: "2026-10-25T08:00:00Z",
        local: "2026-10-24 20:00",
        finLocale: "2026-10-25 09:00",
      },
    ];
    const ics = calendrierIcs(
      cas.map((c) => evenement(c.debut, c.fin)),
      { nom: "Agenda", maintenant },
    );
    const { evenements } = lire(ics);
    expect(evenements).toHaveLength(cas.length);
    cas.forEach((c, i) => {
      const e = nieme(evenements, i);
      expect(local(e.debut), c.debut).toBe(c.local);
      expect(local(e.fin), c.fin).toBe(c.finLocale);
      expect(e.debut.toJSDate().toISOString(), c.debut).toBe(new Date(c.debut).toISOString());
      expect(e.fin.toJSDate().toISOString(), c.fin).toBe(new Date(c.fin).toISOString());
    });
  });

  it("plie et échappe un long texte accentué sans rien perdre", () => {
    const description =
      "Ordre du jour ; présentation, échanges\nPause café à 10 h 30 — « atelier » \\ retours d'expérience. ".repeat(8) +
      "🙂 émoji à la fin, œuvre ÿ";
    const titre = "Formation continue : l'écoute active, les réseaux sociaux ; et la relation éducative à distance";
    const lieu = "Maison des associations, salle 2 ; Digne-les-Bains";
    const ics = calendrierIcs(
      [
        evenement("2026-06-02T07:00:00Z", "2026-06-02T15:00:00Z", {
          description,
          titre,
          lieu,
          url: "https://exemple.fr/a,b",
        }),
      ],
      { nom: "Agenda", maintenant },
    );
    for (const l of ics.split("\r\n")) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    // Folding never splits a multi-byte character: every line is valid UTF-8 on its own.
    const decodeur = new TextDecoder("utf-8", { fatal: true });
    for (const l of ics.split("\r\n")) expect(() => decodeur.decode(new TextEncoder().encode(l))).not.toThrow();
    const { evenements } = lire(ics);
    const e = nieme(evenements, 0).evenement;
    expect(e.description).toBe(description.trim());
    expect(e.summary).toBe(titre);
    expect(e.location).toBe(lieu);
    expect(nieme(evenements, 0).composant.getFirstPropertyValue("url")).toBe("https://exemple.fr/a,b");
  });

  it("marque une annulation : STATUS CANCELLED, et METHOD CANCEL pour la pièce jointe", () => {
    const e = evenement("2026-10-26T09:00:00Z", "2026-10-26T11:00:00Z", { annule: true, sequence: 3 });
    const flux = lire(calendrierIcs([e], { nom: "Agenda", maintenant }));
    expect(flux.calendrier.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(nieme(flux.evenements, 0).composant.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(nieme(flux.evenements, 0).evenement.sequence).toBe(3);

    const piece = pieceJointeIcs({ ...e, annule: false }, { maintenant, methode: "CANCEL" });
    expect(piece.filename).toBe("invitation.ics");
    expect(piece.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
    const annulation = lire(piece.content);
    expect(annulation.calendrier.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(nieme(annulation.evenements, 0).composant.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(nieme(annulation.evenements, 0).evenement.uid).toBe(e.uid);
  });

  it("donne par défaut une pièce jointe PUBLISH confirmée", () => {
    const piece = pieceJointeIcs(evenement("2026-03-30T08:00:00Z", "2026-03-30T10:00:00Z"), { maintenant });
    expect(piece.contentType).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    const { calendrier, evenements } = lire(piece.content);
    expect(calendrier.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(nieme(evenements, 0).composant.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(local(nieme(evenements, 0).debut)).toBe("2026-03-30 10:00");
  });

  it("refuse une date invalide", () => {
    expect(() => heureLocaleIcs(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("evenementDe", () => {
  const ligne = {
    id: "4b1d6c1e-0000-4000-8000-000000000001",
    titre: "Réunion départementale",
    description: "Bilan de l'année",
    debut: new Date("2026-05-12T12:00:00Z"),
    fin: new Date("2026-05-12T14:30:00Z"),
    lieu: "Salle du conseil",
    communeNom: "Digne-les-Bains",
    lienVisio: null,
    sequence: 2,
    statut: "prevu",
    updatedAt: new Date("2026-04-01T08:00:00Z"),
  };

  it("construit l'UID, l'adresse et le lieu avec la commune", () => {
    const e = evenementDe(ligne, "https://pdn04.fr/");
    expect(e).toMatchObject({
      uid: `${ligne.id}@promeneurs-du-net`,
      url: `https://pdn04.fr/espace/regroupements/${ligne.id}`,
      lieu: "Salle du conseil, Digne-les-Bains",
      sequence: 2,
      annule: false,
      modifieLe: ligne.updatedAt,
    });
  });

  it("prend le lien de visioconférence pour lieu d'un regroupement en ligne, et marque l'annulation", () => {
    const e = evenementDe(
      { ...ligne, lieu: "", communeNom: null, lienVisio: "https://visio.exemple/abc", statut: "annule" },
      "https://pdn04.fr",
    );
    expect(e.lieu).toBe("https://visio.exemple/abc");
    expect(e.annule).toBe(true);
  });

  it("ajoute le lien de visioconférence à la description d'un regroupement hybride", () => {
    const e = evenementDe({ ...ligne, lienVisio: "https://visio.exemple/abc" }, "https://pdn04.fr");
    expect(e.lieu).toBe("Salle du conseil, Digne-les-Bains");
    expect(e.description).toContain("https://visio.exemple/abc");
  });
});

/** The inverse of folding and TEXT escaping, written here from RFC 5545, independent of ics.ts. */
function deplier(lignes: string): string {
  return lignes.replace(/\r\n[ \t]/g, "");
}
function desechapper(valeur: string): string {
  return valeur.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

describe("échappement et pliage", () => {
  it("rend tout texte à l'identique (lignes normalisées en LF, caractères de contrôle retirés)", async () => {
    await fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom("\\", ";", ",", "\n", "\r\n", "é", "🙂", " "),
            fc.string({ unit: "grapheme", maxLength: 1 }),
          ) as fc.Arbitrary<string>,
          maxLength: 300,
        }),
        (texte) => {
          const ligne = `DESCRIPTION:${echapperTexte(texte)}`;
          const pliee = plierLigne(ligne);
          for (const l of pliee.split("\r\n")) {
            expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
            expect(l).not.toMatch(/\uFFFD/);
          }
          const attendu = [...texte.replace(/\r\n?/g, "\n")]
            .filter((c) => c === "\n" || c === "\t" || !(c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
            .join("");
          expect(desechapper(deplier(pliee).slice("DESCRIPTION:".length))).toBe(attendu);
        },
      ),
    );
  });

  it("fait relire par ical.js tout texte plié et échappé", async () => {
    await fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (texte) => {
        const propre = [...texte.replace(/\r\n?/g, "\n")]
          .filter((c) => c === "\n" || c === "\t" || !(c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
          .join("");
        const ics = calendrierIcs([evenement("2026-03-30T08:00:00Z", "2026-03-30T10:00:00Z", { titre: propre })], {
          nom: "Agenda",
          maintenant,
        });
        const e = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent") as ICAL.Component);
        expect(e.summary).toBe(propre);
      }),
      { numRuns: 200 },
    );
  });
});
