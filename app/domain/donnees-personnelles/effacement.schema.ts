import { z } from "~/lib/zod";

/** The word typed to confirm an erasure. */
export const MOT_CONFIRMATION = "EFFACER";

/** The confirmation step of an erasure: the coordinator types the word, so that no click erases by mistake. */
export const effacementSchema = z.object({
  confirmation: z
    .string({ message: `Tapez ${MOT_CONFIRMATION} pour confirmer l'effacement.` })
    .trim()
    .refine((v) => v.toUpperCase() === MOT_CONFIRMATION, {
      message: `Tapez ${MOT_CONFIRMATION} pour confirmer l'effacement.`,
    }),
});
