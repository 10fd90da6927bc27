/**
 * Pure rules of a structure's record: SIRET check, French phone numbers, web addresses, the
 * employer charter's date, and the diff the audit log keeps. No database, `now` passed in.
 */
import { comparerJours, type JourCivil, jourParis, parseJourIso } from "~/lib/jour";
import { sansAccents } from "~/lib/text";

export type Resultat<T> = { ok: true; value: T } | { ok: false; message: string };

/** Luhn checksum (the SIRET's control key): doubling every second digit from the right. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** A SIRET as typed ("123 456 789 00012"): 14 digits with a valid Luhn key, spaces dropped. */
export function normalizeSiret(raw: string): Resultat<string> {
  const digits = raw.replace(/[\s.\u00a0\u202f-]/g, "");
  if (!/^\d+$/.test(digits)) {
    return { ok: false, message: "Le SIRET ne contient que des chiffres (14 chiffres, espaces acceptés)." };
  }
  if (digits.length !== 14) {
    return {
      ok: false,
      message: `Le SIRET comporte 14 chiffres ; celui-ci en compte ${digits.length}.`,
    };
  }
  if (!luhnValid(digits)) {
    return {
      ok: false,
      message:
        "Ce numéro SIRET n'existe pas : un chiffre est sans doute mal recopié (la clé de contrôle ne correspond pas).",
    };
  }
  return { ok: true, value: digits };
}

/** Country codes of overseas départements whose national numbers start with 0 + the same digits. */
const OUTRE_MER = ["262", "269", "590", "594", "596"];

const TELEPHONE_MESSAGE = "Saisissez un numéro de téléphone français à 10 chiffres, par exemple 04 92 31 00 00.";

/**
 * A French phone number, written the usual way: "04 92 31 00 00". Accepts spaces, dots, dashes,
 * "+33 4 92…", "0033 4 92…" and the overseas codes (+262, +590…).
 */
export function normalizeTelephone(raw: string): Resultat<string> {
  let digits = raw.replace(/[\s.\u00a0\u202f()/-]/g, "");
  if (digits.startsWith("+")) digits = `00${digits.slice(1)}`;
  if (!/^\d+$/.test(digits)) return { ok: false, message: TELEPHONE_MESSAGE };
  if (digits.startsWith("0033")) {
    digits = `0${digits.slice(4).replace(/^0/, "")}`;
  } else if (digits.startsWith("00")) {
    const code = OUTRE_MER.find((c) => digits.startsWith(`00${c}`));
    if (!code) return { ok: false, message: TELEPHONE_MESSAGE };
    digits = `0${digits.slice(5)}`;
  }
  if (!/^0[1-9]\d{8}$/.test(digits)) return { ok: false, message: TELEPHONE_MESSAGE };
  return { ok: true, value: digits.replace(/(\d{2})(?=\d)/g, "$1 ") };
}

/** A web site's address: https only; "www.exemple.fr" gets its "https://". */
export function normalizeSiteWeb(raw: string): Resultat<string> {
  const value = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: "Saisissez l'adresse complète du site, par exemple https://www.exemple.fr." };
  }
  if (url.protocol !== "https:") {
    return { ok: false, message: "L'adresse du site doit commencer par https:// (connexion sécurisée)." };
  }
  if (!url.hostname.includes(".") || url.username || url.password) {
    return { ok: false, message: "Saisissez l'adresse complète du site, par exemple https://www.exemple.fr." };
  }
  return { ok: true, value: url.href };
}

/** The employer charter's signature day: a real day, not after today (Europe/Paris). */
export function checkDateCharte(raw: string, now: Date): Resultat<JourCivil> {
  const jour = parseJourIso(raw);
  if (!jour) return { ok: false, message: "Saisissez la date de signature au format jj/mm/aaaa." };
  if (comparerJours(jour, jourParis(now)) > 0) {
    return { ok: false, message: "La date de signature ne peut pas être dans le futur." };
  }
  return { ok: true, value: jour };
}

/** Lower case without accents, single spaces: "Écoles  du Val" and "ecoles du val" are the same name. */
export function foldNom(value: string): string {
  return sansAccents(value).replace(/\s+/g, " ").trim();
}
