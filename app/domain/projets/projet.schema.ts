import { texteLibre } from "~/domain/confidentialite/texte-libre.schema";
import { THEMES } from "~/domain/promeneurs/theme.labels";
import { formatNumber } from "~/lib/format";
import { comparerJours, formatJourIso, type JourCivil, parseJourIso } from "~/lib/jour";
import { z } from "~/lib/zod";
import { PROJET_ETATS, PROJET_FORMES } from "./projet.labels";

export const TITRE_MAX = 120;
export const DESCRIPTION_MAX = 1000;
export const PARTENAIRES_MAX = 300;
/** A project counts young people, never names them: a number from 1 to 500. */
export const NOMBRE_JEUNES_MAX = 500;
/** The first day a project may have started: the network's history goes back to 2015. */
export const DEBUT_MIN = "2015-01-01";

/**
 * The form of a young people's project. Every free text goes through the identifying-data guard
 * (a project never names a young person); `aujourdhui` bounds the start day (not in the future).
 */
export function projetSchema(aujourdhui: JourCivil) {
  const min = parseJourIso(DEBUT_MIN) as JourCivil;
  return z.object({
    titre: texteLibre({ max: TITRE_MAX, requis: true, messageRequis: "Donnez un titre au projet." }),
    theme: z.enum(THEMES, { message: "Choisissez le thème du projet." }),
    forme: z.enum(PROJET_FORMES, { message: "Indiquez si le projet est individuel ou collectif." }),
    nombreJeunes: z.string({ message: "Indiquez combien de jeunes portent le projet." }).transform((value, ctx) => {
      const saisie = value.replace(/[\s\u00a0\u202f]/g, "");
      const n = /^\d{1,4}$/.test(saisie) ? Number(saisie) : Number.NaN;
      if (!Number.isInteger(n) || n < 1 || n > NOMBRE_JEUNES_MAX) {
        ctx.addIssue({
          code: "custom",
          message: `Le nombre de jeunes est un nombre entier entre 1 et ${formatNumber(NOMBRE_JEUNES_MAX)}.`,
        });
        return z.NEVER;
      }
      return n;
    }),
    etat: z.enum(PROJET_ETATS, { message: "Indiquez où en est le projet." }),
    debutLe: z.string({ message: "Indiquez quand le projet a commencé." }).transform((value, ctx) => {
      const jour = parseJourIso(value);
      if (!jour) {
        ctx.addIssue({ code: "custom", message: "Cette date n'existe pas (format attendu : JJ/MM/AAAA)." });
        return z.NEVER;
      }
      if (comparerJours(jour, aujourdhui) > 0) {
        ctx.addIssue({ code: "custom", message: "Le début du projet ne peut pas être dans le futur." });
        return z.NEVER;
      }
      if (comparerJours(jour, min) < 0) {
        ctx.addIssue({ code: "custom", message: "Le début du projet ne peut pas être antérieur au 1er janvier 2015." });
        return z.NEVER;
      }
      return formatJourIso(jour);
    }),
    partenaires: texteLibre({ max: PARTENAIRES_MAX }),
    description: texteLibre({ max: DESCRIPTION_MAX }),
    /** A checkbox: sent as "on" when ticked, absent otherwise. */
    besoinSoutien: z
      .string()
      .optional()
      .transform((value) => value === "on"),
  });
}

export type ProjetInput = z.output<ReturnType<typeof projetSchema>>;
