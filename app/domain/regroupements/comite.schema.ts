import { TYPES_COMITE } from "~/domain/regroupements/regroupement.labels";
import { z } from "~/lib/zod";

export const COMITE_NOM_MAX = 120;
export const COMITE_DESCRIPTION_MAX = 1000;
export const MEMBRE_TEXTE_MAX = 160;

/** A required line of text: spaces collapsed, between 2 and `max` characters. */
export const ligne = (max: number, vide: string) =>
  z
    .string({ message: vide })
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .min(2, { message: vide })
        .max(max, { message: `${max} caractères au plus.` }),
    );

/**
 * An optional text (trimmed, line breaks kept), empty when left out, at most `max` characters.
 * Not to be confused with the identifying-data guard `texteLibre` of
 * app/domain/confidentialite/texte-libre.schema.ts.
 */
export const texteFacultatif = (max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const t = (value ?? "").replace(/\r\n?/g, "\n").trim();
      if (t.length > max) {
        ctx.addIssue({ code: "custom", message: `${max} caractères au plus.` });
        return z.NEVER;
      }
      return t;
    });

/** A new committee (the coordination creates them). */
export const comiteSchema = z.object({
  type: z.enum(TYPES_COMITE, { message: "Choisissez le type de comité." }),
  nom: ligne(COMITE_NOM_MAX, "Donnez le nom du comité."),
  description: texteFacultatif(COMITE_DESCRIPTION_MAX),
});
export type ComiteInput = z.output<typeof comiteSchema>;

/** A member of a committee: the organisation, the person sitting for it, optionally their account. */
export const membreSchema = z.object({
  organisation: ligne(MEMBRE_TEXTE_MAX, "Donnez l'organisation représentée."),
  nom: ligne(MEMBRE_TEXTE_MAX, "Donnez le nom de la personne."),
  fonction: texteFacultatif(MEMBRE_TEXTE_MAX),
  email: z
    .string()
    .optional()
    .transform((value) => value?.trim().toLowerCase() || null)
    .pipe(z.email({ message: "Cette adresse e-mail n'est pas valide." }).nullable()),
  userId: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .pipe(z.uuid({ message: "Choisissez un compte de la liste." }).nullable()),
});
export type MembreInput = z.output<typeof membreSchema>;
