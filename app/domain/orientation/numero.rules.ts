import { ajouterMois, comparerJours, type JourCivil, parseJourIso } from "~/lib/jour";
import { NUMERO_KINDS, type NumeroKind } from "./numeros-nationaux";

/**
 * Pure rules of the referral directory (DESIGN §3): how a French number is written and dialled,
 * when an entry is due for a new check, in which order the public page lists entries.
 */

/** An entry not verified for this many months is flagged « à revérifier ». */
export const VERIFICATION_MOIS = 12;

export type TelephoneNormalise = { ok: true; affichage: string } | { ok: false; message: string };

const COURT = /^[1-9]\d{1,5}$/;
const NATIONAL = /^0[1-9]\d{8}$/;

/** "0492300000" → "04 92 30 00 00"; "0800231313" → "0 800 23 13 13" (numéros spéciaux 08). */
function formatNational(chiffres: string): string {
  if (chiffres.startsWith("08")) {
    return `0 ${chiffres.slice(1, 4)} ${chiffres.slice(4).replace(/(\d{2})(?=\d)/g, "$1 ")}`;
  }
  return chiffres.replace(/(\d{2})(?=\d)/g, "$1 ");
}

/**
 * A French number as typed (« 04.92.30.00.00 », « +33 4 92 30 00 00 », « 0 800 235 236 », « 3114 »)
 * → the form shown and stored: ten digits grouped by two (numéros spéciaux « 0 800 … »), or the
 * typist's own grouping when they spaced it; short numbers (15, 119, 3114, 116 000) as typed.
 * Anything else (letters, a foreign number, nine digits) is refused with a French message.
 */
export function normaliserTelephone(saisie: string): TelephoneNormalise {
  let texte = saisie
    .trim()
    .replace(/[.\-/\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ");
  let international = false;
  const prefixe = /^(\+|00) ?33 ?(\(0\) ?)?/.exec(texte);
  if (prefixe) {
    texte = `0${texte.slice(prefixe[0].length)}`;
    international = true;
  }
  if (texte === "" || !/^[\d ]+$/.test(texte)) {
    return { ok: false, message: "Écrivez un numéro français en chiffres, par exemple 04 92 30 00 00 ou 3114." };
  }
  const chiffres = texte.replace(/ /g, "");
  if (NATIONAL.test(chiffres)) {
    // A grouping of the typist's own (« 0 800 235 236 ») is kept; a run of digits is grouped.
    const garde = !international && texte.includes(" ") && /^\d{1,4}( \d{1,4})+$/.test(texte);
    return { ok: true, affichage: garde ? texte : formatNational(chiffres) };
  }
  if (COURT.test(chiffres) && !international) return { ok: true, affichage: texte };
  return {
    ok: false,
    message:
      "Ce numéro n'est pas un numéro français valide : 10 chiffres commençant par 0, ou un numéro court (15, 119, 3114…).",
  };
}

/** The digits a `tel:` or `sms:` link dials: « 0 800 235 236 » → « 0800235236 ». */
export function chiffresDe(affichage: string): string {
  return affichage.replace(/\D/g, "");
}

/** An http(s) address, nothing else (no `javascript:`, `data:`, `mailto:`). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** True when the entry was last checked `VERIFICATION_MOIS` months ago or more (or the day is unreadable). */
export function isAReverifier(verifieLe: string, aujourdhui: JourCivil): boolean {
  const jour = parseJourIso(verifieLe);
  if (!jour) return true;
  return comparerJours(ajouterMois(jour, VERIFICATION_MOIS), aujourdhui) <= 0;
}

type Classable = { departement: string | null; genre: string; ordre: number; nom: string };

function rangGenre(genre: string): number {
  const i = NUMERO_KINDS.indexOf(genre as NumeroKind);
  return i === -1 ? NUMERO_KINDS.length : i;
}

/**
 * The order of the public page: national emergency numbers, listening lines, reporting services,
 * then the département's services; inside a group, by `ordre` then name.
 */
export function comparerNumeros(a: Classable, b: Classable): number {
  const localA = a.departement === null ? 0 : 1;
  const localB = b.departement === null ? 0 : 1;
  return (
    localA - localB ||
    (localA === 0 ? rangGenre(a.genre) - rangGenre(b.genre) : 0) ||
    a.ordre - b.ordre ||
    a.nom.localeCompare(b.nom, "fr")
  );
}

export type GroupesNumeros<T> = Record<NumeroKind, T[]> & { locaux: T[] };

/** The entries split as the public page shows them. */
export function grouperNumeros<T extends Classable>(numeros: readonly T[]): GroupesNumeros<T> {
  const groupes: GroupesNumeros<T> = { urgence: [], ecoute: [], signalement: [], locaux: [] };
  for (const n of [...numeros].sort(comparerNumeros)) {
    if (n.departement !== null) groupes.locaux.push(n);
    else groupes[NUMERO_KINDS.includes(n.genre as NumeroKind) ? (n.genre as NumeroKind) : "ecoute"].push(n);
  }
  return groupes;
}
