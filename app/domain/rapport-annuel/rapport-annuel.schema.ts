import { texteLibre } from "~/domain/confidentialite/texte-libre.schema";
import { z } from "~/lib/zod";

/** The form field of the version read (a conflict is reported on it). */
export const CHAMP_VERSION = "version";

/** The longest foreword, in characters (about a page). */
export const INTRODUCTION_MAX = 4000;
/** The most highlights kept in a report. */
export const FAITS_MARQUANTS_MAX = 60;

/**
 * The coordinator's choices for a year's report: the foreword (checked for identifying data like
 * the report highlights) and the highlights kept (report ids; the command checks they are the
 * year's). `version` is the one the form was read at (0 before the first save).
 */
export const rapportAnnuelSchema = z.object({
  introduction: texteLibre({ max: INTRODUCTION_MAX }),
  faitsMarquants: z
    .array(z.uuid({ message: "Choisissez des faits marquants de la liste." }))
    .max(FAITS_MARQUANTS_MAX, `Pas plus de ${FAITS_MARQUANTS_MAX} faits marquants.`)
    .default([]),
  version: z.coerce.number({ message: "Version inconnue." }).int().min(0),
});

export type RapportAnnuelInput = z.infer<typeof rapportAnnuelSchema>;
