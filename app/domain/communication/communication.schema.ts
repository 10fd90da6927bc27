import { formatNumber } from "~/lib/format";
import { ajouterJours, comparerJours, formatJourIso, type JourCivil, parseJourIso } from "~/lib/jour";
import { z } from "~/lib/zod";
import { COMMUNICATION_TYPES } from "./communication.labels";

export const TITRE_MAX = 150;
export const PUBLIC_MAX = 150;
export const COMMENTAIRE_MAX = 1000;
export const PORTEE_MAX = 1_000_000;
/** The first day an action may be dated: the network's history goes back to 2015. */
export const DATE_MIN = "2015-01-01";
/** A planned action may be logged ahead of time, up to a year after today. */
export const JOURS_A_L_AVANCE = 365;

/** An optional one-line text: spaces collapsed, empty when left out, at most `max` characters. */
const ligne = (max: number, message: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const t = (value ?? "").replace(/\s+/g, " ").trim();
      if (t.length > max) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return t;
    });

/**
 * The form of a communication action (list J). `aujourdhui` bounds the date: from 1 January 2015
 * to a year after today (a planned action may be logged ahead; indicator 8 counts by date).
 */
export function communicationSchema(aujourdhui: JourCivil) {
  const min = parseJourIso(DATE_MIN) as JourCivil;
  const max = ajouterJours(aujourdhui, JOURS_A_L_AVANCE);
  return z.object({
    date: z.string({ message: "Indiquez la date de l'action." }).transform((value, ctx) => {
      const jour = parseJourIso(value);
      if (!jour) {
        ctx.addIssue({ code: "custom", message: "Cette date n'existe pas (format attendu : JJ/MM/AAAA)." });
        return z.NEVER;
      }
      if (comparerJours(jour, min) < 0) {
        ctx.addIssue({ code: "custom", message: "La date ne peut pas être antérieure au 1er janvier 2015." });
        return z.NEVER;
      }
      if (comparerJours(jour, max) > 0) {
        ctx.addIssue({
          code: "custom",
          message: "Une action prévue peut être notée au plus un an à l'avance : vérifiez l'année.",
        });
        return z.NEVER;
      }
      return formatJourIso(jour);
    }),
    type: z.enum(COMMUNICATION_TYPES, { message: "Choisissez le type d'action." }),
    titre: z
      .string({ message: "Donnez un titre à l'action." })
      .transform((value) => value.replace(/\s+/g, " ").trim())
      .pipe(
        z
          .string()
          .min(3, { message: "Le titre compte au moins 3 caractères." })
          .max(TITRE_MAX, { message: `Le titre compte au plus ${TITRE_MAX} caractères.` }),
      ),
    public: ligne(PUBLIC_MAX, `Le public compte au plus ${PUBLIC_MAX} caractères.`),
    portee: z
      .string()
      .optional()
      .transform((value, ctx) => {
        // « 1 200 » as French people write it: spaces (also non-breaking) are ignored.
        const saisie = (value ?? "").replace(/[\s\u00a0\u202f]/g, "");
        if (saisie === "") return null;
        const n = /^\d{1,7}$/.test(saisie) ? Number(saisie) : Number.NaN;
        if (!Number.isInteger(n) || n > PORTEE_MAX) {
          ctx.addIssue({
            code: "custom",
            message: `Le nombre de personnes touchées est un nombre entier entre 0 et ${formatNumber(PORTEE_MAX)}, ou vide s'il n'est pas connu.`,
          });
          return z.NEVER;
        }
        return n;
      }),
    commentaire: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const t = (value ?? "").replace(/\r\n?/g, "\n").trim();
        if (t.length > COMMENTAIRE_MAX) {
          ctx.addIssue({
            code: "custom",
            message: `Le commentaire compte au plus ${formatNumber(COMMENTAIRE_MAX)} caractères.`,
          });
          return z.NEVER;
        }
        return t;
      }),
  });
}

export type CommunicationInput = z.output<ReturnType<typeof communicationSchema>>;
