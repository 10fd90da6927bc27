import { ajouterJours, instantParis, jourParis } from "~/lib/jour";

/**
 * Retention of professionals' data (RGPD art. 5-1-e). The scheduled job and the register of
 * processing activities read these same constants.
 */
/** An account with no sign-in for this many years is erased (identity removed, figures kept). */
export const CONSERVATION_COMPTES_INACTIFS_ANS = 2;
/** Audit entries are deleted this many years after they were written. */
export const CONSERVATION_JOURNAL_ANS = 5;

function ansAvant(now: Date, ans: number): Date {
  const limite = new Date(now.getTime());
  limite.setUTCFullYear(limite.getUTCFullYear() - ans);
  return limite;
}

/** An account whose last sign-in (or, never signed in, its creation) is before this instant is inactive. */
export function limiteInactivite(now: Date): Date {
  return ansAvant(now, CONSERVATION_COMPTES_INACTIFS_ANS);
}

/** Audit entries written before this instant are past their retention. */
export function limiteJournal(now: Date): Date {
  return ansAvant(now, CONSERVATION_JOURNAL_ANS);
}

/** The daily run, Europe/Paris (after the contact messages' clean-up at 04:00). */
const HEURE_CONSERVATION = 4;
const MINUTE_CONSERVATION = 30;

/** The next 04:30 Europe/Paris strictly after `now`. */
export function prochaineConservation(now: Date): Date {
  const aujourdhui = jourParis(now);
  const candidat = instantParis(aujourdhui, HEURE_CONSERVATION, MINUTE_CONSERVATION);
  if (candidat.getTime() > now.getTime()) return candidat;
  return instantParis(ajouterJours(aujourdhui, 1), HEURE_CONSERVATION, MINUTE_CONSERVATION);
}

/** The name and placeholders an erased person is shown under. */
export function libellePersonneEffacee(numero: number): string {
  return `Personne effacée n°\u00a0${numero}`;
}

export function emailPersonneEffacee(numero: number): string {
  return `personne-effacee-${numero}@efface.invalid`;
}
