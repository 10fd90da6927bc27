import { instantParis, jourIso, parseJourIso } from "~/lib/jour";
import { normaliserRecherche, slugBase } from "~/lib/text";
import type { EtatConformite, StatutContenu } from "./contenu.labels";
import { PAGES_FIXES } from "./contenu.labels";

/** A news post is public once published and its publication date has come (a later date schedules it). */
export function isActualitePublique(actualite: { statut: string; publieLe: Date | string | null }, now: Date): boolean {
  if (actualite.statut !== "publie" || !actualite.publieLe) return false;
  return new Date(actualite.publieLe).getTime() <= now.getTime();
}

/** What the back-office list says of a post: draft, scheduled or online. */
export function etatActualite(
  actualite: { statut: string; publieLe: Date | string | null },
  now: Date,
): "brouillon" | "programmee" | "en_ligne" {
  if (actualite.statut !== "publie") return "brouillon";
  return isActualitePublique(actualite, now) ? "en_ligne" : "programmee";
}

export const etatActualiteLabels = {
  brouillon: "Brouillon",
  programmee: "Programmée",
  en_ligne: "En ligne",
} as const;

/** The address of a post from its title: "Rencontre à Digne !" → "rencontre-a-digne". */
export function slugDepuisTitre(titre: string, fallback = "actualite"): string {
  return normaliserRecherche(titre) ? slugBase(titre) : fallback;
}

/** An address typed by hand, cleaned the same way; null when nothing usable is left. */
export function slugSaisi(value: string): string | null {
  return normaliserRecherche(value) ? slugBase(value) : null;
}

/** Slugs a free page may not take: the fixed pages' and the back-office's own words. */
export const SLUGS_RESERVES: readonly string[] = [...PAGES_FIXES, "nouvelle"];

const DATETIME_LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** `<input type="datetime-local">` value (Europe/Paris wall clock) → instant; null when malformed. */
export function parseDateHeureParis(value: string): Date | null {
  const match = DATETIME_LOCAL.exec(value.trim());
  if (!match) return null;
  const jour = parseJourIso(match[1] ?? "");
  const heure = Number(match[2]);
  const minute = Number(match[3]);
  if (!jour || heure > 23 || minute > 59) return null;
  return instantParis(jour, heure, minute);
}

const HEURE_PARIS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Instant → `<input type="datetime-local">` value on the Europe/Paris wall clock. */
export function formatDateHeureParis(instant: Date): string {
  return `${jourIso(instant)}T${HEURE_PARIS.format(instant)}`;
}

/**
 * The RGAA's own rule: with no audit the site is « non conforme »; « totalement conforme » is 100 %
 * of the criteria met, « partiellement conforme » at least 50 %, below that « non conforme ».
 * Answers the field at fault and a French message, or null when the declaration holds.
 */
export function checkConformite(input: {
  etat: EtatConformite;
  auditLe: string | null;
  taux: number | null;
}): { field: "etatConformite" | "auditLe" | "tauxConformite"; message: string } | null {
  const audite = input.auditLe !== null || input.taux !== null;
  if (!audite) {
    if (input.etat === "non_conforme") return null;
    return {
      field: "etatConformite",
      message: "Sans audit (date et taux), le RGAA demande de déclarer le site « non conforme ».",
    };
  }
  if (input.auditLe === null) return { field: "auditLe", message: "Indiquez la date de l'audit." };
  if (input.taux === null) return { field: "tauxConformite", message: "Indiquez le taux de conformité de l'audit." };
  const attendu: EtatConformite =
    input.taux === 100 ? "totalement_conforme" : input.taux >= 50 ? "partiellement_conforme" : "non_conforme";
  if (attendu !== input.etat) {
    return {
      field: "etatConformite",
      message:
        "Cet état ne correspond pas au taux : 100 % donne « totalement conforme », de 50 à 99 % « partiellement conforme », moins de 50 % « non conforme ».",
    };
  }
  return null;
}

export type StatutPage = StatutContenu;
