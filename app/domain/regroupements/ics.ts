/**
 * iCalendar (RFC 5545) for gatherings: invitation attachments, the private feeds and the public
 * agenda feed. Pure: no clock read (the caller passes `maintenant`), no server import.
 *
 * Times are written in Europe/Paris local time with `TZID=Europe/Paris` and the matching
 * VTIMEZONE, so calendar applications show the hour the coordinator typed on both sides of a
 * DST change; DTSTAMP and LAST-MODIFIED are UTC.
 */
import { TIME_ZONE } from "~/lib/format";
import { momentParis } from "~/lib/jour";
import { lieuComplet } from "./regroupement.labels";

export type IcsEvenement = {
  uid: string;
  sequence: number;
  debut: Date;
  fin: Date;
  titre: string;
  description: string;
  lieu: string;
  url?: string | null;
  annule?: boolean;
  modifieLe: Date;
};

export type IcsMethode = "PUBLISH" | "CANCEL";

const CRLF = "\r\n";
/** Octets of a content line, CRLF excluded (RFC 5545 §3.1). */
const LONGUEUR_LIGNE = 75;

export const PRODID = "-//Promeneurs du Net//Regroupements//FR";

/**
 * The Europe/Paris zone with the EU rules since 1996: summer time from the last Sunday of March at
 * 02:00 (01:00 UTC) to the last Sunday of October at 03:00 (01:00 UTC).
 */
const VTIMEZONE_PARIS = [
  "BEGIN:VTIMEZONE",
  `TZID:${TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

function estControle(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks written
 * `\n`. Other control characters (forbidden in a content line) are dropped; a tab is kept.
 */
export function echapperTexte(texte: string): string {
  return texte
    .replace(/\r\n?/g, "\n")
    .split("")
    .filter((c) => !estControle(c) || c === "\t" || c === "\n")
    .join("")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

const encodeur = new TextEncoder();

/**
 * Folds one content line into lines of at most 75 octets (the continuation lines start with a
 * space, which counts), never inside a UTF-8 character.
 */
export function plierLigne(ligne: string): string {
  if (encodeur.encode(ligne).length <= LONGUEUR_LIGNE) return ligne;
  const lignes: string[] = [];
  let courante = "";
  let octets = 0;
  for (const caractere of ligne) {
    const taille = encodeur.encode(caractere).length;
    if (octets + taille > LONGUEUR_LIGNE) {
      lignes.push(courante);
      courante = " ";
      octets = 1;
    }
    courante += caractere;
    octets += taille;
  }
  lignes.push(courante);
  return lignes.join(CRLF);
}

function valide(date: Date): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError("Date invalide.");
  return date;
}

/** `20260330T100000`: the Europe/Paris wall-clock time of an instant (a DATE-TIME with TZID). */
export function heureLocaleIcs(date: Date): string {
  const m = momentParis(valide(date));
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(m.annee, 4)}${pad(m.mois)}${pad(m.jour)}T${pad(m.heure)}${pad(m.minute)}${pad(m.seconde)}`;
}

/** `20260330T080000Z`: an instant in UTC (DTSTAMP, LAST-MODIFIED). */
function heureUtcIcs(date: Date): string {
  return valide(date)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

function vevent(e: IcsEvenement, maintenant: Date, methode: IcsMethode): string[] {
  const annule = methode === "CANCEL" || e.annule === true;
  const lignes = [
    "BEGIN:VEVENT",
    `UID:${e.uid}`,
    `SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`,
    `DTSTAMP:${heureUtcIcs(maintenant)}`,
    `DTSTART;TZID=${TIME_ZONE}:${heureLocaleIcs(e.debut)}`,
    `DTEND;TZID=${TIME_ZONE}:${heureLocaleIcs(e.fin)}`,
    `SUMMARY:${echapperTexte(annule ? `Annulé : ${e.titre}` : e.titre)}`,
  ];
  if (e.description.trim() !== "") lignes.push(`DESCRIPTION:${echapperTexte(e.description)}`);
  if (e.lieu.trim() !== "") lignes.push(`LOCATION:${echapperTexte(e.lieu)}`);
  if (e.url) lignes.push(`URL:${[...e.url].filter((c) => !estControle(c)).join("")}`);
  lignes.push(`STATUS:${annule ? "CANCELLED" : "CONFIRMED"}`);
  lignes.push(`LAST-MODIFIED:${heureUtcIcs(e.modifieLe)}`);
  lignes.push("END:VEVENT");
  return lignes;
}

/** A VCALENDAR (CRLF lines, folded at 75 octets, escaped, with the Europe/Paris VTIMEZONE); methode PUBLISH by default, CANCEL for a cancellation. */
export function calendrierIcs(
  evenements: readonly IcsEvenement[],
  options: { nom: string; maintenant: Date; methode?: IcsMethode },
): string {
  const methode = options.methode ?? "PUBLISH";
  const lignes = [
    "BEGIN:VCALENDAR",
    `PRODID:${PRODID}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${methode}`,
    `X-WR-CALNAME:${echapperTexte(options.nom)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    ...VTIMEZONE_PARIS,
    ...evenements.flatMap((e) => vevent(e, options.maintenant, methode)),
    "END:VCALENDAR",
  ];
  return lignes.map(plierLigne).join(CRLF) + CRLF;
}

/** The mail attachment of one invitation: { filename: "invitation.ics", content, contentType: "text/calendar; charset=utf-8; method=…" }. */
export function pieceJointeIcs(
  evenement: IcsEvenement,
  options: { maintenant: Date; methode?: IcsMethode },
): { filename: string; content: string; contentType: string } {
  const methode = options.methode ?? "PUBLISH";
  return {
    filename: "invitation.ics",
    content: calendrierIcs([evenement], { nom: evenement.titre, maintenant: options.maintenant, methode }),
    contentType: `text/calendar; charset=utf-8; method=${methode}`,
  };
}

/** An IcsEvenement from a gathering row (uid `<id>@promeneurs-du-net`, url = publicUrl + /espace/regroupements/<id>, place = lieu + commune name or the video link). */
export function evenementDe(
  r: {
    id: string;
    titre: string;
    description: string;
    debut: Date;
    fin: Date;
    lieu: string;
    communeNom?: string | null;
    lienVisio: string | null;
    sequence: number;
    statut: string;
    updatedAt: Date;
  },
  publicUrl: string,
): IcsEvenement {
  const lieu = lieuComplet(r.lieu, r.communeNom);
  const visio = r.lienVisio?.trim() ?? "";
  const description =
    visio !== "" && lieu !== ""
      ? [r.description.trim(), `Visioconférence : ${visio}`].filter((x) => x !== "").join("\n\n")
      : r.description.trim();
  return {
    uid: `${r.id}@promeneurs-du-net`,
    sequence: r.sequence,
    debut: r.debut,
    fin: r.fin,
    titre: r.titre,
    description,
    lieu: lieu !== "" ? lieu : visio,
    url: `${publicUrl.replace(/\/+$/, "")}/espace/regroupements/${r.id}`,
    annule: r.statut === "annule",
    modifieLe: r.updatedAt,
  };
}
