/** Every date and number shown to a person: French formats, Europe/Paris time. */
export const TIME_ZONE = "Europe/Paris";

const dateFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
});
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const numberFormat = new Intl.NumberFormat("fr-FR");

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "–";
  return dateFormat.format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "–";
  return dateTimeFormat.format(new Date(value)).replace(":", " h ");
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return numberFormat.format(value);
}

/** "1 structure", "3 structures". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${n > 1 ? pluralForm : singular}`;
}

/** Hours the French way, `decimales` decimals at most: « 12,5 h », « 2,25 h » (2 decimals), « 14 h ». */
export function formatHeures(heures: number, decimales = 1): string {
  return `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: decimales }).format(heures)}\u00a0h`;
}
