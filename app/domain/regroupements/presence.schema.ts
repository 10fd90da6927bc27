import { texteLibre } from "~/domain/confidentialite/texte-libre.schema";
import { z } from "~/lib/zod";
import { PRESENCES } from "./regroupement.labels";

/** Fewest characters of the reason for changing an old gathering's attendance. */
export const MOTIF_MIN = 5;

/**
 * The reason for changing the attendance of a gathering ended more than 30 days ago: required,
 * 5 characters at least, checked for identifying data; it goes to the journal.
 */
export const motifPresenceSchema = texteLibre({
  max: 500,
  requis: true,
  messageRequis: "Ce regroupement est terminé depuis plus de 30 jours : indiquez pourquoi vous modifiez les présences.",
}).refine((texte) => texte.length >= MOTIF_MIN, {
  message: `Le motif doit compter au moins ${MOTIF_MIN} caractères.`,
});

export const presenceSchema = z.enum(PRESENCES, { error: "Choisissez présent, excusé ou absent." });

/** The field a refusal of attendance (before the start, cancelled, not invited) is shown on: above the list. */
export const CHAMP_PRESENCE = "presence";
export const CHAMP_MOTIF = "motif";
