import { DECISION_ETATS } from "~/domain/regroupements/regroupement.labels";
import { formatJourIso, parseJourIso } from "~/lib/jour";
import { z } from "~/lib/zod";
import { ligne, texteFacultatif } from "./comite.schema";

export const DECISION_TEXTE_MAX = 1000;
export const RESPONSABLE_MAX = 160;
export const NOTE_MAX = 1000;

/**
 * A decision recorded at a committee meeting. That its due date is not before the meeting is
 * checked by `createDecision`, which reads the meeting.
 */
export const decisionSchema = z.object({
  texte: z
    .string({ message: "Écrivez la décision." })
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(3, { message: "Écrivez la décision." })
        .max(DECISION_TEXTE_MAX, { message: `${DECISION_TEXTE_MAX} caractères au plus.` }),
    ),
  responsable: ligne(RESPONSABLE_MAX, "Indiquez qui porte la décision."),
  echeance: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const saisie = value?.trim() ?? "";
      if (saisie === "") return null;
      const jour = parseJourIso(saisie);
      if (!jour) {
        ctx.addIssue({ code: "custom", message: "Donnez une date valide (jj/mm/aaaa)." });
        return z.NEVER;
      }
      return formatJourIso(jour);
    }),
});
export type DecisionInput = z.output<typeof decisionSchema>;

/** A follow-up: the (possibly unchanged) state, a note, the meeting where it was followed up. */
export const suiviSchema = z.object({
  decisionId: z.uuid({ message: "Décision inconnue." }),
  etat: z.enum(DECISION_ETATS, { message: "Choisissez l'état de la décision." }),
  note: texteFacultatif(NOTE_MAX),
  regroupementId: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .pipe(z.uuid({ message: "Choisissez une réunion de la liste." }).nullable()),
  version: z.coerce.number({ message: "Version inconnue." }).int().min(1),
});
export type SuiviInput = z.output<typeof suiviSchema>;
