import { jourLabels } from "./presence.labels";
import { type CreneauDate, formatPlage, HORIZON_JOURS } from "./presence.rules";

/** What a page says when `prochainCreneau` finds no slot within its horizon. */
export const AUCUN_PROCHAIN_CRENEAU = `aucun créneau dans les ${HORIZON_JOURS} prochains jours`;

// Calendar dates ("2026-03-03") are read as UTC midnight and written in UTC: no shift of a day.
const dateFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "long" });

/** "mardi 3 mars de 18 h 00 à 20 h 00". */
export function formatCreneauDate(creneau: CreneauDate): string {
  return `${jourLabels[creneau.jour]} ${dateFormat.format(new Date(`${creneau.date}T00:00:00Z`))} ${formatPlage(creneau.debut, creneau.fin)}`;
}

const longDateFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "UTC",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "24 décembre 2026" for an ISO calendar date. */
export function formatDateIso(date: string): string {
  return longDateFormat.format(new Date(`${date}T00:00:00Z`));
}
