/**
 * The rules of a gathering (pure, no clock read): local Paris date and time → instant, the
 * consistency of a gathering's fields, who may still answer, and how its date reads in French.
 */
import { formatNumber } from "~/lib/format";
import {
  ajouterJours,
  debutJourParis,
  instantParis,
  instantParisExistant,
  type JourCivil,
  jourParis,
  momentParis,
  parseJourIso,
} from "~/lib/jour";
import { creneauEnLettres } from "./agenda.format";
import { REGROUPEMENT_TYPES, type RegroupementType } from "./regroupement.labels";

/** The hour of the daily reminder job (Europe/Paris). */
const HEURE_RAPPEL_REGROUPEMENT = 9;

/** "09:30": the value of an `<input type="time">` for an instant, in Paris. */
export function heureIso(date: Date): string {
  const { heure, minute } = momentParis(date);
  return `${String(heure).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

const HEURE = /^([01]?\d|2[0-3])[:hH]([0-5]\d)$/;

/** "09:30", "9:30" or "9h30" → hour and minute; null for anything else. */
export function parseHeure(text: string): { heure: number; minute: number } | null {
  const match = HEURE.exec(text.trim());
  if (!match) return null;
  return { heure: Number(match[1]), minute: Number(match[2]) };
}

export type InstantLocal = { ok: true; instant: Date } | { ok: false; message: string };

/**
 * The instant of a local Paris day and time. A time that does not exist (the hour skipped when
 * clocks go forward, 02:00–02:59 on the last Sunday of March) is refused, never shifted. A time
 * that happens twice (the last Sunday of October, 02:00–02:59) is the first one, summer time.
 */
export function instantLocal(jour: JourCivil, heure: number, minute: number): InstantLocal {
  const instant = instantParisExistant(jour, heure, minute);
  if (!instant) {
    return {
      ok: false,
      message: `${String(heure).padStart(2, "0")}\u00a0h\u00a0${String(minute).padStart(2, "0")} n'existe pas ce jour-là\u00a0: on passe à l'heure d'été, les horloges sautent de 2\u00a0h à 3\u00a0h. Choisissez une autre heure.`,
    };
  }
  return { ok: true, instant };
}

/** A day and a time as typed in the form → instant, or the French reason it is refused and the field it is about. */
export function lireDateHeure(
  jourSaisi: string,
  heureSaisie: string,
): { ok: true; instant: Date } | { ok: false; champ: "jour" | "heure"; message: string } {
  const jour = parseJourIso(jourSaisi);
  if (!jour) return { ok: false, champ: "jour", message: "Indiquez une date valide, par exemple 12/05/2026." };
  const heure = parseHeure(heureSaisie);
  if (!heure) return { ok: false, champ: "heure", message: "Indiquez une heure valide, par exemple 09:30." };
  const lu = instantLocal(jour, heure.heure, heure.minute);
  return lu.ok ? lu : { ok: false, champ: "heure", message: lu.message };
}

const MESSAGE_FIN_AVANT_DEBUT = "La fin doit être après le début.";
const MESSAGE_LIEU_OU_VISIO = "Indiquez un lieu, un lien de visioconférence, ou les deux.";

/** The end must be after the start. */
export function verifierPeriode(debut: Date, fin: Date): string | null {
  return fin.getTime() > debut.getTime() ? null : MESSAGE_FIN_AVANT_DEBUT;
}

/** A gathering takes place somewhere: a place, a video link or both. */
export function verifierLieu(lieu: string, lienVisio: string | null | undefined): string | null {
  return lieu.trim() !== "" || (lienVisio ?? "").trim() !== "" ? null : MESSAGE_LIEU_OU_VISIO;
}

/** A capacity may not fall below the registrations already received. */
export function verifierCapacite(capacite: number | null, inscrits: number): string | null {
  if (capacite === null || capacite >= inscrits) return null;
  return `${formatNumber(inscrits)} personnes sont déjà inscrites\u00a0: la capacité ne peut pas être inférieure à ${formatNumber(inscrits)}.`;
}

export type EtatReponse = {
  statut: string;
  debut: Date;
  capacite: number | null;
  /** Registrations (`oui`) of the others, this invitee excluded. */
  inscritsAutres: number;
};

/** Why nobody may answer any more (cancelled, started), or null while answering is open. */
export function reponseFermee(statut: string, debut: Date, now: Date): string | null {
  if (statut === "annule") return "Ce regroupement est annulé\u00a0: il n'est plus possible d'y répondre.";
  if (now.getTime() >= debut.getTime()) {
    return "Ce regroupement a déjà commencé\u00a0: il n'est plus possible d'y répondre.";
  }
  return null;
}

/**
 * Whether an invitee may give this answer now: not to a cancelled gathering, not once it started,
 * and not `oui` when the others already fill the capacity. Null when allowed, else the reason.
 */
export function refusReponse(etat: EtatReponse, reponse: "oui" | "non", now: Date): string | null {
  const fermee = reponseFermee(etat.statut, etat.debut, now);
  if (fermee) return fermee;
  if (reponse === "oui" && etat.capacite !== null && etat.inscritsAutres >= etat.capacite) {
    return `Complet\u00a0: ${etat.capacite > 1 ? `${formatNumber(etat.capacite)} places, toutes prises` : "1 place, déjà prise"}.`;
  }
  return null;
}

/** The places left (null: no limit), never below zero. */
export function placesRestantes(capacite: number | null, inscrits: number): number | null {
  return capacite === null ? null : Math.max(0, capacite - inscrits);
}

/**
 * When a gathering takes place, in French (non-breaking spaces as French typography wants them):
 * « mardi 12 mai 2026, de 9 h 30 à 12 h », or over several days
 * « du mardi 12 mai 2026 à 9 h 30 au mercredi 13 mai 2026 à 12 h ».
 */
export function formatPlage(debut: Date, fin: Date): string {
  const c = creneauEnLettres(debut, fin);
  return `${c.debut} ${c.liaison} ${c.fin}`;
}

/** The instants bounding the Paris calendar day after `now`'s: [start, end). */
export function lendemainParis(now: Date): { debut: Date; fin: Date } {
  const demain = ajouterJours(jourParis(now), 1);
  return { debut: debutJourParis(demain), fin: debutJourParis(ajouterJours(demain, 1)) };
}

/** The next 09:00 Europe/Paris strictly after `now`: the reminder job's next occurrence. */
export function prochainRappelRegroupement(now: Date): Date {
  const aujourdhui = jourParis(now);
  const candidat = instantParis(aujourdhui, HEURE_RAPPEL_REGROUPEMENT);
  if (candidat.getTime() > now.getTime()) return candidat;
  return instantParis(ajouterJours(aujourdhui, 1), HEURE_RAPPEL_REGROUPEMENT);
}

/** The list filter of the coordination: upcoming (not yet ended), past, or all gatherings. */
export const PERIODES = ["a_venir", "passes", "tous"] as const;
export type Periode = (typeof PERIODES)[number];
export const periodeLabels = {
  a_venir: "À venir",
  passes: "Passés",
  tous: "Tous",
} satisfies Record<Periode, string>;

export function lirePeriode(value: string | null): Periode {
  return (PERIODES as readonly string[]).includes(value ?? "") ? (value as Periode) : "a_venir";
}

export function lireType(value: string | null): RegroupementType | null {
  return (REGROUPEMENT_TYPES as readonly string[]).includes(value ?? "") ? (value as RegroupementType) : null;
}
