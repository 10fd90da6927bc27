import { texteLibre } from "~/domain/confidentialite/texte-libre.schema";
import { PARTENAIRES } from "~/domain/rapports/rapport.labels";
import { comparerJours, formatJourIso, type JourCivil, parseJourIso } from "~/lib/jour";
import { z } from "~/lib/zod";
import { SITUATION_ACTIONS, SITUATION_CATEGORIES, SITUATION_SUIVIS } from "./situation.labels";
import { DATE_MIN, NOTE_MAX, partenaireRequis } from "./situation.rules";

const PREMIER_JOUR = parseJourIso(DATE_MIN) as JourCivil;

/**
 * The form of a situation of concern. Nothing in it names the young person: no name, no age, and
 * the one free text (the note) is refused when it carries identifying data. `aujourdhui` bounds
 * the date: a situation is not dated in the future.
 */
export function situationSchema(aujourdhui: JourCivil) {
  return z
    .object({
      date: z.string({ message: "Indiquez la date de la situation." }).transform((value, ctx) => {
        const jour = parseJourIso(value);
        if (!jour) {
          ctx.addIssue({ code: "custom", message: "Cette date n'existe pas (format attendu\u00a0: JJ/MM/AAAA)." });
          return z.NEVER;
        }
        if (comparerJours(jour, aujourdhui) > 0) {
          ctx.addIssue({ code: "custom", message: "La date de la situation ne peut pas être dans le futur." });
          return z.NEVER;
        }
        if (comparerJours(jour, PREMIER_JOUR) < 0) {
          ctx.addIssue({ code: "custom", message: "La date de la situation ne peut pas être antérieure à 2015." });
          return z.NEVER;
        }
        return formatJourIso(jour);
      }),
      categorie: z.enum(SITUATION_CATEGORIES, { message: "Choisissez la catégorie de la situation." }),
      actions: z
        .array(z.enum(SITUATION_ACTIONS, { message: "Choisissez des actions de la liste." }), {
          message: "Cochez au moins une action menée.",
        })
        .min(1, { message: "Cochez au moins une action menée." })
        // In the order of the list, once each.
        .transform((actions) => SITUATION_ACTIONS.filter((a) => actions.includes(a))),
      partenaire: z
        .enum(PARTENAIRES, { message: "Choisissez un type de partenaire de la liste." })
        .optional()
        .transform((value) => value ?? null),
      suivi: z.enum(SITUATION_SUIVIS, { message: "Choisissez l'état du suivi." }),
      note: texteLibre({ max: NOTE_MAX }),
    })
    .superRefine((value, ctx) => {
      if (value.partenaire === null && partenaireRequis(value.actions)) {
        ctx.addIssue({
          code: "custom",
          path: ["partenaire"],
          message:
            "Indiquez le type de partenaire alerté\u00a0: une orientation ou une information préoccupante s'adresse à un service.",
        });
      }
    });
}

export type SituationInput = z.output<ReturnType<typeof situationSchema>>;
