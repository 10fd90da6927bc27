/**
 * Amounts in euros as people type them and read them (issue 8): stored and computed in cents, as
 * integers, never as floating-point euros. « 2 500,50 », « 2500.5 », « 2 500,50 € » are read; letters,
 * a third decimal or a negative amount where none makes sense are refused with a French message.
 */
import { z } from "~/lib/zod";

/** The largest amount accepted: 100 million euros, far above any coordination's budget. */
export const MONTANT_MAX_CENTIMES = 10_000_000_000;

export type MontantLu = { ok: true; centimes: number | null } | { ok: false; message: string };

const ESPACES = /[\s\u00a0\u202f\u2009]/g;

/**
 * Reads an amount typed in French: spaces (ordinary or non-breaking) between thousands, a comma or
 * a dot before the cents, a euro sign at the end. An empty field reads as `null` (the caller decides
 * whether it is required). `negatif`: whether a negative amount makes sense (an adjustment).
 */
export function lireMontant(texte: string | null | undefined, options: { negatif?: boolean } = {}): MontantLu {
  let saisie = (texte ?? "").trim();
  if (saisie === "") return { ok: true, centimes: null };
  saisie = saisie.replace(/\s*(?:€|eur|euros?)$/i, "").replace(ESPACES, "");
  let signe = 1;
  if (/^[-−]/.test(saisie)) {
    if (!options.negatif)
      return { ok: false, message: "Un montant négatif n'a pas de sens ici : indiquez un montant positif." };
    signe = -1;
    saisie = saisie.slice(1);
  }
  // « 2.500,50 »: dots between groups of three digits, then a decimal comma.
  if (/^\d{1,3}(?:\.\d{3})+,\d*$/.test(saisie)) saisie = saisie.replaceAll(".", "");
  const m = /^(\d+)(?:[.,](\d*))?$/.exec(saisie);
  if (!m) return { ok: false, message: "Indiquez un montant en euros, en chiffres : par exemple 2 500,50." };
  const decimales = m[2] ?? "";
  if (decimales.length > 2) {
    return { ok: false, message: "Deux décimales au plus (les centimes) : par exemple 2 500,50." };
  }
  const euros = m[1] as string;
  if (euros.replace(/^0+/, "").length > 9) return { ok: false, message: messageTropGrand() };
  const centimes = Number(euros) * 100 + Number(decimales.padEnd(2, "0"));
  if (centimes > MONTANT_MAX_CENTIMES) return { ok: false, message: messageTropGrand() };
  return { ok: true, centimes: signe * centimes };
}

function messageTropGrand(): string {
  return `Ce montant dépasse ${formatMontant(MONTANT_MAX_CENTIMES)} : vérifiez-le.`;
}

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** « 2 500,50 € » (French spaces: narrow non-breaking between thousands, non-breaking before €). */
export function formatMontant(centimes: number): string {
  return euros.format(centimes / 100);
}

/** The amount as typed back in a form field: « 2500,50 » (no thousands spaces, a decimal comma). */
export function saisieMontant(centimes: number | null | undefined): string {
  if (centimes === null || centimes === undefined) return "";
  const signe = centimes < 0 ? "-" : "";
  const absolu = Math.abs(centimes);
  return `${signe}${Math.trunc(absolu / 100)},${String(absolu % 100).padStart(2, "0")}`;
}

/**
 * A form field holding an amount (Conform + zod): the cents, or a French message next to the field.
 * `requis`: an empty field is refused; otherwise it reads as `null`.
 */
export function montantSchema(options: { requis?: boolean; negatif?: boolean } = {}) {
  return z
    .string()
    .optional()
    .transform((value, ctx): number | null => {
      const lu = lireMontant(value, { negatif: options.negatif });
      if (!lu.ok) {
        ctx.addIssue({ code: "custom", message: lu.message });
        return z.NEVER;
      }
      if (lu.centimes === null && options.requis) {
        ctx.addIssue({ code: "custom", message: "Indiquez un montant en euros (0 s'il n'y en a pas)." });
        return z.NEVER;
      }
      return lu.centimes;
    });
}
