import { ajouterJours, instantParis, jourParis } from "~/lib/jour";

/** Messages of the contact form are deleted this many months after they arrived, archived or not. */
export const CONSERVATION_MESSAGES_MOIS = 12;

/** Messages received before this instant are past their retention at `now`. */
export function limiteConservationMessages(now: Date): Date {
  const limite = new Date(now.getTime());
  limite.setUTCMonth(limite.getUTCMonth() - CONSERVATION_MESSAGES_MOIS);
  return limite;
}

/** The daily clean-up runs at this hour, Europe/Paris (a quiet hour outside any DST gap). */
const HEURE_SUPPRESSION = 4;

/** The next 04:00 Europe/Paris strictly after `now` (the daily deletion of old messages). */
export function prochaineSuppressionMessages(now: Date): Date {
  const aujourdhui = jourParis(now);
  const candidat = instantParis(aujourdhui, HEURE_SUPPRESSION);
  if (candidat.getTime() > now.getTime()) return candidat;
  return instantParis(ajouterJours(aujourdhui, 1), HEURE_SUPPRESSION);
}
